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

/// The pipes a session host (sshd without a pty) holds to the command's stdio.
struct HostPipes: Sendable {
  /// The host still holds the write end of the stdin pipe (readers block rather than see EOF).
  var stdinWriterOpen = true
  /// The host still reads the stdout and stderr pipes (writers succeed rather than get SIGPIPE).
  var outputReaderOpen = true
}

/// The whole simulated system: the kernel's processes, the terminal, the session host,
/// the shell and the event log. Components live in extensions named after the real
/// parts: `World+Signals` and `World+Exit` (kernel), `World+Terminal` (terminal driver),
/// `World+Launchers` (nohup, setsid, subshell, tmux); the shell is the type parameter,
/// reached only through the ``ShellModel`` hooks, and the host through ``SessionHost``.
///
/// Everything is a value and every collection that reaches output is ordered, so the
/// same scenario always gives the same events, byte for byte.
struct World<Shell: ShellModel>: Sendable {
  let profile: KernelProfile
  let host: any SessionHost.Type
  /// The shell's own state (its job table, options, dialect).
  var shell: Shell.State
  var shellPid = 0
  /// Every process ever created, in pid order (pids only grow, so appending keeps the order).
  var processes: [SimProcess] = []
  /// The slot in `processes` of each pid from ``World/slotBase`` on (-1: none): those pids
  /// are handed out in order, so an array serves; the few below it are found by scanning.
  var slotByPid: [Int32] = []
  static var slotBase: Int { Simulator.Pids.terminalOwner }
  /// Group and parent indexes, kept once the world is too large to scan (see
  /// ``World/indexThreshold``); a small world answers by scanning its few processes.
  var largeIndex: WorldIndex?
  var terminal: Terminal
  /// sshd's pipes, when the session has no terminal.
  var pipes = HostPipes()
  var events: [Event] = []
  var phase: Phase = .setup
  /// Processes that have something to do when they next get the CPU, in wake-up order;
  /// entries before `runHead` are done, and an entry whose process is no longer marked
  /// `queued` is skipped.
  var runQueue: [Int] = []
  var runHead = 0
  var nextPid: Int
  /// Lines the shell printed, in order.
  var shellOutput: [String] = []
  /// Lines other programs (nohup) printed on the terminal.
  var otherOutput: [String] = []
  /// The kill()/killpg() call being made, so its events can be grouped.
  var currentCall = 0
  var callCounter = 0
  /// Which way each race the run meets goes, and the races met.
  var races = RaceState()
  /// Commands by process, with the event sequence number from which each held.
  var commandHistory: [CommandChange] = []
  /// Steps taken by `run` since the start: bounded, so a model bug cannot hang.
  var steps = 0
  var stepLimit = 1_000_000
  /// Set when the step limit was reached.
  var stalled = false
  /// Race branch: processes woken by the kernel's SIGHUP to the group remembered at a
  /// hang-up run before its SIGCONT follows.
  var runWokenBetweenOldGroupSignals = false
  /// Race branch: a stop already under way completes although the group has just been
  /// orphaned (the orphaned-group check came first).
  var stopsDespiteOrphanedGroup = false

  init(profile: KernelProfile, host: any SessionHost.Type, shell: Shell.State, firstPid: Int) {
    self.profile = profile
    self.host = host
    self.terminal = Terminal(name: profile.terminalName)
    self.shell = shell
    self.nextPid = firstPid
    processes.reserveCapacity(8)
    events.reserveCapacity(32)
    runQueue.reserveCapacity(8)
    commandHistory.reserveCapacity(12)
  }

  // MARK: - Processes

  /// The slot of a pid in `processes`.
  @inline(__always)
  func index(of pid: Int) -> Int? {
    let offset = pid - World.slotBase
    guard offset >= 0 else {
      var i = 0
      while i < processes.count && processes[i].pid < World.slotBase {
        if processes[i].pid == pid { return i }
        i += 1
      }
      return nil
    }
    guard offset < slotByPid.count else { return nil }
    let slot = Int(slotByPid[offset])
    return slot >= 0 ? slot : nil
  }

  func process(_ pid: Int) -> SimProcess? {
    index(of: pid).map { processes[$0] }
  }

  /// Whether the process exists and is running or stopped (no copy of it is made).
  func isLive(_ pid: Int) -> Bool {
    guard let i = index(of: pid) else { return false }
    return processes[i].isLive
  }

  /// The pid of scenario job `job`'s process `process`, if it exists.
  func pid(job: Int, process: Int) -> Int? {
    processes.indices.first { processes[$0].role == .workload(job: job, index: process) }.map { processes[$0].pid }
  }

  /// The process's role, if it exists.
  func role(of pid: Int) -> ProcessRole? {
    guard let i = index(of: pid) else { return nil }
    return processes[i].role
  }

