import HangupModel

/// The values a scenario is built with for the facts /proc cannot show.
struct Choices: Equatable {
  /// Every option of the shell's family, set explicitly.
  var options: [String: Bool]
  /// The checked job's table status (nil: it cannot be in the table).
  var table: JobTableStatus?
  /// The checked job's state when it is stopped reading the terminal: `.stopped` or `.ttin`.
  var stopState: JobState?

  func with(_ subject: Assumption.Subject, _ value: String) -> Choices {
    var copy = self
    switch subject {
    case .shellOption(let name): copy.options[name] = value == "on"
    case .jobTable: copy.table = JobTableStatus(rawValue: value)
    case .stopSignal: copy.stopState = value == "ttin" ? .ttin : .stopped
    case .sessionShell, .shellRelease, .lastLogindSession: break
    }
    return copy
  }
}

/// What the planner made of an observation for one process: the scenario to simulate,
/// and everything the verdicts rest on.
struct Plan {
  var attachment: Attachment
  var shell: ShellIdentity?
  var version: ShellVersion
  var login: Bool
  var subreaper: Bool
  var jobs: [JobSpec]
  /// The pids of each job's processes, in the scenario's process order.
  var jobPids: [[Int]]
  /// The checked process's job (1-based) and index in it.
  var job: Int
  var processIndex: Int
  /// Actions every scenario gets (other jobs that `jobs -l` did not list are disowned).
  var baseActions: [UserAction]
  var choices: Choices
  var assumptions: [Assumption]
  var findings: [Finding]
  var caveats: [Caveat]
  /// Why nothing can be simulated, if so.
  var unmodelled: NotChecked?
  /// A foreground job that holds the terminal (its pgid): typed ends are impossible.
  var foregroundHolder: Int?
  /// The job number `jobs -l` gave the checked job.
  var shellJobNumber: Int?
  /// Whether the checked job could be in the shell's table (a child of the shell, not in
  /// the foreground), so that the table remedies apply.
  var tableApplies: Bool

  /// The scenario under `choices`, ending with `end`.
  func scenario(_ choices: Choices, end: SessionEnd) -> Scenario {
    var scenario = Scenario(shell: version, os: .linux, login: login, options: choices.options, subreaper: subreaper,
                            jobs: jobs, actions: baseActions, end: end)
    if let state = choices.stopState, jobs.indices.contains(job - 1), jobs[job - 1].state != .running {
      scenario.jobs[job - 1].state = state
    }
    switch choices.table {
    case .disowned?: scenario.actions.append(.disown(job: job, nohupOnly: false))
    case .disownH?: scenario.actions.append(.disown(job: job, nohupOnly: true))
    case .inTable?, nil: break
    }
    return scenario
  }
}

/// Turns an observation into the hupsim scenario it describes.
enum SessionPlanner {
  static func isMultiplexerServer(_ p: ProcessSnapshot) -> Multiplexer? {
    let program = p.programName.lowercased()
    if program == "tmux" || p.name.hasPrefix("tmux") { return .tmux }
    if program == "screen" || p.name.lowercased() == "screen" { return .screen }
    return nil
  }

  /// Whether `p` is an interactive shell hupsim models (not `sh -c …`).
  static func isInteractiveShell(_ p: ProcessSnapshot, _ obs: Observation) -> Bool {
    obs.shell(leader: p.pid) != nil && !ShellIdentification.runsCommandString(arguments: p.arguments)
  }

  /// Whether `pid` descends from `ancestor` by the parent chain.
  static func descends(_ pid: Int, from ancestor: Int, _ obs: Observation) -> Bool {
    obs.ancestors(of: pid).contains { $0.pid == ancestor }
  }

  static let defaultShell = Scenario.defaultShell

