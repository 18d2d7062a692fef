// Process exit: the controlling-process rules, re-parenting and the orphaned
// process group rule (Linux do_exit/exit_notify, NetBSD exit1/fixjobc).

extension World {
  /// Ends a process the way the kernel does: controlling-terminal cleanup if it leads
  /// the session, then re-parenting of its children with the orphaned-group checks,
  /// then SIGCHLD to its parent.
  mutating func exitProcess(_ pid: Int, fate: Fate) {
    guard var p = process(pid), p.isLive else { return }
    p.fate = fate
    p.state = .zombie
    p.dyingOf = nil
    p.pending.removeAll()
    p.activity = .busy
    self[pid] = p
    runQueue.removeAll(where: { $0 == pid })
    record(.note, from: .kernel, rule: .kernExit, target: target(pid, viaGroup: false),
           "\(label(of: pid)) \(fate == .alive ? "exits" : fate.description)")

    if p.isSessionLeader { controllingProcessExits(pid) }
    switch profile.orphanSignalOrder {
    case .wholeGroupHangupThenContinue:
      // Linux exit_notify: children's groups during re-parenting, then its own group.
      reparentChildren(of: pid)
      orphanCheckOwnGroup(of: pid)
    case .perProcessHangupAndContinue:
      // NetBSD exit1: fixjobc (own group, then children's groups) before proc_reparent.
      orphanCheckOwnGroup(of: pid)
      reparentChildren(of: pid)
    }
    reap(pid)
    if p.kind == .shell && terminal.masterOpen, let owner = process(p.ppid), owner.kind == .terminalOwner {
      // The terminal owner waits for the shell (sshd: session_close_by_pid; an
      // emulator: SIGCHLD) and closes the master when it gets the CPU: after the
      // processes the shell woke just before it died (they are ahead of it in the run
      // queue), which so re-enter their reads while the terminal is still open.
      terminal.ownerClosingMaster = owner.pid
      wake(owner.pid)
    }
  }

  /// The terminal owner runs: it closes the master of a terminal whose shell has gone.
  mutating func runTerminalOwner(_ pid: Int) {
    guard terminal.ownerClosingMaster == pid else { return }
    terminal.ownerClosingMaster = nil
    guard terminal.masterOpen else { return }
    note(from: .terminal, .ttyMasterClosedAfterExit,
         "the shell is gone, so its terminal owner (\(label(of: pid))) closes the pty master")
    closeMaster()
  }

  /// Linux `disassociate_ctty(1)` / NetBSD `exit1` for a session leader.
  private mutating func controllingProcessExits(_ pid: Int) {
    let p = self[pid]
    switch profile.family {
    case .linux, .linux26:
      if p.hasControllingTerminal && terminal.session == p.sid {
        if let fg = terminal.foregroundGroup {
          send(.hup, toGroup: fg, from: .terminal, sender: nil, rule: .ttyLeaderExitForeground,
               "\(label(of: pid)) was the controlling process: the kernel sends SIGHUP to the foreground group \(fg)")
        }
        detachSession(p.sid)
      } else if let old = p.ttyOldPgrp {
        send(.hup, toGroup: old, from: .terminal, sender: nil, rule: .ttyLeaderExitOldGroup,
             "the terminal hung up earlier: the kernel sends SIGHUP to group \(old), foreground at hang-up")
        send(.cont, toGroup: old, from: .terminal, sender: nil, rule: .ttyLeaderExitOldGroup,
             "then SIGCONT to the same group")
      }
      self[pid].ttyOldPgrp = nil
    case .netbsd:
      guard terminal.session == p.sid else { return }
      if let fg = terminal.foregroundGroup {
        for member in members(ofGroup: fg) where self[member].hasControllingTerminal && self[member].isLive {
          send(.hup, to: member, from: .terminal, sender: nil, rule: .ttyLeaderExitForeground,
               "\(label(of: pid)) was the controlling process: the kernel sends SIGHUP to foreground group \(fg)")
        }
      }
      terminal.revoked = true
      note(from: .terminal, .ttyLeaderExitForeground, about: pid,
           "the kernel revokes every open of \(terminal.name): reads now return end of file, writes fail with EIO")
      detachSession(p.sid)
      wakeBlockedReaders(result: .endOfFile)
    }
  }

