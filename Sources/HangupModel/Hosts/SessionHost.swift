/// Whoever owns the session's terminal: sshd today; terminal windows, terminals that stay
/// open, ssh without a pty and tmux panes plug in here. The kernel and the shell never
/// name a host; they call these hooks.
protocol SessionHost: Sendable {
  /// How scenarios name it.
  static var kind: SessionKind { get }
  /// Creates the host's process(es) under `parent` and returns the pid that will be the
  /// shell's parent.
  static func boot<S: ShellModel>(in world: inout World<S>, parent: Int) -> Int
  /// The shell (the host's child) has exited.
  static func shellExited<S: ShellModel>(owner: Int, in world: inout World<S>)
  /// The host process gets the CPU.
  static func run<S: ShellModel>(owner: Int, in world: inout World<S>)
  /// The session's end from outside: the connection drops, the window closes.
  static func hangUp<S: ShellModel>(in world: inout World<S>)
}

/// The kinds of session host, as scenarios name them.
public enum SessionKind: String, Sendable, CaseIterable {
  /// sshd owns the pty master; a hang-up is the connection dropping.
  case ssh
  /// A terminal emulator's window (xterm); a hang-up is the window being closed.
  case terminal
  /// The terminal stays open after the shell exits (`xterm -hold`, a recorder).
  case hold
  /// `ssh host 'cmd'` without a pty: pipes to sshd, no controlling terminal.
  case sshNoPty = "ssh-no-pty"
  /// The shell runs in a tmux pane reached over ssh; a hang-up only detaches the client.
  case tmuxPane = "tmux-pane"

  var host: any SessionHost.Type {
    switch self {
    case .ssh: return SSHHost.self
    case .terminal: return TerminalWindowHost.self
    case .hold: return HoldHost.self
    case .sshNoPty: return SSHNoPtyHost.self
    case .tmuxPane: return TmuxPaneHost.self
    }
  }

  /// The session has a pseudo-terminal (every kind but `ssh-no-pty`).
  public var hasTerminal: Bool { self != .sshNoPty }
}

/// sshd with a pseudo-terminal (`ssh host`, `ssh -t`): its session process holds the
/// master and closes it when the shell has exited or the connection is gone.
enum SSHHost: SessionHost {
  static let kind = SessionKind.ssh
  /// What `ps` shows for sshd's session process (made once: it is too long for an inline string).
  static let commandOnPts0 = "sshd: user@pts/0"

  static func boot<S: ShellModel>(in world: inout World<S>, parent: Int) -> Int {
    let pid = Simulator.Pids.terminalOwner
    let command = world.terminal.name == "pts/0" ? SSHHost.commandOnPts0 : "sshd: user@" + world.terminal.name
    world.addProcess(
      SimProcess(
        pid: pid, ppid: parent, pgid: pid, sid: pid, command: command, role: .host,
        hasControllingTerminal: false))
    return pid
  }

  /// sshd learns of the exit (`session_close_by_pid`) and closes the master when it runs,
  /// after the processes the shell woke just before it died (RACE-OWNER-CLOSE).
  static func shellExited<S: ShellModel>(owner: Int, in world: inout World<S>) {
    guard world.terminal.masterOpen else { return }
    if world.profile.multiprocessor && world.wokenTerminalReaderPending,
      world.race(
        .ownerCloseVersusReaders, S.raceObservations(.ownerCloseVersusReaders, in: world) ?? RaceObservations.ownerClose
      )
        == .ownerFirst
    {
      world.note(.terminal(.ownerClosesMaster(owner: owner)), from: .terminal, .ttyMasterClosedAfterExit)
      world.closeMaster()
      return
    }
    world.terminal.ownerClosingMaster = owner
    world.wake(owner)
  }

  static func run<S: ShellModel>(owner: Int, in world: inout World<S>) {
    guard world.terminal.ownerClosingMaster == owner else { return }
    world.terminal.ownerClosingMaster = nil
    guard world.terminal.masterOpen else { return }
    world.note(.terminal(.ownerClosesMaster(owner: owner)), from: .terminal, .ttyMasterClosedAfterExit)
    world.closeMaster()
  }

  static func hangUp<S: ShellModel>(in world: inout World<S>) {
    world.note(.user(.closesTerminal), from: .user, .userClosesTerminal)
    world.closeMaster()
  }
}

extension World {
  /// Whether a process queued to run will read the terminal (a reader the shell woke).
  var wokenTerminalReaderPending: Bool {
    runQueue[runHead...].contains { pid in
      guard let i = index(of: pid), processes[i].queued, processes[i].isLive, processes[i].role != .shell,
        let program = processes[i].program
      else { return false }
      return program.readsStdin && processes[i].stdin == .terminal
    }
  }
}
