// The interactive bash: its job table, its exit/logout/EOF path, its SIGHUP handler,
// and the builtins a scenario can use. Version differences come from `BashDialect`.

/// What came of an attempt to leave the shell at its prompt.
enum ExitAttempt: Equatable {
  case exited
  case warned
  case refused
}

extension World {
  var shellPid: Int { shell.pid }
  var shellAlive: Bool { process(shell.pid)?.isLive ?? false }

  mutating func shellPrints(_ line: String, rule: RuleID, job: Int? = nil) {
    shellOutput.append(line)
    record(.note, from: .shell, rule: rule, target: job.flatMap { jobTarget($0) }, "bash prints \"\(line)\"")
  }

  private func jobTarget(_ scenarioJob: Int) -> Target? {
    guard let pid = processes.first(where: { $0.jobNumber == scenarioJob })?.pid else { return nil }
    return target(pid, viaGroup: false)
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

  /// `notify_and_cleanup`, which bash runs just before printing each prompt: report
  /// background jobs that ended and drop them from the table. A job that ends while
  /// the prompt is already shown stays in the table (as dead) until the next prompt.
  mutating func shellBeforePrompt() {
    guard shellAlive, !shell.busy else { return }
    for (i, job) in shell.jobs.enumerated() where job.notifyPending && job.state == .stopped {
      shellPrints(jobLine(job, status: "Stopped"), rule: .bashJobStopped, job: job.scenarioJob)
      shell.jobs[i].notifyPending = false
    }
    for job in shell.jobs where job.state == .dead {
      let last = process(job.pids.last!)!
      let status: String
      switch last.fate {
      case .killed(let signal):
        status = signal == .int ? "Interrupt" : (signal == .term ? "Terminated" : (signal == .hup ? "Hangup" : (signal == .kill ? "Killed" : signal.description)))
      case .exited(let code): status = code == 0 ? "Done" : "Exit \(code)"
      case .alive: status = "Done"
      }
      shellPrints(jobLine(job, status: status), rule: .bashJobStopped, job: job.scenarioJob)
    }
    shell.jobs.removeAll(where: { $0.state == .dead })
  }

  // MARK: - Children

  /// bash's SIGCHLD handling (`waitchld`): update the job's recorded state.
  mutating func shellNoticesChild(_ pid: Int) {
    guard !shell.busy, shellAlive, let slot = shell.slot(ofPid: pid) else { return }
    var job = shell.jobs[slot]
    let members = job.pids.compactMap { process($0) }
    let live = members.filter(\.isLive)
    let newState: JobRecordState
    if live.isEmpty {
      newState = .dead
    } else if live.allSatisfy({ $0.state == .stopped }) {
      newState = .stopped
    } else if job.state == .stopped && !dialect.noticesContinuedJobs {
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
      note(from: .shell, .bashJobStopped, about: pid, "bash sees job \(job.number) stop and records it as stopped")
      if foreground {
        shellPrints(jobLine(job, status: "Stopped"), rule: .bashJobStopped, job: job.scenarioJob)
      } else {
        shell.jobs[slot].notifyPending = true
      }
      if foreground {
        shell.waitingFor = nil
        shell.lastStatus = dialect.stoppedJobSetsStatus ? 128 + profile.number(of: .tstp) : 0
        giveTerminal(to: self[shellPid].pgid, why: "the foreground job stopped")
        shellBeforePrompt()
      }
    case .dead:
      let last = process(job.pids.last!)!
      if foreground {
        shell.waitingFor = nil
        switch last.fate {
        case .killed(let signal): shell.lastStatus = 128 + profile.number(of: signal)
        case .exited(let status): shell.lastStatus = status
        case .alive: break
        }
        giveTerminal(to: self[shellPid].pgid, why: "the foreground job finished")
        shell.jobs.remove(at: slot)
        shellBeforePrompt()
      }
    case .running:
      break
    }
  }

  /// Whether `tcsetpgrp` on bash's terminal would succeed now (bash and its children
  /// share that controlling terminal).
  var terminalGroupCanBeSet: Bool {
    guard let me = process(shellPid) else { return false }
    return me.hasControllingTerminal && terminal.session == me.sid && !terminal.revoked
      && (!terminal.hungUp || profile.family == .netbsd)
  }

  /// `give_terminal_to`: make a group the terminal's foreground group.
  mutating func giveTerminal(to pgid: Int, why: String) {
    guard terminalGroupCanBeSet else { return }
    let me = self[shellPid]
    shell.terminalPgrp = pgid
    guard terminal.foregroundGroup != pgid else { return }
    terminal.foregroundGroup = pgid
    let whose = pgid == me.pgid ? "its own group" : "group \(pgid)"
    note(from: .shell, pgid == me.pgid ? .bashGiveTerminalBack : .bashJobStart, about: pgid == me.pgid ? shellPid : nil,
         "bash makes \(whose) the foreground group of \(terminal.name) (\(why))")
  }

  // MARK: - Running

  /// bash gets the CPU with signals pending: its handlers run.
  mutating func runShell() {
    let handled = deliverPending(shellPid)
    for signal in handled where shellAlive && !shell.busy {
      guard signal == .hup else { continue }
      if dialect.readlineCatchesSIGHUP && shell.waitingFor == nil {
        // readline is reading the command line: its own handler runs first, cleans up
        // the terminal, puts bash's handler back and sends the signal again.
        send(.hup, to: shellPid, from: .shell, sender: shellPid, rule: .bashReadlineResend,
             "readline catches SIGHUP at the prompt, restores bash's handler and re-sends it: kill(getpid(), SIGHUP)")
        let again = deliverPending(shellPid)
        guard again.contains(.hup), shellAlive else { continue }
      }
      terminatingSignalHandler(signal)
    }
  }


  // MARK: - Leaving the shell

  /// `exit`, `logout` or ^D typed at the prompt (`exit_builtin`, `logout_builtin`,
  /// `handle_eof_input_unit` → `exit_or_logout`).
  mutating func shellLeaveCommand(_ end: SessionEnd) -> ExitAttempt {
    if let reader = otherTerminalReader() {
      // A job outside job control (setsid) is blocked reading the same terminal: it takes
      // the typed line and bash never sees it.
      let typed = end == .eof ? "^D" : "`\(end.rawValue)`"
      note(from: .user, end == .eof ? .userControlKey : .userTypes, "the user types \(typed)")
      note(from: .terminal, .ttyForegroundRead, about: reader,
           "\(label(of: reader)) is also reading \(terminal.name) and takes the input; bash never sees \(typed)")
      return .refused
    }
    switch end {
    case .logout:
      note(from: .user, .userTypes, "the user types `logout`")
      shell.shift(to: .logout)
      if !shell.login {
        shellPrints("bash: logout: not login shell: use `exit'", rule: .bashLogoutNotLogin)
        shell.lastStatus = 1
        shellBeforePrompt()
        return .refused
      }
    case .exit:
      note(from: .user, .userTypes, "the user types `exit`")
      shell.shift(to: .exit)
      if shell.interactive { shellPrints(shell.login ? "logout" : "exit", rule: .bashExitBuiltin) }
    case .eof:
      note(from: .user, .userControlKey, "the user presses ^D at the prompt")
      if dialect.eofShiftsBuiltins { shell.shift(to: .exit) }
      note(from: .shell, .bashEOF, about: shellPid, "end of file at the prompt: bash runs the exit builtin")
      if shell.interactive { shellPrints(shell.login ? "logout" : "exit", rule: .bashExitBuiltin) }
    case .hangup, .killHup:
      preconditionFailure("not typed at the prompt")
    }
    let immediate = !shell.interactive || [.exit, .logout, .jobs].contains(shell.lastBuiltin)
    if !immediate {
      let stopped = shell.jobs.contains { $0.state == .stopped }
      let running = dialect.hasCheckjobs && shell.checkjobs && shell.jobs.contains { $0.state == .running }
      if stopped || running {
        shellPrints(stopped ? "There are stopped jobs." : "There are running jobs.",
                    rule: stopped ? .bashStoppedJobsWarning : .bashRunningJobsWarning)
        if shell.checkjobs && dialect.hasCheckjobs {
          for job in shell.jobs where job.state != .dead {
            shellPrints(listingLine(job), rule: .bashRunningJobsWarning, job: job.scenarioJob)
          }
        }
        shell.thisBuiltin = .exit
        shell.lastBuiltin = .exit
        // A typed exit/logout is a command whose status is 1; ^D runs the builtin outside
        // any command, so $? keeps the previous command's status.
        if end != .eof { shell.lastStatus = 1 }
        shellBeforePrompt()
        return .warned
      }
    } else if shell.lastBuiltin != .other || shell.jobs.contains(where: { $0.state == .stopped }) {
      let previous = shell.lastBuiltin == .jobs ? "`jobs`" : "the `exit`/`logout` that warned (it set last_shell_builtin to exit_builtin)"
      note(from: .shell, .bashStoppedJobsWarning, about: shellPid,
           "no warning this time: the previous command was \(previous), so bash leaves at once")
    }
    exitShell(status: shell.lastStatus)
    return .exited
  }

  /// `exit_shell`: huponexit, then end_job_control, then the process exits.
  mutating func exitShell(status: Int) {
    shell.busy = true
    note(from: .shell, .bashExitShell, about: shellPid, "bash runs exit_shell(\(status))")
    if shell.interactiveShell && shell.login && shell.huponexit {
      note(from: .shell, .bashHuponexit, about: shellPid,
           "huponexit is on and this is an interactive login shell: bash hangs up all jobs")
      hangupAllJobs()
    } else if shell.huponexit {
      note(from: .shell, .bashHuponexit, about: shellPid,
           "huponexit is on, but this is not a login shell: exit_shell does not hang up the jobs")
    }
    endJobControl()
    exitProcess(shellPid, fate: .exited(status: status))
  }

  /// `end_job_control`: stopped jobs get SIGTERM and SIGCONT (under the release's
  /// condition), and the terminal goes back to the shell's original group.
  mutating func endJobControl() {
    let condition: Bool
    switch dialect.endJobControl {
    case .interactiveShell: condition = shell.interactiveShell
    case .interactiveShellOrJobControl: condition = shell.interactiveShell || shell.jobControl
    case .jobControl: condition = shell.jobControl
    }
    if condition {
      terminateStoppedJobs()
    }
    let original = self[shellPid].pgid
    if (shell.terminalPgrp ?? original) != original {
      giveTerminal(to: original, why: "end_job_control restores the original process group")
    } else if terminalGroupCanBeSet, let fg = terminal.foregroundGroup, fg != original {
      note(from: .shell, .bashGiveTerminalBack, about: shellPid,
           "end_job_control: bash's terminal_pgrp already names its own group (the job's child took the terminal), so it does not call give_terminal_to; group \(fg) keeps \(terminal.name)")
    }
  }

  /// bash 5.3: the job's first process makes its own group the foreground group
  /// (`make_child` → `give_terminal_to` in the child); the parent's `terminal_pgrp` is
  /// left as it was.
  mutating func childTakesTerminal(_ pgid: Int) {
    guard terminalGroupCanBeSet, terminal.foregroundGroup != pgid else { return }
    terminal.foregroundGroup = pgid
    note(from: .shell, .bashJobStart, about: pgid,
         "the job's process makes its group \(pgid) the foreground group of \(terminal.name); bash \(dialect.version) leaves this to the child, so bash's terminal_pgrp still names its own group")
  }

  /// `hangup_all_jobs`: SIGHUP to each job, SIGCONT after it to a stopped one.
  mutating func hangupAllJobs() {
    if shell.jobs.isEmpty {
      note(from: .shell, .bashHangupAllJobs, about: shellPid, "hangup_all_jobs: the job table is empty")
    }
    for job in shell.jobs {
      let stopped = job.state == .stopped
      switch dialect.nohupJobs {
      case .skipEntirely:
        if job.noHangup {
          note(from: .shell, .bashHangupAllJobs, about: job.pids.first,
               "hangup_all_jobs skips job \(job.number): it is marked J_NOHUP (disown -h)")
          continue
        }
        send(.hup, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashHangupAllJobs,
             "hangup_all_jobs: killpg(\(job.pgid), SIGHUP) for job \(job.number)")
        if stopped {
          send(.cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashHangupAllJobs,
               "hangup_all_jobs: job \(job.number) is stopped, killpg(\(job.pgid), SIGCONT)")
        }
      case .continueIfStopped:
        if job.noHangup {
          note(from: .shell, .bashHangupAllJobs, about: job.pids.first,
               "hangup_all_jobs sends no SIGHUP to job \(job.number): it is marked J_NOHUP (disown -h)")
        } else {
          send(.hup, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashHangupAllJobs,
               "hangup_all_jobs: killpg(\(job.pgid), SIGHUP) for job \(job.number)")
        }
        if stopped {
          send(.cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashHangupAllJobs,
               "hangup_all_jobs: job \(job.number) is stopped, killpg(\(job.pgid), SIGCONT)"
                 + (job.noHangup ? " — before 3.2 even a J_NOHUP job gets it" : ""))
        }
      }
    }
  }

  /// `terminate_stopped_jobs`: SIGTERM then SIGCONT to every job recorded as stopped.
  mutating func terminateStoppedJobs() {
    for job in shell.jobs where job.state == .stopped {
      send(.term, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashTerminateStopped,
           "terminate_stopped_jobs: job \(job.number) is stopped, killpg(\(job.pgid), SIGTERM)")
      send(.cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashTerminateStopped,
           "terminate_stopped_jobs: killpg(\(job.pgid), SIGCONT)")
    }
  }

  /// bash's terminating-signal handler (`termination_unwind_protect` up to 3.1,
  /// `termsig_handler` from 3.2).
  mutating func terminatingSignalHandler(_ signal: Signal) {
    shell.busy = true
    let when = dialect.deferredTerminatingSignals
      ? "the handler records it and termsig_handler runs at the next check point"
      : "the handler does the work at once"
    note(from: .shell, .bashSighupHandler, about: shellPid, "bash got \(signal): \(when)")
    if shell.interactive && signal == .hup {
      hangupAllJobs()
    }
    endJobControl()
    // bash still runs the EXIT trap, restores its signal state and cleans up before it
    // kills itself; meanwhile the jobs it signalled run on the other CPU until they block:
    // handlers run, and a reader continued by bash reads again (a background one is
    // stopped by SIGTTIN while its group is not yet orphaned). The signals of
    // hangup_all_jobs and terminate_stopped_jobs go out back to back, so a stopped job
    // takes them together. Decisions.md §2.
    if profile.family != .netbsd { settle(except: shellPid) }
    var me = self[shellPid]
    me.dispositions[signal.name] = .default
    self[shellPid] = me
    send(signal, to: shellPid, from: .shell, sender: shellPid, rule: .bashSelfKill,
         "bash resets \(signal) to SIG_DFL and sends it to itself")
    if let dying = self[shellPid].dyingOf {
      exitProcess(shellPid, fate: .killed(by: dying))
    } else if shellAlive {
      // The signal is pending and unblocked: it is taken on return from kill().
      deliverPending(shellPid)
    }
  }

  // MARK: - Builtins used by scenarios

  mutating func disownBuiltin(job number: Int, nohupOnly: Bool) {
    note(from: .user, .userTypes, "the user types `disown\(nohupOnly ? " -h" : "") %\(number)`")
    shell.shift(to: .disown)
    shell.lastStatus = 0
    guard let slot = shell.jobs.firstIndex(where: { $0.number == number }) else { return }
    let job = shell.jobs[slot]
    if nohupOnly {
      shell.jobs[slot].noHangup = true
      note(from: .shell, .bashDisownNohup, about: job.pids.first,
           "bash marks job \(number) J_NOHUP: it stays in the job table but hangup_all_jobs will send it no SIGHUP")
      shellBeforePrompt()
      return
    }
    if job.state == .stopped {
      shellPrints("\(shell.login ? "-bash" : "bash"): warning: deleting stopped job \(number) with process group \(job.pgid)",
                  rule: .bashDisown, job: job.scenarioJob)
    }
    shell.jobs.remove(at: slot)
    note(from: .shell, .bashDisown, about: job.pids.first,
         "bash removes job \(number) from its job table: it will never signal it again")
    shellBeforePrompt()
  }

  /// `disown -a|-r [-h]`: every job (or every running one) is removed, or marked J_NOHUP
  /// with `-h` (jobs.c delete_all_jobs / nohup_all_jobs).
  mutating func disownAllBuiltin(runningOnly: Bool, nohupOnly: Bool) {
    note(from: .user, .userTypes, "the user types `disown \(nohupOnly ? "-h " : "")-\(runningOnly ? "r" : "a")`")
    shell.shift(to: .disown)
    shell.lastStatus = 0
    for job in shell.jobs where job.state != .dead && (!runningOnly || job.state == .running) {
      if nohupOnly {
        if let i = shell.jobs.firstIndex(where: { $0.number == job.number }) { shell.jobs[i].noHangup = true }
        note(from: .shell, .bashDisownNohup, about: job.pids.first,
             "bash marks job \(job.number) J_NOHUP (\(runningOnly ? "nohup_all_jobs(running only)" : "nohup_all_jobs"))")
      } else {
        if job.state == .stopped {
          shellPrints("\(shell.login ? "-bash" : "bash"): warning: deleting stopped job \(job.number) with process group \(job.pgid)",
                      rule: .bashDisown, job: job.scenarioJob)
        }
        shell.jobs.removeAll(where: { $0.number == job.number })
        note(from: .shell, .bashDisown, about: job.pids.first,
             "bash removes job \(job.number) from its job table (\(runningOnly ? "delete_all_jobs(running only)" : "delete_all_jobs"))")
      }
    }
    shellBeforePrompt()
  }

  mutating func jobsBuiltin() {
    note(from: .user, .userTypes, "the user types `jobs`")
    shell.shift(to: .jobs)
    for job in shell.jobs where job.state != .dead {
      shellPrints(listingLine(job), rule: .bashBuiltinJobs, job: job.scenarioJob)
    }
    shell.lastStatus = 0
    shellBeforePrompt()
  }

  mutating func bgBuiltin(job number: Int) {
    note(from: .user, .userTypes, "the user types `bg %\(number)`")
    shell.shift(to: .bg)
    shell.lastStatus = 0
    guard let slot = shell.jobs.firstIndex(where: { $0.number == number }) else { return }
    let job = shell.jobs[slot]
    shellPrints("[\(number)]+ \(job.text) &", rule: .bashBuiltinBg, job: job.scenarioJob)
    shell.jobs[slot].state = .running
    send(.cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashBuiltinBg,
         "bg: killpg(\(job.pgid), SIGCONT) for job \(number)")
    settle()
    shellBeforePrompt()
  }

  mutating func fgBuiltin(job number: Int) {
    note(from: .user, .userTypes, "the user types `fg %\(number)`")
    shell.shift(to: .fg)
    guard let slot = shell.jobs.firstIndex(where: { $0.number == number }) else { return }
    let job = shell.jobs[slot]
    shellPrints(job.text, rule: .bashBuiltinFg, job: job.scenarioJob)
    giveTerminal(to: job.pgid, why: "fg")
    shell.waitingFor = number
    shell.jobs[slot].state = .running
    send(.cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashBuiltinFg,
         "fg: killpg(\(job.pgid), SIGCONT) for job \(number)")
    settle()
  }

  /// `kill -SIG pid` typed at the prompt: bash sends it to that one process.
  mutating func killBuiltin(_ signal: Signal, pid: Int) {
    note(from: .user, .userTypes, "the user types `kill -\(signal.name) \(pid)`")
    shell.shift(to: .kill)
    shell.lastStatus = 0
    send(signal, to: pid, from: .shell, sender: shellPid, rule: .bashBuiltinKill, "kill: kill(\(pid), \(signal))")
    settle()
    shellBeforePrompt()
  }

  mutating func killBuiltin(_ signal: Signal, job number: Int) {
    note(from: .user, .userTypes, "the user types `kill -\(signal.name) %\(number)`")
    shell.shift(to: .kill)
    shell.lastStatus = 0
    guard let job = shell.job(number) else { return }
    send(signal, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashBuiltinKill,
         "kill: killpg(\(job.pgid), \(signal)) for job \(number)")
    if job.state == .stopped && (signal == .term || signal == .hup) {
      send(.cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashBuiltinKill,
           "kill_pid: the job is stopped, so SIGCONT follows")
    }
    settle()
    shellBeforePrompt()
  }
}
