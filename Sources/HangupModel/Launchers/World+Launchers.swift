// Starting a job the way a person would: the typed command line, bash's fork and
// process group, the launcher (nohup, setsid, a subshell, disown) and the program's
// own signal setup.

extension World {
  /// Forks a child of the shell in the shell's session, with the terminal as its
  /// controlling terminal and default dispositions.
  private mutating func forkFromShell(command: String, kind: ProcessKind, pgid: Int?) -> Int {
    let pid = allocatePid()
    let me = self[shellPid]
    addProcess(SimProcess(pid: pid, ppid: me.pid, pgid: pgid ?? pid, sid: me.sid, command: command, kind: kind,
                          hasControllingTerminal: me.hasControllingTerminal))
    return pid
  }

  /// Forks a child of a workload process: same group, session, descriptors and
  /// dispositions (handlers too, since there is no exec).
  private mutating func forkFromProcess(_ parent: Int, kind: ProcessKind) -> Int {
    let pid = allocatePid()
    var child = self[parent]
    child.pid = pid
    child.ppid = parent
    child.kind = kind
    child.pending = []
    child.activity = .busy
    addProcess(child)
    return pid
  }

  /// `setsid()`: the process leads a new session and group, without a controlling terminal.
  private mutating func startNewSession(_ pid: Int) {
    self[pid].sid = pid
    self[pid].pgid = pid
    self[pid].hasControllingTerminal = false
  }

  /// `execve` of the job's program: caught signals reset, ignored ones stay; then the
  /// program installs its own handlers.
  private mutating func execProgram(_ pid: Int, program: Program, inheritedIgnores: [Signal]) {
    var p = self[pid]
    for (name, disposition) in p.dispositions where disposition == .caught { p.dispositions[name] = .default }
    for signal in inheritedIgnores { p.dispositions[signal.name] = .ignored }
    for signal in program.ignoresItself { p.dispositions[signal.name] = .ignored }
    for signal in program.handles where p.dispositions[signal.name] != .ignored || program.overridesInheritedIgnores {
      p.dispositions[signal.name] = .caught
    }
    p.command = program.name
    p.program = program
    self[pid] = p
    if !program.handles.isEmpty {
      note(from: .user, .progHandler, about: pid,
           "\(label(of: pid)) installs handlers for \(program.handles.map(\.description).joined(separator: ", "))")
    }
  }

  private mutating func applyInheritedIgnores(_ pid: Int, _ signals: [Signal]) {
    guard !signals.isEmpty else { return }
    for signal in signals { self[pid].dispositions[signal.name] = .ignored }
    note(from: .user, .inheritedIgnore, about: pid,
         "\(label(of: pid)) starts with \(signals.map(\.description).joined(separator: ", ")) ignored")
  }

