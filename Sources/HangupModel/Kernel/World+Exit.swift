// Process exit: the controlling-process rules, re-parenting and the orphaned
// process group rule (Linux do_exit/exit_notify, NetBSD exit1/fixjobc).

extension World {
  /// Ends a process the way the kernel does: controlling-terminal cleanup if it leads
  /// the session, then re-parenting of its children with the orphaned-group checks,
  /// then SIGCHLD to its parent.
  mutating func exitProcess(_ pid: Int, fate: Fate) {
    guard let slot = index(of: pid), processes[slot].isLive else { return }
    processes[slot].fate = fate
    processes[slot].state = .zombie
    processes[slot].dyingOf = nil
    processes[slot].clearPending()
    processes[slot].activity = .busy
    processes[slot].queued = false
    let role = processes[slot].role
    let ppid = processes[slot].ppid
    note(.process(.exited(pid: pid, fate: fate)), from: .kernel, .kernExit, about: pid)

    if processes[slot].isSessionLeader { controllingProcessExits(pid) }
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
    if role == .shell, self.role(of: ppid) == .host {
      let owner = ppid
      // The terminal owner waits for the shell (sshd: session_close_by_pid; an
      // emulator: SIGCHLD) and closes the master when it gets the CPU: after the
      // processes the shell woke just before it died (they are ahead of it in the run
      // queue), which so re-enter their reads while the terminal is still open.
      host.shellExited(owner: owner, in: &self)
    }
  }

  /// Linux `disassociate_ctty(1)` / NetBSD `exit1` for a session leader.
  private mutating func controllingProcessExits(_ pid: Int) {
    let sid = self[pid].sid
    if self[pid].hasControllingTerminal && terminal.session == sid {
      if let fg = terminal.foregroundGroup {
        switch profile.leaderExitSignal {
        case .killGroup:
          send(
            .hup, toGroup: fg, from: .terminal, sender: nil, rule: .ttyLeaderExitForeground,
            .leaderExitForeground(leader: pid, group: fg))
        case .eachMemberWithTerminal:
          for member in members(ofGroup: fg) where self[member].hasControllingTerminal && self[member].isLive {
            send(
              .hup, to: member, from: .terminal, sender: nil, rule: .ttyLeaderExitForeground,
              .leaderExitForeground(leader: pid, group: fg))
          }
        }
      }
      if profile.leaderExitRevokesTerminal {
        terminal.revoked = true
        note(.terminal(.revoked(leader: pid)), from: .terminal, .ttyLeaderExitForeground, about: pid)
        detachSession(sid)
        wakeBlockedReaders(result: .endOfFile)
      } else {
        detachSession(sid)
      }
    } else if profile.hangupRemembersForegroundGroup, let old = self[pid].ttyOldPgrp {
      send(
        .hup, toGroup: old, from: .terminal, sender: nil, rule: .ttyLeaderExitOldGroup, .leaderExitOldGroup(group: old))
      if runWokenBetweenOldGroupSignals {
        runWokenBetweenOldGroupSignals = false
        runWokenOnce(except: pid)
      }
      send(.cont, toGroup: old, from: .terminal, sender: nil, rule: .ttyLeaderExitOldGroup, .leaderExitOldGroupContinue)
    }
    self[pid].ttyOldPgrp = nil
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
    while ancestor > 1, let i = index(of: ancestor) {
      if processes[i].isChildSubreaper && processes[i].isLive { return ancestor }
      ancestor = processes[i].ppid
    }
    return 1
  }

  private mutating func reparentChildren(of pid: Int) {
    let fatherGroup = self[pid].pgid
    let fatherSession = self[pid].sid
    let reaper = newParent(forChildrenOf: pid)
    let orphans = children(of: pid)
    forgetChildren(of: pid)
    for child in orphans where self[child].state != .reaped {
      self[child].ppid = reaper
      insertChild(child, of: reaper)
      note(.process(.reparented(pid: child, to: reaper)), from: .kernel, .kernReparent, about: child)
      if self[child].state == .zombie {
        reap(child)
        continue
      }
      // Case ii of kill_orphaned_pgrp: the child's group, judged with the dying father.
      let group = self[child].pgid
      if fatherGroup != group && fatherSession == self[child].sid {
        signalIfNewlyOrphaned(group: group, ignoring: nil, cause: pid)
      }
    }
  }

  /// Case i of kill_orphaned_pgrp: the exiting process's own group.
  private mutating func orphanCheckOwnGroup(of pid: Int) {
    let pgid = self[pid].pgid
    guard let parent = index(of: self[pid].ppid), processes[parent].pgid != pgid, processes[parent].sid == self[pid].sid
    else { return }
    signalIfNewlyOrphaned(group: pgid, ignoring: pid, cause: pid)
  }

  private mutating func signalIfNewlyOrphaned(group: Int, ignoring: Int?, cause: Int) {
    guard members(ofGroup: group).contains(where: { self[$0].isLive && $0 != ignoring }),
      isOrphaned(group: group, ignoring: ignoring)
    else { return }
    guard hasStoppedMember(group: group) else {
      note(
        .process(.orphanedWithoutStopped(group: group)), from: .kernel, .kernOrphanedGroup,
        about: members(ofGroup: group).first)
      return
    }
    switch profile.orphanSignalOrder {
    case .wholeGroupHangupThenContinue:
      send(
        .hup, toGroup: group, from: .kernel, sender: nil, rule: .kernOrphanedGroup,
        .orphanedGroup(group: group, cause: cause, wholeGroup: true))
      send(
        .cont, toGroup: group, from: .kernel, sender: nil, rule: .kernOrphanedGroup,
        .orphanedGroupContinue(wholeGroup: true))
    case .perProcessHangupAndContinue:
      for member in members(ofGroup: group) where self[member].isLive {
        send(
          .hup, to: member, from: .kernel, sender: nil, rule: .kernOrphanedGroup,
          .orphanedGroup(group: group, cause: cause, wholeGroup: false))
        send(
          .cont, to: member, from: .kernel, sender: nil, rule: .kernOrphanedGroup,
          .orphanedGroupContinue(wholeGroup: false))
      }
    }
  }

  /// The parent collects a zombie: init, subreapers, hosts and servers always do, the
  /// shell does for its jobs; a program that never calls wait leaves it a zombie.
  mutating func reap(_ pid: Int) {
    guard let i = index(of: pid), processes[i].state == .zombie, let parent = index(of: processes[i].ppid) else {
      return
    }
    if processes[parent].role.reapsChildren {
      markReaped(pid)
    } else if processes[parent].role == .shell && processes[parent].isLive {
      markReaped(pid)
      Shell.childChanged(pid, in: &self)
    }
  }

  private mutating func markReaped(_ pid: Int) {
    leaveGroup(pid)
    self[pid].state = .reaped
  }

  /// SIGCHLD to the parent: the shell updates its job table.
  mutating func childChanged(_ pid: Int) {
    guard let i = index(of: pid), let parent = index(of: processes[i].ppid), processes[parent].role == .shell,
      processes[parent].isLive
    else { return }
    Shell.childChanged(pid, in: &self)
  }
}