  static func plan(_ obs: Observation, target: Int, settings: CheckSettings) -> Plan? {
    guard let process = obs.process(target) else { return nil }
    let ancestors = obs.ancestors(of: target)
    let server = ancestors.lazy.compactMap { p in isMultiplexerServer(p).map { (p, $0) } }.first
    var caveats: [Caveat] = []
    if obs.system.wsl1 { caveats.append(.wsl1) }
    for marker in CIMarkers.present(in: process.environment ?? [:]) { caveats.append(.ciRunner(marker: marker)) }

    if process.hasTerminal, let leader = obs.process(process.sid), leader.pid != target,
      let shell = obs.shell(leader: leader.pid), isInteractiveShell(leader, obs)
    {
      if let (server, kind) = server, descends(leader.pid, from: server.pid, obs) {
        caveats.append(.insideMultiplexer(kind: kind, server: server.pid))
      }
      var identity = shell
      if let given = settings.shell {
        identity.version = given
        identity.match = .exact
      }
      return planSession(obs, target: process, leader: leader, shell: identity, settings: settings, caveats: caveats)
    }
    // Outside any shell's terminal session: the session that ends is the caller's.
    var (shellVersion, shell, login, sessionAssumption) = callerShell(obs)
    var assumptions: [Assumption] = []
    if let given = settings.shell {
      shellVersion = given
      sessionAssumption = nil
    }
    if let sessionAssumption { assumptions.append(sessionAssumption) }
    let attachment: Attachment
    let launch: Launch
    if let (server, kind) = server {
      attachment = .multiplexer(kind: kind, server: server.pid)
      launch = .tmux
    } else if !process.hasTerminal {
      attachment = .noTerminal
      launch = .setsid
    } else {
      attachment = .terminalWithoutShell(leader: process.sid)
      launch = .setsid
    }
    var spec = JobSpec(state: .running, placement: .background, launch: launch, program: program(for: process, removing: []),
                       inheritedIgnores: modelled(process.ignored, removing: []))
    spec.program.readsStdin = false
    if process.isStopped { caveats.append(.stoppedOutsideJobControl) }
    var plan = Plan(attachment: attachment, shell: shell, version: shellVersion, login: login, subreaper: false, jobs: [spec],
                    jobPids: [[process.pid]], job: 1, processIndex: 0, baseActions: [],
                    choices: Choices(options: [:], table: nil, stopState: nil), assumptions: assumptions, findings: [],
                    caveats: caveats, unmodelled: nil, foregroundHolder: nil, shellJobNumber: nil, tableApplies: false)
    if case .terminalWithoutShell(let leader) = attachment {
      plan.unmodelled = .noShell(leader: leader)
      if leader == process.pid { plan.caveats.append(.leadsTerminalSession) }
    }
    addBlockedCaveat(process, to: &plan.caveats)
    return plan
  }

  /// The shell of the caller's terminal session (the one the user would leave), else bash 5.2.
  static func callerShell(_ obs: Observation) -> (ShellVersion, ShellIdentity?, Bool, Assumption?) {
    if let caller = obs.caller, let shell = obs.shell(leader: caller.sid), let leader = obs.process(caller.sid),
      leader.hasTerminal, isInteractiveShell(leader, obs)
    {
      return (shell.version, shell, shell.login, nil)
    }
    return (defaultShell, nil, true, Assumption(subject: .sessionShell, assumed: defaultShell.id, alternatives: []))
  }

  // MARK: - A shell's session

