// The shared engine's job table: starting jobs in the shell's syntax, noticing children,
// the terminal's foreground group, and the warning counter's lines.

extension World where Shell: JobControlShell {
  var dialect: JobShellDialect { shell.dialect }

  /// The shell prints a line (the exact text the real shell prints), about a job if given.
  mutating func jobShellPrints(_ line: String, rule: RuleID, job: ShellJob? = nil) {
    shellOutput.append(line)
    note(.shell(.printed(line, job: job?.scenarioJob)), from: .shell, rule, about: job?.pids.first)
  }

  /// The user types a line; the warning counter counts it.
  mutating func userTypes(_ text: String, _ kind: LineKind, purpose: TypedLine.Purpose = .builtin) {
    note(.user(.typed(TypedLine(text, purpose: purpose))), from: .user, .userTypes)
    shell.linesRead += 1
    reapAtPrompt()
    countDown(kind)
  }

  /// An error message template filled in: `{argv0}` (`-dash`), `{line}` (the input line).
  func errorText(_ template: String) -> String {
    template.replacingFirst("{argv0}", with: self[shellPid].command).replacingFirst(
      "{line}", with: String(shell.linesRead))
  }

  /// A line of `kind` counts the warning counter down before it runs.
  mutating func countDown(_ kind: LineKind) {
    guard dialect.warning.counter.countedDownBy.contains(kind), shell.warnCounter > 0 else { return }
    shell.warnCounter -= 1
    if shell.warnCounter == 0 { shell.armedByJobs = false }
  }

  /// The user types the command line that starts scenario job `number`.
  mutating func jobShellStartJob(_ spec: JobSpec, number: Int) {
    let d = dialect
    userTypes(
      spec.commandLine, spec.typedInForeground ? .foregroundJob : .backgroundJob, purpose: .startJob(job: number))
    var rules = JobStartRules(
      fork: d.rules.jobStart, subshell: d.rules.subshell,
      nohupPrefix: d.nohupBuiltin ? d.rules.launchPrefix : nil)
    rules.subshellKeepsJobControl = d.subshellKeepsJobControl
    let launched = launchJob(spec, number: number, rules: rules)
    let pgid = self[launched.shellChildren[0]].pgid
    if spec.launch == .ampersandBang {
      note(.shell(.startsDisowned(pid: launched.leader)), from: .shell, d.rules.launchPrefix, about: launched.leader)
      shell.lastStatus = 0
      settle()
      return
    }
    var record = ShellJob(
      number: shell.nextJobNumber, pgid: pgid, pids: launched.shellChildren, text: spec.jobText,
      state: .running, scenarioJob: number)
    if spec.launch == .hup {
      record.markedHangup = true
      note(
        .shell(.marksHangupAtExit(job: record.number, pid: launched.leader)), from: .shell, d.rules.launchPrefix,
        about: launched.leader)
    }
    shell.jobs.append(record)
    if spec.typedInForeground {
      shell.waitingFor = record.number
      giveTerminal(to: pgid, because: .foregroundJob)
    } else {
      if case .numberAndPid(let separator) = d.startLine {
        jobShellPrints(
          "[\(record.number)]\(separator)\(launched.shellChildren.last ?? pgid)", rule: d.rules.jobStart, job: record)
      }
      shell.lastStatus = 0
    }
    if spec.launch == .subshell && d.subshellKeepsJobControl {
      // The subshell only forks and exits; the command is still starting (exec) when it
      // is gone, so its group is already orphaned when it first reads.
      finishLaunch(spec, launched)
      settle()
    } else {
      settle()
      finishLaunch(spec, launched)
    }
    if spec.state == .stopped {
      typeControlKey(.suspend)
      settle()
    }
    if spec.launch == .disown, let slot = shell.slot(ofScenarioJob: number) {
      disownBuiltin(job: shell.jobs[slot].number)
      settle()
    }
  }

  // MARK: - Children

  /// A shell without a SIGCHLD handler reaps, before the prompt it printed for this
  /// line, what changed before the previous prompt.
  mutating func reapAtPrompt() {
    guard dialect.reapsBackgroundJobsBeforePromptOnly else { return }
    let due = shell.reapBeforeNextPrompt
    shell.reapBeforeNextPrompt = shell.unreaped
    shell.unreaped = []
    for pid in due { noticeChild(pid) }
  }

  /// SIGCHLD: the shell updates its record of the job.
  mutating func jobShellNoticesChild(_ pid: Int) {
    guard !shell.busy, isLive(shellPid), let slot = shell.slot(ofPid: pid) else { return }
    if dialect.reapsBackgroundJobsBeforePromptOnly && shell.waitingFor != shell.jobs[slot].number {
      if !shell.unreaped.contains(pid) { shell.unreaped.append(pid) }
      return
    }
    noticeChild(pid)
  }

  /// The shell's `waitpid` reports the child: it updates the job's record.
  mutating func noticeChild(_ pid: Int) {
    guard !shell.busy, isLive(shellPid), let slot = shell.slot(ofPid: pid) else { return }
    var job = shell.jobs[slot]
    var liveCount = 0
    var allStopped = true
    for member in job.pids {
      guard let i = index(of: member), processes[i].isLive else { continue }
      liveCount += 1
      if processes[i].state != .stopped { allStopped = false }
    }
    let newState: JobRecordState = liveCount == 0 ? .dead : (allStopped ? .stopped : .running)
    guard newState != job.state else { return }
    job.state = newState
    shell.jobs[slot] = job
    let foreground = shell.waitingFor == job.number
    switch newState {
    case .stopped:
      note(.shell(.recordsStopped(job: job.number, pid: pid)), from: .shell, dialect.rules.jobStopped, about: pid)
      if foreground {
        shell.waitingFor = nil
        if dialect.stoppedJobSetsStatus { shell.lastStatus = 128 + profile.number(of: .tstp) }
        countDown(.foregroundJob)
        giveTerminal(to: self[shellPid].pgid, because: .jobStopped)
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
      }
      shell.jobs.remove(at: slot)
    case .running:
      break
    }
  }

  // MARK: - The terminal

  var jobShellCanSetTerminal: Bool {
    guard let i = index(of: shellPid) else { return false }
    return processes[i].hasControllingTerminal && terminal.session == processes[i].sid && !terminal.revoked
      && !terminal.hungUp
  }

  /// `tcsetpgrp` on the shell's terminal.
  mutating func giveTerminal(to pgid: Int, because reason: TerminalHandover) {
    guard jobShellCanSetTerminal, terminal.foregroundGroup != pgid else { return }
    let own = pgid == self[shellPid].pgid
    terminal.foregroundGroup = pgid
    note(
      .shell(.givesTerminal(group: pgid, ownGroup: own, because: reason)), from: .shell, dialect.rules.giveTerminal,
      about: own ? shellPid : nil)
  }

  // MARK: - Which jobs count

  /// Jobs that make a leave warn now.
  var warnableJobs: [ShellJob] {
    let w = dialect.warning
    guard shell.holds(w.enabled) else { return [] }
    return shell.jobs.filter { job in
      guard job.state != .dead, !job.disowned || w.countsDisowned else { return false }
      return job.state == .stopped ? shell.holds(w.stopped) : shell.holds(w.running)
    }
  }
}
