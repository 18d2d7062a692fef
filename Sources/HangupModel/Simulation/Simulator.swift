/// Runs a ``Scenario`` through the simulated kernel, terminal driver, bash and
/// launchers and reports every step.
///
/// ```swift
/// let outcome = try Simulator.run(Scenario(jobs: [JobSpec(state: .stopped, launch: .nohup)], end: .logout))
/// outcome.jobs[0].main.killedBy   // SIGTERM
/// ```
public enum Simulator {
  /// The pids the simulated system hands out, so that timelines read alike.
  public enum Pids {
    public static let initProcess = 1
    public static let subreaper = 100
    public static let terminalOwner = 1000
    public static let shell = 1001
    public static let firstJob = 1002
  }

  public static func run(_ scenario: Scenario) throws(ScenarioError) -> Outcome {
    try scenario.validate()
    var world = bootstrap(scenario)

    world.phase = .setup
    for (index, job) in scenario.jobs.enumerated() {
      world.startJob(job, number: index + 1)
    }

    world.phase = .actions
    for action in scenario.actions {
      perform(action, in: &world, scenario: scenario)
    }

    let before = world.processTable()
    world.phase = .end
    end(scenario.end, in: &world)
    world.settle()
    for action in scenario.after {
      perform(action, in: &world, scenario: scenario)
    }
    world.checkInvariants()
    return outcome(of: world, scenario: scenario, before: before)
  }

  // MARK: - Start

  private static func bootstrap(_ scenario: Scenario) -> World {
    var shellState = BashState(login: scenario.login, huponexit: scenario.huponexit, checkjobs: scenario.checkjobs)
    shellState.pid = Pids.shell
    var world = World(profile: scenario.os, dialect: scenario.shell, shell: shellState, firstPid: Pids.firstJob)
    world.addProcess(SimProcess(pid: Pids.initProcess, ppid: 0, pgid: 1, sid: 1, command: "init", kind: .initProcess,
                                hasControllingTerminal: false))
    var ownerParent = Pids.initProcess
    if scenario.subreaper {
      var reaper = SimProcess(pid: Pids.subreaper, ppid: 1, pgid: Pids.subreaper, sid: Pids.subreaper,
                              command: "systemd --user", kind: .subreaper, hasControllingTerminal: false)
      reaper.isChildSubreaper = true
      world.addProcess(reaper)
      ownerParent = Pids.subreaper
    }
    let ttyName = world.terminal.name
    world.addProcess(SimProcess(pid: Pids.terminalOwner, ppid: ownerParent, pgid: Pids.terminalOwner,
                                sid: Pids.terminalOwner, command: "sshd: user@\(ttyName)", kind: .terminalOwner,
                                hasControllingTerminal: false))
    var bash = SimProcess(pid: Pids.shell, ppid: Pids.terminalOwner, pgid: Pids.shell, sid: Pids.shell,
                          command: scenario.login ? "-bash" : "bash", kind: .shell, hasControllingTerminal: true)
    // sig.c initialize_shell_signals / initialize_terminating_signals, jobs.c initialize_job_signals.
    bash.dispositions = [
      Signal.hup.name: .caught, Signal.int.name: .caught, Signal.term.name: .ignored, Signal.quit.name: .ignored,
      Signal.tstp.name: .ignored, Signal.ttin.name: .ignored, Signal.ttou.name: .ignored, Signal.chld.name: .caught,
    ]
    world.addProcess(bash)
    world.terminal.session = Pids.shell
    world.terminal.foregroundGroup = Pids.shell
    return world
  }

  // MARK: - Actions

  private static func bashJob(_ scenarioJob: Int, in world: World) -> Int? {
    world.shell.jobs.first(where: { $0.scenarioJob == scenarioJob })?.number
  }

  private static func perform(_ action: UserAction, in world: inout World, scenario: Scenario) {
    func noSuchJob(_ builtin: String, _ job: Int) {
      world.note(from: .user, .userTypes, "the user types `\(builtin) %\(job)`")
      world.shellPrints("\(scenario.login ? "-bash" : "bash"): \(builtin): %\(job): no such job", rule: .bashBuiltinJobs)
    }
    switch action {
    case .interrupt:
      world.typeControlKey(.int, key: "^C")
    case .suspend:
      world.typeControlKey(.tstp, key: "^Z")
    case .quit:
      world.typeControlKey(.quit, key: "^\\")
    case .jobs:
      world.jobsBuiltin()
    case .bg(let job):
      if let number = bashJob(job, in: world) { world.bgBuiltin(job: number) } else { noSuchJob("bg", job) }
    case .fg(let job):
      if let number = bashJob(job, in: world) { world.fgBuiltin(job: number) } else { noSuchJob("fg", job) }
    case .killJob(let signal, let job):
      if let number = bashJob(job, in: world) { world.killBuiltin(signal, job: number) } else { noSuchJob("kill", job) }
    case .kill(let signal, let job, let index, let byShell):
      if let pid = world.processes.first(where: { $0.kind == .workload(job: job, index: index) })?.pid {
        if byShell && world.shellAlive {
          world.killBuiltin(signal, pid: pid)
        } else {
          world.note(from: .user, .userKill, "someone runs `kill -\(signal.name) \(pid)` from another terminal")
          world.send(signal, to: pid, from: .user, sender: nil, rule: .userKill, "kill -\(signal.name) \(pid)")
        }
      }
    case .disownAll(let runningOnly, let nohupOnly):
      world.disownAllBuiltin(runningOnly: runningOnly, nohupOnly: nohupOnly)
    case .disown(let job, let nohupOnly):
      if let number = bashJob(job, in: world) {
        world.disownBuiltin(job: number, nohupOnly: nohupOnly)
      } else {
        noSuchJob(nohupOnly ? "disown -h" : "disown", job)
      }
    }
    world.settle()
  }

