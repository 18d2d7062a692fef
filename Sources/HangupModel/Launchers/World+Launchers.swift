// Starting a job's processes: the shell's fork and process group, the launcher (nohup,
// setsid, a subshell, tmux) and the program's own signal setup. The shell decides
// what it types and records (its job table, its messages); this part is the same for
// every shell.

/// The processes one job start created.
struct LaunchedJob: Sendable {
  /// The job's main program.
  var leader: Int
  /// The processes the shell itself forked (its job's members), first one leads the group.
  var shellChildren: [Int]
  /// Every workload process, main program first.
  var created: [Int]

  /// A launcher the shell forked that exits at once (setsid's parent, tmux's client,
  /// the subshell of `( … & )`).
  var exitsAtOnce: Int? { shellChildren.count == 1 && shellChildren[0] != leader ? shellChildren[0] : nil }
}

/// The rules a shell cites when it forks jobs.
struct JobStartRules: Sendable {
  /// Forking a job into its process group.
  var fork: RuleID
  /// An asynchronous command in a subshell without job control.
  var subshell: RuleID
  /// `nohup` is the shell's own prefix, citing this rule (tcsh); nil: coreutils nohup.
  var nohupPrefix: RuleID? = nil
  /// No job control: the job stays in the shell's process group.
  var sameGroupAsShell = false
  /// An asynchronous command without job control: SIGINT and SIGQUIT ignored, stdin
  /// /dev/null (POSIX 2.9.3.1).
  var asyncWithoutJobControl = false
  /// `( cmd & )` keeps job control in the subshell (ksh93 forks with the monitor option
  /// still on): cmd gets a group of its own, keeps the terminal as stdin, ignores nothing.
  var subshellKeepsJobControl = false
}

extension World {
  /// Forks a child of the shell in the shell's session, with the terminal as its
  /// controlling terminal and default dispositions.
  mutating func forkFromShell(command: String, role: ProcessRole, pgid: Int?) -> Int {
    let pid = allocatePid()
    var child = SimProcess(
      pid: pid, ppid: shellPid, pgid: pgid ?? pid, sid: self[shellPid].sid, command: command, role: role,
      hasControllingTerminal: self[shellPid].hasControllingTerminal)
    child.stdin = self[shellPid].stdin
    child.stdout = self[shellPid].stdout
    child.cgroup = self[shellPid].cgroup
    child.ciMarked = self[shellPid].ciMarked
    addProcess(child)
    return pid
  }

  /// Forks a child of a process: same group, session, descriptors and dispositions
  /// (handlers too, since there is no exec).
  mutating func forkFromProcess(_ parent: Int, role: ProcessRole) -> Int {
    let pid = allocatePid()
    var child = self[parent]
    child.pid = pid
    child.ppid = parent
    child.role = role
    child.clearPending()
    child.activity = .busy
    child.queued = false
    child.queueSlot = -1
    addProcess(child)
    return pid
  }

  /// `setsid()`: the process leads a new session and group, without a controlling terminal.
  mutating func startNewSession(_ pid: Int) {
    self[pid].sid = pid
    self[pid].pgid = pid
    self[pid].hasControllingTerminal = false
  }

  /// `execve` of the job's program: caught signals reset, ignored ones stay; then the
  /// program installs its own handlers.
  mutating func execProgram(_ pid: Int, program: Program, inheritedIgnores: [Signal]) {
    var dispositions = self[pid].dispositions
    dispositions.resetCaught()
    for signal in inheritedIgnores { dispositions[signal] = .ignored }
    if program.resetsSignals {
      let reset = Signal.all.filter { dispositions[$0] == .ignored && !program.ignoresItself.contains($0) }
      for signal in reset { dispositions[signal] = .default }
      note(.program(.resetsDispositions(pid: pid, reset)), from: .user, .progResetsSignals, about: pid)
    }
    for signal in program.ignoresItself { dispositions[signal] = .ignored }
    for signal in program.handles where dispositions[signal] != .ignored || program.overridesInheritedIgnores {
      dispositions[signal] = .caught
    }
    for signal in program.exitsOn { dispositions[signal] = .caught }
    self[pid].dispositions = dispositions
    self[pid].program = program
    setCommand(pid, program.name)
    if !program.handles.isEmpty {
      note(.program(.installsHandlers(pid: pid, program.handles)), from: .user, .progHandler, about: pid)
    }
  }

