// The kernel's signal semantics: generation (kill, killpg), pending sets, stops and
// continues, and delivery when a process runs.

extension World {
  /// `kill(pid, sig)`: one process.
  mutating func send(_ signal: Signal, to pid: Int, from actor: Actor, sender: Int?, rule: RuleID, _ reason: SendReason)
  {
    callCounter += 1
    currentCall = callCounter
    guard let slot = index(of: pid), processes[slot].state != .reaped else {
      record(
        .signal(
          SignalEvent(
            signal: signal, senderPid: sender, target: Target(pid: pid, pgid: pid, viaGroup: false),
            effect: .noSuchProcess, reason: reason)), from: actor, rule: rule)
      return
    }
    let queued = runQueue.count
    generate(signal, to: pid, from: actor, sender: sender, rule: rule, viaGroup: false, reason)
    preemptSender(sender, queuedBefore: queued)
  }

  /// `killpg(pgid, sig)`: every member of a process group, one event each.
  mutating func send(
    _ signal: Signal, toGroup pgid: Int, from actor: Actor, sender: Int?, rule: RuleID, _ reason: SendReason
  ) {
    callCounter += 1
    currentCall = callCounter
    let members = members(ofGroup: pgid)
    if members.isEmpty {
      record(
        .signal(
          SignalEvent(
            signal: signal, senderPid: sender, target: Target(pid: pgid, pgid: pgid, viaGroup: true),
            effect: .noSuchProcess, reason: reason)), from: actor, rule: rule)
      return
    }
    let queued = runQueue.count
    for pid in members {
      generate(signal, to: pid, from: actor, sender: sender, rule: rule, viaGroup: true, reason)
    }
    preemptSender(sender, queuedBefore: queued)
  }

  /// On a profile where a process woken by a signal runs before the sender's next
  /// system call (NetBSD 1.6 on one CPU: `setrunnable` → `need_resched`), the woken
  /// processes run now.
  private mutating func preemptSender(_ sender: Int?, queuedBefore: Int) {
    guard profile.wokenProcessRunsBeforeSender, let sender, sender != 0, isLive(sender) else { return }
    for pid in wokenSince(queuedBefore) where pid != sender {
      unqueue(pid)
      run(pid)
    }
  }

  /// Generates a signal for one process and records what it did
  /// (Linux `__send_signal`/`complete_signal`, NetBSD `psignal`). Each outcome is an
  /// ``Effect`` whose kernel rule (``Effect/rule``) the event cites.
  private mutating func generate(
    _ signal: Signal, to pid: Int, from actor: Actor, sender: Int?, rule: RuleID, viaGroup: Bool, _ reason: SendReason
  ) {
    guard let slot = index(of: pid) else { return }
    let target = Target(pid: pid, pgid: processes[slot].pgid, viaGroup: viaGroup)
    let pending = PendingSignal(signal: signal, from: actor, senderPid: sender)
    let effect: Effect
    if processes[slot].state == .zombie || processes[slot].dyingOf != nil {
      effect = .exiting  // KERN-SIG-TO-EXITING
    } else if signal == .kill {
      effect = generateKill(pid, slot)
    } else if signal == .cont {
      effect = generateContinue(pid, slot, pending)
    } else {
      effect = generateOther(pid, slot, pending, runningItself: sender == pid)
    }
    record(
      .signal(SignalEvent(signal: signal, senderPid: sender, target: target, effect: effect, reason: reason)),
      from: actor, rule: rule)
    // Only SIGCONT to a stopped process continues it; its parent hears of it.
    if effect == .continued { childChanged(pid) }
  }

  /// SIGKILL: the process dies, even when stopped (KERN-FATAL-GROUP-EXIT).
  private mutating func generateKill(_ pid: Int, _ slot: Int) -> Effect {
    processes[slot].dyingOf = .kill
    if processes[slot].state == .stopped { processes[slot].state = .running }
    wake(pid)
    return .killed
  }

