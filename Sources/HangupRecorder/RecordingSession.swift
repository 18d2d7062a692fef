#if canImport(Glibc)
@preconcurrency import Glibc
import CHangupLinux
import HangupProcFS
import HangupModel

/// Set by the recorder's SIGINT/SIGTERM/SIGHUP handler; every wait loop checks it.
nonisolated(unsafe) var recorderInterruptedBy: Int32 = 0

/// One run of a scenario on the real system: the session's host (the recorder's own
/// pseudo-terminal, a real sshd, tmux or xterm, see ``Host``), a hermetic shell, the probes,
/// the typed steps, the end, the settling, the fates, and a cleanup that leaves nothing
/// behind.
///
/// Not Sendable: it owns file descriptors and child processes and is used by one thread.
final class RecordingSession {
  static let prompt = "HUPSIM_PROMPT> "
  static var promptText: String { prompt }

  let scenario: Scenario
  let options: RecorderOptions
  let plan: RecordingPlan
  let marker: String
  let host: Host
  /// The shell runs a command string (no job control): the typed lines are its lines, and
  /// it ends at a gate the recorder opens for a typed end.
  let stringMode: Bool

  var directory = ""
  /// The pty master the recorder holds: the shell's (``Host/recorder``) or the ssh
  /// client's (``Host/ssh``, ``Host/tmuxPane``).
  var master: Int32 = -1
  /// Whether what arrives on `master` is the transcript (not so for tmux's client: its
  /// screen drawing is drained and the pane's own output is read from `transcriptFile`).
  var masterFeedsTranscript = true
  /// The ssh client's stdout and stderr (``Host/sshNoPty``) and the write end of its stdin.
  var clientOutput: Int32 = -1
  var clientInput: Int32 = -1
  /// A file the transcript is read from as it grows (tmux's pipe-pane, xterm's log).
  var transcriptFile: String?
  var transcriptOffset = 0
  var fifo: Int32 = -1
  /// The command-string shell's gate (`read -r … < gate.fifo`) and the session shell's
  /// start gate (start.fifo), both held open read-write by the recorder.
  var gate: Int32 = -1
  var startGate: Int32 = -1
  var shellPid: Int32 = 0
  var shellPidfd: Int32 = -1
  var shellStatus: Int32?
  /// The shell has ended (its exit status may still be on its way, see `shellStatus`).
  var shellEnded = false
  /// The shell is the recorder's own child (``Host/recorder``); otherwise sshd's, tmux's
  /// or xterm's, and its end is learnt from its pidfd.
  var shellIsChild = true
  /// The terminal the session shell runs on and xterm's window, from its SHELL line.
  var shellTTY = "-"
  var shellStart: String?
  var windowID: UInt32 = 0
  var stracePid: Int32 = 0
  /// Servers and clients the run started: killed with all their descendants at cleanup
  /// (also named to the guard), the X server ended gently first.
  var clientPid: Int32 = 0
  var sshdPid: Int32 = 0
  var sshPort = 0
  var tmuxServerPid: Int32 = 0
  var xtermPid: Int32 = 0
  var xvfbPid: Int32 = 0
  var display = -1
  var roots: [Int32] = []
  /// The guard (`hupsim-probe --guard`) and the write end of its pipe: if this process
  /// dies without cleaning up, even by SIGKILL, the pipe closes and the guard kills what
  /// the run started and removes its files.
  var guardPid: Int32 = 0
  var guardPipe: Int32 = -1
  var transcript: [UInt8] = []
  var fifoPending: [UInt8] = []
  var lines: [ProbeLine] = []
  var started = 0.0
  var deadline = 0.0
  var lastActivity = 0.0
  var problems: [String] = []
  /// Exit statuses collected by waitpid (for processes re-parented to the recorder).
  var reaped: [Int32: Int32] = [:]
  var pidfds: [Int32: Int32] = [:]
  var exitedPidfds: [Int32: Int32] = [:]
  /// Probe pids per scenario job and process index, filled from START lines (and moved to
  /// the process that goes on when a probe detaches itself).
  var assigned: [Int: [Int: Int32]] = [:]
  /// DETACH lines by the pid of the process that went on.
  var detachments: [Int32: ProbeLine] = [:]
  /// Processes that left the job's group by detaching (daemons and the double fork's
  /// first children): the recorder follows them by pid, and ends and reaps each by pid.
  var followed: [Int32] = []
  var typedLines: [String] = []

  init(scenario: Scenario, options: RecorderOptions, plan: RecordingPlan, marker: String) {
    self.scenario = scenario
    self.options = options
    self.plan = plan
    self.marker = marker
    self.host = Host(scenario, options)
    self.stringMode = !scenario.effectiveJobControl
  }

  // MARK: - Running