  private mutating func applyInheritedIgnores(_ pid: Int, _ signals: [Signal]) {
    guard !signals.isEmpty else { return }
    for signal in signals { self[pid].dispositions[signal] = .ignored }
    note(.program(.startsWithIgnored(pid: pid, signals)), from: .user, .inheritedIgnore, about: pid)
  }

  /// Creates the processes of scenario job `number` as the shell forks them for its
  /// launch, with every extra process; wakes them all.
  mutating func launchJob(_ spec: JobSpec, number: Int, rules: JobStartRules) -> LaunchedJob {
    let group: Int? = rules.sameGroupAsShell ? self[shellPid].pgid : nil
    let (leader, first): (Int, Int)
    switch spec.launch {
    case .nohup where rules.nohupPrefix != nil: (leader, first) = startWithNohupPrefix(spec, number, rules, group)
    case .plain, .disown, .disownH, .nohup, .hup, .ampersandBang, .systemdRunScope:
      (leader, first) = startDirectly(spec, number, rules, group)
    case .setsid: (leader, first) = startWithSetsid(spec, number, rules, group)
    case .tmux, .screen: (leader, first) = startInMultiplexer(spec, number, rules, group)
    case .systemdRun: (leader, first) = startAsUserService(spec, number, rules, group)
    case .subshell: (leader, first) = startInSubshell(spec, number, rules, group)
    }
    if ![.plain, .disown, .disownH, .nohup, .hup, .ampersandBang, .systemdRunScope].contains(spec.launch) {
      redirectOutput(leader, spec.stdout)
    }
    var shellChildren = [first]
    var created = [leader]
    for extra in spec.extraProcesses {
      let pid = startExtraProcess(
        extra, of: spec, number: number, index: created.count, created: created,
        groupOf: shellChildren[0], rules: rules)
      if extra.parent == .shell { shellChildren.append(pid) }
      created.append(pid)
    }
    if spec.escapesCI {
      for pid in created { self[pid].ciMarked = false }
    }
    for pid in created { wake(pid) }
    return LaunchedJob(leader: leader, shellChildren: shellChildren, created: created)
  }

  /// The form a job start takes in the shell's table.
  private func form(_ rules: JobStartRules) -> JobStartForm { rules.sameGroupAsShell ? .shellGroup : .ownGroup }

  /// tcsh's own `nohup` prefix: the child ignores SIGHUP before it execs.
  private mutating func startWithNohupPrefix(_ spec: JobSpec, _ number: Int, _ rules: JobStartRules, _ group: Int?) -> (
    Int, Int
  ) {
    let leader = forkFromShell(command: spec.program.name, role: .workload(job: number, index: 0), pgid: group)
    note(
      .shell(.forkedJob(pid: leader, pgid: self[leader].pgid, form: form(rules))), from: .shell, rules.fork,
      about: leader)
    self[leader].dispositions[.hup] = .ignored
    note(.launcher(.nohupBuiltin(pid: leader)), from: .shell, rules.nohupPrefix ?? rules.fork, about: leader)
    runProgram(leader, spec, alsoIgnoring: [.hup])
    return (leader, leader)
  }

  /// The shell's child runs the program (through GNU nohup or systemd-run --scope, which exec it).
  private mutating func startDirectly(_ spec: JobSpec, _ number: Int, _ rules: JobStartRules, _ group: Int?) -> (
    Int, Int
  ) {
    let leader = forkFromShell(
      command: spec.launch == .nohup ? "nohup" : spec.program.name,
      role: .workload(job: number, index: 0), pgid: group)
    note(
      .shell(.forkedJob(pid: leader, pgid: self[leader].pgid, form: form(rules))), from: .shell, rules.fork,
      about: leader)
    redirectOutput(leader, spec.stdout)
    if spec.launch == .systemdRunScope {
      self[leader].cgroup = .userScope
      note(.launcher(.systemdRunScope(pid: leader)), from: .user, .systemdRun, about: leader)
    }
    let async = rules.asyncWithoutJobControl ? setUpAsyncWithoutJobControl(leader, rule: rules.fork) : []
    if spec.launch == .nohup { applyNohup(leader) }
    applyInheritedIgnores(leader, spec.inheritedIgnores)
    if spec.launch == .nohup && spec.inheritedIgnores.isEmpty && !spec.program.handles.contains(.hup)
      && !spec.program.resetsSignals
    {
      note(
        .process(.execKeepsIgnored(pid: leader, launcher: "nohup", program: spec.program.name, signal: .hup)),
        from: .kernel, .kernExecKeepsIgnored, about: leader)
    }
    execProgram(
      leader, program: spec.program,
      inheritedIgnores: spec.inheritedIgnores + async + (spec.launch == .nohup ? [.hup] : []))
    return (leader, leader)
  }