  static func planSession(_ obs: Observation, target: ProcessSnapshot, leader: ProcessSnapshot, shell: ShellIdentity,
                          settings: CheckSettings, caveats initial: [Caveat]) -> Plan {
    var caveats = initial
    var assumptions: [Assumption] = []
    var findings: [Finding] = []
    let family = shell.version.shellFamily
    if shell.match != .exact {
      assumptions.append(Assumption(subject: .shellRelease, assumed: shell.version.id, alternatives: []))
    }
    if leader.ignored.contains(.hup) { caveats.append(.shellIgnoresHangup(shell: leader.pid)) }

    // The session's process groups, the shell's own and hupsim's left out.
    let callerGroup = obs.caller.flatMap { $0.sid == leader.sid ? $0.pgid : nil }
    let members = obs.members(ofSession: leader.sid).filter { p in
      p.pid != leader.pid && p.pgid != leader.pgid && p.pgid != callerGroup
    }
    var groups: [Int: [ProcessSnapshot]] = [:]
    for p in members { groups[p.pgid, default: []].append(p) }
    if groups[target.pgid] == nil { groups[target.pgid] = [target] }
    let foreground = leader.tpgid > 0 ? leader.tpgid : nil
    // Jobs start in pgid order; a foreground job is last.
    let order = groups.keys.sorted { a, b in
      if (a == foreground) != (b == foreground) { return b == foreground }
      return a < b
    }

    var jobs: [JobSpec] = []
    var jobPids: [[Int]] = []
    var targetJob = 1
    var targetIndex = 0
    var foregroundHolder: Int?
    var baseActions: [UserAction] = []
    var tableApplies = false
    var stopAlternatives = false
    for pgid in order {
      let ordered = orderGroup(groups[pgid] ?? [], pgid: pgid, shell: leader.pid)
      guard let main = ordered.first else { continue }
      let number = jobs.count + 1
      let fromShell = ordered.contains { descends($0.pid, from: leader.pid, obs) }
      let isTarget = ordered.contains { $0.pid == target.pid }
      let launch: Launch = fromShell ? (main.looksStartedByNohup ? .nohup : .plain) : .subshell
      var state: JobState = main.isStopped ? .stopped : .running
      let placement: Placement = pgid == foreground ? .foreground : .background
      if ordered.contains(where: { $0.isStopped }) != main.isStopped && isTarget { caveats.append(.mixedStates) }
      if launch == .subshell && state == .stopped {
        // A stopped orphaned group: the model starts `( cmd & )` running.
        state = .running
        if isTarget { caveats.append(.stoppedOutsideJobControl) }
      }
      if placement == .foreground && state != .running { state = .running }
      var removed: [Signal] = []
      if state == .stopped { removed = [.tstp, .ttin, .ttou] }
      for signal in removed where isTarget && (main.caught.contains(signal) || main.ignored.contains(signal)) {
        caveats.append(.stopSignalHandled(KernelProfile.linux.number(of: signal)))
      }
      var spec = JobSpec(state: state, placement: placement, launch: launch, program: program(for: main, removing: removed),
                         inheritedIgnores: modelled(main.ignored, removing: removed))
      if launch == .nohup { spec.inheritedIgnores.removeAll { $0 == .hup } }
      if state == .stopped && main.readsTerminal == true && isTarget { stopAlternatives = true }
      // Other members: children of earlier members, or pipeline members started by the shell.
      var pids = [main.pid]
      for p in ordered.dropFirst() {
        let parentIndex = pids.firstIndex(of: p.ppid)
        var extra = program(for: p, removing: removed)
        extra.ignoresItself = modelled(p.ignored, removing: removed)
        spec.extraProcesses.append(ExtraProcess(program: extra, parent: parentIndex.map { .process($0) } ?? .shell))
        pids.append(p.pid)
      }
      if placement == .foreground && (launch == .plain || launch == .nohup) { foregroundHolder = pgid }
      // Jobs `jobs -l` did not list were taken out of the table.
      let directChild = main.ppid == leader.pid
      if let listing = settings.jobsListing, !isTarget, directChild, placement == .background,
        !pids.contains(where: { listing[$0] != nil }), family.missingBuiltins["disown"] == nil
      {
        baseActions.append(.disown(job: number, nohupOnly: false))
      }
      if isTarget {
        targetJob = number
        targetIndex = pids.firstIndex(of: target.pid) ?? 0
        tableApplies = directChild && placement == .background && launch != .subshell
        if let nested = nestedShell(main, leader: leader, obs) { caveats.append(.nestedShell(nested)) }
      }
      jobs.append(spec)
      jobPids.append(pids)
    }

    // The shell's options: flags, then $BASHOPTS, then the defaults as assumptions.
    var options: [String: Bool] = [:]
    let bashopts = bashoptsSource(obs, leader: leader, jobMain: jobPids[targetJob - 1].first ?? target.pid)
    for spec in family.options where spec.exists(in: shell.version) {
      if let value = settings.shellOptions[spec.name] {
        options[spec.name] = value
        findings.append(Finding(subject: .shellOption(spec.name), value: value ? "on" : "off", source: .flag))
      } else if family.name == "bash", let (text, source) = bashopts {
        let value = text.split(separator: ":").contains { $0 == spec.name }
        options[spec.name] = value
        findings.append(Finding(subject: .shellOption(spec.name), value: value ? "on" : "off", source: source))
      } else {
        options[spec.name] = spec.defaultValue
        assumptions.append(Assumption(subject: .shellOption(spec.name), assumed: spec.defaultValue ? "on" : "off",
                                      alternatives: [spec.defaultValue ? "off" : "on"]))
      }
    }

    // The checked job's place in the shell's table.
    var table: JobTableStatus?
    var shellJobNumber: Int?
    if tableApplies && family.missingBuiltins["disown"] == nil {
      let hasH = family.missingBuiltins["disown -h"] == nil
      let pids = jobPids[targetJob - 1]
      if let listing = settings.jobsListing {
        shellJobNumber = pids.lazy.compactMap { listing[$0] }.first
      }
      if let given = settings.jobTable {
        table = given == .disownH && !hasH ? .inTable : given
        findings.append(Finding(subject: .jobTable, value: given.rawValue, source: .flag))
      } else if let listing = settings.jobsListing {
        if pids.contains(where: { listing[$0] != nil }) {
          table = .inTable
          if hasH { assumptions.append(Assumption(subject: .jobTable, assumed: "in-table", alternatives: ["disown-h"])) }
          else { findings.append(Finding(subject: .jobTable, value: "in-table", source: .jobsListing)) }
        } else {
          table = .disowned
          findings.append(Finding(subject: .jobTable, value: "disowned", source: .jobsListing))
        }
      } else {
        table = .inTable
        assumptions.append(Assumption(subject: .jobTable, assumed: "in-table",
                                      alternatives: hasH ? ["disowned", "disown-h"] : ["disowned"]))
      }
    }
    var stopState: JobState?
    if stopAlternatives {
      if let given = settings.stopState {
        stopState = given
        findings.append(Finding(subject: .stopSignal, value: given == .ttin ? "ttin" : "stopped", source: .flag))
      } else {
        stopState = .stopped
        assumptions.append(Assumption(subject: .stopSignal, assumed: "stopped", alternatives: ["ttin"]))
      }
    }

    var plan = Plan(attachment: jobs[targetJob - 1].launch == .subshell ? .orphanedGroup(shell: leader.pid) : .job(shell: leader.pid),
                    shell: shell, version: shell.version, login: shell.login,
                    subreaper: obs.ancestors(of: leader.pid).contains { $0.pid != 1 && $0.programName == "systemd" },
                    jobs: jobs, jobPids: jobPids, job: targetJob, processIndex: targetIndex, baseActions: baseActions,
                    choices: Choices(options: options, table: table, stopState: stopState),
                    assumptions: assumptions, findings: findings, caveats: caveats, unmodelled: nil,
                    foregroundHolder: foregroundHolder, shellJobNumber: shellJobNumber,
                    tableApplies: tableApplies && family.missingBuiltins["disown"] == nil)
    addBlockedCaveat(target, to: &plan.caveats)
    return plan
  }