  func run() throws(RecorderError) -> RunRecord {
    started = System.monotonicMilliseconds()
    deadline = started + options.timeout * 1000
    lastActivity = started
    defer { cleanUp() }
    try prepare()
    // A command string starts its jobs as soon as the shell runs, maybe before the
    // recorder has seen the shell start: take their START lines from the beginning.
    if stringMode { expectingJob = -1 }
    try startHost()
    if options.strace { startStrace() }
    if stringMode {
      try startJobsFromString()
    } else {
      let recording = scenario.shell.shellFamily.recording
      let firstPrompt = host == .recorder(hold: false) || host == .recorder(hold: true) ? 5000.0 : 15000.0
      if recording.promptFromSetupLine {
        // The prompt is set by the first line typed (tcsh): wait for the shell's own prompt to settle.
        try waitFor("the shell to start", within: firstPrompt) { !self.transcript.isEmpty }
        settle()
      } else {
        try waitFor("the first prompt", within: firstPrompt) { self.promptCount >= 1 }
      }
      for line in recording.setupLines {
        let prompts = promptCount
        type(line)
        try waitFor("the prompt after `\(line)`") { self.promptCount > prompts }
        settle()
      }
      for step in plan.setup { try perform(step) }
    }
    let before = snapshot()
    try end()
    settle()
    for step in plan.after {
      try perform(step)
      settle()
    }
    let after = snapshot()
    let probes = collectProbes()
    // Whether ssh returned: meaningful only when nobody killed it to hang up.
    let sshStillRunning: Bool? =
      clientPid > 0 && scenario.end != .hangup
      ? reaped[clientPid] == nil && System.procStat(clientPid).map { $0.state != "Z" } == true : nil
    let (exitStatus, killedBy) = shellEnd()
    // Everything is observed: end the processes followed out of the job now, so a failure
    // to end one is among the run's problems (the cleanup does it again on every way out).
    endFollowed()
    return RunRecord(
      shellPid: shellPid, recorderPid: getpid(), transcript: transcriptText, typed: typedLines,
      shellExitStatus: exitStatus,
      shellKilledBy: killedBy, probes: probes, shellKills: straceLines(),
      durationMilliseconds: System.monotonicMilliseconds() - started,
      problems: problems, tableBefore: before, tableAfter: after, shellStart: shellStart,
      sshStillRunning: sshStillRunning)
  }

  private func prepare() throws(RecorderError) {
    directory = try System.makeTemporaryDirectory()
    try startGuard()
    try System.makeDirectory(directory + "/home")
    try System.makeDirectory(directory + "/config")
    guard mkfifo(directory + "/events.fifo", 0o600) == 0 else {
      throw RecorderError("cannot create the probe FIFO: \(System.errorText())")
    }
    fifo = open(directory + "/events.fifo", O_RDWR | O_NONBLOCK | O_CLOEXEC)
    guard fifo >= 0 else { throw RecorderError("cannot open the probe FIFO: \(System.errorText())") }
    for (name, config) in probeConfigs() {
      try System.writeFile(directory + "/config/" + name, config)
      guard symlink(options.probePath, directory + "/" + name) == 0 else {
        throw RecorderError("cannot link \(name) to the probe: \(System.errorText())")
      }
    }
    if stringMode { gate = try openFIFO("gate.fifo") }
    if host == .tmuxPane || host == .xterm { startGate = try openFIFO("start.fifo") }
    let environment = try shellEnvironment()
    try System.writeFields(directory + "/shell.argv", [options.shellPath] + shellArguments())
    try System.writeFields(directory + "/shell.env", environment)
  }

  /// A FIFO in the run's folder, held open read-write (so opening it never blocks and a
  /// reader never sees end of file).
  private func openFIFO(_ name: String) throws(RecorderError) -> Int32 {
    guard mkfifo(directory + "/" + name, 0o600) == 0 else {
      throw RecorderError("cannot create \(name): \(System.errorText())")
    }
    let fd = open(directory + "/" + name, O_RDWR | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw RecorderError("cannot open \(name): \(System.errorText())") }
    return fd
  }

  /// The shell's argv (argv[0] included): the interactive shell's, or `NAME -c STRING`.
  func shellArguments() -> [String] {
    if stringMode { return [RecordingSession.basename(options.shellPath), "-c", commandString] }
    let recording = scenario.shell.shellFamily.recording
    return scenario.login ? recording.loginArguments : recording.nonLoginArguments
  }

  /// The lines the command-string shell runs, then the gate it waits at: the recorder
  /// writes a line to the gate to end the string (a typed end), or never does (a hang-up).
  var commandString: String {
    var lines: [String] = []
    for step in plan.setup {
      switch step {
      case .startJob(let line, _), .builtin(let line): lines.append(line)
      default: break
      }
    }
    lines.append("read -r HUPSIM_GATE < " + System.quoted(directory + "/gate.fifo"))
    return lines.joined(separator: "\n")
  }

  /// The shell's hermetic environment (and its $ENV file, written here).
  private func shellEnvironment() throws(RecorderError) -> [String] {
    let recording = scenario.shell.shellFamily.recording
    var environment =
      [
        "HOME=" + directory + "/home",
        "PATH=" + directory + ":/usr/local/bin:/usr/bin:/bin",
        "TERM=dumb",
        "PS1=" + RecordingSession.prompt,
        "LANG=C",
        "LC_ALL=C",
        "HISTFILE=" + directory + "/home/.bash_history",
        "HUPSIM_PROBE_DIR=" + directory,
        marker,
      ] + recording.environment
    if let rc = recording.environmentFile, !stringMode {
      // Login shells of the sh family read /etc/profile, which overwrites PS1; $ENV is read after it.
      try System.writeFile(directory + "/shellrc", rc)
      environment.append("ENV=" + directory + "/shellrc")
    }
    return environment
  }

