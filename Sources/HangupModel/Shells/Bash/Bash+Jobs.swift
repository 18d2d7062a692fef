// bash's job table: starting jobs, noticing children (waitchld), job notifications
// before the prompt, and handing the terminal around (give_terminal_to).

extension World where Shell == Bash {
  var shellAlive: Bool { isLive(shellPid) }

  /// bash prints a line, about one of its jobs if `job` is given.
  mutating func shellPrints(_ line: String, rule: RuleID, job: BashJob? = nil) {
    shellOutput.append(line)
    note(.shell(.printed(line, job: job?.scenarioJob)), from: .shell, rule, about: job?.pids.first)
  }

  /// A job-state line as bash's `pretty_print_job` formats it.
  func jobLine(_ job: BashJob, status: String) -> String {
    let marker = job.number == shell.currentJobNumber ? "+" : (shell.jobs.count > 1 ? "-" : " ")
    let padded = status + String(repeating: " ", count: max(1, 24 - status.count))
    return "[\(job.number)]\(marker)  \(padded)\(job.text)"
  }

  /// A line of `jobs` output: running jobs show their trailing `&`.
  func listingLine(_ job: BashJob) -> String {
    job.state == .stopped ? jobLine(job, status: "Stopped") : jobLine(job, status: "Running") + " &"
  }

  /// `argv[0]`-style name bash uses in its own error messages.
  var bashName: String { shell.login ? "-bash" : "bash" }

  /// The user types the command line that starts scenario job `number`.
  mutating func bashStartJob(_ spec: JobSpec, number: Int) {
    note(.user(.typed(TypedLine(spec.commandLine, purpose: .startJob(job: number)))), from: .user, .userTypes)
    shell.shift(to: .other)
    let launched = launchJob(
      spec, number: number, rules: JobStartRules(fork: .bashJobStart, subshell: .bashSubshellAsync))
    let jobNumber = shell.nextJobNumber
    let pgid = self[launched.shellChildren[0]].pgid
    let record = BashJob(
      number: jobNumber, pgid: pgid, pids: launched.shellChildren, text: spec.jobText,
      state: .running, scenarioJob: number)
    shell.append(record)
    if spec.typedInForeground {
      shell.waitingFor = jobNumber
      if shell.dialect.parentGivesTerminalToForegroundJob {
        giveTerminal(to: pgid, because: .foregroundJob)
      } else {
        childTakesTerminal(pgid)
      }
    } else {
      shellPrints("[\(jobNumber)] \(launched.shellChildren.last ?? pgid)", rule: .bashJobStart, job: record)
      shell.lastStatus = 0
      shellBeforePrompt()
    }
    settle()
    finishLaunch(spec, launched)
    if spec.state == .stopped {
      typeControlKey(.suspend)
      settle()
    }
    if spec.launch == .disown || spec.launch == .disownH, let slot = shell.slot(ofScenarioJob: number) {
      disownBuiltin(job: shell.jobs[slot].number, nohupOnly: spec.launch == .disownH)
      settle()
    }
  }

  /// `notify_and_cleanup`, which bash runs just before printing each prompt: report
  /// background jobs that ended and drop them from the table. A job that ends while
  /// the prompt is already shown stays in the table (as dead) until the next prompt.
  mutating func shellBeforePrompt() {
    guard shellAlive, !shell.busy, shell.unreported > 0 else { return }
    shell.unreported = 0
    for (i, job) in shell.jobs.enumerated() where job.notifyPending && job.state == .stopped {
      shellPrints(jobLine(job, status: "Stopped"), rule: .bashJobStopped, job: job)
      shell.jobs[i].notifyPending = false
    }
    var slot = 0
    while slot < shell.jobs.count {
      let job = shell.jobs[slot]
      guard job.state == .dead else {
        slot += 1
        continue
      }
      let status: String
      switch process(job.pids[job.pids.count - 1])?.fate ?? .alive {
      case .killed(let signal):
        status =
          signal == .int
          ? "Interrupt"
          : (signal == .term
            ? "Terminated" : (signal == .hup ? "Hangup" : (signal == .kill ? "Killed" : signal.description)))
      case .exited(let code): status = code == 0 ? "Done" : "Exit \(code)"
      case .alive: status = "Done"
      }
      shellPrints(jobLine(job, status: status), rule: .bashJobStopped, job: job)
      slot += 1
    }
    var kept = 0
    for i in shell.jobs.indices {
      if shell.jobs[i].state == .dead {
        shell.forgetPids(ofSlot: i)
      } else {
        shell.jobs[kept] = shell.jobs[i]
        kept += 1
      }
    }
    shell.jobs.removeLast(shell.jobs.count - kept)
  }