  /// A process known to exist (pids the model itself handed out), read and changed in
  /// place; a change of process group keeps the group index right.
  subscript(pid: Int) -> SimProcess {
    _read {
      guard let i = index(of: pid) else { preconditionFailure("no process \(pid)") }
      yield processes[i]
    }
    _modify {
      guard let i = index(of: pid) else { preconditionFailure("no process \(pid)") }
      let old = processes[i].pgid
      yield &processes[i]
      let new = processes[i].pgid
      if old != new { moveGroup(pid, from: old, to: new) }
    }
  }

  /// A world with more processes than this keeps indexes by group and by parent.
  static var indexThreshold: Int { 48 }

  /// Live and zombie members of a process group, in pid order.
  func members(ofGroup pgid: Int) -> [Int] {
    if let largeIndex { return largeIndex.groups[pgid] ?? [] }
    var out: [Int] = []
    for i in processes.indices where processes[i].pgid == pgid && processes[i].state != .reaped {
      out.append(processes[i].pid)
    }
    return out
  }

  /// A process's children not yet reaped, in pid order.
  func children(of parent: Int) -> [Int] {
    if let largeIndex { return (largeIndex.children[parent] ?? []).filter { pid in self[pid].state != .reaped } }
    var out: [Int] = []
    for i in processes.indices
    where processes[i].ppid == parent && processes[i].state != .reaped && processes[i].pid != parent {
      out.append(processes[i].pid)
    }
    return out
  }

  mutating func allocatePid() -> Int {
    defer { nextPid += 1 }
    return nextPid
  }

  mutating func addProcess(_ process: SimProcess) {
    let offset = process.pid - World.slotBase
    if offset >= slotByPid.count {
      slotByPid.append(contentsOf: repeatElement(-1, count: offset + 1 - slotByPid.count + 16))
    }
    if let last = processes.last, last.pid > process.pid {
      // Only the fixed pids of the bootstrap can arrive out of order.
      processes.append(process)
      processes.sort { $0.pid < $1.pid }
      for (slot, p) in processes.enumerated() where p.pid >= World.slotBase {
        slotByPid[p.pid - World.slotBase] = Int32(slot)
      }
    } else if offset >= 0 {
      slotByPid[offset] = Int32(processes.count)
      processes.append(process)
    } else {
      processes.append(process)
    }
    if largeIndex != nil {
      largeIndex?.groups[process.pgid, default: []].append(process.pid)
      insertChild(process.pid, of: process.ppid)
    } else if processes.count > World.indexThreshold {
      var built = WorldIndex()
      for p in processes where p.state != .reaped {
        built.groups[p.pgid, default: []].append(p.pid)
        built.children[p.ppid, default: []].append(p.pid)
      }
      largeIndex = built
    }
    commandHistory.append(CommandChange(pid: process.pid, fromSeq: events.count + 1, command: process.command))
  }

  /// Records `child` under `parent`, keeping pid order.
  mutating func insertChild(_ child: Int, of parent: Int) {
    guard largeIndex != nil else { return }
    var list = largeIndex?.children[parent] ?? []
    let at = list.last.map { $0 < child } == true ? list.count : (list.firstIndex(where: { $0 > child }) ?? list.count)
    list.insert(child, at: at)
    largeIndex?.children[parent] = list
  }

  /// A dying process's children are all re-parented: its list goes.
  mutating func forgetChildren(of parent: Int) {
    guard largeIndex != nil else { return }
    largeIndex?.children[parent] = nil
  }

  private mutating func moveGroup(_ pid: Int, from old: Int, to new: Int) {
    guard largeIndex != nil else { return }
    largeIndex?.groups[old]?.removeAll(where: { $0 == pid })
    if largeIndex?.groups[old]?.isEmpty == true { largeIndex?.groups[old] = nil }
    var members = largeIndex?.groups[new] ?? []
    let at = members.firstIndex(where: { $0 > pid }) ?? members.count
    members.insert(pid, at: at)
    largeIndex?.groups[new] = members
  }

  /// A reaped process leaves its group.
  mutating func leaveGroup(_ pid: Int) {
    guard largeIndex != nil else { return }
    let pgid = self[pid].pgid
    largeIndex?.groups[pgid]?.removeAll(where: { $0 == pid })
    if largeIndex?.groups[pgid]?.isEmpty == true { largeIndex?.groups[pgid] = nil }
  }

  /// The program a process runs changed (exec).
  mutating func setCommand(_ pid: Int, _ command: String) {
    guard self[pid].command != command else { return }
    self[pid].command = command
    commandHistory.append(CommandChange(pid: pid, fromSeq: events.count + 1, command: command))
  }

  func target(_ pid: Int, viaGroup: Bool) -> Target {
    Target(pid: pid, pgid: index(of: pid).map { processes[$0].pgid } ?? pid, viaGroup: viaGroup)
  }

  // MARK: - Event log

  mutating func record(_ payload: EventPayload, from actor: Actor, rule: RuleID, about subject: Int? = nil) {
    let call: Int
    if case .signal = payload { call = currentCall } else { call = 0 }
    events.append(
      Event(
        seq: events.count + 1, phase: phase, from: actor, rule: rule, payload: payload,
        subject: subject.map { target($0, viaGroup: false) }, call: call))
  }