  private func startGuard() throws(RecorderError) {
    // Only the recorder holds the write end, or the guard would never see end-of-file.
    guard let pipe = System.closeOnExecPipe() else {
      throw RecorderError("cannot create the guard's pipe: \(System.errorText())")
    }
    // Its own process group: `kill -KILL -PGID` or `timeout -s KILL` on the recorder's group
    // must not take the guard down with it.
    let spawned = System.spawn(
      options.probePath, [options.probePath, "--guard", marker, directory], environment: ["LANG=C"],
      stdin: pipe.read, ownProcessGroup: true)
    close(pipe.read)
    switch spawned {
    case .success(let pid):
      guardPid = pid
      guardPipe = pipe.write
    case .failure(let error):
      close(pipe.write)
      throw RecorderError("cannot start the recorder's guard: \(error.message)")
    }
  }

  /// One probe configuration per program name used by the scenario.
  private func probeConfigs() -> [(String, String)] {
    var out: [(String, String)] = []
    func add(_ program: Program, ignores: [Signal], children: [String]) {
      let name = RecordingSession.basename(program.name)
      guard !out.contains(where: { $0.0 == name }) else { return }
      var lines = ["catch=" + program.handles.map(\.name).joined(separator: ",")]
      if !ignores.isEmpty { lines.append("ignore=" + ignores.map(\.name).joined(separator: ",")) }
      if program.overridesInheritedIgnores { lines.append("override=1") }
      if !program.exitsOn.isEmpty { lines.append("exit-on=" + program.exitsOn.map(\.name).joined(separator: ",")) }
      if program.resetsSignals { lines.append("reset=1") }
      if !program.ignoresItself.isEmpty {
        lines.append("ignore-self=" + program.ignoresItself.map(\.name).joined(separator: ","))
      }
      if program.readsStdin { lines.append("read=1") }
      func reaction(_ r: Program.ReadReaction) -> String {
        switch r {
        case .retry: return "retry"
        case .exit(let status): return "exit:\(status)"
        }
      }
      lines.append("eof=" + reaction(program.onEndOfFile))
      lines.append("readerr=" + reaction(program.onReadError))
      if program.writes { lines.append("write=1") }
      lines.append("eintr=" + (program.onInterruptedRead == .retry ? "retry" : "exit"))
      if !children.isEmpty { lines.append("children=" + children.joined(separator: ",")) }
      if let form = program.daemonizes { lines.append("daemonize=" + form.rawValue) }
      out.append((name, lines.joined(separator: "\n") + "\n"))
    }
    for job in scenario.jobs {
      var childrenOf: [Int: [String]] = [:]
      for extra in job.extraProcesses {
        if case .process(let k) = extra.parent {
          childrenOf[k, default: []].append(RecordingSession.basename(extra.program.name))
        }
      }
      add(job.program, ignores: job.inheritedIgnores, children: childrenOf[0] ?? [])
      for (i, extra) in job.extraProcesses.enumerated() {
        add(
          extra.program, ignores: extra.parent == .shell ? job.inheritedIgnores : [], children: childrenOf[i + 1] ?? [])
      }
    }
    return out
  }

  static func basename(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// ``Host/recorder``: the shell on a pseudo-terminal whose master the recorder holds.
  func startShellOnOwnPty() throws(RecorderError) {
    var slave = [CChar](repeating: 0, count: 256)
    master = CHangupLinux_open_pty(&slave, slave.count)
    guard master >= 0 else { throw RecorderError("cannot open a pseudo-terminal: \(System.errorText())") }
    let slavePath = String(decoding: slave.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let environment = try shellEnvironment()
    let argv = shellArguments().map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    guard access(options.shellPath, X_OK) == 0 else {
      throw RecorderError("cannot run the shell \(options.shellPath): \(System.errorText())")
    }
    shellPid = CHangupLinux_spawn_session(options.shellPath, argv, envp, slavePath, directory)
    guard shellPid > 0 else { throw RecorderError("cannot start the shell: \(System.errorText())") }
    shellPidfd = CHangupLinux_pidfd_open(shellPid)
    shellTTY = slavePath
  }

  private func startStrace() {
    guard access(options.stracePath, X_OK) == 0 else {
      problems.append("strace is not installed at \(options.stracePath); the shell's kill() calls were not traced")
      return
    }
    let output = directory + "/strace.txt"
    let arguments = [
      options.stracePath, "-qq", "-e", "trace=kill,tkill,tgkill", "-e", "signal=none", "-o", output,
      "-p", String(shellPid),
    ]
    switch System.spawn(options.stracePath, arguments, environment: nil) {
    case .success(let pid):
      stracePid = pid
    case .failure(let error):
      problems.append(error.message)
      return
    }
    // Wait until strace has attached (TracerPid in /proc/PID/status).
    let until = System.monotonicMilliseconds() + 3000
    while System.monotonicMilliseconds() < until {
      if let status = System.readFile("/proc/\(shellPid)/status"),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("TracerPid:") }),
        Int(line.split(separator: "\t").last ?? "0") ?? 0 != 0
      {
        return
      }
      _ = pump(10)
    }
    problems.append("strace did not attach to the shell within 3 s")
  }

