// The shared engine's job-control builtins as a scenario types them: jobs, bg, fg,
// kill and disown, in the shell's own syntax.

extension World where Shell: JobControlShell {
  mutating func jobShellBuiltin(_ action: UserAction) {
    let d = dialect
    func job(_ scenarioJob: Int, _ builtin: String) -> ShellJob? {
      if let slot = shell.slot(ofScenarioJob: scenarioJob) { return shell.jobs[slot] }
      userTypes("\(builtin) \(d.syntax.spec(scenarioJob))", builtin == "fg" ? .foregroundJob : .builtin)
      note(.shell(.noSuchJob(job: scenarioJob)), from: .shell, d.rules.builtins)
      return nil
    }
    switch action {
    case .jobs:
      userTypes("jobs", .builtin)
      switch d.warning.counter.jobs {
      case .none: break
      case .arms:
        shell.warnCounter = d.warning.counter.setByWarning
        shell.armedByJobs = true
      case .keepsArmed:
        if shell.warnCounter > 0 { shell.warnCounter = d.warning.counter.setByWarning }
      }
      note(.shell(.listsJobs(count: shell.jobs.count)), from: .shell, d.rules.builtins, about: shellPid)
      shell.lastStatus = 0
    case .bg(let n):
      guard let job = job(n, "bg") else { return }
      userTypes("bg \(d.syntax.spec(job.number))", .builtin)
      if let slot = shell.slot(ofJob: job.number) { shell.jobs[slot].state = .running }
      send(
        .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: d.rules.builtins,
        .shell(.backgroundJob(job: job.number)))
      shell.lastStatus = 0
      settle()
    case .fg(let n):
      guard let job = job(n, "fg") else { return }
      userTypes("fg \(d.syntax.spec(job.number))", .foregroundJob)
      giveTerminal(to: job.pgid, because: .fg)
      shell.waitingFor = job.number
      if let slot = shell.slot(ofJob: job.number) { shell.jobs[slot].state = .running }
      send(
        .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: d.rules.builtins,
        .shell(.foregroundJob(job: job.number)))
      settle()
    case .killJob(let signal, let n):
      guard let job = job(n, "kill -\(signal.name)") else { return }
      userTypes("kill -\(signal.name) \(d.syntax.spec(job.number))", .builtin)
      let stopped = job.state == .stopped
      if stopped, case .before(let signals) = d.killContinues, signals.contains(signal) {
        send(
          .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: d.rules.builtins, .shell(.killBuiltinContinue)
        )
      }
      send(
        signal, toGroup: job.pgid, from: .shell, sender: shellPid, rule: d.rules.builtins,
        .shell(.killBuiltin(job: job.number)))
      if stopped, case .after(let signals) = d.killContinues, signals.contains(signal) {
        send(
          .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: d.rules.builtins, .shell(.killBuiltinContinue)
        )
      }
      shell.lastStatus = 0
      settle()
    case .kill(let signal, let n, let index, _):
      guard let pid = pid(job: n, process: index) else { return }
      note(
        .user(.typed(TypedLine("kill -\(signal.name) \(pid)", purpose: .kill(signal: signal, job: n, process: index)))),
        from: .user, .userTypes)
      countDown(.builtin)
      send(signal, to: pid, from: .shell, sender: shellPid, rule: d.rules.builtins, .shell(.killBuiltin(job: nil)))
      if d.pidKillAddsContinue && !signal.isJobControlStop && signal != .stop && signal != .cont && signal != .kill {
        send(.cont, to: pid, from: .shell, sender: shellPid, rule: d.rules.builtins, .shell(.killBuiltinContinue))
      }
      shell.lastStatus = 0
      settle()
    case .disown(let n, _):
      guard let job = job(n, "disown") else { return }
      disownBuiltin(job: job.number)
    case .disownAll, .interrupt, .suspend, .quit:
      break
    }
  }

  /// `disown` of one job, as the shell does it.
  mutating func disownBuiltin(job number: Int) {
    let d = dialect
    userTypes("disown \(d.syntax.spec(number))", .builtin)
    shell.lastStatus = 0
    guard let slot = shell.slot(ofJob: number) else { return }
    let job = shell.jobs[slot]
    switch d.disown {
    case .missing(let error):
      jobShellPrints(errorText(error), rule: d.rules.disown)
      shell.lastStatus = 127
    case .marks:
      shell.jobs[slot].disowned = true
      note(
        .shell(.marksNoHangup(job: number, pid: job.pids[0], all: nil)), from: .shell, d.rules.disown,
        about: job.pids[0])
    case .removes(let stoppedWarning, let continuesStopped):
      shell.jobs.remove(at: slot)
      note(
        .shell(.forgetsJob(job: number, pid: job.pids[0], all: nil)), from: .shell, d.rules.disown, about: job.pids[0])
      if job.state == .stopped {
        if let stoppedWarning {
          jobShellPrints(
            stoppedWarning.replacingFirst("{job}", with: String(number)).replacingFirst("{text}", with: job.text)
              .replacingFirst("{pgid}", with: String(job.pgid)), rule: d.rules.disown, job: job)
        }
        if continuesStopped {
          send(
            .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: d.rules.disown,
            .shell(.continueStoppedJob(job: number, despiteNoHangupMark: false)))
          settle()
        }
      }
    }
  }
}
