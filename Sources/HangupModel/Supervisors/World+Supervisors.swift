// The supervisors at work once the session has ended.

/// The scenario's supervisors, as the world needs them.
struct SupervisorSettings: Sendable {
  var logind: LogindPolicy
  var linger: Bool
  var sshd: SSHDMode
  var ci: CIRunner?
  var session: SessionKind
  var wslTeardown: Bool
}

extension World {
  /// Processes still alive in a cgroup, in pid order.
  func live(in cgroups: Set<Cgroup>) -> [Int] {
    processes.indices.filter { i in
      processes[i].isLive && cgroups.contains(processes[i].cgroup) && processes[i].role != .host
    }.map { processes[$0].pid }
  }

  /// Stops a unit: SIGTERM and SIGCONT to each process, SIGHUP where the unit sends it,
  /// then, if anything is left when the stop timeout passes, SIGKILL.
  mutating func stopUnit(_ unit: KilledUnit, cgroups: Set<Cgroup>, sendHangup: Bool) {
    let why: RuleID
    switch unit {
    case .sessionScope: why = .logindKillUserProcesses
    case .sshConnection: why = .sshdPerConnection
    case .userManager: why = .userManagerStop
    }
    note(.supervisor(.stopsUnit(unit)), from: .systemd, why)
    for pid in live(in: cgroups) {
      send(
        .term, to: pid, from: .systemd, sender: Simulator.Pids.initProcess, rule: .systemdUnitKill,
        .supervisor(.stopUnit(unit)))
      if isLive(pid) {
        send(
          .cont, to: pid, from: .systemd, sender: Simulator.Pids.initProcess, rule: .systemdUnitKill,
          .supervisor(.stopUnit(unit)))
      }
    }
    if sendHangup {
      for pid in live(in: cgroups) {
        send(
          .hup, to: pid, from: .systemd, sender: Simulator.Pids.initProcess, rule: .systemdUnitKill,
          .supervisor(.stopUnit(unit)))
      }
    }
    settle()
    let left = live(in: cgroups)
    guard !left.isEmpty else { return }
    note(.supervisor(.stopTimeout(unit, seconds: 90)), from: .systemd, .systemdStopTimeout)
    for pid in left where isLive(pid) {
      send(
        .kill, to: pid, from: .systemd, sender: Simulator.Pids.initProcess, rule: .systemdStopTimeout,
        .supervisor(.stopUnit(unit)))
    }
    settle()
  }

  /// Whether the login session (the connection sshd held for it) is over.
  func loginSessionEnded(_ settings: SupervisorSettings) -> Bool {
    switch settings.session {
    case .ssh, .sshNoPty:
      // sshd's session ends with the connection: the shell gone, or the link dropped.
      return !isLive(shellPid) || !pipes.outputReaderOpen || terminal.hungUp
    case .terminal, .hold, .tmuxPane:
      // A window closing, or a pane's client detaching, does not end the login session.
      return false
    }
  }

  /// Everything that kills the session's leftovers from outside, in the order it happens.
  mutating func supervise(_ settings: SupervisorSettings) {
    if let ci = settings.ci {
      ciJobEnds(ci)
      return
    }
    if settings.wslTeardown && !isLive(shellPid) {
      note(.supervisor(.wslTeardown), from: .wsl, .wsl1Teardown)
      for i in processes.indices where processes[i].isLive && processes[i].role != .initProcess {
        let pid = processes[i].pid
        send(.kill, to: pid, from: .wsl, sender: nil, rule: .wsl1Teardown, .supervisor(.wslTeardown))
      }
      settle()
      return
    }
    guard loginSessionEnded(settings) else { return }
    // The units under the user manager (the manager process itself stands for the subreaper).
    let userUnits: Set<Cgroup> = [.userService, .userScope]
    // With logind's default (keep) and nothing under the user manager, systemd does
    // nothing anyone could see: say nothing.
    guard settings.logind == .killUserProcesses || settings.sshd == .socketActivated || !live(in: userUnits).isEmpty
    else {
      return
    }
    note(.supervisor(.sessionEnds), from: .systemd, .logindSessionEnd)
    if settings.sshd == .socketActivated {
      // No pam_systemd: everything the connection started is in its ssh@ unit.
      stopUnit(.sshConnection, cgroups: [.sshConnection], sendHangup: false)
    } else if settings.logind == .killUserProcesses {
      stopUnit(.sessionScope, cgroups: [.sessionScope], sendHangup: true)
    } else {
      note(.supervisor(.abandonsScope(leftovers: live(in: [.sessionScope]).count)), from: .systemd, .logindAbandon)
    }
    guard !live(in: userUnits).isEmpty else { return }
    if settings.linger {
      note(.supervisor(.lingers), from: .systemd, .linger)
      return
    }
    let leftovers = live(in: [.sessionScope, .sshConnection]).count
    guard leftovers == 0 else {
      note(.supervisor(.userManagerStays(leftovers: leftovers)), from: .systemd, .userManagerStop)
      return
    }
    note(.supervisor(.userManagerStops(delaySeconds: 10)), from: .systemd, .userManagerStop)
    stopUnit(.userManager, cgroups: userUnits, sendHangup: false)
  }

  /// The CI job ends: its runner kills what the job left behind.
  private mutating func ciJobEnds(_ ci: CIRunner) {
    note(.supervisor(.ciJobEnds(ci)), from: .ci, ci == .jenkins ? .jenkinsTreeKiller : .githubOrphanCleanup)
    for i in processes.indices where processes[i].isLive && !processes[i].ciMarked {
      if case .workload = processes[i].role {
        note(.supervisor(.escapesCI(pid: processes[i].pid, ci)), from: .ci, .ciEscape, about: processes[i].pid)
      }
    }
    let marked = processes.indices.filter {
      processes[$0].isLive && processes[$0].ciMarked && processes[$0].role != .shell
    }
    .map { processes[$0].pid }
    switch ci {
    case .jenkins:
      // Children first (ProcessTree.killAll walks the tree depth-first), SIGTERM only.
      for pid in marked.reversed() where isLive(pid) {
        send(.term, to: pid, from: .ci, sender: nil, rule: .jenkinsTreeKiller, .supervisor(.jenkinsTreeKill))
      }
    case .githubActions:
      for pid in marked where isLive(pid) {
        send(.kill, to: pid, from: .ci, sender: nil, rule: .githubOrphanCleanup, .supervisor(.githubOrphanCleanup))
      }
    }
    settle()
  }
}

/// The CI runner's agent: it runs the job's script with pipes (no terminal, no job
/// control) and, when the script ends, runs its process-tree killer.
enum CIRunnerHost: SessionHost {
  static let kind = SessionKind.sshNoPty

  static func boot<S: ShellModel>(in world: inout World<S>, parent: Int) -> Int {
    let pid = Simulator.Pids.terminalOwner
    world.addProcess(
      SimProcess(
        pid: pid, ppid: parent, pgid: pid, sid: pid, command: "runner agent", role: .host,
        hasControllingTerminal: false))
    world.terminal.masterOpen = false
    return pid
  }

  static func shellExited<S: ShellModel>(owner: Int, in world: inout World<S>) {}

  static func run<S: ShellModel>(owner: Int, in world: inout World<S>) {}

  /// The agent loses its connection to the controller: its pipes close.
  static func hangUp<S: ShellModel>(in world: inout World<S>) {
    SSHNoPtyHost.hangUp(in: &world)
  }
}