  // MARK: - Events

  /// The transcript as a terminal would show it (``TerminalText``).
  private var transcriptText: String { TerminalText.render(transcript) }

  /// Prompts shown so far, counted on the rendered text, so a line editor that redraws
  /// the line while it is typed (fish) does not count as new prompts.
  private var promptCount: Int {
    var count = 0
    let needle = Array(RecordingSession.prompt.utf8)
    let text = Array(TerminalText.render(transcript).utf8)
    var i = 0
    while i + needle.count <= text.count {
      if text[i] == needle[0] && text[i..<(i + needle.count)].elementsEqual(needle) {
        count += 1
        i += needle.count
      } else {
        i += 1
      }
    }
    return count
  }

  var shellExited: Bool { shellEnded }

  /// Waits up to `milliseconds` for terminal output, probe lines or a process exit,
  /// takes whatever arrived, and returns whether anything did.
  @discardableResult
  func pump(_ milliseconds: Double) -> Bool {
    var fds: [pollfd] = []
    if master >= 0 { fds.append(pollfd(fd: master, events: Int16(POLLIN), revents: 0)) }
    if clientOutput >= 0 { fds.append(pollfd(fd: clientOutput, events: Int16(POLLIN), revents: 0)) }
    fds.append(pollfd(fd: fifo, events: Int16(POLLIN), revents: 0))
    for fd in pidfds.values.sorted() { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
    if shellPidfd >= 0 && !shellEnded { fds.append(pollfd(fd: shellPidfd, events: Int16(POLLIN), revents: 0)) }
    let ready = poll(&fds, nfds_t(fds.count), Int32(max(0, milliseconds)))
    var activity = false
    if ready > 0 {
      var buffer = [UInt8](repeating: 0, count: 4096)
      for entry in fds where entry.revents != 0 {
        if entry.fd == master {
          let n = read(master, &buffer, buffer.count)
          if n > 0 {
            if masterFeedsTranscript {
              transcript.append(contentsOf: buffer[0..<n])
              if RecordingSession.isNews(buffer[0..<n]) { activity = true }
            } else {
              activity = true
            }
          } else if n < 0 && errno != EINTR && errno != EAGAIN {
            // EIO: the slave side is gone (everyone closed it); stop polling it.
            close(master)
            master = -1
          }
        } else if entry.fd == clientOutput {
          let n = read(clientOutput, &buffer, buffer.count)
          if n > 0 {
            transcript.append(contentsOf: buffer[0..<n])
            if RecordingSession.isNews(buffer[0..<n]) { activity = true }
          } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
            close(clientOutput)
            clientOutput = -1
          }
        } else if entry.fd == fifo {
          let n = read(fifo, &buffer, buffer.count)
          if n > 0 {
            fifoPending.append(contentsOf: buffer[0..<n])
            takeProbeLines()
            activity = true
          }
        } else if let pid = pidfds.first(where: { $0.value == entry.fd })?.key {
          // A probe exited: keep its pidfd (for its exit status) but stop polling it.
          exitedPidfds[pid] = entry.fd
          pidfds[pid] = nil
          activity = true
        } else if entry.fd == shellPidfd && !shellIsChild {
          shellEnded = true
          activity = true
        } else {
          activity = true
        }
      }
    }
    if readTranscriptFile() { activity = true }
    reapChildren()
    if shellEnded && shellStatus == nil && !shellIsChild { learnShellStatus() }
    if activity { lastActivity = System.monotonicMilliseconds() }
    return activity
  }

  /// Appends what the transcript file gained since the last look.
  private func readTranscriptFile() -> Bool {
    guard let path = transcriptFile else { return false }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    guard lseek(fd, off_t(transcriptOffset), SEEK_SET) >= 0 else { return false }
    var buffer = [UInt8](repeating: 0, count: 8192)
    var any = false
    while true {
      let n = read(fd, &buffer, buffer.count)
      if n <= 0 { break }
      transcript.append(contentsOf: buffer[0..<n])
      transcriptOffset += n
      if RecordingSession.isNews(buffer[0..<n]) { any = true }
    }
    return any
  }

  /// What a writing probe writes every 150 ms (`ESC [ 0 m`, which a terminal shows as
  /// nothing).
  static let tick: [UInt8] = [0x1b, 0x5b, 0x30, 0x6d]

  /// Whether output holds more than a writing probe's ticks: ticks alone do not keep the
  /// recorder from deciding that the system has settled.
  static func isNews(_ bytes: ArraySlice<UInt8>) -> Bool {
    var i = bytes.startIndex
    while i < bytes.endIndex {
      if bytes[i] == tick[0] && bytes.endIndex - i >= tick.count && bytes[i..<(i + tick.count)].elementsEqual(tick) {
        i += tick.count
      } else {
        return true
      }
    }
    return false
  }

