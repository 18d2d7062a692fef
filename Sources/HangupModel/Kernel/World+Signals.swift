// The kernel's signal semantics: generation (kill, killpg), pending sets, stops and
// continues, and delivery when a process runs.

extension World {
  /// `kill(pid, sig)`: one process.
  mutating func send(_ signal: Signal, to pid: Int, from actor: Actor, sender: Int?, rule: RuleID, _ why: String) {
    callCounter += 1
    currentCall = callCounter
    guard let p = process(pid), p.state != .reaped else {
      record(.signal, from: actor, rule: rule, signal: signal, sender: sender,
             target: Target(pid: pid, pgid: pid, job: nil, label: "pid \(pid)", viaGroup: false),
             effect: .noSuchProcess, why + " — no such process (ESRCH)")
      return
    }
    let queued = runQueue
    generate(signal, to: pid, from: actor, sender: sender, rule: rule, viaGroup: false, why)
    preemptSender(sender, queuedBefore: queued)
  }

  /// `killpg(pgid, sig)`: every member of a process group, one event each.
  mutating func send(_ signal: Signal, toGroup pgid: Int, from actor: Actor, sender: Int?, rule: RuleID, _ why: String) {
    callCounter += 1
    currentCall = callCounter
    let members = members(ofGroup: pgid)
    if members.isEmpty {
      record(.signal, from: actor, rule: rule, signal: signal, sender: sender,
             target: Target(pid: pgid, pgid: pgid, job: nil, label: "group \(pgid)", viaGroup: true),
             effect: .noSuchProcess, why + " — the group is gone (ESRCH)")
      return
    }
    let queued = runQueue
    for pid in members {
      generate(signal, to: pid, from: actor, sender: sender, rule: rule, viaGroup: true, why)
    }
    preemptSender(sender, queuedBefore: queued)
  }

  /// On a profile where a process woken by a signal runs before the sender's next
  /// system call (NetBSD 1.6 on one CPU: `setrunnable` → `need_resched`), the woken
  /// processes run now.
  private mutating func preemptSender(_ sender: Int?, queuedBefore: [Int]) {
    guard profile.wokenProcessRunsBeforeSender, let sender, sender != 0, process(sender)?.isLive == true else { return }
    let woken = runQueue.filter { !queuedBefore.contains($0) && $0 != sender }
    for pid in woken {
      runQueue.removeAll(where: { $0 == pid })
      run(pid)
    }
  }

  /// Generates a signal for one process and records what it did
  /// (Linux `__send_signal`/`complete_signal`, NetBSD `psignal`).
  private mutating func generate(
    _ signal: Signal, to pid: Int, from actor: Actor, sender: Int?, rule: RuleID, viaGroup: Bool, _ why: String
  ) {
    var p = self[pid]
    let target = self.target(pid, viaGroup: viaGroup)
    func log(_ effect: Effect, _ extra: String = "") {
      record(.signal, from: actor, rule: rule, signal: signal, sender: sender, target: target, effect: effect,
             why + (extra.isEmpty ? "" : " — " + extra))
    }
    if p.state == .zombie || p.dyingOf != nil {
      log(.exiting, "\(label(of: pid)) is already exiting")
      return
    }
    let disposition = p.disposition(of: signal)
    if signal == .kill {
      p.dyingOf = .kill
      if p.state == .stopped { p.state = .running }
      self[pid] = p
      wake(pid)
      log(.killed)
      return
    }
    if signal == .cont {
      p.pending.removeAll(where: { $0.signal.defaultAction == .stop })
      let wasStopped = p.state == .stopped
      if wasStopped { p.state = .running }
      var effect: Effect = wasStopped ? .continued : (disposition == .ignored ? .ignored : .ignoredByDefault)
      if disposition == .caught {
        if p.pending.contains(where: { $0.signal == .cont }) {
          if !wasStopped { effect = .merged }
        } else {
          p.pending.append(PendingSignal(signal: signal, from: actor, senderPid: sender))
          p.signalPendingFlag = true
          if !wasStopped { effect = .queued }
        }
      }
      self[pid] = p
      if wasStopped || disposition == .caught { wake(pid) }
      log(effect, wasStopped ? "\(label(of: pid)) resumes" : "")
      if wasStopped { childChanged(pid) }
      return
    }
    if signal.defaultAction == .stop {
      p.pending.removeAll(where: { $0.signal == .cont })
      if disposition == .default && signal != .stop && isOrphaned(group: p.pgid) {
        self[pid] = p
        log(.orphanStopDiscarded, "its process group is orphaned")
        return
      }
    }
    if disposition == .ignored {
      self[pid] = p
      log(.ignored)
      return
    }
    if disposition == .default && (signal.defaultAction == .ignore || signal.defaultAction == .continueProcess) {
      self[pid] = p
      log(.ignoredByDefault)
      return
    }
    if p.pending.contains(where: { $0.signal == signal }) {
      self[pid] = p
      log(.merged, "\(signal) is already pending")
      return
    }
    p.pending.append(PendingSignal(signal: signal, from: actor, senderPid: sender))
    if p.state == .stopped {
      self[pid] = p
      log(.pendingWhileStopped)
      return
    }
    let runningItself = sender == pid
    if disposition == .default && signal.isDefaultFatal && profile.fatalSignalKillsAtGeneration
      && (!p.signalPendingFlag || runningItself)
    {
      p.dyingOf = signal
      self[pid] = p
      wake(pid)
      log(.killed)
      return
    }
    p.signalPendingFlag = true
    self[pid] = p
    wake(pid)
    log(.queued)
  }