  // MARK: - End

  private static func end(_ end: SessionEnd, in world: inout World) {
    switch end {
    case .exit, .logout, .eof:
      guard world.shell.waitingFor == nil else {
        world.note(from: .user, .userTypes, "a foreground job holds the terminal: the shell cannot read the user's `\(end.rawValue)`")
        return
      }
      let first = world.shellLeaveCommand(end)
      world.settle()
      if first == .warned && world.shellAlive {
        _ = world.shellLeaveCommand(end)
        world.settle()
      }
    case .hangup:
      world.note(from: .user, .userClosesTerminal,
                 "the terminal window closes (or the SSH connection drops): the last descriptor of the pty master closes")
      world.closeMaster()
    case .killHup:
      world.note(from: .user, .userKillsShell, "someone runs `kill -HUP \(world.shellPid)`; the terminal stays open")
      world.send(.hup, to: world.shellPid, from: .user, sender: nil, rule: .userKillsShell, "kill -HUP \(world.shellPid)")
    }
  }

  // MARK: - Outcome

  private static func outcome(of world: World, scenario: Scenario, before: [ProcessRow]) -> Outcome {
    var jobs: [JobOutcome] = []
    for (index, spec) in scenario.jobs.enumerated() {
      let number = index + 1
      let processes = world.processes
        .compactMap { p -> (Int, SimProcess)? in
          if case .workload(let job, let i) = p.kind, job == number { return (i, p) }
          return nil
        }
        .sorted { $0.0 < $1.0 }
        .map { world.processOutcome(index: $0.0, process: $0.1) }
      let messages = world.events.compactMap { event -> String? in
        guard event.from == .shell, event.kind == .note, event.target?.job == number,
          event.detail.hasPrefix("bash prints \"")
        else { return nil }
        return String(event.detail.dropFirst("bash prints \"".count).dropLast())
      }
      jobs.append(JobOutcome(job: number, commandLine: spec.commandLine, spec: spec, processes: processes, messages: messages))
    }
    let shell = world[world.shellPid]
    return Outcome(scenario: scenario, events: world.events, jobs: jobs, messages: world.shellOutput,
                   otherOutput: world.otherOutput, shellPid: world.shellPid, shellFate: shell.fate,
                   sessionEnded: !shell.fate.isAlive, tableBefore: before, tableAfter: world.processTable())
  }
}

extension World {
  func processOutcome(index: Int, process p: SimProcess) -> ProcessOutcome {
    let delivered = events.compactMap { event -> Delivery? in
      guard event.kind == .signal, event.target?.pid == p.pid, let effect = event.effect, effect.countsAsDelivered,
        let signal = event.signal
      else { return nil }
      return Delivery(signal: signal, from: event.from, rule: event.rule, phase: event.phase, seq: event.seq, effect: effect)
    }
    return ProcessOutcome(index: index, pid: p.pid, command: p.command, delivered: delivered, fate: p.fate,
                          finalParentPid: p.ppid, finalParentName: label(of: p.ppid), hazardKinds: hazards(of: p))
  }

  /// What a surviving process meets when it uses its stdin or the terminal later.
  func hazards(of p: SimProcess) -> [Hazard] {
    guard p.fate.isAlive else { return [] }
    var out: [Hazard] = []
    let terminalGone = terminal.hungUp || terminal.revoked
    switch p.stdin {
    case .devNullWriteOnly: out.append(.stdinEBADF)
    case .devNull: out.append(.stdinDevNull)
    case .terminal:
      if terminal.revoked {
        out.append(.stdinRevoked)
      } else if terminalGone {
        out.append(.stdinHungUp)
      } else if p.hasControllingTerminal && terminal.session == p.sid && terminal.foregroundGroup != p.pgid {
        out.append(isOrphaned(group: p.pgid) ? .stdinEIOOrphaned : .stdinWouldStop)
      }
    case .file, .otherTerminal: break
    }
    if p.stdout == .terminal && terminalGone { out.append(.terminalWritesEIO) }
    return out
  }

  /// The session's processes as `ps` would list them.
  func processTable() -> [ProcessRow] {
    processes.filter { p in
      p.state != .reaped && p.kind != .initProcess && p.kind != .subreaper
    }.map { p in
      let attached = p.hasControllingTerminal && terminal.session == p.sid
      let tpgid = attached ? (terminal.foregroundGroup ?? profile.noForegroundTPGID) : profile.noForegroundTPGID
      var stat: String
      switch p.state {
      case .stopped: stat = "T"
      case .zombie: stat = "Z"
      default: stat = "S"
      }
      if p.isSessionLeader && p.state != .zombie { stat += "s" }
      if attached && terminal.foregroundGroup == p.pgid && p.state != .zombie { stat += "+" }
      return ProcessRow(pid: p.pid, ppid: p.ppid, pgid: p.pgid, sid: p.sid, tpgid: tpgid, stat: stat,
                        command: p.state == .zombie ? "[\(p.command)] <defunct>" : p.command)
    }
  }
}
