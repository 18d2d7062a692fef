/// The pseudo-terminal of the simulated session.
struct Terminal: Sendable {
  /// The name `ps` shows, e.g. `pts/0`.
  var name: String
  /// The session whose controlling terminal this is.
  var session: Int?
  /// The foreground process group (`tcgetpgrp`).
  var foregroundGroup: Int?
  /// The terminal hung up: open descriptors read end of file and write EIO.
  var hungUp = false
  /// Someone (the terminal emulator, sshd, the recorder) still holds the master side.
  var masterOpen = true
  /// NetBSD revoked every open of the terminal when the session leader exited.
  var revoked = false
  /// The shell has exited: this terminal owner (its parent) closes the master when it next runs.
  var ownerClosingMaster: Int?
}

/// The whole simulated system: the kernel's processes, the terminal, the shell and the
/// event log. Components live in extensions named after the real parts:
/// `World+Signals` and `World+Exit` (kernel), `World+Terminal` (terminal driver),
/// `World+Bash` (the shell), `World+Launchers` (nohup, setsid, subshell).
///
/// Everything is a value and every collection that reaches output is ordered, so the
/// same scenario always gives the same events, byte for byte.
struct World: Sendable {
  let profile: KernelProfile
  let dialect: BashDialect
  var processes: [SimProcess] = []
  var terminal: Terminal
  var shell: BashState
  var events: [Event] = []
  var phase: Phase = .setup
  /// Processes that have something to do when they next get the CPU, in wake-up order.
  var runQueue: [Int] = []
  var nextPid: Int
  /// Lines the shell printed, in order.
  var shellOutput: [String] = []
  /// Lines other programs (nohup) printed on the terminal.
  var otherOutput: [String] = []
  /// The kill()/killpg() call being made, so its events can be grouped.
  var currentCall = 0
  var callCounter = 0

  init(profile: KernelProfile, dialect: BashDialect, shell: BashState, firstPid: Int) {
    self.profile = profile
    self.dialect = dialect
    self.terminal = Terminal(name: profile.family == .netbsd ? "ttyp0" : "pts/0")
    self.shell = shell
    self.nextPid = firstPid
  }

  // MARK: - Processes

  func process(_ pid: Int) -> SimProcess? {
    processes.first(where: { $0.pid == pid })
  }

  func index(of pid: Int) -> Int? {
    processes.firstIndex(where: { $0.pid == pid })
  }

  subscript(pid: Int) -> SimProcess {
    get { processes[index(of: pid)!] }
    set { processes[index(of: pid)!] = newValue }
  }

  /// Live and zombie members of a process group, in pid order.
  func members(ofGroup pgid: Int) -> [Int] {
    processes.filter { $0.pgid == pgid && $0.state != .reaped }.map(\.pid)
  }

  mutating func allocatePid() -> Int {
    defer { nextPid += 1 }
    return nextPid
  }

  mutating func addProcess(_ process: SimProcess) {
    processes.append(process)
    processes.sort { $0.pid < $1.pid }
  }

  /// A short label for timelines: `bash`, `job 1 (probe)`, `init`.
  func label(of pid: Int) -> String {
    guard let p = process(pid) else { return "pid \(pid)" }
    switch p.kind {
    case .initProcess: return "init"
    case .subreaper: return "subreaper"
    case .terminalOwner: return p.command
    case .shell: return "bash"
    case .transient(let job): return "job \(job) (\(p.command))"
    case .workload(let job, let index):
      return index == 0 ? "job \(job) (\(p.command))" : "job \(job) process \(index) (\(p.command))"
    }
  }

  func target(_ pid: Int, viaGroup: Bool) -> Target {
    let p = process(pid)
    return Target(pid: pid, pgid: p?.pgid ?? pid, job: p?.jobNumber, label: label(of: pid), viaGroup: viaGroup)
  }

  // MARK: - Event log

  @discardableResult
  mutating func record(
    _ kind: EventKind, from actor: Actor, rule: RuleID, signal: Signal? = nil, sender: Int? = nil,
    sentBy: Actor? = nil, target: Target? = nil, effect: Effect? = nil, _ detail: String
  ) -> Int {
    let seq = events.count + 1
    let source = RuleCatalog.rule(rule).source(profile: profile, dialect: dialect)
    events.append(Event(seq: seq, phase: phase, kind: kind, from: actor, rule: rule, signal: signal,
                        senderPid: sender, sentBy: kind == .signal ? actor : sentBy, target: target, effect: effect,
                        detail: detail, source: source, call: kind == .signal ? currentCall : 0))
    return seq
  }

  mutating func note(from actor: Actor, _ rule: RuleID, about pid: Int? = nil, _ detail: String) {
    record(.note, from: actor, rule: rule, target: pid.map { target($0, viaGroup: false) }, detail)
  }

  // MARK: - Scheduling

  /// Marks a process as having work to do the next time it runs.
  mutating func wake(_ pid: Int) {
    if !runQueue.contains(pid) { runQueue.append(pid) }
  }

  /// Runs every process that has work, in wake-up order, until none has.
  ///
  /// - Parameter except: a process that must not run now (the shell in the middle of
  ///   a sequence it performs without blocking).
  mutating func settle(except excluded: Int? = nil) {
    var guardCount = 0
    while let next = runQueue.first(where: { $0 != excluded }) {
      runQueue.removeAll(where: { $0 == next })
      run(next)
      guardCount += 1
      precondition(guardCount < 10_000, "simulation did not settle")
    }
  }

  // MARK: - Invariants

  /// Checks the model's structural invariants (debug builds only).
  func checkInvariants() {
    #if DEBUG
    for p in processes where p.state != .reaped {
      assert(p.pgid > 0 && p.sid > 0, "process \(p.pid) has no group or session")
      if p.state != .zombie {
        assert(processes.contains(where: { $0.pid == p.ppid }) || p.pid == 1, "process \(p.pid) has no parent")
      }
      if p.hasControllingTerminal { assert(terminal.session == nil || terminal.session == p.sid || profile.family == .netbsd) }
    }
    if let fg = terminal.foregroundGroup, let session = terminal.session {
      assert(processes.contains(where: { $0.pgid == fg && $0.sid == session }) || members(ofGroup: fg).isEmpty,
             "foreground group \(fg) is not in the terminal's session")
    }
    #endif
  }
}
