// The session hosts besides sshd with a pty: a terminal emulator's window (xterm), a
// terminal that stays open after the shell exits, sshd without a pty (pipes), and a tmux
// pane reached over ssh. Each cites what the real program does (notes: OpenSSH 9.2p1,
// xterm 379, tmux 3.3a).

/// The events only hosts make.
public enum HostEvent: Sendable {
  /// The user closes the terminal window; the emulator will signal the shell's group.
  case windowCloses
  /// sshd gives the command pipes for stdin, stdout and stderr and no terminal.
  case givesPipes(owner: Int)
  /// The terminal stays open after the shell exits (the emulator holds the master).
  case keepsTerminalOpen
  /// sshd closes its ends of the command's pipes (`stdin`: the write end of stdin;
  /// `output`: the read ends of stdout and stderr).
  case closesPipes(stdin: Bool, output: Bool)
  /// ssh does not return: these processes still hold the stdout or stderr pipe.
  case waitsForOutput(holders: [Int])
  /// The ssh connection to the tmux client drops: the client exits, the server and its
  /// panes go on.
  case clientDetaches
  /// The pane's shell exited: tmux closes the pane's master.
  case closesPane
}

extension RuleID {
  public static let xtermClose = RuleID("HOST-XTERM-CLOSE")
  public static let xtermExit = RuleID("HOST-XTERM-EXIT")
  public static let hostHold = RuleID("HOST-HOLD")
  public static let sshdNoPty = RuleID("SSHD-NOPTY-PIPES")
  public static let sshdNoPtyExit = RuleID("SSHD-NOPTY-EXIT")
  public static let sshdNoPtyDrop = RuleID("SSHD-NOPTY-DROP")
  public static let tmuxClientDetach = RuleID("TMUX-CLIENT-DETACH")
  public static let tmuxPaneClose = RuleID("TMUX-PANE-CLOSE")
}

extension RuleCatalog {
  static let hosts: [Rule] = [
    Rule(
      .xtermClose, .host, "The terminal window is closed",
      "Closing xterm's window (WM_DELETE_WINDOW) makes xterm send SIGHUP to the shell's process group with kill(-pid, SIGHUP); it keeps the pty master open until the shell has gone.",
      ja: "端末ウィンドウが閉じられる", zh: "终端窗口被关闭",
      userland:
        "xterm-379 main.c DeleteWindow → menu.c do_hangup → handle_send_signal → kill_process_group(screen->pid, SIGHUP)"
    ),
    Rule(
      .xtermExit, .host, "xterm leaves after the shell",
      "When its child has exited, xterm sends SIGHUP to the child's process group once more and closes the pty master.",
      ja: "シェルの後で xterm が終了する", zh: "shell 退出后 xterm 退出",
      userland:
        "xterm-379 main.c reapchild → misc.c NormalExit → Cleanup (kill_process_group SIGHUP) → main.c Exit (close master)"
    ),
    Rule(
      .hostHold, .host, "The terminal stays open",
      "With xterm -hold (or a recorder that keeps the master until it has looked) the pty master stays open after the shell exits: survivors keep a working terminal until someone closes it.",
      ja: "端末が開いたままになる", zh: "终端保持打开",
      userland: "xterm-379 misc.c NormalExit (hold_screen loop)"),
    Rule(
      .sshdNoPty, .host, "ssh without a pseudo-terminal",
      "For `ssh host 'cmd'` sshd gives the command three pipes and a new session with no controlling terminal, and runs it as `shell -c cmd` (no job control).",
      ja: "擬似端末なしの ssh", zh: "没有伪终端的 ssh",
      userland: "OpenSSH 9.2p1 session.c do_exec_no_pty (pipes, setsid) → do_child (shell -c)"),
    Rule(
      .sshdNoPtyExit, .host, "ssh without a pty: the command's shell exits",
      "sshd sends the exit status and closes the stdin pipe (readers see end of file), but keeps reading stdout and stderr until every writer has closed them: ssh does not return while a background job holds them.",
      ja: "擬似端末なしの ssh: コマンドのシェルが終了する", zh: "没有伪终端的 ssh:命令的 shell 退出",
      userland:
        "OpenSSH 9.2p1 session.c session_exit_message (chan_write_failed); channels.c channel_output_poll_input_open"),
    Rule(
      .sshdNoPtyDrop, .host, "ssh without a pty: the connection drops",
      "sshd frees the channel and closes its ends of the pipes; it signals nobody. The command's next write gets SIGPIPE (EPIPE if SIGPIPE is ignored or caught), its reads end of file.",
      ja: "擬似端末なしの ssh: 接続が切れる", zh: "没有伪终端的 ssh:连接断开",
      linux: "fs/pipe.c pipe_write (no readers → send_sig(SIGPIPE, current, 0), -EPIPE)",
      userland: "OpenSSH 9.2p1 serverloop.c server_loop2 → channels.c channel_free_all → channel_close_fds"),
    Rule(
      .tmuxClientDetach, .host, "The ssh connection to a tmux client drops",
      "The tmux client's terminal hangs up and the client exits; the tmux server runs in its own session and its panes' terminals stay open: nothing reaches the shell in the pane or its jobs.",
      ja: "tmux クライアントへの ssh 接続が切れる", zh: "到 tmux 客户端的 ssh 连接断开",
      userland: "tmux 3.3a server-client.c server_client_lost; proc.c proc_fork_and_daemon"),
    Rule(
      .tmuxPaneClose, .host, "tmux closes a pane whose shell exited",
      "When the pane's shell exits, tmux closes the pane's pty master at once (even with remain-on-exit the master is closed); it sends no signal.",
      ja: "シェルが終了したペインを tmux が閉じる", zh: "tmux 关闭 shell 已退出的窗格",
      userland: "tmux 3.3a server.c server_child_exited → window.c window_pane_destroy (close(wp->fd))"),
  ]
}

