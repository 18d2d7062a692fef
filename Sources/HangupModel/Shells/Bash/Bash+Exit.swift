// bash leaving: the exit/logout/EOF path (exit_builtin, exit_or_logout, exit_shell),
// end_job_control, hangup_all_jobs, terminate_stopped_jobs and its SIGHUP handler.
// Version differences come from `BashDialect`.

extension World where Shell == Bash {
  // MARK: - Running

  /// bash gets the CPU with signals pending: its handlers run.
  mutating func runShell() {
    let handled = deliverPending(shellPid)
    for signal in handled where shellAlive && !shell.busy {
      guard signal == .hup else { continue }
      if shell.dialect.readlineCatchesSIGHUP && shell.waitingFor == nil {
        // readline is reading the command line: its own handler runs first, cleans up
        // the terminal, puts bash's handler back and sends the signal again.
        send(.hup, to: shellPid, from: .shell, sender: shellPid, rule: .bashReadlineResend, .shell(.resendToSelf))
        let again = deliverPending(shellPid)
        guard again.contains(.hup), shellAlive else { continue }
      }
      terminatingSignalHandler(signal)
    }
  }

  // MARK: - Leaving the shell

  /// `exit`, `logout` or ^D typed at the prompt (`exit_builtin`, `logout_builtin`,
  /// `handle_eof_input_unit` → `exit_or_logout`).
  mutating func shellLeaveCommand(_ end: SessionEnd) -> LeaveAttempt {
    if let reader = otherTerminalReader() {
      // A job outside job control (setsid) is blocked reading the same terminal: it takes
      // the typed line and bash never sees it.
      let typed = end == .eof ? "^D" : "`\(end.rawValue)`"
      if end == .eof {
        note(.user(.pressed(.endOfFile)), from: .user, .userControlKey)
      } else {
        note(.user(.typed(TypedLine(end.rawValue, purpose: .leave(end)))), from: .user, .userTypes)
      }
      note(.terminal(.inputTakenBy(reader: reader, typed: typed)), from: .terminal, .ttyForegroundRead, about: reader)
      return .refused
    }
    guard runsLeaveBuiltin(end) else { return .refused }
    if warnsAboutJobs(end) { return .warned }
    exitShell(status: shell.lastStatus)
    return .exited
  }

  /// The typed `exit`/`logout` or ^D reaches its builtin; false if bash refuses it there
  /// (`logout` in a non-login shell, BASH-LOGOUT-NOT-LOGIN) or it is no typed end.
  private mutating func runsLeaveBuiltin(_ end: SessionEnd) -> Bool {
    switch end {
    case .logout:
      note(.user(.typed(TypedLine("logout", purpose: .leave(.logout)))), from: .user, .userTypes)
      shell.shift(to: .logout)
      if !shell.login {
        shellPrints("bash: logout: not login shell: use `exit'", rule: .bashLogoutNotLogin)
        shell.lastStatus = 1
        shellBeforePrompt()
        return false
      }
    case .exit:
      note(.user(.typed(TypedLine("exit", purpose: .leave(.exit)))), from: .user, .userTypes)
      shell.shift(to: .exit)
      if shell.interactive { shellPrints(shell.login ? "logout" : "exit", rule: .bashExitBuiltin) }
    case .eof:
      note(.user(.pressed(.endOfFile)), from: .user, .userControlKey)
      if shell.dialect.eofShiftsBuiltins { shell.shift(to: .exit) }
      note(.shell(.endOfFileRunsExit), from: .shell, .bashEOF, about: shellPid)
      if shell.interactive { shellPrints(shell.login ? "logout" : "exit", rule: .bashExitBuiltin) }
    case .hangup, .killHup:
      return false
    }
    return true
  }