  /// The exit status of a shell that is not the recorder's child: the zombie's exit code
  /// while its parent has not reaped it, else what the kernel keeps for its pidfd.
  private func learnShellStatus() {
    if let code = System.zombieExitCode(shellPid) {
      shellStatus = code
      return
    }
    var status: Int32 = 0
    if shellPidfd >= 0 && CHangupLinux_pidfd_exit_status(shellPidfd, &status) == 0 { shellStatus = status }
  }

  private func takeProbeLines() {
    while let newline = fifoPending.firstIndex(of: UInt8(ascii: "\n")) {
      let text = String(decoding: fifoPending[..<newline], as: UTF8.self)
      fifoPending.removeSubrange(...newline)
      let words = text.split(separator: " ").map(String.init)
      guard words.count >= 2, let kind = ProbeLine.Kind(rawValue: words[0]), let pid = Int32(words[1]) else { continue }
      let line = ProbeLine(
        kind: kind, pid: pid, fields: Array(words.dropFirst(2)), time: System.monotonicMilliseconds() - started)
      lines.append(line)
      if kind == .start { probeStarted(line) }
      if kind == .shell { sessionShellStarted(line) }
      if kind == .detach { probeDetached(line) }
    }
  }

  /// Assigns a starting probe to the first process of the scenario that runs a program
  /// of that name and has no pid yet.
  private func probeStarted(_ line: ProbeLine) {
    let name = line.fields.first ?? ""
    search: for (j, job) in scenario.jobs.enumerated() {
      let programs = [job.program] + job.extraProcesses.map(\.program)
      for (k, program) in programs.enumerated()
      where RecordingSession.basename(program.name) == name && assigned[j + 1]?[k] == nil
        && (expectingJob == j + 1 || expectingJob == -1)
      {
        assigned[j + 1, default: [:]][k] = line.pid
        break search
      }
    }
    let fd = CHangupLinux_pidfd_open(line.pid)
    if fd >= 0 { pidfds[line.pid] = fd }
  }

  /// A probe detached itself: the scenario's process is now the one that went on (as in
  /// the model, where daemon(3)'s child carries the job's program). A process that left
  /// is followed by pid: watched through a pidfd, named to the guard, ended at cleanup.
  private func probeDetached(_ line: ProbeLine) {
    detachments[line.pid] = line
    guard line.fields.count >= 3, let from = Int32(line.fields[1]) else { return }
    let via = Int32(line.fields[2])
    guard line.pid != from else { return }
    for (job, processes) in assigned {
      for (index, pid) in processes where pid == from { assigned[job]?[index] = line.pid }
    }
    for pid in [via, line.pid].compactMap({ $0 }) where !followed.contains(pid) {
      followed.append(pid)
      if pidfds[pid] == nil && exitedPidfds[pid] == nil {
        let fd = CHangupLinux_pidfd_open(pid)
        if fd >= 0 { pidfds[pid] = fd }
      }
      if guardPipe >= 0, let start = ProcFS.startTime(pid) {
        var text = "tree \(pid) \(start)\n"
        text.withUTF8 { buffer in _ = write(guardPipe, buffer.baseAddress, buffer.count) }
      }
    }
  }

  /// Whether every process of job `job` whose program detaches itself has said so.
  func detached(job: Int) -> Bool {
    let spec = scenario.jobs[job - 1]
    let programs = [spec.program] + spec.extraProcesses.map(\.program)
    for (k, program) in programs.enumerated() where program.daemonizes != nil {
      guard let pid = assigned[job]?[k], detachments[pid] != nil else { return false }
    }
    return true
  }

  /// The job whose processes are starting now (-1: any job, in order: a command string
  /// starts them all).
  var expectingJob = 0

  /// `hupsim-probe --session-shell` is about to become the shell.
  private func sessionShellStarted(_ line: ProbeLine) {
    guard shellPid == 0, line.fields.count >= 5 else { return }
    shellPid = line.pid
    shellIsChild = false
    shellTTY = line.fields[0]
    shellStart = "tty \(line.fields[0]) ppid \(line.fields[1]) ignored \(line.fields[2]) blocked \(line.fields[3])"
    windowID = UInt32(line.fields[4]) ?? 0
    shellPidfd = CHangupLinux_pidfd_open(shellPid)
    if shellPidfd < 0 {
      shellEnded = true
      problems.append("the session's shell was gone before the recorder could watch it")
    }
  }

  func reapChildren() {
    while true {
      var status: Int32 = 0
      let pid = waitpid(-1, &status, WNOHANG)
      if pid <= 0 { break }
      reaped[pid] = status
      if pid == shellPid && shellIsChild {
        shellStatus = status
        shellEnded = true
      }
      if pid == guardPid {
        // Its pid may be reused now; nobody guards this run any more.
        guardPid = 0
        problems.append("the recorder's guard exited early")
      }
    }
  }