/// A terminal emulator's window (xterm): closing it sends SIGHUP to the shell's group
/// and leaves the master open until the shell has gone.
enum TerminalWindowHost: SessionHost {
  static let kind = SessionKind.terminal

  static func boot<S: ShellModel>(in world: inout World<S>, parent: Int) -> Int {
    let pid = Simulator.Pids.terminalOwner
    world.addProcess(
      SimProcess(
        pid: pid, ppid: parent, pgid: pid, sid: pid, command: "xterm", role: .host,
        hasControllingTerminal: false))
    world[pid].dispositions[.hup] = .ignored
    return pid
  }

  static func shellExited<S: ShellModel>(owner: Int, in world: inout World<S>) {
    guard world.terminal.masterOpen else { return }
    world.terminal.ownerClosingMaster = owner
    world.wake(owner)
  }

  static func run<S: ShellModel>(owner: Int, in world: inout World<S>) {
    guard world.terminal.ownerClosingMaster == owner else { return }
    world.terminal.ownerClosingMaster = nil
    guard world.terminal.masterOpen else { return }
    // Recorded (xterm 379, 10 of 10 runs, and one that waited 10 s): while a survivor still
    // holds the terminal, xterm stays open after its child exited; it closes only when the
    // last holder is gone. The mechanism in xterm's source was not located.
    let holders = world.processes.indices.filter { i in
      world.processes[i].isLive && world.processes[i].role != .shell && world.processes[i].role != .host
        && (world.processes[i].stdin == .terminal || world.processes[i].stdout == .terminal)
        && world.processes[i].sid == world.terminal.session.map { $0 } ?? world.processes[i].sid
    }
    if !holders.isEmpty {
      world.note(.host(.keepsTerminalOpen), from: .host, .xtermExit, about: owner)
      return
    }
    let group = world.shellPid
    world.send(.hup, toGroup: group, from: .host, sender: owner, rule: .xtermExit, .host(.childExited))
    world.note(.terminal(.ownerClosesMaster(owner: owner)), from: .terminal, .xtermExit)
    world.closeMaster()
  }

  static func hangUp<S: ShellModel>(in world: inout World<S>) {
    world.note(.host(.windowCloses), from: .user, .xtermClose)
    world.send(
      .hup, toGroup: world.shellPid, from: .host, sender: Simulator.Pids.terminalOwner, rule: .xtermClose,
      .host(.closeWindow))
  }
}

/// A terminal that stays open after the shell exits; a hang-up is its master closing.
enum HoldHost: SessionHost {
  static let kind = SessionKind.hold

