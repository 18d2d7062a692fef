// The shared engine leaving: the exit, logout and end-of-file path with its warning,
// the walks over the job table, and what a caught SIGHUP does.

extension World where Shell: JobControlShell {
  // MARK: - At the prompt

  /// `exit`, `logout` or ^D typed at the prompt.
  mutating func jobShellLeave(_ end: SessionEnd) -> LeaveAttempt {
    let d = dialect
    if let reader = otherTerminalReader(), race(.typedInputReader, d.typedInput) == .readerTakesInput {
      let typed = end == .eof ? "^D" : "`\(end.rawValue)`"
      if end == .eof {
        note(.user(.pressed(.endOfFile)), from: .user, .userControlKey)
      } else {
        note(.user(.typed(TypedLine(end.rawValue, purpose: .leave(end)))), from: .user, .userTypes)
      }
      note(.terminal(.inputTakenBy(reader: reader, typed: typed)), from: .terminal, .ttyForegroundRead, about: reader)
      return .refused
    }
    switch end {
    case .logout:
      userTypes("logout", .leaveWord, purpose: .leave(.logout))
      switch d.logout {
      case .missing(let error):
        jobShellPrints(errorText(error), rule: d.rules.logout)
        shell.lastStatus = 127
        return .refused
      case .builtin(let error?) where !shell.login:
        jobShellPrints(error, rule: d.rules.logout)
        shell.lastStatus = 1
        return .refused
      case .builtin:
        note(.shell(.leaveBuiltinRuns(.logout)), from: .shell, d.rules.leave, about: shellPid)
      }
    case .exit:
      userTypes("exit", .leaveWord, purpose: .leave(.exit))
      note(.shell(.leaveBuiltinRuns(.exit)), from: .shell, d.rules.leave, about: shellPid)
    case .eof:
      note(.user(.pressed(.endOfFile)), from: .user, .userControlKey)
      countDown(.endOfFile)
      note(.shell(.endOfFileRunsExit), from: .shell, d.rules.endOfFile, about: shellPid)
    case .hangup, .killHup:
      return .refused
    }
    if shell.warnCounter > 0 {
      note(
        .shell(.leavesWithoutWarning(shell.armedByJobs ? .previousWasJobs : .previousWasWarnedLeave)), from: .shell,
        d.rules.warning, about: shellPid)
    } else {
      let warnable = warnableJobs
      if !warnable.isEmpty {
        warn(about: warnable)
        if let status = d.warning.statusAfterWarning[end] { shell.lastStatus = status }
        return .warned
      }
    }
    if let line = (shell.login ? d.leaveLines.login : d.leaveLines.nonLogin)[end] {
      jobShellPrints(line, rule: d.rules.leave)
    }
    let status = end == .eof ? d.endOfFileStatus : EndStatus.lastStatus
    shell.leftBy = end
    jobShellExit(status: status, passes: d.exitPasses)
    return .exited
  }

  /// The warning, in the shell's words; the counter is set so the next leave passes.
  mutating func warn(about jobs: [ShellJob]) {
    let d = dialect
    let stopped = jobs.contains { $0.state == .stopped }
    let running = jobs.contains { $0.state != .stopped }
    switch d.warning.text {
    case .stoppedFirst(let s, let r, let both):
      if stopped && running, let both {
        jobShellPrints(both, rule: d.rules.warning)
      } else {
        jobShellPrints(stopped ? s : r, rule: d.rules.warning)
      }
    case .lowestJob(let s, let r):
      let lowest = jobs.min { $0.number < $1.number }
      jobShellPrints(lowest?.state == .stopped ? s : r, rule: d.rules.warning)
    case .jobTable:
      jobShellPrints("There are still jobs active:", rule: d.rules.warning)
      jobShellPrints("", rule: d.rules.warning)
      jobShellPrints("   PID  Command", rule: d.rules.warning)
      for job in jobs.reversed() {
        let pid = String(job.pids[0])
        let padded = String(repeating: " ", count: max(0, 6 - pid.count)) + pid
        jobShellPrints("\(padded)  \(job.text)\(job.state == .stopped ? "" : " &")", rule: d.rules.warning, job: job)
      }
      jobShellPrints("", rule: d.rules.warning)
      jobShellPrints("A second attempt to exit will terminate them.", rule: d.rules.warning)
      jobShellPrints("Use 'disown PID' to remove jobs from the list without terminating them.", rule: d.rules.warning)
    }
    shell.warnCounter = d.warning.counter.setByWarning
    shell.armedByJobs = false
  }

