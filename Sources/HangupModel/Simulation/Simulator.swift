/// Runs a ``Scenario`` through the simulated kernel, terminal driver, session host,
/// shell and launchers and reports every step.
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

  /// Simulates the scenario. Where the real system races, the outcome lists every way
  /// the race can go (``Outcome/races``), the most common one being the main outcome.
  public static func run(_ scenario: Scenario) throws(ScenarioError) -> Outcome {
    try run(scenario, exploringRaces: true)
  }

  /// Simulates the scenario; with `exploringRaces` false only the main outcome is
  /// computed (tables and advice that need one answer per cell).
  public static func run(_ scenario: Scenario, exploringRaces: Bool) throws(ScenarioError) -> Outcome {
    try scenario.validate()
    var choices = RaceChoices()
    choices.explore = exploringRaces
    var outcome = entry(scenario)(scenario, choices)
    if exploringRaces && !outcome.racePoints.isEmpty {
      outcome.races = explore(scenario, primary: outcome)
    }
    return outcome
  }

  /// Runs each other branch of every race the main run met, and keeps the races whose
  /// branches end differently.
  /// The shell model that runs the scenario: the family's own with job control, the
  /// shell-neutral script shell without.
  static func entry(_ scenario: Scenario) -> @Sendable (Scenario, RaceChoices) -> Outcome {
    scenario.effectiveJobControl ? scenario.shell.shellFamily.simulate : ScriptShell.family.simulate
  }

  static func explore(_ scenario: Scenario, primary: Outcome) -> [RaceOutcome] {
    let simulate = entry(scenario)
    let first = primary.summary
    var out: [RaceOutcome] = []
    for point in primary.racePoints {
      var variants = [RaceOutcome.Variant(variant: point.variants[0], jobs: first)]
      for index in point.variants.indices.dropFirst() {
        var choices = RaceChoices()
        choices.explore = false
        choices.summaryOnly = true
        choices.forced[point.id] = index
        let alternative = simulate(scenario, choices)
        variants.append(RaceOutcome.Variant(variant: point.variants[index], jobs: alternative.summary))
      }
      guard variants.dropFirst().contains(where: { $0.jobs != first }) else { continue }
      out.append(RaceOutcome(id: point.id, variants: variants))
    }
    return out
  }

  static func simulate<S: ShellModel>(_ shellType: S.Type, _ scenario: Scenario, _ choices: RaceChoices) -> Outcome {
    var world = bootstrap(S.self, scenario)
    world.races.choices = choices

    world.phase = .setup
    for (index, job) in scenario.jobs.enumerated() {
      S.startJob(job, number: index + 1, in: &world)
    }

    world.phase = .actions
    for action in scenario.actions {
      perform(action, in: &world)
    }

    let before = choices.summaryOnly ? [] : world.processTable()
    world.phase = .end
    end(scenario.end, in: &world)
    world.settle()
    world.programsWrite()
    world.supervise(
      SupervisorSettings(
        logind: scenario.logind, linger: scenario.linger, sshd: scenario.sshd, ci: scenario.ci,
        session: scenario.session, wslTeardown: scenario.os.instanceTeardownWithLastConsole))
    for action in scenario.after {
      perform(action, in: &world)
    }
    world.checkInvariants()
    return outcome(of: world, scenario: scenario, before: before)
  }

  // MARK: - Start

  private static func bootstrap<S: ShellModel>(_ shellType: S.Type, _ scenario: Scenario) -> World<S> {
    let family = scenario.shell.shellFamily
    let config = ShellConfig(version: scenario.shell, login: scenario.login, options: scenario.options, family: family)
    let host: any SessionHost.Type = scenario.ci != nil ? CIRunnerHost.self : scenario.session.host
    var world = World<S>(
      profile: scenario.os, host: host, shell: S.makeState(config, pid: Pids.shell), firstPid: Pids.firstJob)
    world.shellPid = Pids.shell
    world.addProcess(
      SimProcess(
        pid: Pids.initProcess, ppid: 0, pgid: 1, sid: 1, command: "init", role: .initProcess,
        hasControllingTerminal: false))
    var ownerParent = Pids.initProcess
    if scenario.subreaper {
      var reaper = SimProcess(
        pid: Pids.subreaper, ppid: 1, pgid: Pids.subreaper, sid: Pids.subreaper,
        command: "systemd --user", role: .subreaper, hasControllingTerminal: false)
      reaper.isChildSubreaper = true
      reaper.cgroup = .userManager
      world.addProcess(reaper)
      ownerParent = Pids.subreaper
    }
    let owner = host.boot(in: &world, parent: ownerParent)
    let login = scenario.login && scenario.effectiveJobControl
    var shell = SimProcess(
      pid: Pids.shell, ppid: owner, pgid: Pids.shell, sid: Pids.shell,
      command: login ? family.recording.loginArguments[0] : family.recording.nonLoginArguments[0], role: .shell,
      hasControllingTerminal: scenario.hasTerminal)
    shell.dispositions = S.initialDispositions(config)
    shell.cgroup = scenario.sshd == .socketActivated ? .sshConnection : .sessionScope
    shell.ciMarked = scenario.ci != nil
    if !scenario.hasTerminal {
      shell.stdin = .pipe
      shell.stdout = .pipe
    }
    world.addProcess(shell)
    if scenario.hasTerminal {
      world.terminal.session = Pids.shell
      world.terminal.foregroundGroup = Pids.shell
    }
    S.started(in: &world)
    return world
  }

  // MARK: - Actions

  private static func perform<S: ShellModel>(_ action: UserAction, in world: inout World<S>) {
    switch action {
    case .interrupt:
      world.typeControlKey(.interrupt)
    case .suspend:
      world.typeControlKey(.suspend)
    case .quit:
      world.typeControlKey(.quit)
    case .kill(let signal, let job, let index, let byShell):
      guard let pid = world.pid(job: job, process: index) else { break }
      if byShell && world.isLive(world.shellPid) {
        S.builtin(action, in: &world)
      } else {
        world.note(.user(.killsFromOutside(signal: signal, pid: pid)), from: .user, .userKill)
        world.send(signal, to: pid, from: .user, sender: nil, rule: .userKill, .userKill)
      }
    case .jobs, .bg, .fg, .killJob, .disown, .disownAll:
      S.builtin(action, in: &world)
    }
    world.settle()
  }

  // MARK: - End

  private static func end<S: ShellModel>(_ end: SessionEnd, in world: inout World<S>) {
    switch end {
    case .exit, .logout, .eof:
      guard !S.waitingForForegroundJob(world) else {
        world.note(.user(.cannotType(end)), from: .user, .userTypes)
        if let word = end.typedWord {
          world.note(.terminal(.echoesUnread(typed: word)), from: .terminal, .ttyEcho)
        }
        return
      }
      let first = S.leave(end, in: &world)
      world.settle()
      if first == .warned && world.isLive(world.shellPid) {
        _ = S.leave(end, in: &world)
        world.settle()
      }
    case .hangup:
      world.host.hangUp(in: &world)
    case .killHup:
      world.note(.user(.killsShell(signal: .hup, pid: world.shellPid)), from: .user, .userKillsShell)
      world.send(.hup, to: world.shellPid, from: .user, sender: nil, rule: .userKillsShell, .userKill)
    }
  }

  // MARK: - Outcome

  private static func outcome<S: ShellModel>(of world: World<S>, scenario: Scenario, before: [ProcessRow]) -> Outcome {
    var byJob = [[ProcessOutcome]](repeating: [], count: scenario.jobs.count)
    // Deliveries per pid: a large run indexes them, a small one collects them per process.
    let indexed = world.events.count > 256
    var deliveredTo: [Int: [Delivery]] = [:]
    func delivery(_ event: Event, _ s: SignalEvent) -> Delivery {
      Delivery(
        signal: s.signal, from: event.from, rule: event.rule, phase: event.phase, seq: event.seq, effect: s.effect,
        reason: s.reason)
    }
    func deliveries(to pid: Int) -> [Delivery] {
      if indexed { return deliveredTo[pid] ?? [] }
      var out: [Delivery] = []
      for event in world.events {
        if case .signal(let s) = event.payload, s.effect.countsAsDelivered, s.target.pid == pid {
          out.append(delivery(event, s))
        }
      }
      return out
    }
    var messages = [[String]](repeating: [], count: scenario.jobs.count)
    var echoed: [String] = []
    for event in world.events {
      switch event.payload {
      case .signal(let s) where indexed && s.effect.countsAsDelivered:
        deliveredTo[s.target.pid, default: []].append(delivery(event, s))
      case .shell(.printed(let line, let job)):
        if let job, messages.indices.contains(job - 1) { messages[job - 1].append(line) }
      case .terminal(.echoesUnread(let typed)):
        echoed.append(typed)
      default:
        break
      }
    }
    for i in world.processes.indices {
      guard case .workload(let job, let index) = world.processes[i].role, byJob.indices.contains(job - 1) else {
        continue
      }
      let pid = world.processes[i].pid
      byJob[job - 1].append(
        world.processOutcome(index: index, process: world.processes[i], delivered: deliveries(to: pid)))
    }
    var jobs: [JobOutcome] = []
    for (index, spec) in scenario.jobs.enumerated() {
      let processes = byJob[index].sorted { $0.index < $1.index }
      jobs.append(
        JobOutcome(
          job: index + 1, commandLine: spec.commandLine, spec: spec, processes: processes,
          messages: messages[index]))
    }
    let shell = world[world.shellPid]
    let summaryOnly = world.races.choices.summaryOnly
    var outcome = Outcome(
      scenario: scenario, events: world.events, jobs: jobs, messages: world.shellOutput,
      otherOutput: world.otherOutput, shellPid: world.shellPid, shellFate: shell.fate,
      sessionEnded: !shell.fate.isAlive, tableBefore: before,
      tableAfter: summaryOnly ? [] : world.processTable())
    if !summaryOnly {
      outcome.processes = world.processes.indices.map {
        ProcessInfo(pid: world.processes[$0].pid, role: world.processes[$0].role)
      }
    }
    outcome.commandHistory = world.commandHistory
    outcome.echoed = echoed
    outcome.racePoints = world.races.met
    outcome.complete = !world.stalled
    return outcome
  }
}