  /// SIGCONT: pending stop signals are discarded and a stopped process resumes
  /// (KERN-SIGCONT-RESUMES) whatever its disposition; a handler still runs later
  /// (KERN-SIG-QUEUED, or KERN-SIG-MERGED if one is already pending); otherwise it is
  /// ignored (KERN-SIG-IGNORED).
  private mutating func generateContinue(_ pid: Int, _ slot: Int, _ pending: PendingSignal) -> Effect {
    let disposition = processes[slot].disposition(of: .cont)
    for stop in [Signal.stop, .tstp, .ttin, .ttou] { processes[slot].removePending(stop) }
    let wasStopped = processes[slot].state == .stopped
    if wasStopped { processes[slot].state = .running }
    var effect: Effect = wasStopped ? .continued : (disposition == .ignored ? .ignored : .ignoredByDefault)
    if disposition == .caught {
      if processes[slot].pendingSet.contains(.cont) {
        if !wasStopped { effect = .merged }
      } else {
        processes[slot].addPending(pending)
        processes[slot].signalPendingFlag = true
        if !wasStopped { effect = .queued }
      }
    }
    if wasStopped || disposition == .caught { wake(pid) }
    return effect
  }

  /// Any other signal: a stop signal discards a pending SIGCONT and is dropped for an
  /// orphaned group (KERN-ORPHAN-STOP-DISCARD); an ignored one is dropped
  /// (KERN-SIG-IGNORED); one already pending merges (KERN-SIG-MERGED); a stopped process
  /// keeps it pending (KERN-SIG-STOPPED-PENDING); a fatal default kills at generation where
  /// the kernel does so (KERN-FATAL-GROUP-EXIT); otherwise it is queued (KERN-SIG-QUEUED).
  private mutating func generateOther(_ pid: Int, _ slot: Int, _ pending: PendingSignal, runningItself: Bool) -> Effect
  {
    let signal = pending.signal
    let disposition = processes[slot].disposition(of: signal)
    if signal.defaultAction == .stop {
      processes[slot].removePending(.cont)
      if disposition == .default && signal != .stop && isOrphaned(group: processes[slot].pgid) {
        return .orphanStopDiscarded
      }
    }
    if disposition == .ignored { return .ignored }
    if disposition == .default && (signal.defaultAction == .ignore || signal.defaultAction == .continueProcess) {
      return .ignoredByDefault
    }
    if processes[slot].pendingSet.contains(signal) { return .merged }
    processes[slot].addPending(pending)
    if processes[slot].state == .stopped { return .pendingWhileStopped }
    if disposition == .default && signal.isDefaultFatal && profile.fatalSignalKillsAtGeneration
      && (!processes[slot].signalPendingFlag || runningItself)
    {
      processes[slot].dyingOf = signal
      wake(pid)
      return .killed
    }
    processes[slot].signalPendingFlag = true
    wake(pid)
    return .queued
  }

  // MARK: - Running a process

  /// Gives a process the CPU: it finishes dying, takes its pending signals and then
  /// carries on with what its program does.
  mutating func run(_ pid: Int) {
    defer { if processes.count < 400 { checkInvariants() } }
    guard let slot = index(of: pid), processes[slot].isLive else { return }
    if let signal = processes[slot].dyingOf {
      exitProcess(pid, fate: .killed(by: signal))
      return
    }
    if processes[slot].state == .stopped { return }
    switch processes[slot].role {
    case .shell:
      Shell.run(in: &self)
      return
    case .host:
      deliverPending(pid)
      if isLive(pid) { host.run(owner: pid, in: &self) }
      return
    case .server:
      deliverPending(pid)
      return
    default:
      break
    }
    let handled = deliverPending(pid)
    guard processes[slot].isLive, processes[slot].state == .running else { return }
    if let program = processes[slot].program, !program.exitsOn.isEmpty,
      let signal = handled.first(where: { program.exitsOn.contains($0) })
    {
      note(.program(.exitsOnSignal(pid: pid, signal)), from: .user, .progExitsOn, about: pid)
      exitProcess(pid, fate: .exited(status: 0))
      return
    }
    continueProgram(pid, interruptedByHandler: !handled.isEmpty)
  }