  /// `$BASHOPTS` as the shell exported it: hupsim's own (run from that shell) first, else
  /// the job's, as it was when the job started.
  static func bashoptsSource(_ obs: Observation, leader: ProcessSnapshot, jobMain: Int) -> (String, Finding.Source)? {
    if let caller = obs.caller, caller.ppid == leader.pid, let value = caller.bashopts { return (value, .callerBASHOPTS) }
    if let value = obs.process(jobMain)?.environment?["BASHOPTS"] { return (value, .jobBASHOPTS(pid: jobMain)) }
    return nil
  }

  /// The group's members with parents before children: the group leader (else the member
  /// whose parent is outside the group) first.
  static func orderGroup(_ members: [ProcessSnapshot], pgid: Int, shell: Int) -> [ProcessSnapshot] {
    let sorted = members.sorted { $0.pid < $1.pid }
    let pids = Set(sorted.map(\.pid))
    var roots = sorted.filter { !pids.contains($0.ppid) }
    roots.sort { a, b in
      if (a.pid == pgid) != (b.pid == pgid) { return a.pid == pgid }
      return a.pid < b.pid
    }
    var out: [ProcessSnapshot] = []
    var queue = roots
    while !queue.isEmpty {
      let next = queue.removeFirst()
      out.append(next)
      queue.insert(contentsOf: sorted.filter { $0.ppid == next.pid }, at: 0)
    }
    // A cycle cannot happen in a parent chain, but keep every member anyway.
    for p in sorted where !out.contains(where: { $0.pid == p.pid }) { out.append(p) }
    return out
  }

  /// An interactive shell between the job and the session's shell, if any.
  static func nestedShell(_ main: ProcessSnapshot, leader: ProcessSnapshot, _ obs: Observation) -> Int? {
    for p in obs.ancestors(of: main.pid) {
      if p.pid == leader.pid { return nil }
      if ShellIdentification.family(executable: p.programName, argv0: p.arguments.first) != nil
        && !ShellIdentification.runsCommandString(arguments: p.arguments)
      {
        return p.pid
      }
    }
    return nil
  }

  /// The program as the model sees it: its command line, the signals it catches.
  static func program(for p: ProcessSnapshot, removing removed: [Signal]) -> Program {
    var name = p.commandLine
    if name.utf8.count > 200 {
      name = String(name.unicodeScalars.prefix(190).map(Character.init)) + "…"
    }
    return Program(name: name, handles: modelled(p.caught, removing: removed), readsStdin: p.readsTerminal == true)
  }

  static func modelled(_ mask: SignalMask, removing removed: [Signal]) -> [Signal] {
    mask.modelled.filter { $0 != .kill && $0 != .stop && !removed.contains($0) }
  }

  static func addBlockedCaveat(_ p: ProcessSnapshot, to caveats: inout [Caveat]) {
    let relevant = [Signal.hup, .int, .term, .cont].map { KernelProfile.linux.number(of: $0) }.filter(p.blocked.contains)
    if !relevant.isEmpty { caveats.append(.blocksSignals(relevant)) }
  }
}

/// Environment variables that mark a CI runner, which kills what a job leaves behind.
public enum CIMarkers {
  /// GitHub Actions tags every process of a job with RUNNER_TRACKING_ID and kills the
  /// ones still carrying it when the job ends; Jenkins' ProcessTreeKiller does the same
  /// with JENKINS_NODE_COOKIE / BUILD_ID.
  public static let names = ["GITHUB_ACTIONS", "RUNNER_TRACKING_ID", "JENKINS_NODE_COOKIE", "BUILD_ID", "GITLAB_CI", "CI"]

  public static func present(in environment: [String: String]) -> [String] {
    names.filter { environment[$0] != nil }
  }
}