  /// setsid(1): it leads its group, so it forks; the child starts a new session. Without
  /// job control it is not a group leader, so it calls setsid() and execs in place.
  private mutating func startWithSetsid(_ spec: JobSpec, _ number: Int, _ rules: JobStartRules, _ group: Int?) -> (
    Int, Int
  ) {
    if rules.sameGroupAsShell {
      let leader = forkFromShell(command: "setsid", role: .workload(job: number, index: 0), pgid: group)
      note(
        .shell(.forkedJob(pid: leader, pgid: self[leader].pgid, form: form(rules))), from: .shell, rules.fork,
        about: leader)
      note(.launcher(.setsidInPlace(pid: leader)), from: .user, .setsidFork, about: leader)
      leadNewSession(leader)
      let async = rules.asyncWithoutJobControl ? setUpAsyncWithoutJobControl(leader, rule: rules.fork) : []
      runProgram(leader, spec, alsoIgnoring: async)
      return (leader, leader)
    }
    let wrapper = forkLauncher("setsid", .setsid, number, group, rules)
    let leader = forkFromProcess(wrapper, role: .workload(job: number, index: 0))
    note(.launcher(.setsidForks(child: leader)), from: .user, .setsidFork, about: leader)
    leadNewSession(leader)
    runProgram(leader, spec)
    return (leader, wrapper)
  }

  /// The shell forks a launcher for job `number` (setsid, tmux, screen, systemd-run, a
  /// subshell): it leads a group of its own unless the shell has no job control.
  private mutating func forkLauncher(
    _ command: String, _ launch: Launch, _ number: Int, _ group: Int?,
    _ rules: JobStartRules
  ) -> Int {
    let pid = forkFromShell(command: command, role: .launcher(job: number), pgid: group)
    note(.shell(.forkedJob(pid: pid, pgid: pid, form: .launcher(launch))), from: .shell, rules.fork, about: pid)
    return pid
  }

  /// setsid(): the process leads a new session, with no controlling terminal (KERN-SETSID).
  private mutating func leadNewSession(_ pid: Int) {
    startNewSession(pid)
    note(.process(.newSession(pid: pid)), from: .kernel, .kernSetsid, about: pid)
  }

  /// The job's program runs in `pid`: the ignored signals it inherits, then the exec.
  private mutating func runProgram(_ pid: Int, _ spec: JobSpec, alsoIgnoring extra: [Signal] = []) {
    applyInheritedIgnores(pid, spec.inheritedIgnores)
    execProgram(pid, program: spec.program, inheritedIgnores: spec.inheritedIgnores + extra)
  }

  /// tmux or screen: the client starts a server daemon, which runs the program in a pane
  /// (a new session on a terminal of its own); the client exits.
  private mutating func startInMultiplexer(_ spec: JobSpec, _ number: Int, _ rules: JobStartRules, _ group: Int?) -> (
    Int, Int
  ) {
    let tmux = spec.launch == .tmux
    let client = forkLauncher(tmux ? "tmux" : "screen", spec.launch, number, group, rules)
    let server = allocatePid()
    var serverProcess = SimProcess(
      pid: server, ppid: 1, pgid: server, sid: server, command: tmux ? "tmux: server" : "SCREEN -dmS job",
      role: .server(job: number), hasControllingTerminal: false)
    serverProcess.stdin = .devNull
    serverProcess.stdout = .devNull
    serverProcess.cgroup = self[client].cgroup
    serverProcess.ciMarked = self[client].ciMarked
    addProcess(serverProcess)
    let rule: RuleID = tmux ? .tmuxPane : .screenSession
    note(.launcher(tmux ? .tmuxServer(pid: server) : .screenServer(pid: server)), from: .user, rule, about: server)
    let leader = forkFromProcess(server, role: .workload(job: number, index: 0))
    startNewSession(leader)
    self[leader].stdin = .otherTerminal
    self[leader].stdout = .otherTerminal
    note(.launcher(.tmuxPane(pid: leader)), from: .user, rule, about: leader)
    runProgram(leader, spec)
    return (leader, client)
  }

