#if canImport(Glibc)
@preconcurrency import Glibc
import CHangupLinux
import HangupModel
import HangupProcFS

extension RecordingSession {
  /// What holds the session in a recording, for each ``SessionKind``.
  enum Host: Equatable {
    /// The recorder's own pseudo-terminal. `hold: false` plays sshd's part (the master is
    /// closed once the shell has exited, `--ssh-server recorder`); `hold: true` is
    /// `--session hold`: the master stays open until the recorder has looked at the
    /// survivors, then the cleanup closes it.
    case recorder(hold: Bool)
    /// A real sshd on 127.0.0.1 that the recorder starts, `ssh -tt`, the shell on sshd's pty.
    case ssh
    /// The same sshd, `ssh -T host 'cmd'`: the shell on sshd's pipes.
    case sshNoPty
    /// A real tmux server on a private socket, the shell in its pane, a client attached
    /// over `ssh -tt` to the recorder's sshd.
    case tmuxPane
    /// A real xterm on a private Xvfb display, the shell its child.
    case xterm

    init(_ scenario: Scenario, _ options: RecorderOptions) {
      switch scenario.session {
      case .ssh: self = options.sshServer == .sshd ? .ssh : .recorder(hold: false)
      case .hold: self = .recorder(hold: true)
      case .sshNoPty: self = .sshNoPty
      case .tmuxPane: self = .tmuxPane
      case .terminal: self = .xterm
      }
    }

    /// The host as the trace's `system.session` says it.
    var description: String {
      switch self {
      case .recorder(hold: false):
        return
          "the recorder's own pseudo-terminal; the recorder closes the master once the shell has exited, or to hang up (sshd's part)"
      case .recorder(hold: true):
        return
          "the recorder's own pseudo-terminal, kept open after the shell exits until the recorder has looked (xterm -hold); a hang-up closes the master"
      case .ssh:
        return
          "a real sshd the recorder starts on 127.0.0.1, reached with ssh -tt; the shell runs on sshd's pty; a hang-up is the ssh client killed (SIGKILL), so the connection drops"
      case .sshNoPty:
        return
          "a real sshd the recorder starts on 127.0.0.1, reached with ssh -T host 'cmd' (no pty: pipes); a hang-up is the ssh client killed (SIGKILL), so the connection drops"
      case .tmuxPane:
        return
          "a real tmux server on a private socket runs the shell in a pane; its client is attached over ssh -tt to the recorder's sshd; a hang-up is that ssh client killed (SIGKILL)"
      case .xterm:
        return
          "a real xterm on a private Xvfb display (in its own network namespace), the shell its child; keys are put in the terminal's input queue (TIOCSTI); a hang-up is a window manager's close (ClientMessage WM_PROTOCOLS/WM_DELETE_WINDOW)"
      }
    }

    var usesSSHD: Bool { self == .ssh || self == .sshNoPty || self == .tmuxPane }
  }

  // MARK: - Starting

  func startHost() throws(RecorderError) {
    switch host {
    case .recorder:
      try startShellOnOwnPty()
    case .ssh:
      try startSSHServer()
      try startSSHClient(pty: true, command: sessionShellCommand, term: "dumb")
      try waitFor("sshd to start the shell", within: 15000) { self.shellPid != 0 }
    case .sshNoPty:
      try startSSHServer()
      try startSSHClient(pty: false, command: sessionShellCommand, term: "dumb")
      try waitFor("sshd to start the shell", within: 15000) { self.shellPid != 0 }
    case .tmuxPane:
      try startSSHServer()
      try startTmux()
      try waitFor("tmux to start the shell", within: 10000) { self.shellPid != 0 }
      let socket = directory + "/tmux.sock"
      try startSSHClient(
        pty: true,
        command: "exec " + System.quoted(options.tmuxPath) + " -S " + System.quoted(socket)
          + " attach-session -t hupsim", term: "xterm")
      try waitFor("the tmux client to attach over ssh", within: 15000) { self.tmuxClients() > 0 }
      releaseStartGate()
    case .xterm:
      try startXterm()
      try waitFor("xterm to start the shell", within: 10000) { self.shellPid != 0 }
      releaseStartGate()
    }
    if !shellIsChild && shellPidfd < 0 && !shellEnded {
      throw RecorderError("cannot watch the session's shell (pidfd_open): \(System.errorText())")
    }
  }

