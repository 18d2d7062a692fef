import HangupModel

/// The values a scenario is built with for the facts /proc cannot show.
struct Choices: Equatable {
  /// Every option of the shell's family, set explicitly.
  var options: [String: Bool]
  /// The checked job's table status (nil: it cannot be in the table).
  var table: JobTableStatus?
  /// The checked job's state when it is stopped reading the terminal: `.stopped` or `.ttin`.
  var stopState: JobState?
  /// Who holds the terminal.
  var session: SessionKind = .ssh
  /// Whether the checked program writes to its stdout later.
  var writes = false
  /// Whether its SIGHUP/SIGTERM handler shuts it down.
  var handlerExits = false

  func with(_ subject: Assumption.Subject, _ value: String) -> Choices {
    var copy = self
    switch subject {
    case .shellOption(let name): copy.options[name] = value == "on"
    case .jobTable: copy.table = JobTableStatus(rawValue: value)
    case .stopSignal: copy.stopState = value == "ttin" ? .ttin : .stopped
    case .sessionHost: copy.session = SessionKind(rawValue: value) ?? copy.session
    case .writes: copy.writes = value == "yes"
    case .handlerExits: copy.handlerExits = value == "exits"
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
  /// The supervisors around the session, as observed.
  var logind: LogindPolicy = .keep
  var linger = false
  var sshd: SSHDMode = .daemon
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
    var scenario = Scenario(
      shell: version, os: .linux, session: choices.session, login: login, options: choices.options,
      subreaper: subreaper, jobs: jobs, actions: baseActions, end: end)
    scenario.logind = logind
    scenario.linger = linger
    scenario.sshd = sshd
    guard jobs.indices.contains(job - 1) else { return scenario }
    if let state = choices.stopState, jobs[job - 1].state != .running {
      scenario.jobs[job - 1].state = state
    }
    // What the checked program does, where it cannot be seen.
    if processIndex == 0 {
      scenario.jobs[job - 1].program.writes = choices.writes
      if choices.handlerExits {
        let shutdown = scenario.jobs[job - 1].program.handles.filter { $0 == .hup || $0 == .term }
        scenario.jobs[job - 1].program.exitsOn = shutdown
        scenario.jobs[job - 1].program.handles.removeAll { shutdown.contains($0) }
      }
    } else if jobs[job - 1].extraProcesses.indices.contains(processIndex - 1) {
      scenario.jobs[job - 1].extraProcesses[processIndex - 1].program.writes = choices.writes
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
      launch = kind == .screen ? .screen : .tmux
    } else if !process.hasTerminal {
      attachment = .noTerminal
      launch = .setsid
    } else {
      attachment = .terminalWithoutShell(leader: process.sid)
      launch = .setsid
    }
    // A transient service of the user manager is systemd-run's.
    var jobLaunch = launch
    if case .userManager(_, let path) = process.controlGroup, path.contains("/run-"), path.contains(".service") {
      jobLaunch = .systemdRun
    }
    var spec = JobSpec(
      state: .running, placement: .background, launch: jobLaunch, program: program(for: process, removing: []),
      inheritedIgnores: modelled(process.ignored, removing: []))
    spec.program.readsStdin = false
    spec.stdout = outputTarget(process)
    if process.isStopped { caveats.append(.stoppedOutsideJobControl) }
    let callerLeader = obs.caller.flatMap { obs.process($0.sid) }
    var choices = Choices(options: [:], table: nil, stopState: nil)
    choices.session =
      settings.session ?? shell.flatMap { _ in callerLeader.flatMap { sessionKind(of: $0, obs) } } ?? .ssh
    var plan = Plan(
      attachment: attachment, shell: shell, version: shellVersion, login: login, subreaper: false, jobs: [spec],
      jobPids: [[process.pid]], job: 1, processIndex: 0, baseActions: [],
      choices: choices, assumptions: assumptions, findings: [],
      caveats: caveats, unmodelled: nil, foregroundHolder: nil, shellJobNumber: nil, tableApplies: false)
    supervisors(obs, process: process, sessionLeader: shell == nil ? nil : callerLeader, into: &plan)
    programAssumptions(process, settings: settings, into: &plan)
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

  // MARK: - The session around it

  /// Terminal emulators whose window is the session's terminal.
  static let terminalEmulators: Set<String> = [
    "xterm", "uxterm", "konsole", "xfce4-terminal", "lxterminal", "mate-terminal", "terminator", "tilix", "alacritty",
    "kitty",
    "wezterm-gui", "foot", "urxvt", "rxvt", "st", "terminology", "qterminal", "sakura", "guake", "yakuake", "ptyxis",
    "kgx",
    "gnome-terminal", "gnome-terminal-server", "deepin-terminal", "cool-retro-term", "contour", "rio", "ghostty",
    "warp",
  ]

  /// Who holds the shell's terminal: sshd, a terminal window, a tmux or screen pane; nil
  /// when the parent is none of these.
  static func sessionKind(of leader: ProcessSnapshot, _ obs: Observation) -> SessionKind? {
    if obs.ancestors(of: leader.pid).contains(where: { isMultiplexerServer($0) != nil }) { return .tmuxPane }
    guard let host = obs.process(leader.ppid) else { return nil }
    let name = host.programName
    if name == "sshd" || name == "sshd-session" || host.name.hasPrefix("sshd") { return .ssh }
    if terminalEmulators.contains(name) || name.hasPrefix("gnome-terminal") { return .terminal }
    return nil
  }

  /// Where the program's stdout goes.
  static func outputTarget(_ p: ProcessSnapshot) -> OutputTarget? {
    switch p.stream(1)?.target {
    case .terminal?: return .terminal
    case .file?: return .file
    case .devNull?: return .null
    case .pipe?, .socket?: return .pipe
    default: return nil
    }
  }

  /// logind's policy for the session that ends: it stops the scope of a session whose
  /// shell (or, outside any shell, the process) sits in a logind session scope, for a user
  /// `KillUserProcesses=` covers.
  static func logindPolicy(_ obs: Observation, process: ProcessSnapshot, sessionLeader: ProcessSnapshot?)
    -> LogindPolicy
  {
    let user = process.uid.flatMap { obs.userNames[$0] }
    guard obs.system.logind.killsSessions(of: user) else { return .keep }
    guard case .sessionScope(let id, _) = (sessionLeader ?? process).controlGroup else { return .keep }
    if sessionLeader != nil, case .sessionScope(let own, _) = process.controlGroup, own != id { return .keep }
    return .killUserProcesses
  }

  /// The supervisor settings and notes every plan shares.
  static func supervisors(
    _ obs: Observation, process: ProcessSnapshot, sessionLeader: ProcessSnapshot?,
    into plan: inout Plan
  ) {
    plan.logind = logindPolicy(obs, process: process, sessionLeader: sessionLeader)
    let others = obs.system.logind.otherSessions ?? 0
    plan.linger = obs.system.logind.lingering || (obs.system.logind.running && others > 0)
    if obs.system.logind.running && others > 0 && !obs.system.logind.lingering {
      plan.caveats.append(.otherLogindSessions(others))
    }
    if case .systemService(let unit, _)? = sessionLeader?.controlGroup, unit.hasPrefix("ssh@") {
      plan.sshd = .socketActivated
    }
  }

  /// What the checked program does that /proc cannot show: whether it writes to its
  /// stdout later (where a write can fail), whether its SIGHUP/SIGTERM handler ends it.
  static func programAssumptions(_ p: ProcessSnapshot, settings: CheckSettings, into plan: inout Plan) {
    let output = outputTarget(p)
    if output == .terminal || output == .pipe {
      if let given = settings.writes {
        plan.choices.writes = given
        plan.findings.append(Finding(subject: .writes, value: given ? "yes" : "no", source: .flag))
      } else {
        plan.assumptions.append(Assumption(subject: .writes, assumed: "no", alternatives: ["yes"]))
      }
    }
    if p.caught.contains(.hup) || p.caught.contains(.term) {
      if let given = settings.handlerExits {
        plan.choices.handlerExits = given
        plan.findings.append(Finding(subject: .handlerExits, value: given ? "exits" : "keeps-running", source: .flag))
      } else {
        plan.assumptions.append(Assumption(subject: .handlerExits, assumed: "keeps-running", alternatives: ["exits"]))
      }
    }
  }

  // MARK: - A shell's session

  static func planSession(
    _ obs: Observation, target: ProcessSnapshot, leader: ProcessSnapshot, shell: ShellIdentity,
    settings: CheckSettings, caveats initial: [Caveat]
  ) -> Plan {
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
      var launch: Launch = fromShell ? (main.looksStartedByNohup ? .nohup : .plain) : .subshell
      // `systemd-run --user --scope` runs it in place, in a scope of the user manager.
      if case .userManager(_, let path) = main.controlGroup, main.controlGroup != leader.controlGroup,
        path.contains("/run-"),
        path.contains(".scope"), launch == .plain
      {
        launch = .systemdRunScope
      }
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
      var spec = JobSpec(
        state: state, placement: placement, launch: launch, program: program(for: main, removing: removed),
        inheritedIgnores: modelled(main.ignored, removing: removed))
      if launch == .nohup { spec.inheritedIgnores.removeAll { $0 == .hup } }
      spec.stdout = outputTarget(main)
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
        assumptions.append(
          Assumption(
            subject: .shellOption(spec.name), assumed: spec.defaultValue ? "on" : "off",
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
          if hasH {
            assumptions.append(Assumption(subject: .jobTable, assumed: "in-table", alternatives: ["disown-h"]))
          } else {
            findings.append(Finding(subject: .jobTable, value: "in-table", source: .jobsListing))
          }
        } else {
          table = .disowned
          findings.append(Finding(subject: .jobTable, value: "disowned", source: .jobsListing))
        }
      } else {
        table = .inTable
        assumptions.append(
          Assumption(
            subject: .jobTable, assumed: "in-table",
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

    var plan = Plan(
      attachment: jobs[targetJob - 1].launch == .subshell ? .orphanedGroup(shell: leader.pid) : .job(shell: leader.pid),
      shell: shell, version: shell.version, login: shell.login,
      subreaper: obs.ancestors(of: leader.pid).contains { $0.pid != 1 && $0.programName == "systemd" },
      jobs: jobs, jobPids: jobPids, job: targetJob, processIndex: targetIndex, baseActions: baseActions,
      choices: Choices(options: options, table: table, stopState: stopState),
      assumptions: assumptions, findings: findings, caveats: caveats, unmodelled: nil,
      foregroundHolder: foregroundHolder, shellJobNumber: shellJobNumber,
      tableApplies: tableApplies && family.missingBuiltins["disown"] == nil)
    // Who holds the terminal decides what a hang-up is.
    if let given = settings.session {
      plan.choices.session = given
      plan.findings.append(Finding(subject: .sessionHost, value: given.rawValue, source: .flag))
    } else if let kind = sessionKind(of: leader, obs) {
      plan.choices.session = kind
    } else {
      plan.choices.session = .ssh
      plan.assumptions.append(Assumption(subject: .sessionHost, assumed: "ssh", alternatives: ["terminal"]))
    }
    supervisors(obs, process: target, sessionLeader: leader, into: &plan)
    programAssumptions(target, settings: settings, into: &plan)
    addBlockedCaveat(target, to: &plan.caveats)
    return plan
  }

  /// `$BASHOPTS` as the shell exported it: hupsim's own (run from that shell) first, else
  /// the job's, as it was when the job started.
  static func bashoptsSource(_ obs: Observation, leader: ProcessSnapshot, jobMain: Int) -> (String, Finding.Source)? {
    if let caller = obs.caller, caller.ppid == leader.pid, let value = caller.bashopts {
      return (value, .callerBASHOPTS)
    }
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
    let relevant = [Signal.hup, .int, .term, .cont].map { KernelProfile.linux.number(of: $0) }.filter(
      p.blocked.contains)
    if !relevant.isEmpty { caveats.append(.blocksSignals(relevant)) }
  }
}

/// Environment variables that mark a CI runner, which kills what a job leaves behind.
public enum CIMarkers {
  /// GitHub Actions tags every process of a job with RUNNER_TRACKING_ID and kills the
  /// ones still carrying it when the job ends; Jenkins' ProcessTreeKiller does the same
  /// with JENKINS_NODE_COOKIE / BUILD_ID.
  public static let names = [
    "GITHUB_ACTIONS", "RUNNER_TRACKING_ID", "JENKINS_NODE_COOKIE", "BUILD_ID", "GITLAB_CI", "CI",
  ]

  public static func present(in environment: [String: String]) -> [String] {
    names.filter { environment[$0] != nil }
  }
}