  /// Sets up scenario job `number` in the state the scenario asks for.
  mutating func startJob(_ spec: JobSpec, number: Int) {
    let typedInForeground = spec.typedInForeground
    note(from: .user, .userTypes, "the user types `\(spec.commandLine)`")
    shell.shift(to: .other)

    let leader: Int
    var bashPids: [Int]
    switch spec.launch {
    case .plain, .disown, .disownH, .nohup:
      leader = forkFromShell(command: spec.launch == .nohup ? "nohup" : spec.program.name,
                             kind: .workload(job: number, index: 0), pgid: nil)
      bashPids = [leader]
      note(from: .shell, .bashJobStart, about: leader,
           "bash forks pid \(leader) and puts it in its own process group \(leader)")
      if spec.launch == .nohup { applyNohup(leader) }
      applyInheritedIgnores(leader, spec.inheritedIgnores)
      if spec.launch == .nohup && spec.inheritedIgnores.isEmpty && !spec.program.handles.contains(.hup) {
        note(from: .kernel, .kernExecKeepsIgnored, about: leader, "nohup execs \(spec.program.name): SIGHUP stays ignored")
      }
      execProgram(leader, program: spec.program, inheritedIgnores: spec.inheritedIgnores + (spec.launch == .nohup ? [.hup] : []))
    case .setsid:
      let wrapper = forkFromShell(command: "setsid", kind: .transient(job: number), pgid: nil)
      bashPids = [wrapper]
      note(from: .shell, .bashJobStart, about: wrapper,
           "bash forks pid \(wrapper) (setsid) in its own process group \(wrapper)")
      leader = forkFromProcess(wrapper, kind: .workload(job: number, index: 0))
      note(from: .user, .setsidFork, about: leader,
           "setsid leads its process group, so it forks pid \(leader); the parent will exit at once")
      startNewSession(leader)
      note(from: .kernel, .kernSetsid, about: leader,
           "pid \(leader) calls setsid(): new session \(leader), new group \(leader), no controlling terminal")
      applyInheritedIgnores(leader, spec.inheritedIgnores)
      execProgram(leader, program: spec.program, inheritedIgnores: spec.inheritedIgnores)
    case .tmux:
      let client = forkFromShell(command: "tmux", kind: .transient(job: number), pgid: nil)
      bashPids = [client]
      note(from: .shell, .bashJobStart, about: client, "bash forks the tmux client, pid \(client), as a foreground job")
      let server = allocatePid()
      addProcess(SimProcess(pid: server, ppid: 1, pgid: server, sid: server, command: "tmux: server", kind: .terminalOwner,
                            hasControllingTerminal: false))
      self[server].stdin = .devNull
      self[server].stdout = .devNull
      note(from: .user, .tmuxPane, about: server,
           "the tmux server (pid \(server)) runs as a daemon in its own session, outside the login session")
      leader = forkFromProcess(server, kind: .workload(job: number, index: 0))
      startNewSession(leader)
      self[leader].stdin = .otherTerminal
      self[leader].stdout = .otherTerminal
      note(from: .user, .tmuxPane, about: leader,
           "tmux starts pid \(leader) in a new pane: its own session \(leader) and its own terminal, which the server keeps open")
      applyInheritedIgnores(leader, spec.inheritedIgnores)
      execProgram(leader, program: spec.program, inheritedIgnores: spec.inheritedIgnores)
    case .subshell:
      let subshell = forkFromShell(command: "bash", kind: .transient(job: number), pgid: nil)
      bashPids = [subshell]
      note(from: .shell, .bashJobStart, about: subshell,
           "bash forks the subshell, pid \(subshell), as a foreground job in group \(subshell)")
      leader = forkFromProcess(subshell, kind: .workload(job: number, index: 0))
      self[leader].stdin = .devNull
      self[leader].dispositions[Signal.int.name] = .ignored
      self[leader].dispositions[Signal.quit.name] = .ignored
      note(from: .shell, .bashSubshellAsync, about: leader,
           "the subshell has no job control: pid \(leader) stays in group \(subshell), stdin is /dev/null, SIGINT and SIGQUIT are ignored")
      applyInheritedIgnores(leader, spec.inheritedIgnores)
      execProgram(leader, program: spec.program, inheritedIgnores: spec.inheritedIgnores + [.int, .quit])
    }

    var created = [leader]
    for extra in spec.extraProcesses {
      let index = created.count
      let pid: Int
      switch extra.parent {
      case .process(let k):
        pid = forkFromProcess(created[k], kind: .workload(job: number, index: index))
        note(from: .user, .progFork, about: pid, "\(label(of: created[k])) forks pid \(pid) in its own group")
        if !extra.program.handles.isEmpty || !extra.program.ignoresItself.isEmpty || extra.program.readsStdin {
          var p = self[pid]
          for s in extra.program.ignoresItself { p.dispositions[s.name] = .ignored }
          for s in extra.program.handles where p.dispositions[s.name] != .ignored { p.dispositions[s.name] = .caught }
          self[pid] = p
        }
        self[pid].program = extra.program
        self[pid].command = extra.program.name
      case .shell:
        pid = forkFromShell(command: extra.program.name, kind: .workload(job: number, index: index), pgid: self[bashPids[0]].pgid)
        note(from: .shell, .bashJobStart, about: pid, "bash forks pipeline member pid \(pid) into group \(self[pid].pgid)")
        applyInheritedIgnores(pid, spec.inheritedIgnores)
        execProgram(pid, program: extra.program, inheritedIgnores: spec.inheritedIgnores)
        bashPids.append(pid)
      }
      created.append(pid)
    }

    for pid in created { wake(pid) }
    let jobNumber = shell.nextJobNumber
    let pgid = self[bashPids[0]].pgid
    shell.jobs.append(BashJob(number: jobNumber, pgid: pgid, pids: bashPids, text: spec.jobText,
                              state: .running, scenarioJob: number))
    if typedInForeground {
      shell.waitingFor = jobNumber
      if dialect.parentGivesTerminalToForegroundJob {
        giveTerminal(to: pgid, why: "a foreground job")
      } else {
        childTakesTerminal(pgid)
      }
    } else {
      shellPrints("[\(jobNumber)] \(bashPids.last!)", rule: .bashJobStart, job: number)
      shell.lastStatus = 0
      shellBeforePrompt()
    }
    settle()

    switch spec.launch {
    case .setsid, .subshell, .tmux:
      exitProcess(bashPids[0], fate: .exited(status: 0))
      settle()
    default:
      break
    }

    if spec.state == .stopped {
      typeControlKey(.tstp, key: "^Z")
      settle()
    }
    if spec.launch == .disown || spec.launch == .disownH, let job = shell.jobs.first(where: { $0.scenarioJob == number }) {
      disownBuiltin(job: job.number, nohupOnly: spec.launch == .disownH)
      settle()
    }
  }

  /// What nohup does before it execs the command.
  private mutating func applyNohup(_ pid: Int) {
    self[pid].dispositions[Signal.hup.name] = .ignored
    note(from: .user, .nohupIgnoresHangup, about: pid, "nohup sets SIGHUP to SIG_IGN")
    switch profile.nohup {
    case .coreutils:
      if self[pid].stdin == .terminal {
        self[pid].stdin = .devNullWriteOnly
        note(from: .user, .nohupStdin, about: pid,
             "stdin is the terminal, so nohup reopens it on /dev/null write-only: reads will fail with EBADF")
      }
      if self[pid].stdout == .terminal {
        self[pid].stdout = .file
        otherOutput.append(profile.family == .linux26
          ? "nohup: appending output to `nohup.out'"
          : "nohup: ignoring input and appending output to 'nohup.out'")
        note(from: .user, .nohupOutput, about: pid, "stdout is the terminal, so output goes to nohup.out")
      }
    case .netbsd:
      note(from: .user, .nohupStdin, about: pid, "NetBSD's nohup leaves stdin on the terminal")
      if self[pid].stdout == .terminal {
        self[pid].stdout = .file
        otherOutput.append("sending output to nohup.out")
        note(from: .user, .nohupOutput, about: pid, "stdout is the terminal, so output goes to nohup.out")
      }
    }
  }
}