  /// Records a step other than a signal, about process `subject` if any.
  mutating func note(_ payload: EventPayload, from actor: Actor, _ rule: RuleID, about subject: Int? = nil) {
    record(payload, from: actor, rule: rule, about: subject)
  }

  // MARK: - Scheduling

  /// Marks a process as having work to do the next time it runs.
  mutating func wake(_ pid: Int) {
    guard let i = index(of: pid), !processes[i].queued else { return }
    processes[i].queued = true
    processes[i].queueSlot = runQueue.count
    runQueue.append(pid)
  }

  /// Takes a process off the run queue.
  mutating func unqueue(_ pid: Int) {
    if let i = index(of: pid) { processes[i].queued = false }
  }

  /// Runs every process that has work, in wake-up order, until none has.
  ///
  /// - Parameter except: a process that must not run now (the shell in the middle of
  ///   a sequence it performs without blocking); it keeps its place at the front.
  mutating func settle(except excluded: Int? = nil) {
    var held = false
    while runHead < runQueue.count {
      let slot = runHead
      let next = runQueue[slot]
      runHead += 1
      guard let i = index(of: next), processes[i].queued, processes[i].queueSlot == slot else { continue }
      if next == excluded {
        held = true
        continue
      }
      processes[i].queued = false
      steps += 1
      if steps > stepLimit {
        stalled = true
        runQueue.removeAll()
        runHead = 0
        return
      }
      run(next)
    }
    runQueue.removeAll(keepingCapacity: true)
    runHead = 0
    if held, let excluded, let i = index(of: excluded), processes[i].queued {
      processes[i].queueSlot = 0
      runQueue.append(excluded)
    }
  }

  /// Runs each process queued now once, in order; what they wake stays queued.
  mutating func runWokenOnce(except excluded: Int? = nil) {
    let end = runQueue.count
    var slot = runHead
    while slot < end {
      let pid = runQueue[slot]
      if pid != excluded, let i = index(of: pid), processes[i].queued, processes[i].queueSlot == slot {
        processes[i].queued = false
        run(pid)
      }
      slot += 1
    }
  }

  /// Processes woken since the queue had `count` entries, in order.
  func wokenSince(_ count: Int) -> [Int] {
    guard count < runQueue.count else { return [] }
    return runQueue.indices[count...].compactMap { slot in
      let pid = runQueue[slot]
      guard let i = index(of: pid), processes[i].queued, processes[i].queueSlot == slot else { return nil }
      return pid
    }
  }

  // MARK: - Invariants

  /// Checks the model's structural invariants after every step (debug and test builds).
  func checkInvariants() {
    #if DEBUG
    var previous = 0
    for p in processes {
      assert(p.pid > previous, "process table out of order at \(p.pid)")
      previous = p.pid
      guard p.state != .reaped else { continue }
      assert(p.pgid > 0 && p.sid > 0, "process \(p.pid) has no group or session")
      assert(members(ofGroup: p.pgid).contains(p.pid), "process \(p.pid) is missing from group \(p.pgid)")
      if p.state != .zombie {
        assert(process(p.ppid) != nil || p.pid == 1, "process \(p.pid) has no parent")
        assert(
          p.dyingOf != nil || p.pending.count == p.pendingSet.reduce(0) { n, _ in n + 1 },
          "process \(p.pid)'s pending list and set disagree")
      }
      if p.hasControllingTerminal && profile.hangupDetachesSession {
        assert(terminal.session == nil || terminal.session == p.sid, "process \(p.pid) has another session's terminal")
      }
      if p.state == .zombie { assert(!p.queued, "zombie \(p.pid) is queued") }
    }
    for (pgid, members) in largeIndex?.groups ?? [:] {
      for pid in members { assert(process(pid)?.pgid == pgid, "group \(pgid) lists \(pid), which is elsewhere") }
      assert(members == members.sorted(), "group \(pgid) is out of order")
    }
    if let fg = terminal.foregroundGroup, let session = terminal.session {
      assert(
        members(ofGroup: fg).isEmpty || members(ofGroup: fg).contains { self[$0].sid == session },
        "foreground group \(fg) is not in the terminal's session")
    }
    if terminal.revoked || (terminal.hungUp && profile.hangupDetachesSession) {
      assert(terminal.session == nil || !profile.hangupDetachesSession, "a hung-up terminal still has a session")
    }
    #endif
  }
}

/// The command a process ran from a point in the timeline on (it changes at exec).
public struct CommandChange: Sendable {
  public var pid: Int
  /// The first event sequence number at which the command holds.
  public var fromSeq: Int
  public var command: String
}

/// The indexes a large world keeps, so finding a group's members or a parent's children
/// does not walk every process.
struct WorldIndex: Sendable {
  /// Live and zombie members of each process group, in pid order.
  var groups: [Int: [Int]] = [:]
  /// Each process's children, in pid order (reaped ones are filtered when read).
  var children: [Int: [Int]] = [:]
}