  /// systemd-run --user --unit: the user manager starts the program as a service.
  private mutating func startAsUserService(_ spec: JobSpec, _ number: Int, _ rules: JobStartRules, _ group: Int?) -> (
    Int, Int
  ) {
    let client = forkLauncher("systemd-run", .systemdRun, number, group, rules)
    let manager = userManager(for: number)
    let leader = allocatePid()
    var service = SimProcess(
      pid: leader, ppid: manager, pgid: leader, sid: leader, command: spec.program.name,
      role: .workload(job: number, index: 0), hasControllingTerminal: false)
    service.stdin = .devNull
    service.stdout = .file
    service.cgroup = .userService
    addProcess(service)
    note(.launcher(.systemdRunService(pid: leader, manager: manager)), from: .user, .systemdRun, about: leader)
    execProgram(leader, program: spec.program, inheritedIgnores: [])
    return (leader, client)
  }

  /// `( cmd & )`: the subshell runs cmd without job control and exits.
  private mutating func startInSubshell(_ spec: JobSpec, _ number: Int, _ rules: JobStartRules, _ group: Int?) -> (
    Int, Int
  ) {
    let subshell = forkLauncher(self[shellPid].command.trimmingLoginDash, .subshell, number, group, rules)
    let leader = forkFromProcess(subshell, role: .workload(job: number, index: 0))
    if rules.subshellKeepsJobControl {
      self[leader].pgid = leader
      note(.launcher(.subshellWithJobControl(pid: leader)), from: .shell, rules.subshell, about: leader)
      runProgram(leader, spec)
      return (leader, subshell)
    }
    self[leader].stdin = .devNull
    self[leader].dispositions[.int] = .ignored
    self[leader].dispositions[.quit] = .ignored
    note(.launcher(.subshellAsync(pid: leader, group: subshell)), from: .shell, rules.subshell, about: leader)
    runProgram(leader, spec, alsoIgnoring: [.int, .quit])
    return (leader, subshell)
  }

  /// Another process of the job: forked by one of its processes, or a pipeline member
  /// the shell forks into the job's group.
  private mutating func startExtraProcess(
    _ extra: ExtraProcess, of spec: JobSpec, number: Int, index: Int, created: [Int],
    groupOf first: Int, rules: JobStartRules
  ) -> Int {
    switch extra.parent {
    case .process(let k):
      let pid = forkFromProcess(created[k], role: .workload(job: number, index: index))
      note(.program(.forks(parent: created[k], child: pid)), from: .user, .progFork, about: pid)
      if extra.program.resetsSignals {
        // A child started through something that resets dispositions (libuv's uv_spawn).
        let reset = Signal.all.filter {
          self[pid].dispositions[$0] != .default && !extra.program.ignoresItself.contains($0)
        }
        for s in reset { self[pid].dispositions[s] = .default }
        note(.program(.resetsDispositions(pid: pid, reset)), from: .user, .progResetsSignals, about: pid)
      }
      for s in extra.program.ignoresItself { self[pid].dispositions[s] = .ignored }
      for s in extra.program.handles where self[pid].dispositions[s] != .ignored { self[pid].dispositions[s] = .caught }
      for s in extra.program.exitsOn { self[pid].dispositions[s] = .caught }
      self[pid].program = extra.program
      setCommand(pid, extra.program.name)
      return pid
    case .shell:
      let group = self[first].pgid
      let pid = forkFromShell(command: extra.program.name, role: .workload(job: number, index: index), pgid: group)
      note(.shell(.forkedJob(pid: pid, pgid: group, form: .pipelineMember)), from: .shell, rules.fork, about: pid)
      applyInheritedIgnores(pid, spec.inheritedIgnores)
      execProgram(pid, program: extra.program, inheritedIgnores: spec.inheritedIgnores)
      return pid
    }
  }

