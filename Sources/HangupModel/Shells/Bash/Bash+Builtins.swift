// bash's job-control builtins as a scenario uses them: jobs, bg, fg, disown, kill.

extension World where Shell == Bash {
  /// A builtin typed at the prompt, for a scenario action.
  mutating func bashBuiltin(_ action: UserAction) {
    func number(of job: Int, _ builtin: String) -> Int? {
      if let slot = shell.slot(ofScenarioJob: job) { return shell.jobs[slot].number }
      note(.user(.typed(TypedLine("\(builtin) %\(job)", purpose: .builtin))), from: .user, .userTypes)
      shellPrints("\(bashName): \(builtin): %\(job): no such job", rule: .bashBuiltinJobs)
      return nil
    }
    switch action {
    case .jobs:
      jobsBuiltin()
    case .bg(let job):
      if let n = number(of: job, "bg") { bgBuiltin(job: n) }
    case .fg(let job):
      if let n = number(of: job, "fg") { fgBuiltin(job: n) }
    case .killJob(let signal, let job):
      if let n = number(of: job, "kill") { killBuiltin(signal, job: n) }
    case .kill(let signal, let job, let index, _):
      if let pid = pid(job: job, process: index) {
        killBuiltin(signal, pid: pid, job: job, process: index)
      }
    case .disown(let job, let nohupOnly):
      if let n = number(of: job, nohupOnly ? "disown -h" : "disown") { disownBuiltin(job: n, nohupOnly: nohupOnly) }
    case .disownAll(let runningOnly, let nohupOnly):
      disownAllBuiltin(runningOnly: runningOnly, nohupOnly: nohupOnly)
    case .interrupt, .suspend, .quit:
      break
    }
  }

  private mutating func typed(_ text: String) {
    note(.user(.typed(TypedLine(text, purpose: .builtin))), from: .user, .userTypes)
  }

  mutating func disownBuiltin(job number: Int, nohupOnly: Bool) {
    typed("disown\(nohupOnly ? " -h" : "") %\(number)")
    shell.shift(to: .disown)
    shell.lastStatus = 0
    guard let slot = shell.slot(ofJob: number) else { return }
    let job = shell.jobs[slot]
    if nohupOnly {
      shell.jobs[slot].noHangup = true
      note(
        .shell(.marksNoHangup(job: number, pid: job.pids[0], all: nil)), from: .shell, .bashDisownNohup,
        about: job.pids[0])
      shellBeforePrompt()
      return
    }
    if job.state == .stopped {
      shellPrints(
        "\(bashName): warning: deleting stopped job \(number) with process group \(job.pgid)",
        rule: .bashDisown, job: job)
    }
    shell.remove(slot: slot)
    note(.shell(.forgetsJob(job: number, pid: job.pids[0], all: nil)), from: .shell, .bashDisown, about: job.pids[0])
    shellBeforePrompt()
  }

  /// `disown -a|-r [-h]`: every job (or every running one) is removed, or marked J_NOHUP
  /// with `-h` (jobs.c delete_all_jobs / nohup_all_jobs).
  mutating func disownAllBuiltin(runningOnly: Bool, nohupOnly: Bool) {
    typed("disown \(nohupOnly ? "-h " : "")-\(runningOnly ? "r" : "a")")
    shell.shift(to: .disown)
    shell.lastStatus = 0
    let scope: DisownScope = runningOnly ? .running : .all
    for job in shell.jobs where job.state != .dead && (!runningOnly || job.state == .running) {
      if nohupOnly {
        if let i = shell.slot(ofJob: job.number) { shell.jobs[i].noHangup = true }
        note(
          .shell(.marksNoHangup(job: job.number, pid: job.pids[0], all: scope)), from: .shell, .bashDisownNohup,
          about: job.pids[0])
      } else {
        if job.state == .stopped {
          shellPrints(
            "\(bashName): warning: deleting stopped job \(job.number) with process group \(job.pgid)",
            rule: .bashDisown, job: job)
        }
        if let i = shell.slot(ofJob: job.number) { shell.remove(slot: i) }
        note(
          .shell(.forgetsJob(job: job.number, pid: job.pids[0], all: scope)), from: .shell, .bashDisown,
          about: job.pids[0])
      }
    }
    shellBeforePrompt()
  }

  mutating func jobsBuiltin() {
    typed("jobs")
    shell.shift(to: .jobs)
    for job in shell.jobs where job.state != .dead {
      shellPrints(listingLine(job), rule: .bashBuiltinJobs, job: job)
    }
    shell.lastStatus = 0
    shellBeforePrompt()
  }

  mutating func bgBuiltin(job number: Int) {
    typed("bg %\(number)")
    shell.shift(to: .bg)
    shell.lastStatus = 0
    guard let slot = shell.slot(ofJob: number) else { return }
    let job = shell.jobs[slot]
    shellPrints("[\(number)]+ \(job.text) &", rule: .bashBuiltinBg, job: job)
    shell.jobs[slot].state = .running
    send(
      .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashBuiltinBg,
      .shell(.backgroundJob(job: number)))
    settle()
    shellBeforePrompt()
  }

  mutating func fgBuiltin(job number: Int) {
    typed("fg %\(number)")
    shell.shift(to: .fg)
    guard let slot = shell.slot(ofJob: number) else { return }
    let job = shell.jobs[slot]
    shellPrints(job.text, rule: .bashBuiltinFg, job: job)
    giveTerminal(to: job.pgid, because: .fg)
    shell.waitingFor = number
    shell.jobs[slot].state = .running
    send(
      .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashBuiltinFg,
      .shell(.foregroundJob(job: number)))
    settle()
  }

  /// `kill -SIG pid` typed at the prompt: bash sends it to that one process.
  mutating func killBuiltin(_ signal: Signal, pid: Int, job: Int, process: Int) {
    note(
      .user(
        .typed(TypedLine("kill -\(signal.name) \(pid)", purpose: .kill(signal: signal, job: job, process: process)))),
      from: .user, .userTypes)
    shell.shift(to: .kill)
    shell.lastStatus = 0
    send(signal, to: pid, from: .shell, sender: shellPid, rule: .bashBuiltinKill, .shell(.killBuiltin(job: nil)))
    settle()
    shellBeforePrompt()
  }

  mutating func killBuiltin(_ signal: Signal, job number: Int) {
    typed("kill -\(signal.name) %\(number)")
    shell.shift(to: .kill)
    shell.lastStatus = 0
    guard let job = shell.job(number) else { return }
    send(
      signal, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashBuiltinKill,
      .shell(.killBuiltin(job: number)))
    if job.state == .stopped && (signal == .term || signal == .hup) {
      send(
        .cont, toGroup: job.pgid, from: .shell, sender: shellPid, rule: .bashBuiltinKill, .shell(.killBuiltinContinue))
    }
    settle()
    shellBeforePrompt()
  }
}