  /// `exit_or_logout`'s check: the first leave with stopped jobs (or, with checkjobs,
  /// running ones) warns and stays (BASH-STOPPED-JOBS-WARNING, BASH-RUNNING-JOBS-WARNING);
  /// right after a warned leave or `jobs` it goes ahead. True if it warned.
  private mutating func warnsAboutJobs(_ end: SessionEnd) -> Bool {
    let immediate = !shell.interactive || [.exit, .logout, .jobs].contains(shell.lastBuiltin)
    if immediate {
      if shell.lastBuiltin != .other || shell.jobs.contains(where: { $0.state == .stopped }) {
        note(
          .shell(.leavesWithoutWarning(shell.lastBuiltin == .jobs ? .previousWasJobs : .previousWasWarnedLeave)),
          from: .shell, .bashStoppedJobsWarning, about: shellPid)
      }
      return false
    }
    let stopped = shell.jobs.contains { $0.state == .stopped }
    let running = shell.dialect.hasCheckjobs && shell.checkjobs && shell.jobs.contains { $0.state == .running }
    guard stopped || running else { return false }
    shellPrints(
      stopped ? "There are stopped jobs." : "There are running jobs.",
      rule: stopped ? .bashStoppedJobsWarning : .bashRunningJobsWarning)
    if shell.checkjobs && shell.dialect.hasCheckjobs {
      for job in shell.jobs where job.state != .dead {
        shellPrints(listingLine(job), rule: .bashRunningJobsWarning, job: job)
      }
    }
    shell.thisBuiltin = .exit
    shell.lastBuiltin = .exit
    // A typed exit/logout is a command whose status is 1; ^D runs the builtin outside
    // any command, so $? keeps the previous command's status.
    if end != .eof { shell.lastStatus = 1 }
    shellBeforePrompt()
    return true
  }

  /// `exit_shell`: huponexit, then end_job_control, then the process exits.
  mutating func exitShell(status: Int) {
    shell.busy = true
    note(.shell(.exitPath(status: status)), from: .shell, .bashExitShell, about: shellPid)
    if shell.huponexit {
      // huponexit applies to an interactive login shell only.
      let applies = shell.interactiveShell && shell.login
      note(.shell(.hangupOnExit(applies: applies)), from: .shell, .bashHuponexit, about: shellPid)
      if applies { hangupAllJobs() }
    }
    endJobControl()
    jobsMayRunBeforeExit()
    exitProcess(shellPid, fate: .exited(status: status))
  }

  /// `exit_shell` exits right after `end_job_control`, usually before the jobs it
  /// continued run; on another CPU a reader may re-read first, or even be stopped by
  /// SIGTTIN only after the kernel checked its group at the exit (RACE-TTIN-RESTOP).
  private mutating func jobsMayRunBeforeExit() {
    guard profile.multiprocessor, wokenTerminalReaderPending else { return }
    switch race(.ttinRestop, RaceObservations.ttinRestopOnExit) {
    case .jobsRunFirst:
      settle(except: shellPid)
    case .stopsAfterOrphanCheck:
      runWokenOnce(except: shellPid)
      stopsDespiteOrphanedGroup = true
    default:
      break
    }
  }

  /// `end_job_control`: stopped jobs get SIGTERM and SIGCONT (under the release's
  /// condition), and the terminal goes back to the shell's original group.
  mutating func endJobControl() {
    let condition: Bool
    switch shell.dialect.endJobControl {
    case .interactiveShell: condition = shell.interactiveShell
    case .interactiveShellOrJobControl: condition = shell.interactiveShell || shell.jobControl
    case .jobControl: condition = shell.jobControl
    }
    if condition {
      terminateStoppedJobs()
    }
    let original = self[shellPid].pgid
    if (shell.terminalPgrp ?? original) != original {
      giveTerminal(to: original, because: .endJobControl)
    } else if terminalGroupCanBeSet, let fg = terminal.foregroundGroup, fg != original {
      note(.shell(.keepsForegroundGroup(group: fg)), from: .shell, .bashGiveTerminalBack, about: shellPid)
    }
  }

  /// `hangup_all_jobs`: SIGHUP to each job, SIGCONT after it to a stopped one.
  mutating func hangupAllJobs() {
    if shell.jobs.isEmpty {
      note(.shell(.noJobsToHangUp), from: .shell, .bashHangupAllJobs, about: shellPid)
    }
    for job in shell.jobs {
      let stopped = job.state == .stopped
      let continuesMarked = shell.dialect.nohupJobs == .continueIfStopped
      if job.noHangup {
        note(
          .shell(.skipsMarkedJob(job: job.number, pid: job.pids[0], stillContinues: continuesMarked)),
          from: .shell, .bashHangupAllJobs, about: job.pids[0])
        guard continuesMarked else { continue }
      } else {
        send(
          .hup, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashHangupAllJobs,
          .shell(.hangupJob(job: job.number)))
      }
      if stopped {
        send(
          .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashHangupAllJobs,
          .shell(.continueStoppedJob(job: job.number, despiteNoHangupMark: job.noHangup)))
      }
    }
  }

