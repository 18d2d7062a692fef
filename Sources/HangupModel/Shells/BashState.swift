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
  /// The job table, in slot order; a removed job leaves no slot.
  var jobs: [BashJob] = []
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

  func job(_ number: Int) -> BashJob? { jobs.first(where: { $0.number == number }) }

  func slot(ofPid pid: Int) -> Int? { jobs.firstIndex(where: { $0.pids.contains(pid) }) }

  var nextJobNumber: Int { (jobs.map(\.number).max() ?? 0) + 1 }

  /// The job `%+` refers to: the most recently stopped job, else the newest.
  var currentJobNumber: Int? {
    jobs.last(where: { $0.state == .stopped })?.number ?? jobs.last?.number
  }

  /// `execute_simple_command` shifts the builtin pair before each simple command.
  mutating func shift(to builtin: Builtin) {
    lastBuiltin = thisBuiltin
    thisBuiltin = builtin
  }
}