  func waitFor(_ what: String, within milliseconds: Double = 5000, _ condition: () -> Bool) throws(RecorderError) {
    let until = min(deadline, System.monotonicMilliseconds() + milliseconds)
    while !condition() {
      if recorderInterruptedBy != 0 { throw RecorderError("interrupted by signal \(recorderInterruptedBy)") }
      let now = System.monotonicMilliseconds()
      if now >= deadline { throw RecorderError("timed out after \(options.timeout) s waiting for \(what)") }
      if now >= until {
        problems.append("gave up waiting for \(what)")
        return
      }
      pump(min(50, until - now))
    }
  }

  /// Waits until nothing has happened for the quiet period (or the deadline).
  func settle() {
    lastActivity = System.monotonicMilliseconds()
    while recorderInterruptedBy == 0 {
      let now = System.monotonicMilliseconds()
      if now >= deadline || now - lastActivity >= options.quietMilliseconds { return }
      pump(min(50, options.quietMilliseconds - (now - lastActivity)))
    }
  }

  // MARK: - Steps

  func type(_ text: String) {
    input(Array(text.utf8) + [UInt8(ascii: "\r")])
  }

  func press(_ byte: UInt8) {
    input([byte])
  }

  /// Keys reach the shell's terminal as the host carries them: written to the master the
  /// recorder holds (its own pty, or the ssh client's, whose keys sshd and tmux pass on),
  /// or, for xterm, put in the terminal's input queue (TIOCSTI), as xterm does with keys.
  private func input(_ bytes: [UInt8]) {
    if host == .xterm {
      guard shellTTY.hasPrefix("/dev/") else { return }
      let fd = open(shellTTY, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
      guard fd >= 0 else { return }
      defer { close(fd) }
      let ok = bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { CHangupLinux_insert_input(fd, $0.baseAddress, $0.count) }
      }
      if ok != 0 { problems.append("cannot type into \(shellTTY) (TIOCSTI): \(System.errorText())") }
      return
    }
    guard master >= 0 else { return }
    var copy = bytes
    _ = write(master, &copy, copy.count)
  }

  private func expectedProcessCount(job: Int) -> Int {
    scenario.jobs[job - 1].extraProcesses.count + 1
  }

  private func pid(job: Int, process: Int) -> Int32? { assigned[job]?[process] }

  private func perform(_ step: RecordingPlan.Step) throws(RecorderError) {
    switch step {
    case .startJob(let line, let job):
      let spec = scenario.jobs[job - 1]
      let prompts = promptCount
      expectingJob = job
      type(line)
      typedLines.append(line)
      try waitFor("job \(job) to start") { (self.assigned[job]?.count ?? 0) >= self.expectedProcessCount(job: job) }
      try waitFor("job \(job) to detach itself") { self.detached(job: job) }
      let holdsTerminal =
        spec.typedInForeground && ![.setsid, .subshell, .tmux].contains(spec.launch) && !spec.returnsAtOnce
      if !holdsTerminal {
        try waitFor("the prompt after starting job \(job)") { self.promptCount > prompts }
      }
      if spec.state == .ttin && plan.stopsAtStart.contains(job), let pid = pid(job: job, process: 0) {
        try waitFor("job \(job) to be stopped by SIGTTIN") {
          System.procStat(pid)?.state == "T" || System.procStat(pid) == nil
        }
      }
      settle()
    case .builtin(let line):
      let prompts = promptCount
      type(line)
      typedLines.append(line)
      try waitFor("the prompt after `\(line)`") { self.promptCount > prompts || self.shellExited }
      settle()
    case .killBuiltin(let signal, let job, let process):
      guard let target = pid(job: job, process: process) else { return }
      let prompts = promptCount
      let line = "kill -\(signal.name) \(target)"
      type(line)
      typedLines.append(line)
      try waitFor("the prompt after `\(line)`") { self.promptCount > prompts }
      settle()
    case .key(let byte, let name):
      let prompts = promptCount
      press(byte)
      try waitFor("the prompt after \(name)") { self.promptCount > prompts || self.shellExited }
      settle()
    case .killFromOutside(let signal, let job, let process):
      guard let target = pid(job: job, process: process) else { return }
      kill(target, Int32(KernelProfile.linux.number(of: signal)))
      settle()
    }
  }

  /// Ends the session as the scenario says, typing again after a warning as a person would.
  private func end() throws(RecorderError) {
    switch scenario.end {
    case .exit, .logout, .eof:
      if stringMode {
        // The command string goes on past its gate and ends.
        var newline: UInt8 = 0x0a
        _ = write(gate, &newline, 1)
        break
      }
      for _ in 0..<2 where !shellExited {
        let prompts = promptCount
        let mark = transcript.count
        if scenario.end == .eof {
          press(0x04)
        } else {
          type(scenario.end.rawValue)
          typedLines.append(scenario.end.rawValue)
        }
        try waitFor("the shell to exit or prompt again", within: 8000) {
          self.promptCount > prompts || self.shellExited
        }
        if shellExited { break }
        // A warning can take several writes (fish's table): let the shell finish first.
        settle()
        if shellExited { break }
        let output = TerminalText.render(Array(transcript[mark...]))
        if !scenario.shell.shellFamily.recording.warnings.contains(where: { output.contains($0) }) { break }
      }
    case .hangup:
      try hangUp()
    case .killHup:
      kill(shellPid, SIGHUP)
    }
    if scenario.end == .hangup || scenario.end == .killHup || shellExited || stringMode {
      if plan.shellExits {
        try waitFor("the shell to exit", within: 8000) { self.shellExited }
      } else {
        // The model expects the shell to stay (tmux's pane after a drop, the command
        // string after ssh's connection drops): give it time to prove otherwise.
        let until = System.monotonicMilliseconds() + 2000
        while !shellExited && System.monotonicMilliseconds() < until && recorderInterruptedBy == 0 { pump(50) }
      }
    }
    if shellExited && master >= 0 && host == .recorder(hold: false) {
      // Playing sshd's part: the terminal owner closes the master once the shell is gone.
      pump(0)
      close(master)
      master = -1
    }
  }