  // MARK: - Leaving

  /// The shell's exit path: the walks, then the process ends.
  mutating func jobShellExit(status: EndStatus, passes: [SignalPass]) {
    shell.busy = true
    if case .killedBy = status {
    } else {
      note(.shell(.exitPath(status: value(of: status))), from: .shell, dialect.rules.exitShell, about: shellPid)
    }
    walk(passes)
    jobShellEnd(status)
  }

  private func value(of status: EndStatus) -> Int {
    switch status {
    case .fixed(let n): return n
    case .lastStatus: return shell.lastStatus
    case .killedBy(let s): return 128 + profile.number(of: s)
    }
  }

  /// The process ends: it exits, or kills itself with a signal at its default action.
  mutating func jobShellEnd(_ status: EndStatus) {
    guard isLive(shellPid) else { return }
    switch status {
    case .fixed, .lastStatus:
      exitProcess(shellPid, fate: .exited(status: value(of: status)))
    case .killedBy(let signal):
      self[shellPid].dispositions[signal] = .default
      send(signal, to: shellPid, from: .shell, sender: shellPid, rule: dialect.rules.exitShell, .shell(.killSelf))
      if let dying = self[shellPid].dyingOf {
        exitProcess(shellPid, fate: .killed(by: dying))
      } else if isLive(shellPid) {
        deliverPending(shellPid)
      }
    }
  }

  /// Walks over the job table, each sending its signals to the jobs it selects; a shell
  /// that sleeps after signalling lets them run before it goes on.
  mutating func walk(_ passes: [SignalPass]) {
    let before = events.count
    walkPasses(passes)
    if dialect.finishesUpAfterSignalling, let foreground = shell.waitingFor,
      let job = shell.jobs.first(where: { $0.number == foreground }),
      events[before...].contains(where: {
        if case .signal(let s) = $0.payload, s.target.pgid == job.pgid { return true } else { return false }
      })
    {
      note(.shell(.finishesUpBeforeExit), from: .shell, dialect.rules.exitShell, about: shellPid)
      settle(except: shellPid)
      return
    }
    guard let seconds = dialect.sleepsAfterSignalling,
      events[before...].contains(where: {
        if case .signal(let s) = $0.payload, case .shell = s.reason { return true } else { return false }
      })
    else { return }
    note(.shell(.sleepsAfterSignalling(seconds: seconds)), from: .shell, dialect.rules.exitShell, about: shellPid)
    if profile.multiprocessor && wokenTerminalReaderPending,
      race(.ttinRestop, dialect.restopDuringSleep) == .shellDiesFirst
    {
      return
    }
    settle(except: shellPid)
  }

  private mutating func walkPasses(_ passes: [SignalPass]) {
    for pass in passes where shell.holds(pass.condition) {
      var selected: [ShellJob] = []
      let ordered: [ShellJob]
      switch pass.order {
      case .oldestFirst: ordered = shell.jobs
      case .newestFirst: ordered = shell.jobs.reversed()
      case .stoppedFirst:
        ordered =
          shell.jobs.reversed().filter { $0.state == .stopped } + shell.jobs.reversed().filter { $0.state != .stopped }
      }
      for job in ordered where job.state != .dead {
        if pass.selection.onlyMarkedHangup && !job.markedHangup { continue }
        let condition: ShellCondition
        if job.number == shell.waitingFor {
          condition = pass.selection.foreground
        } else {
          condition = job.state == .stopped ? pass.selection.stopped : pass.selection.running
        }
        guard shell.holds(condition) else { continue }
        if job.disowned && !pass.selection.includesDisowned {
          note(
            .shell(.skipsMarkedJob(job: job.number, pid: job.pids[0], stillContinues: false)), from: .shell, pass.rule,
            about: job.pids[0])
          continue
        }
        selected.append(job)
      }
      if pass.stepByStep {
        for step in pass.steps {
          for job in selected where !step.onlyIfStopped || job.state == .stopped {
            send(step, to: job, rule: pass.rule, after: nil)
          }
        }
      } else {
        for job in selected {
          var previous: Signal?
          for step in pass.steps where !step.onlyIfStopped || job.state == .stopped {
            send(step, to: job, rule: pass.rule, after: previous)
            previous = step.signal
          }
        }
      }
    }
  }