  /// `terminate_stopped_jobs`: SIGTERM then SIGCONT to every job recorded as stopped.
  mutating func terminateStoppedJobs() {
    for job in shell.jobs where job.state == .stopped {
      send(
        .term, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashTerminateStopped,
        .shell(.terminateStoppedJob(job: job.number)))
      send(
        .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashTerminateStopped,
        .shell(.continueTerminatedJob(job: job.number)))
    }
  }

  /// bash's terminating-signal handler (`termination_unwind_protect` up to 3.1,
  /// `termsig_handler` from 3.2).
  mutating func terminatingSignalHandler(_ signal: Signal) {
    shell.busy = true
    note(
      .shell(.caughtSignal(signal, deferred: shell.dialect.deferredTerminatingSignals)), from: .shell,
      .bashSighupHandler,
      about: shellPid)
    if shell.interactive && signal == .hup {
      hangupAllJobs()
      continuedJobsMaybeSeen()
    }
    endJobControl()
    // bash still runs the EXIT trap, restores its signal state and cleans up before it
    // kills itself; meanwhile the jobs it signalled run on the other CPU until they block:
    // handlers run, and a reader continued by bash reads again (a background one is
    // stopped by SIGTTIN while its group is not yet orphaned). The signals of
    // hangup_all_jobs and terminate_stopped_jobs go out back to back, so a stopped job
    // takes them together. Decisions.md §2.
    if profile.multiprocessor { jobsRunDuringCleanup() }
    self[shellPid].dispositions[signal] = .default
    send(signal, to: shellPid, from: .shell, sender: shellPid, rule: .bashSelfKill, .shell(.killSelf))
    if let dying = self[shellPid].dyingOf {
      exitProcess(shellPid, fate: .killed(by: dying))
    } else if shellAlive {
      // The signal is pending and unblocked: it is taken on return from kill().
      deliverPending(shellPid)
    }
  }

  /// Whether the jobs bash signalled run before it dies: a foreground job then takes
  /// bash's SIGHUP on its own (RACE-FG-HUP-MERGE), a reader re-reads and is stopped
  /// again (RACE-TTIN-RESTOP).
  private mutating func jobsRunDuringCleanup() {
    guard wokenSince(runHead).contains(where: { $0 != shellPid }) else { return }
    let branch: RaceBranch
    if shell.waitingFor != nil {
      branch = race(.foregroundHangupMerge, RaceObservations.foregroundMerge)
    } else if wokenTerminalReaderPending {
      branch = race(.ttinRestop, RaceObservations.ttinRestopInHandler)
    } else {
      branch = .jobsRunFirst
    }
    switch branch {
    case .jobsRunFirst:
      settle(except: shellPid)
    case .jobRunsBetweenKernelSignals:
      settle(except: shellPid)
      runWokenBetweenOldGroupSignals = true
    default:
      break
    }
  }

  /// RACE-CONT-SEEN-BEFORE-TERMINATE: a SIGCHLD for a job continued by
  /// `hangup_all_jobs` handled before `terminate_stopped_jobs` makes bash record it as
  /// running (2.05b+, WCONTINUED).
  private mutating func continuedJobsMaybeSeen() {
    guard shell.dialect.noticesContinuedJobs else { return }
    let continued = shell.jobs.filter { job in
      job.state == .stopped
        && job.pids.contains { pid in index(of: pid).map { processes[$0].state == .running } ?? false }
    }
    guard !continued.isEmpty, race(.continueSeenBeforeTerminate, RaceObservations.continueSeen) == .seen else { return }
    shell.busy = false
    for job in continued { shellNoticesChild(job.pids[0]) }
    shell.busy = true
  }
}