  private func shellEnd() -> (Int?, Int32?) {
    guard let status = shellStatus else { return (nil, nil) }
    let decoded = System.decode(status: status)
    return (decoded.exited, decoded.signal)
  }

  // MARK: - Results

  private func collectProbes() -> [ProbeRecord] {
    pump(0)
    var out: [ProbeRecord] = []
    for (job, processes) in assigned.sorted(by: { $0.key < $1.key }) {
      for (index, pid) in processes.sorted(by: { $0.key < $1.key }) {
        let mine = lines.filter { $0.pid == pid }
        let detach = detachments[pid]
        let from = detach.flatMap { Int32($0.fields.count > 1 ? $0.fields[1] : "") } ?? pid
        let start = lines.first(where: { $0.pid == from && $0.kind == .start })
        let signals = mine.filter { $0.kind == .signal }.compactMap { line -> (Int32, Int32, Int32)? in
          guard line.fields.count >= 3, let s = Int32(line.fields[0]), let c = Int32(line.fields[1]),
            let p = Int32(line.fields[2])
          else { return nil }
          return (s, c, p)
        }
        let reads = mine.filter { $0.kind == .read }.map { $0.fields.joined(separator: " ") }
        let writes = mine.filter { $0.kind == .write }.map { $0.fields.joined(separator: " ") }
        let fate = fate(of: pid)
        if case .alive = fate, let status = System.readFile("/proc/\(pid)/status") {
          // A survivor that logged nothing may have had its signals blocked or still pending.
          let masks = status.split(separator: "\n").filter {
            $0.hasPrefix("SigPnd") || $0.hasPrefix("ShdPnd") || $0.hasPrefix("SigBlk")
          }
          if masks.contains(where: { !$0.hasSuffix("0000000000000000") }) {
            problems.append(
              "pid \(pid) at the end: " + masks.map { $0.replacing("\t", with: " ") }.joined(separator: ", "))
          }
        }
        var record = ProbeRecord(
          job: job, index: index, pid: pid, name: start?.fields.first ?? "?",
          startFacts: Array(start?.fields.dropFirst() ?? []), signals: signals.map { ($0.0, $0.1, $0.2) },
          reads: reads, writes: writes, fate: fate)
        if let detach, detach.fields.count >= 10 {
          let via = Int32(detach.fields[2])
          record.detached = Detachment(
            form: detach.fields[0], from: from, via: via, facts: Array(detach.fields[3..<7]),
            stdioBefore: detach.fields[7], stdioAfter: detach.fields[8],
            result: detach.fields[9...].joined(separator: " "),
            fromFate: from == pid ? nil : self.fate(of: from), viaFate: via.map { self.fate(of: $0) })
        }
        if case .alive = fate {
          var target = [CChar](repeating: 0, count: 256)
          let n = readlink("/proc/\(pid)/fd/1", &target, target.count - 1)
          record.stdoutIsPipe =
            n > 0 && String(decoding: target.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self).hasPrefix("pipe:")
        }
        out.append(record)
      }
    }
    return out
  }

  private func fate(of pid: Int32) -> ObservedFate {
    if let status = reaped[pid] { return fateFrom(status) }
    // A probe that ended by itself said so before exiting.
    let logged = lines.last(where: { $0.pid == pid && $0.kind == .exit }).flatMap { Int($0.fields.first ?? "") }
    if let fd = pidfds[pid] ?? exitedPidfds[pid] {
      var check = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
      let exited = poll(&check, 1, 0) > 0
      if !exited, let stat = System.procStat(pid) { return .alive(parent: stat.ppid) }
      var status: Int32 = 0
      if CHangupLinux_pidfd_exit_status(fd, &status) == 0 { return fateFrom(status) }
      if let code = System.zombieExitCode(pid) { return fateFrom(code) }
      return logged.map { .exited(status: $0) } ?? .unknown
    }
    if let stat = System.procStat(pid), stat.state != "Z" { return .alive(parent: stat.ppid) }
    return logged.map { .exited(status: $0) } ?? .unknown
  }