  static func boot<S: ShellModel>(in world: inout World<S>, parent: Int) -> Int {
    let pid = Simulator.Pids.terminalOwner
    world.addProcess(
      SimProcess(
        pid: pid, ppid: parent, pgid: pid, sid: pid, command: "xterm -hold", role: .host,
        hasControllingTerminal: false))
    world[pid].dispositions[.hup] = .ignored
    return pid
  }

  static func shellExited<S: ShellModel>(owner: Int, in world: inout World<S>) {
    guard world.terminal.masterOpen else { return }
    world.note(.host(.keepsTerminalOpen), from: .host, .hostHold, about: owner)
  }

  static func run<S: ShellModel>(owner: Int, in world: inout World<S>) {}

  static func hangUp<S: ShellModel>(in world: inout World<S>) {
    world.note(.user(.closesTerminal), from: .user, .userClosesTerminal)
    world.closeMaster()
  }
}

/// sshd without a pty: pipes for stdin, stdout and stderr, no terminal; a hang-up is the
/// connection dropping, which closes the pipes.
enum SSHNoPtyHost: SessionHost {
  static let kind = SessionKind.sshNoPty
  static let command = "sshd: user@notty"

  static func boot<S: ShellModel>(in world: inout World<S>, parent: Int) -> Int {
    let pid = Simulator.Pids.terminalOwner
    world.addProcess(
      SimProcess(
        pid: pid, ppid: parent, pgid: pid, sid: pid, command: command, role: .host,
        hasControllingTerminal: false))
    world.terminal.masterOpen = false
    world.note(.host(.givesPipes(owner: pid)), from: .host, .sshdNoPty, about: pid)
    return pid
  }

  static func shellExited<S: ShellModel>(owner: Int, in world: inout World<S>) {
    guard world.pipes.stdinWriterOpen else { return }
    world.pipes.stdinWriterOpen = false
    world.note(.host(.closesPipes(stdin: true, output: false)), from: .host, .sshdNoPtyExit, about: owner)
    world.wakePipeReaders()
    let holders = world.processes.indices.filter { i in
      world.processes[i].isLive && world.processes[i].role != .shell && world.processes[i].stdout == .pipe
    }.map { world.processes[$0].pid }
    if !holders.isEmpty {
      world.note(.host(.waitsForOutput(holders: holders)), from: .host, .sshdNoPtyExit, about: owner)
    }
  }

  static func run<S: ShellModel>(owner: Int, in world: inout World<S>) {}

  static func hangUp<S: ShellModel>(in world: inout World<S>) {
    world.note(.user(.closesTerminal), from: .user, .userClosesTerminal)
    let stdin = world.pipes.stdinWriterOpen
    world.pipes.stdinWriterOpen = false
    world.pipes.outputReaderOpen = false
    world.note(
      .host(.closesPipes(stdin: stdin, output: true)), from: .host, .sshdNoPtyDrop,
      about: Simulator.Pids.terminalOwner)
    world.wakePipeReaders()
  }
}

/// The user's shell in a tmux pane reached over ssh: the pane's terminal belongs to the
/// tmux server; a dropped connection only detaches the client.
enum TmuxPaneHost: SessionHost {
  static let kind = SessionKind.tmuxPane

  static func boot<S: ShellModel>(in world: inout World<S>, parent: Int) -> Int {
    let pid = Simulator.Pids.terminalOwner
    world.addProcess(
      SimProcess(
        pid: pid, ppid: parent, pgid: pid, sid: pid, command: "tmux: server", role: .host,
        hasControllingTerminal: false))
    return pid
  }

  static func shellExited<S: ShellModel>(owner: Int, in world: inout World<S>) {
    guard world.terminal.masterOpen else { return }
    world.note(.host(.closesPane), from: .host, .tmuxPaneClose, about: owner)
    world.closeMaster()
  }

  static func run<S: ShellModel>(owner: Int, in world: inout World<S>) {}

  static func hangUp<S: ShellModel>(in world: inout World<S>) {
    world.note(.host(.clientDetaches), from: .user, .tmuxClientDetach)
  }
}

extension World {
  /// Processes blocked reading the stdin pipe see end of file once sshd closed its end.
  mutating func wakePipeReaders() {
    for i in processes.indices
    where processes[i].isLive && processes[i].stdin == .pipe && processes[i].activity == .readingTerminal {
      processes[i].pendingReadResult = .endOfFile
      wake(processes[i].pid)
    }
  }
}