  /// What sshd's login shell, tmux or xterm runs: `hupsim-probe --session-shell DIR`, which
  /// execs the scenario's shell in place with the recorder's argv and environment.
  var sessionShellCommand: String {
    "exec " + System.quoted(options.probePath) + " --session-shell " + System.quoted(directory)
  }

  private func releaseStartGate() {
    var newline: UInt8 = 0x0a
    _ = write(startGate, &newline, 1)
  }

  /// Names a server or client to the guard, which kills it and its descendants if the
  /// recorder dies, and remembers it for the cleanup.
  private func track(_ pid: Int32) {
    roots.append(pid)
    guard guardPipe >= 0, let start = ProcFS.startTime(pid) else { return }
    var line = "tree \(pid) \(start)\n"
    line.withUTF8 { buffer in _ = write(guardPipe, buffer.baseAddress, buffer.count) }
  }

  /// The environment of the servers and clients the recorder starts: its marker (so the
  /// cleanup and the guard find them) and nothing of the recorder's own.
  private func toolEnvironment(term: String) -> [String] {
    [
      marker, "HUPSIM_PROBE_DIR=" + directory, "HOME=" + directory + "/home",
      "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
      "LANG=C", "LC_ALL=C", "TERM=" + term,
    ]
  }

  // MARK: - sshd