  /// Ends every process the run followed out of the job (daemons, the double fork's first
  /// child) by pid — through its pidfd, so a reused pid is never hit — and reaps it: as a
  /// child subreaper the recorder is the parent of each one whose parent has gone. Runs
  /// on every way out of a run (done, timed out, interrupted).
  func endFollowed() {
    var waiting: [Int32] = []
    for pid in followed where reaped[pid] == nil {
      if let fd = pidfds[pid] {
        if CHangupLinux_pidfd_send_signal(fd, SIGKILL) == 0 { waiting.append(pid) }
      } else if exitedPidfds[pid] == nil {
        // No pidfd (it was gone before the recorder could open one): the pid may name
        // another process by now, so it is never signalled; a zombie of ours is reaped.
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { reaped[pid] = status }
      }
    }
    let until = System.monotonicMilliseconds() + 3000
    while !waiting.isEmpty && System.monotonicMilliseconds() < until {
      reapChildren()
      waiting.removeAll { pid in
        if reaped[pid] != nil { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
          reaped[pid] = status
          return true
        }
        // Not our child (its parent is alive and reaps it): done once it has died, which
        // its pidfd tells.
        guard errno == ECHILD else { return false }
        guard let fd = pidfds[pid] ?? exitedPidfds[pid] else { return System.procStat(pid) == nil }
        var check = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        return poll(&check, 1, 0) > 0
      }
      if !waiting.isEmpty { usleep(5_000) }
    }
    for pid in waiting { problems.append("pid \(pid), followed out of the job, did not end within 3 s of SIGKILL") }
  }

  private func fateFrom(_ status: Int32) -> ObservedFate {
    let decoded = System.decode(status: status)
    if let code = decoded.exited { return .exited(status: code) }
    if let signal = decoded.signal { return .killed(signal: signal) }
    return .unknown
  }

  private func straceLines() -> [String] {
    guard options.strace, let text = System.readFile(directory + "/strace.txt") else { return [] }
    return text.split(separator: "\n").map(String.init).filter { $0.contains("kill(") }
  }

  /// The processes that carry this run's marker, as `ps` would list them.
  private func snapshot() -> [ProcessRow] {
    var rows: [ProcessRow] = []
    // sshd's processes write their title over the memory that holds their environment:
    // they are found as the listener's descendants instead.
    var pids = Set(ProcFS.processes(carrying: marker))
    if sshdPid > 0 { pids.formUnion([sshdPid] + ProcFS.descendants(of: sshdPid)) }
    for pid in pids.sorted() {
      guard let stat = System.procStat(pid) else { continue }
      var flags = String(stat.state)
      if pid == stat.sid { flags += "s" }
      if stat.tpgid == stat.pgid && stat.tpgid > 0 { flags += "+" }
      rows.append(
        ProcessRow(
          pid: Int(pid), ppid: Int(stat.ppid), pgid: Int(stat.pgid), sid: Int(stat.sid),
          tpgid: Int(stat.tpgid), stat: flags, command: System.commandName(pid)))
    }
    return rows
  }

  // MARK: - Cleanup

  /// Kills and reaps everything this run started and removes its files, whatever
  /// happened before.
  func cleanUp() {
    if master >= 0 {
      close(master)
      master = -1
    }
    for fd in [clientOutput, clientInput, gate, startGate] where fd >= 0 { close(fd) }
    clientOutput = -1
    clientInput = -1
    gate = -1
    startGate = -1
    stopServers()
    endFollowed()
    for _ in 0..<50 {
      var victims: [Int32] = []
      for pid in ProcFS.processes() where pid != getpid() {
        if ProcFS.carriesMarker(pid, marker: marker) { victims.append(pid) }
        if pid != guardPid, let stat = System.procStat(pid), stat.ppid == getpid(), stat.state != "Z" {
          victims.append(pid)
        }
      }
      if shellPid > 0 && !shellEnded, System.procStat(shellPid).map({ $0.state != "Z" }) == true {
        victims.append(shellPid)
      }
      if stracePid > 0, System.procStat(stracePid) != nil { victims.append(stracePid) }
      reapChildren()
      if victims.isEmpty { break }
      for pid in Set(victims) { kill(pid, SIGKILL) }
      usleep(10_000)
      reapChildren()
    }
    reapChildren()
    for fd in pidfds.values { close(fd) }
    for fd in exitedPidfds.values { close(fd) }
    pidfds.removeAll()
    exitedPidfds.removeAll()
    if shellPidfd >= 0 { close(shellPidfd) }
    shellPidfd = -1
    if fifo >= 0 { close(fifo) }
    fifo = -1
    if display >= 0 && xvfbPid > 0 { ProcFS.removeStaleXLock(display: display, pid: xvfbPid) }
    if !directory.isEmpty { ProcFS.removeRunDirectory(directory) }
    directory = ""
    // Nothing is left for the guard: let it go and reap it.
    if guardPipe >= 0 { close(guardPipe) }
    guardPipe = -1
    if guardPid > 0 {
      var status: Int32 = 0
      while waitpid(guardPid, &status, 0) < 0 && errno == EINTR {}
    }
    guardPid = 0
  }
}

extension System {
  /// The exit code a zombie carries (field 52 of /proc/PID/stat), in wait(2) form.
  static func zombieExitCode(_ pid: Int32) -> Int32? {
    guard let line = ProcFS.statFields(pid), line[3] == "Z", let field = line[52] else { return nil }
    return Int32(field.split(separator: "\n").first ?? "")
  }
}
#endif