  private mutating func send(_ step: JobSignalStep, to job: ShellJob, rule: RuleID, after previous: Signal?) {
    let reason: ShellSend
    switch step.signal {
    case .hup: reason = .hangupJob(job: job.number)
    case .term: reason = .terminateStoppedJob(job: job.number)
    case .cont where previous == .term: reason = .continueTerminatedJob(job: job.number)
    default: reason = .continueStoppedJob(job: job.number, despiteNoHangupMark: false)
    }
    send(step.signal, toGroup: job.pgid, from: .shell, sender: shellPid, rule: rule, .shell(reason))
    if step.signal == .cont { shell.continuedJobsAsItLeft = true }
  }

  // MARK: - Signals

  /// The shell gets the CPU with signals pending: its handlers run.
  mutating func jobShellRun() {
    let handled = deliverPending(shellPid)
    for signal in handled where signal == .hup && isLive(shellPid) && !shell.busy {
      caughtHangup()
    }
  }

  /// A caught SIGHUP: from the terminal's hang-up, or `kill -HUP` with the terminal open.
  mutating func caughtHangup() {
    let d = dialect
    let hungUp = terminal.hungUp || terminal.revoked
    let foreground = shell.waitingFor
    switch d.hangupResponse {
    case .leave(let status):
      note(.shell(.caughtSignal(.hup, deferred: false)), from: .shell, d.rules.sighup, about: shellPid)
      shell.busy = true
      if foreground != nil && d.reclaimOnSignal == .beforeSignalling {
        giveTerminal(to: self[shellPid].pgid, because: .leaving)
      }
      walk(d.hangupPasses)
      if case .killedBy = status {
      } else {
        note(.shell(.exitPath(status: value(of: status))), from: .shell, d.rules.exitShell, about: shellPid)
      }
      jobShellEnd(status)

    case .exitAttempt(let afterHangupAtPrompt):
      note(.shell(.signalActsAsExit(.hup)), from: .shell, d.rules.sighup, about: shellPid)
      if hungUp {
        if foreground == nil {
          note(.shell(.readFailsAfterHangup), from: .shell, d.rules.endOfFile, about: shellPid)
          jobShellExit(status: afterHangupAtPrompt, passes: d.hangupPasses)
        } else {
          shell.busy = true
          walk(d.hangupPasses)
          jobShellEnd(.killedBy(.hup))
        }
        return
      }
      if shell.warnCounter == 0 {
        let warnable = warnableJobs
        if !warnable.isEmpty {
          if let foreground, let slot = shell.slot(ofJob: foreground) {
            shell.waitingFor = nil
            giveTerminal(to: self[shellPid].pgid, because: .leaving)
            note(
              .shell(.foregroundJobToBackground(job: shell.jobs[slot].number)), from: .shell, d.rules.sighup,
              about: shell.jobs[slot].pids[0])
          }
          warn(about: warnable)
          return
        }
      }
      shell.busy = true
      walk(d.hangupPasses)
      jobShellEnd(.killedBy(.hup))

    case .deferredTrap(let status):
      note(.shell(.caughtSignal(.hup, deferred: true)), from: .shell, d.rules.sighup, about: shellPid)
      if hungUp && foreground == nil {
        note(.shell(.readFailsAfterHangup), from: .shell, d.rules.endOfFile, about: shellPid)
        let warnable = warnableJobs
        guard shell.warnCounter == 0 && !warnable.isEmpty else {
          jobShellExit(status: .lastStatus, passes: d.exitPasses)
          return
        }
        // The warning goes to the hung-up terminal: write() fails with EIO, nothing shows.
        note(.shell(.warningLostToHangup), from: .shell, d.rules.warning, about: shellPid)
      }
      shell.busy = true
      walk(d.hangupPasses)
      if case .killedBy = status {
      } else {
        note(.shell(.exitPath(status: value(of: status))), from: .shell, d.rules.exitShell, about: shellPid)
      }
      jobShellEnd(status)
    }
  }
}