  // MARK: - Running a process

  /// Gives a process the CPU: it finishes dying, takes its pending signals and then
  /// carries on with what its program does.
  mutating func run(_ pid: Int) {
    guard let p = process(pid), p.isLive else { return }
    if let signal = p.dyingOf {
      exitProcess(pid, fate: .killed(by: signal))
      return
    }
    if p.state == .stopped { return }
    if p.kind == .shell {
      runShell()
      return
    }
    let handled = deliverPending(pid)
    if p.kind == .terminalOwner {
      if process(pid)?.isLive == true { runTerminalOwner(pid) }
      return
    }
    guard let after = process(pid), after.isLive, after.state == .running else { return }
    continueProgram(pid, interruptedByHandler: !handled.isEmpty)
  }

  /// Dequeues pending signals lowest number first and applies each; handler frames
  /// run last-dequeued first (each frame is pushed on the last before the process returns
  /// to user space). Returns the signals whose handlers ran, in running order.
  @discardableResult
  mutating func deliverPending(_ pid: Int) -> [Signal] {
    var ran: [Signal] = []
    var frames: [PendingSignal] = []
    while true {
      var p = self[pid]
      guard let next = p.pending.min(by: { profile.number(of: $0.signal) < profile.number(of: $1.signal) }) else { break }
      p.pending.removeAll(where: { $0.signal == next.signal })
      self[pid] = p
      let signal = next.signal
      switch p.disposition(of: signal) {
      case .caught:
        frames.append(next)
      case .ignored:
        continue
      case .default:
        switch signal.defaultAction {
        case .terminate, .coreDump:
          record(.delivery, from: .kernel, rule: .kernDequeue, signal: signal, sender: next.senderPid, sentBy: next.from,
                 target: target(pid, viaGroup: false),
                 effect: .killed, "\(label(of: pid)) takes the pending \(signal): default action terminates it")
          exitProcess(pid, fate: .killed(by: signal))
          return ran
        case .stop:
          if signal != .stop && isOrphaned(group: p.pgid) {
            record(.delivery, from: .kernel, rule: .kernOrphanStopDiscarded, signal: signal, sender: next.senderPid,
                   sentBy: next.from, target: target(pid, viaGroup: false), effect: .orphanStopDiscarded,
                   "\(label(of: pid)) is in an orphaned group: \(signal) does not stop it")
            continue
          }
          p = self[pid]
          p.state = .stopped
          p.signalPendingFlag = false
          self[pid] = p
          record(.delivery, from: .kernel, rule: .kernDequeue, signal: signal, sender: next.senderPid, sentBy: next.from,
                 target: target(pid, viaGroup: false),
                 effect: .stopped, "\(label(of: pid)) stops (default action of \(signal))")
          ran += runHandlers(frames, pid: pid)
          childChanged(pid)
          return ran
        case .ignore, .continueProcess:
          continue
        }
      }
    }
    self[pid].signalPendingFlag = false
    ran += runHandlers(frames, pid: pid)
    return ran
  }

  private mutating func runHandlers(_ frames: [PendingSignal], pid: Int) -> [Signal] {
    for frame in frames.reversed() {
      record(.delivery, from: .kernel, rule: .kernDequeue, signal: frame.signal, sender: frame.senderPid,
             sentBy: frame.from, target: target(pid, viaGroup: false),
             effect: .handlerRan, "\(label(of: pid))'s handler for \(frame.signal) runs")
    }
    return frames.reversed().map(\.signal)
  }

  // MARK: - Process groups

  /// POSIX: a group is orphaned when no member has a parent in a different group of
  /// the same session. Linux skips zombies and members whose parent is init
  /// (`will_become_orphaned_pgrp`).
  func isOrphaned(group pgid: Int, ignoring ignored: Int? = nil) -> Bool {
    for p in processes where p.pgid == pgid && p.isLive && p.pid != ignored {
      if p.ppid == 1 { continue }
      guard let parent = process(p.ppid), parent.state != .reaped else { continue }
      if parent.pgid != pgid && parent.sid == p.sid { return false }
    }
    return true
  }

  func hasStoppedMember(group pgid: Int) -> Bool {
    processes.contains { $0.pgid == pgid && $0.state == .stopped }
  }
}