  /// The session loses its controlling terminal.
  mutating func detachSession(_ sid: Int) {
    for i in processes.indices where processes[i].sid == sid { processes[i].hasControllingTerminal = false }
    if terminal.session == sid {
      terminal.session = nil
      terminal.foregroundGroup = nil
    }
  }

  /// The nearest ancestor marked child subreaper, else init.
  private func newParent(forChildrenOf pid: Int) -> Int {
    guard profile.supportsChildSubreaper else { return 1 }
    var ancestor = self[pid].ppid
    while ancestor > 1, let a = process(ancestor) {
      if a.isChildSubreaper && a.isLive { return ancestor }
      ancestor = a.ppid
    }
    return 1
  }

  private mutating func reparentChildren(of pid: Int) {
    let father = self[pid]
    let reaper = newParent(forChildrenOf: pid)
    let children = processes.filter { $0.ppid == pid && $0.state != .reaped }.map(\.pid)
    for child in children {
      self[child].ppid = reaper
      note(from: .kernel, .kernReparent, about: child,
           "\(label(of: child)) is re-parented to \(label(of: reaper)) (pid \(reaper))")
      if self[child].state == .zombie {
        reap(child)
        continue
      }
      // Case ii of kill_orphaned_pgrp: the child's group, judged with the dying father.
      let group = self[child].pgid
      if father.pgid != group && father.sid == self[child].sid {
        signalIfNewlyOrphaned(group: group, ignoring: nil, cause: pid)
      }
    }
  }

  /// Case i of kill_orphaned_pgrp: the exiting process's own group.
  private mutating func orphanCheckOwnGroup(of pid: Int) {
    let p = self[pid]
    guard let parent = process(p.ppid), parent.pgid != p.pgid, parent.sid == p.sid else { return }
    signalIfNewlyOrphaned(group: p.pgid, ignoring: pid, cause: pid)
  }

  private mutating func signalIfNewlyOrphaned(group: Int, ignoring: Int?, cause: Int) {
    guard !members(ofGroup: group).filter({ self[$0].isLive && $0 != ignoring }).isEmpty,
      isOrphaned(group: group, ignoring: ignoring)
    else { return }
    guard hasStoppedMember(group: group) else {
      note(from: .kernel, .kernOrphanedGroup, about: members(ofGroup: group).first,
           "group \(group) is now orphaned, but none of its members is stopped: nothing is sent")
      return
    }
    let why = "group \(group) became orphaned when \(label(of: cause)) exited, and has a stopped member"
    switch profile.orphanSignalOrder {
    case .wholeGroupHangupThenContinue:
      send(.hup, toGroup: group, from: .kernel, sender: nil, rule: .kernOrphanedGroup, why + ": SIGHUP to every member")
      send(.cont, toGroup: group, from: .kernel, sender: nil, rule: .kernOrphanedGroup, "then SIGCONT to every member")
    case .perProcessHangupAndContinue:
      for member in members(ofGroup: group) where self[member].isLive {
        send(.hup, to: member, from: .kernel, sender: nil, rule: .kernOrphanedGroup, why + ": SIGHUP")
        send(.cont, to: member, from: .kernel, sender: nil, rule: .kernOrphanedGroup, "then SIGCONT")
      }
    }
  }

  /// The parent collects a zombie: init and subreapers always do, bash does for its
  /// jobs; a program that never calls wait leaves it a zombie.
  mutating func reap(_ pid: Int) {
    guard let p = process(pid), p.state == .zombie, let parent = process(p.ppid) else { return }
    switch parent.kind {
    case .initProcess, .subreaper, .terminalOwner:
      self[pid].state = .reaped
    case .shell:
      if parent.isLive {
        self[pid].state = .reaped
        childChanged(pid)
      }
    case .transient, .workload:
      break
    }
  }

  /// SIGCHLD to the parent: the shell updates its job table.
  mutating func childChanged(_ pid: Int) {
    guard let p = process(pid), let parent = process(p.ppid), parent.kind == .shell, parent.isLive else { return }
    shellNoticesChild(pid)
  }
}