  /// Starts `sshd -D -e -f DIR/ssh/sshd_config` on 127.0.0.1 and a free port, with a host
  /// key, a client key and an authorized_keys file made for this run. Never the system's
  /// sshd configuration or keys; nothing listens beyond the loopback.
  func startSSHServer() throws(RecorderError) {
    for tool in [options.sshdPath, options.sshPath, options.sshKeygenPath] where access(tool, X_OK) != 0 {
      throw RecorderError(
        "recording --session \(scenario.session.rawValue) needs OpenSSH: \(tool) is missing (apt-get install openssh-server openssh-client)"
      )
    }
    let dir = directory + "/ssh"
    try System.makeDirectory(dir)
    // sshd's privilege-separation folder (Debian's tmpfiles.d creates it at boot when the
    // system's sshd is enabled); sshd refuses to start without it.
    var info = stat()
    if stat("/run/sshd", &info) != 0 && mkdir("/run/sshd", 0o755) != 0 && errno != EEXIST {
      throw RecorderError("sshd needs /run/sshd, which cannot be created: \(System.errorText())")
    }
    for key in ["host_key", "client_key"] {
      _ = System.output(
        options.sshKeygenPath, ["-q", "-t", "ed25519", "-N", "", "-C", "hupsim-record", "-f", dir + "/" + key])
      guard access(dir + "/" + key, R_OK) == 0, let pub = System.readFile(dir + "/" + key + ".pub") else {
        throw RecorderError("ssh-keygen did not make \(dir)/\(key)")
      }
      if key == "client_key" { try System.writeFile(dir + "/authorized_keys", pub) }
    }
    var lastLog = ""
    for _ in 0..<3 {
      guard let port = System.freeLoopbackPort() else { throw RecorderError("cannot find a free port on 127.0.0.1") }
      // SHLVL=1: the login shell sshd runs the command with (root's, from passwd) counts
      // itself level 2, so Debian's bash does not source ~/.bashrc for the ssh command
      // (shell.c run_startup_files, SSH_SOURCE_BASHRC: only a top-level shell does). The
      // session stays hermetic, and a run ended mid-way cannot leave what the user's rc
      // files were doing half done (a pyenv rehash killed mid-way left its lock behind,
      // and every later ssh command waited 60 s for it).
      let config = """
        # Made by hupsim record for one run; removed with it.
        Port \(port)
        ListenAddress 127.0.0.1
        AddressFamily inet
        HostKey \(dir)/host_key
        PidFile none
        AuthorizedKeysFile \(dir)/authorized_keys
        StrictModes no
        UsePAM no
        PermitRootLogin prohibit-password
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        HostbasedAuthentication no
        PermitEmptyPasswords no
        PrintMotd no
        PrintLastLog no
        UseDNS no
        X11Forwarding no
        AllowTcpForwarding no
        AllowAgentForwarding no
        AllowStreamLocalForwarding no
        PermitTunnel no
        PermitUserEnvironment no
        PermitTTY yes
        ClientAliveInterval 0
        TCPKeepAlive no
        LoginGraceTime 30
        MaxStartups 10:30:100
        SetEnv HUPSIM_PROBE_DIR=\(directory) \(marker) SHLVL=1
        LogLevel INFO

        """
      try System.writeFile(dir + "/sshd_config", config)
      let log = open(dir + "/sshd.log", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
      guard log >= 0 else { throw RecorderError("cannot create \(dir)/sshd.log: \(System.errorText())") }
      let spawned = System.spawn(
        options.sshdPath, [options.sshdPath, "-D", "-e", "-f", dir + "/sshd_config"],
        environment: toolEnvironment(term: "dumb"), stderr: log, ownProcessGroup: true)
      close(log)
      switch spawned {
      case .success(let pid):
        sshdPid = pid
        track(pid)
      case .failure(let error):
        throw RecorderError("cannot start sshd: \(error.message)")
      }
      let until = System.monotonicMilliseconds() + 10000
      while System.monotonicMilliseconds() < until && recorderInterruptedBy == 0 {
        lastLog = System.readFile(dir + "/sshd.log") ?? ""
        if lastLog.contains("Server listening on 127.0.0.1 port \(port)") {
          sshPort = port
          return
        }
        if reaped[sshdPid] != nil { break }
        pump(20)
      }
      if recorderInterruptedBy != 0 { throw RecorderError("interrupted by signal \(recorderInterruptedBy)") }
      if reaped[sshdPid] == nil { kill(sshdPid, SIGKILL) }
      if !lastLog.contains("Address already in use") { break }
    }
    throw RecorderError("sshd did not start: " + lastLog.split(separator: "\n").suffix(3).joined(separator: " / "))
  }

  /// Starts the ssh client as root@127.0.0.1 with this run's key, never reading the
  /// user's or the system's ssh configuration or known hosts. With `pty` it runs on a
  /// pseudo-terminal the recorder holds (`-tt`, 80×24); without, on pipes (`-T`).
  func startSSHClient(pty: Bool, command: String, term: String) throws(RecorderError) {
    let dir = directory + "/ssh"
    let argv = [
      options.sshPath, "-F", "/dev/null", "-i", dir + "/client_key", "-p", String(sshPort),
      "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
      "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
      "-o", "ControlMaster=no", "-o", "ControlPath=none", "-o", "ServerAliveInterval=0", "-o", "TCPKeepAlive=no",
      "-o", "ForwardAgent=no", "-o", "ForwardX11=no", "-o", "UpdateHostKeys=no", "-o", "AddressFamily=inet",
      "-e", "none", pty ? "-tt" : "-T", "root@127.0.0.1", command,
    ]
    let environment = toolEnvironment(term: term)
    if pty {
      var slave = [CChar](repeating: 0, count: 256)
      master = CHangupLinux_open_pty(&slave, slave.count)
      guard master >= 0 else { throw RecorderError("cannot open a pseudo-terminal: \(System.errorText())") }
      _ = CHangupLinux_set_window_size(master, 24, 80)
      let slavePath = String(decoding: slave.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let cArgv = argv.map { strdup($0) } + [nil]
      let cEnv = environment.map { strdup($0) } + [nil]
      defer {
        cArgv.forEach { free($0) }
        cEnv.forEach { free($0) }
      }
      clientPid = CHangupLinux_spawn_session(options.sshPath, cArgv, cEnv, slavePath, directory)
      guard clientPid > 0 else { throw RecorderError("cannot start ssh: \(System.errorText())") }
      masterFeedsTranscript = host != .tmuxPane
    } else {
      guard let stdinPipe = System.closeOnExecPipe(), let outputPipe = System.closeOnExecPipe() else {
        throw RecorderError("cannot create ssh's pipes: \(System.errorText())")
      }
      let spawned = System.spawn(
        options.sshPath, argv, environment: environment, stdin: stdinPipe.read, stdout: outputPipe.write,
        stderr: outputPipe.write, ownProcessGroup: true)
      close(stdinPipe.read)
      close(outputPipe.write)
      clientInput = stdinPipe.write
      clientOutput = outputPipe.read
      _ = fcntl(clientOutput, F_SETFL, fcntl(clientOutput, F_GETFL) | O_NONBLOCK)
      switch spawned {
      case .success(let pid): clientPid = pid
      case .failure(let error): throw RecorderError("cannot start ssh: \(error.message)")
      }
    }
    track(clientPid)
  }

  // MARK: - tmux

  /// Starts a tmux server on a private socket in the run's folder (`-f /dev/null`: no
  /// configuration) with one detached session whose pane runs the session shell, which
  /// waits at the start gate; the pane's output is copied to DIR/pane.log (pipe-pane).
  func startTmux() throws(RecorderError) {
    guard access(options.tmuxPath, X_OK) == 0 else {
      throw RecorderError(
        "recording --session tmux-pane needs tmux: \(options.tmuxPath) is missing (apt-get install tmux)")
    }
    let socket = directory + "/tmux.sock"
    let environment = toolEnvironment(term: "xterm")
    let made =
      System.output(
        options.tmuxPath,
        [
          "-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", "hupsim", "-x", "80",
          "-y", "24", options.probePath, "--session-shell", directory,
        ],
        environment: environment) ?? "tmux did not run"
    let pidText =
      System.output(
        options.tmuxPath, ["-S", socket, "display-message", "-p", "-t", "hupsim", "#{pid}"],
        environment: environment) ?? ""
    guard let pid = Int32(pidText.split(separator: "\n").first ?? "") else {
      throw RecorderError("tmux did not start a server: \(made) \(pidText)")
    }
    tmuxServerPid = pid
    track(pid)
    transcriptFile = directory + "/pane.log"
    try System.writeFile(directory + "/pane.log", "")
    let piped =
      System.output(
        options.tmuxPath,
        [
          "-S", socket, "pipe-pane", "-t", "hupsim",
          "exec cat >> " + System.quoted(directory + "/pane.log"),
        ],
        environment: environment) ?? "tmux did not run"
    if !piped.isEmpty { throw RecorderError("tmux pipe-pane failed: \(piped)") }
  }

  /// How many clients are attached to the tmux session.
  func tmuxClients() -> Int {
    let text =
      System.output(
        options.tmuxPath, ["-S", directory + "/tmux.sock", "list-clients", "-t", "hupsim"],
        environment: toolEnvironment(term: "xterm")) ?? ""
    return text.split(separator: "\n").filter { $0.contains("hupsim") }.count
  }

  // MARK: - xterm

  /// Starts Xvfb on a display it picks (`-displayfd`), without TCP and in a network
  /// namespace of its own (nothing listens anywhere but its Unix socket), then xterm on it
  /// with its log on (`-l -lf`: the transcript) running the session shell.
  func startXterm() throws(RecorderError) {
    for tool in [options.xtermPath, options.xvfbPath] where access(tool, X_OK) != 0 {
      throw RecorderError(
        "recording --session terminal needs xterm and Xvfb: \(tool) is missing (apt-get install xterm xvfb)")
    }
    guard let displayPipe = System.closeOnExecPipe() else {
      throw RecorderError("cannot create a pipe: \(System.errorText())")
    }
    var argv = [
      options.xvfbPath, "-displayfd", "1", "-nolisten", "tcp", "-nolisten", "local", "-screen", "0", "800x600x8",
      "-nocursor",
    ]
    var path = options.xvfbPath
    if access(options.unsharePath, X_OK) == 0 {
      argv = [options.unsharePath, "--net"] + argv
      path = options.unsharePath
    }
    let log = open(directory + "/xvfb.log", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    let spawned = System.spawn(
      path, argv, environment: toolEnvironment(term: "dumb"), stdout: displayPipe.write,
      stderr: log >= 0 ? log : nil, ownProcessGroup: true)
    if log >= 0 { close(log) }
    close(displayPipe.write)
    defer { close(displayPipe.read) }
    switch spawned {
    case .success(let pid):
      xvfbPid = pid
      track(pid)
    case .failure(let error):
      throw RecorderError("cannot start Xvfb: \(error.message)")
    }
    var text = ""
    let until = System.monotonicMilliseconds() + 10000
    while !text.contains("\n") && System.monotonicMilliseconds() < until && recorderInterruptedBy == 0 {
      var ready = [pollfd(fd: displayPipe.read, events: Int16(POLLIN), revents: 0)]
      if poll(&ready, 1, 50) > 0 {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(displayPipe.read, &buffer, buffer.count)
        if n <= 0 { break }
        text += String(decoding: buffer[0..<n], as: UTF8.self)
      }
      reapChildren()
    }
    guard let number = Int(text.split(separator: "\n").first ?? "") else {
      throw RecorderError(
        "Xvfb did not start: "
          + (System.readFile(directory + "/xvfb.log") ?? "").split(separator: "\n").suffix(3)
          .joined(separator: " / "))
    }
    display = number
    var line = "xlock \(number) \(xvfbPid)\n"
    line.withUTF8 { buffer in _ = write(guardPipe, buffer.baseAddress, buffer.count) }

    transcriptFile = directory + "/xterm.log"
    let xtermArgv = [
      options.xtermPath, "-display", ":\(number)", "-geometry", "80x24", "-l", "-lf", directory + "/xterm.log",
      "-xrm", "XTerm*logInhibit: false", "-e", options.probePath, "--session-shell", directory,
    ]
    var environment = toolEnvironment(term: "dumb")
    environment.append("DISPLAY=:\(number)")
    let xlog = open(directory + "/xterm.err", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    let started = System.spawn(
      options.xtermPath, xtermArgv, environment: environment, stderr: xlog >= 0 ? xlog : nil,
      ownProcessGroup: true)
    if xlog >= 0 { close(xlog) }
    switch started {
    case .success(let pid):
      xtermPid = pid
      track(pid)
    case .failure(let error):
      throw RecorderError("cannot start xterm: \(error.message)")
    }
  }

  // MARK: - The command string

  /// No job control: the command string started every job at once; wait for them, then
  /// do what the user does from another terminal.
  func startJobsFromString() throws(RecorderError) {
    expectingJob = -1
    for step in plan.setup {
      switch step {
      case .startJob(let line, _), .builtin(let line): typedLines.append(line)
      default: break
      }
    }
    for job in scenario.jobs.indices.map({ $0 + 1 }) {
      let count = scenario.jobs[job - 1].extraProcesses.count + 1
      try waitFor("job \(job) to start") { (self.assigned[job]?.count ?? 0) >= count }
      try waitFor("job \(job) to detach itself") { self.detached(job: job) }
    }
    settle()
    for step in plan.setup {
      switch step {
      case .killFromOutside(let signal, let job, let process):
        guard let target = assigned[job]?[process] else { continue }
        kill(target, Int32(KernelProfile.linux.number(of: signal)))
        settle()
      case .key(let byte, let name):
        let before = transcript.count
        press(byte)
        try waitFor("something after \(name)") { self.transcript.count > before || self.shellExited }
        settle()
      default:
        continue
      }
    }
  }

  // MARK: - The end

  /// The session's end from outside, as the host has it.
  func hangUp() throws(RecorderError) {
    switch host {
    case .recorder:
      if master >= 0 { close(master) }
      master = -1
    case .ssh, .sshNoPty, .tmuxPane:
      // The connection drops: the client dies without a word (as when its network goes),
      // the kernel closes its socket, sshd reads end of file.
      kill(clientPid, SIGKILL)
    case .xterm:
      do {
        _ = try X11Connection.closeLikeWindowManager(display: display, window: windowID)
      } catch {
        throw RecorderError("cannot close xterm's window: \(error.message)")
      }
    }
  }

  // MARK: - Cleanup

  /// Ends the servers and clients this run started and everything under them: xterm,
  /// then the X server gently (so it removes its lock and socket), then every tracked
  /// tree by SIGKILL.
  func stopServers() {
    if xtermPid > 0 {
      kill(xtermPid, SIGKILL)
    }
    if xvfbPid > 0 && reaped[xvfbPid] == nil {
      kill(xvfbPid, SIGTERM)
      let until = System.monotonicMilliseconds() + 2000
      while reaped[xvfbPid] == nil && System.monotonicMilliseconds() < until {
        var status: Int32 = 0
        if waitpid(xvfbPid, &status, WNOHANG) == xvfbPid {
          reaped[xvfbPid] = status
          break
        }
        usleep(10_000)
      }
    }
    for _ in 0..<20 {
      var victims: [Int32] = []
      for root in roots where reaped[root] == nil {
        if let stat = System.procStat(root), stat.state != "Z" { victims.append(root) }
        victims.append(contentsOf: ProcFS.descendants(of: root))
      }
      victims.removeAll { $0 == getpid() || $0 == guardPid }
      if victims.isEmpty { break }
      for pid in Set(victims) { kill(pid, SIGKILL) }
      usleep(10_000)
      reapChildren()
    }
  }
}
#endif