  /// Dequeues pending signals lowest number first and applies each; handler frames
  /// run last-dequeued first (each frame is pushed on the last before the process returns
  /// to user space). Returns the signals whose handlers ran, in running order.
  @discardableResult
  mutating func deliverPending(_ pid: Int) -> [Signal] {
    guard let slot = index(of: pid) else { return [] }
    var ran: [Signal] = []
    var frames: [PendingSignal] = []
    while !processes[slot].pending.isEmpty {
      let pending = processes[slot].pending
      var next = pending[0]
      for candidate in pending.dropFirst() where profile.number(of: candidate.signal) < profile.number(of: next.signal)
      {
        next = candidate
      }
      processes[slot].removePending(next.signal)
      let signal = next.signal
      switch processes[slot].disposition(of: signal) {
      case .caught:
        frames.append(next)
      case .ignored:
        continue
      case .default:
        switch signal.defaultAction {
        case .terminate, .coreDump:
          record(
            .delivery(
              DeliveryEvent(
                signal: signal, target: target(pid, viaGroup: false), effect: .killed,
                sentBy: next.from, senderPid: next.senderPid)), from: .kernel, rule: .kernDequeue)
          exitProcess(pid, fate: .killed(by: signal))
          return ran
        case .stop:
          if signal != .stop && isOrphaned(group: processes[slot].pgid) && !stopsDespiteOrphanedGroup {
            record(
              .delivery(
                DeliveryEvent(
                  signal: signal, target: target(pid, viaGroup: false), effect: .orphanStopDiscarded,
                  sentBy: next.from, senderPid: next.senderPid)), from: .kernel, rule: .kernOrphanStopDiscarded)
            continue
          }
          if stopsDespiteOrphanedGroup && signal != .stop { stopsDespiteOrphanedGroup = false }
          processes[slot].state = .stopped
          processes[slot].signalPendingFlag = false
          record(
            .delivery(
              DeliveryEvent(
                signal: signal, target: target(pid, viaGroup: false), effect: .stopped,
                sentBy: next.from, senderPid: next.senderPid)), from: .kernel, rule: .kernDequeue)
          ran += runHandlers(frames, pid: pid)
          childChanged(pid)
          return ran
        case .ignore, .continueProcess:
          continue
        }
      }
    }
    processes[slot].signalPendingFlag = false
    ran += runHandlers(frames, pid: pid)
    return ran
  }

  private mutating func runHandlers(_ frames: [PendingSignal], pid: Int) -> [Signal] {
    for frame in frames.reversed() {
      record(
        .delivery(
          DeliveryEvent(
            signal: frame.signal, target: target(pid, viaGroup: false), effect: .handlerRan,
            sentBy: frame.from, senderPid: frame.senderPid)), from: .kernel, rule: .kernDequeue)
    }
    return frames.reversed().map(\.signal)
  }

  // MARK: - Process groups

  /// POSIX: a group is orphaned when no member has a parent in a different group of
  /// the same session. Linux skips zombies and members whose parent is init
  /// (`will_become_orphaned_pgrp`).
  func isOrphaned(group pgid: Int, ignoring ignored: Int? = nil) -> Bool {
    if largeIndex == nil {
      for i in processes.indices
      where processes[i].pgid == pgid && processes[i].pid != ignored && processes[i].isLive
        && processes[i].ppid != 1
      {
        guard let j = index(of: processes[i].ppid), processes[j].state != .reaped else { continue }
        if processes[j].pgid != pgid && processes[j].sid == processes[i].sid { return false }
      }
      return true
    }
    for member in members(ofGroup: pgid) where member != ignored {
      guard let i = index(of: member), processes[i].isLive, processes[i].ppid != 1 else { continue }
      guard let j = index(of: processes[i].ppid), processes[j].state != .reaped else { continue }
      if processes[j].pgid != pgid && processes[j].sid == processes[i].sid { return false }
    }
    return true
  }

  func hasStoppedMember(group pgid: Int) -> Bool {
    if largeIndex == nil {
      return processes.indices.contains { processes[$0].pgid == pgid && processes[$0].state == .stopped }
    }
    return members(ofGroup: pgid).contains { pid in index(of: pid).map { processes[$0].state == .stopped } ?? false }
  }
}