  /// After the shell has recorded the job: the launcher that exits at once does so.
  mutating func finishLaunch(_ spec: JobSpec, _ launched: LaunchedJob) {
    switch spec.launch {
    case .setsid, .subshell, .tmux, .screen, .systemdRun:
      // setsid(1) that ran in place (no job control) is the job itself and goes on.
      if launched.shellChildren[0] != launched.leader {
        exitProcess(launched.shellChildren[0], fate: .exited(status: 0))
        settle()
      }
    default:
      break
    }
    // Programs that detach themselves do it once they run, after the shell recorded the job.
    let programs = [spec.program] + spec.extraProcesses.map(\.program)
    for (index, program) in programs.enumerated() where index < launched.created.count {
      guard let form = program.daemonizes, isLive(launched.created[index]) else { continue }
      guard case .workload(let job, _)? = role(of: launched.created[index]) else { continue }
      daemonize(launched.created[index], job: job, index: index, form: form)
      settle()
    }
  }

  /// The user's `systemd --user`: the subreaper above the session if there is one, else
  /// a user manager started for the job (it lives outside the login session).
  private mutating func userManager(for job: Int) -> Int {
    if let i = processes.indices.first(where: { processes[$0].role == .subreaper && processes[$0].isLive }) {
      return processes[i].pid
    }
    if let i = processes.indices.first(where: { processes[$0].command == "systemd --user" && processes[$0].isLive }) {
      return processes[i].pid
    }
    let pid = allocatePid()
    var manager = SimProcess(
      pid: pid, ppid: 1, pgid: pid, sid: pid, command: "systemd --user", role: .server(job: job),
      hasControllingTerminal: false)
    manager.stdin = .devNull
    manager.stdout = .devNull
    manager.cgroup = .userManager
    manager.isChildSubreaper = true
    addProcess(manager)
    return pid
  }

  /// `> file 2>&1`, `>/dev/null 2>&1` or a pipe, as the scenario says (nil: as inherited).
  private mutating func redirectOutput(_ pid: Int, _ target: OutputTarget?) {
    guard let target else { return }
    switch target {
    case .terminal: self[pid].stdout = .terminal
    case .file: self[pid].stdout = .file
    case .pipe: self[pid].stdout = .pipe
    case .null: self[pid].stdout = .devNull
    }
  }

  /// POSIX 2.9.3.1: without job control an asynchronous command ignores SIGINT and
  /// SIGQUIT and reads /dev/null. Returns the signals it now ignores.
  private mutating func setUpAsyncWithoutJobControl(_ pid: Int, rule: RuleID) -> [Signal] {
    self[pid].dispositions[.int] = .ignored
    self[pid].dispositions[.quit] = .ignored
    if self[pid].stdin == .terminal || self[pid].stdin == .pipe { self[pid].stdin = .devNull }
    note(.launcher(.asyncWithoutJobControl(pid: pid)), from: .shell, rule, about: pid)
    return [.int, .quit]
  }

  /// What nohup does before it execs the command.
  private mutating func applyNohup(_ pid: Int) {
    self[pid].dispositions[.hup] = .ignored
    note(.launcher(.nohupIgnoresHangup(pid: pid)), from: .user, .nohupIgnoresHangup, about: pid)
    switch profile.nohup {
    case .coreutils:
      if self[pid].stdin == .terminal {
        self[pid].stdin = .devNullWriteOnly
        note(.launcher(.nohupReopensStdin(pid: pid)), from: .user, .nohupStdin, about: pid)
      }
    case .netbsd:
      note(.launcher(.nohupLeavesStdin(pid: pid)), from: .user, .nohupStdin, about: pid)
    }
    if self[pid].stdout == .terminal {
      self[pid].stdout = .file
      otherOutput.append(profile.nohupNotice)
      note(.launcher(.nohupRedirectsOutput(pid: pid)), from: .user, .nohupOutput, about: pid)
    }
  }
}

extension String {
  /// `-bash` → `bash`: the name a subshell of a login shell shows.
  var trimmingLoginDash: String { hasPrefix("-") ? String(dropFirst()) : self }
}
