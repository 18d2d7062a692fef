/// The builtins that matter for bash's exit checks (`last_shell_builtin`).
enum Builtin: String, Sendable {
  case exit, logout, jobs, disown, bg, fg, kill
  /// An external command or function (`this_shell_builtin = NULL`).
  case other
}

/// bash's own record of a job's state (`jobs[i]->state`), which can lag the kernel.
enum JobRecordState: String, Sendable {
  case running, stopped, dead
}

/// One slot of bash's job table.
struct BashJob: Sendable {
  var number: Int
  var pgid: Int
  var pids: [Int]
  /// The text bash shows in job listings.
  var text: String
  var state: JobRecordState
  /// `J_NOHUP`, set by `disown -h`.
  var noHangup = false
  /// The scenario job this slot belongs to.
  var scenarioJob: Int
  /// A state change bash has recorded but not reported yet (it reports before a prompt).
  var notifyPending = false
}

/// The interactive bash process's internal state.
struct BashState: Sendable {
  let dialect: BashDialect
  var pid = 0
  /// `login_shell`: started with a leading `-` in argv[0].
  var login: Bool
  /// `hup_on_exit` (`shopt huponexit`).
  var huponexit: Bool
  /// `check_jobs_at_exit` (`shopt checkjobs`, 4.0+).
  var checkjobs: Bool
  /// `interactive_shell`: started interactive.
  let interactiveShell = true
  /// `interactive`: the current context is interactive (not a trap or sourced file).
  var interactive = true
  /// `job_control` (`set -m`).
  var jobControl = true
  /// The job table, in slot order, which is job-number order; a removed job leaves no slot.
  var jobs: [BashJob] = []
  /// The job number of each process bash started, for SIGCHLD; kept only once the table
  /// is large (a small one is scanned).
  var jobOfPid: [Int: Int]?
  /// Jobs recorded as dead or with an unreported stop: bash reports them before a prompt.
  var unreported = 0
  var lastBuiltin: Builtin = .other
  var thisBuiltin: Builtin = .other
  /// `$?`.
  var lastStatus = 0
  /// `terminal_pgrp`: the group bash last gave the terminal to (nil: its own group, as
  /// `initialize_job_control` left it). bash's record, which can differ from the terminal's.
  var terminalPgrp: Int?
  /// The job bash is waiting for in the foreground.
  var waitingFor: Int?
  /// bash is inside a sequence it runs without returning to its prompt (a signal
  /// handler or exit_shell); it does not look at its children meanwhile.
  var busy = false

  init(dialect: BashDialect, login: Bool, huponexit: Bool, checkjobs: Bool) {
    self.dialect = dialect
    self.login = login
    self.huponexit = huponexit
    self.checkjobs = checkjobs
  }

  /// The slot of job `number` (binary search: slots are in number order).
  func slot(ofJob number: Int) -> Int? {
    var low = 0
    var high = jobs.count - 1
    while low <= high {
      let mid = (low + high) >> 1
      if jobs[mid].number == number { return mid }
      if jobs[mid].number < number { low = mid + 1 } else { high = mid - 1 }
    }
    return nil
  }

  func job(_ number: Int) -> BashJob? { slot(ofJob: number).map { jobs[$0] } }

  func slot(ofPid pid: Int) -> Int? {
    if let jobOfPid { return jobOfPid[pid].flatMap { slot(ofJob: $0) } }
    return jobs.firstIndex { $0.pids.contains(pid) }
  }

  /// The slot of the job started for a scenario job.
  func slot(ofScenarioJob job: Int) -> Int? { jobs.firstIndex(where: { $0.scenarioJob == job }) }

  var nextJobNumber: Int { (jobs.last?.number ?? 0) + 1 }

  /// The job `%+` refers to: the most recently stopped job, else the newest.
  var currentJobNumber: Int? {
    jobs.last(where: { $0.state == .stopped })?.number ?? jobs.last?.number
  }

  mutating func append(_ job: BashJob) {
    jobs.append(job)
    if jobOfPid != nil {
      for pid in job.pids { jobOfPid?[pid] = job.number }
    } else if jobs.count > 16 {
      var index: [Int: Int] = [:]
      for j in jobs { for pid in j.pids { index[pid] = j.number } }
      jobOfPid = index
    }
  }

  mutating func remove(slot: Int) {
    if jobOfPid != nil { for pid in jobs[slot].pids { jobOfPid?[pid] = nil } }
    jobs.remove(at: slot)
  }

  /// Forgets the pids of a job leaving the table (by index rebuild elsewhere).
  mutating func forgetPids(ofSlot slot: Int) {
    if jobOfPid != nil { for pid in jobs[slot].pids { jobOfPid?[pid] = nil } }
  }

  /// `execute_simple_command` shifts the builtin pair before each simple command.
  mutating func shift(to builtin: Builtin) {
    lastBuiltin = thisBuiltin
    thisBuiltin = builtin
  }
}