extension World {
  func processOutcome(index: Int, process p: SimProcess, delivered: [Delivery]) -> ProcessOutcome {
    ProcessOutcome(
      index: index, pid: p.pid, command: p.command, delivered: delivered, fate: p.fate,
      finalParentPid: p.ppid, finalParentRole: role(of: p.ppid) ?? .initProcess,
      finalParentName: parentName(p.ppid), hazardKinds: hazards(of: p), stopped: p.state == .stopped)
  }

  /// What a parent is called in survival tables: `init`, `subreaper`, the shell's name,
  /// or its command.
  func parentName(_ pid: Int) -> String {
    guard let i = index(of: pid) else { return "pid \(pid)" }
    switch processes[i].role {
    case .initProcess: return "init"
    case .subreaper: return "subreaper"
    case .shell: return processes[i].command.trimmingLoginDash
    default: return processes[i].command
    }
  }

  /// What a surviving process meets when it uses its stdin or the terminal later.
  func hazards(of p: SimProcess) -> [Hazard] {
    guard p.fate.isAlive else { return [] }
    var out: [Hazard] = []
    if p.state == .stopped && isOrphaned(group: p.pgid) { out.append(.stoppedForever) }
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
    case .pipe:
      if !pipes.stdinWriterOpen { out.append(.stdinPipeClosed) }
    case .file, .otherTerminal: break
    }
    if p.stdout == .terminal && terminalGone { out.append(.terminalWritesEIO) }
    if p.stdout == .pipe {
      if !pipes.outputReaderOpen {
        out.append(p.disposition(of: .pipe) == .default ? .writeSIGPIPE : .writeEPIPE)
      } else if !isLive(shellPid) && ObjectIdentifier(host) == ObjectIdentifier(SSHNoPtyHost.self) {
        out.append(.holdsSSHOpen)
      }
    }
    if let program = p.program, program.readsStdin, program.onReadError == .retry || program.onEndOfFile == .retry,
      out.contains(where: {
        [.stdinHungUp, .stdinRevoked, .stdinEIOOrphaned, .stdinPipeClosed, .stdinDevNull, .stdinEBADF].contains($0)
      })
    {
      out.append(.spinsOnRead)
    }
    return out
  }

  /// The session's processes as `ps` would list them.
  func processTable() -> [ProcessRow] {
    var rows: [ProcessRow] = []
    rows.reserveCapacity(processes.count)
    for i in processes.indices {
      let state = processes[i].state
      let role = processes[i].role
      guard state != .reaped, role != .initProcess, role != .subreaper else { continue }
      let sid = processes[i].sid
      let pgid = processes[i].pgid
      let attached = processes[i].hasControllingTerminal && terminal.session == sid
      let tpgid = attached ? (terminal.foregroundGroup ?? profile.noForegroundTPGID) : profile.noForegroundTPGID
      let leader = processes[i].isSessionLeader
      let foreground = attached && terminal.foregroundGroup == pgid
      let stat: String
      switch (state, leader, foreground) {
      case (.zombie, _, _): stat = "Z"
      case (.stopped, false, false): stat = "T"
      case (.stopped, true, false): stat = "Ts"
      case (.stopped, false, true): stat = "T+"
      case (.stopped, true, true): stat = "Ts+"
      case (_, false, false): stat = "S"
      case (_, true, false): stat = "Ss"
      case (_, false, true): stat = "S+"
      case (_, true, true): stat = "Ss+"
      }
      let command = processes[i].command
      rows.append(
        ProcessRow(
          pid: processes[i].pid, ppid: processes[i].ppid, pgid: pgid, sid: sid, tpgid: tpgid, stat: stat,
          command: state == .zombie ? "[\(command)] <defunct>" : command))
    }
    return rows
  }
}