  // MARK: - Children

  /// bash's SIGCHLD handling (`waitchld`): update the job's recorded state.
  mutating func shellNoticesChild(_ pid: Int) {
    guard !shell.busy, shellAlive, let slot = shell.slot(ofPid: pid) else { return }
    var job = shell.jobs[slot]
    var liveCount = 0
    var allStopped = true
    for member in job.pids {
      guard let i = index(of: member), processes[i].isLive else { continue }
      liveCount += 1
      if processes[i].state != .stopped { allStopped = false }
    }
    let newState: JobRecordState
    if liveCount == 0 {
      newState = .dead
    } else if allStopped {
      newState = .stopped
    } else if job.state == .stopped && !shell.dialect.noticesContinuedJobs {
      newState = .stopped
    } else {
      newState = .running
    }
    guard newState != job.state else { return }
    job.state = newState
    shell.jobs[slot] = job
    let foreground = shell.waitingFor == job.number
    switch newState {
    case .stopped:
      note(.shell(.recordsStopped(job: job.number, pid: pid)), from: .shell, .bashJobStopped, about: pid)
      if foreground {
        shellPrints(jobLine(job, status: "Stopped"), rule: .bashJobStopped, job: job)
      } else {
        shell.jobs[slot].notifyPending = true
        shell.unreported += 1
      }
      if foreground {
        shell.waitingFor = nil
        shell.lastStatus = shell.dialect.stoppedJobSetsStatus ? 128 + profile.number(of: .tstp) : 0
        giveTerminal(to: self[shellPid].pgid, because: .jobStopped)
        shellBeforePrompt()
      }
    case .dead:
      if foreground {
        shell.waitingFor = nil
        switch process(job.pids[job.pids.count - 1])?.fate ?? .alive {
        case .killed(let signal): shell.lastStatus = 128 + profile.number(of: signal)
        case .exited(let status): shell.lastStatus = status
        case .alive: break
        }
        giveTerminal(to: self[shellPid].pgid, because: .jobFinished)
        shell.remove(slot: slot)
        shellBeforePrompt()
      } else {
        shell.unreported += 1
      }
    case .running:
      break
    }
  }

  // MARK: - The terminal

  /// Whether `tcsetpgrp` on bash's terminal would succeed now (bash and its children
  /// share that controlling terminal).
  var terminalGroupCanBeSet: Bool {
    guard let i = index(of: shellPid) else { return false }
    return processes[i].hasControllingTerminal && terminal.session == processes[i].sid && !terminal.revoked
  }

  /// `give_terminal_to`: make a group the terminal's foreground group.
  mutating func giveTerminal(to pgid: Int, because reason: TerminalHandover) {
    guard terminalGroupCanBeSet else { return }
    let own = pgid == self[shellPid].pgid
    shell.terminalPgrp = pgid
    guard terminal.foregroundGroup != pgid else { return }
    terminal.foregroundGroup = pgid
    note(
      .shell(.givesTerminal(group: pgid, ownGroup: own, because: reason)), from: .shell,
      own ? .bashGiveTerminalBack : .bashJobStart, about: own ? shellPid : nil)
  }

  /// bash 5.3: the job's first process makes its own group the foreground group
  /// (`make_child` → `give_terminal_to` in the child); the parent's `terminal_pgrp` is
  /// left as it was.
  mutating func childTakesTerminal(_ pgid: Int) {
    guard terminalGroupCanBeSet, terminal.foregroundGroup != pgid else { return }
    terminal.foregroundGroup = pgid
    note(.shell(.childTakesTerminal(group: pgid)), from: .shell, .bashJobStart, about: pgid)
  }
}
