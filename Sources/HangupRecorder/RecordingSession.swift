#if canImport(Glibc)
@preconcurrency import Glibc
import CHangupLinux
import HangupProcFS
import HangupModel

/// Set by the recorder's SIGINT/SIGTERM handler; every wait loop checks it.
nonisolated(unsafe) var recorderInterruptedBy: Int32 = 0

/// One run of a scenario on the real system: a fresh pseudo-terminal, a hermetic shell,
/// the probes, the typed steps, the end, the settling, the fates, and a cleanup that
/// leaves nothing behind.
///
/// Not Sendable: it owns file descriptors and child processes and is used by one thread.
final class RecordingSession {
  static let prompt = "HUPSIM_PROMPT> "
  static var promptText: String { prompt }

  let scenario: Scenario
  let options: RecorderOptions
  let plan: RecordingPlan
  let marker: String

  private var directory = ""
  private var master: Int32 = -1
  private var fifo: Int32 = -1
  private var shellPid: Int32 = 0
  private var shellPidfd: Int32 = -1
  private var shellStatus: Int32?
  private var stracePid: Int32 = 0
  /// The guard (`hupsim-probe --guard`) and the write end of its pipe: if this process
  /// dies without cleaning up, even by SIGKILL, the pipe closes and the guard kills what
  /// the run started and removes its files.
  private var guardPid: Int32 = 0
  private var guardPipe: Int32 = -1
  private var transcript: [UInt8] = []
  private var fifoPending: [UInt8] = []
  private var lines: [ProbeLine] = []
  private var started = 0.0
  private var deadline = 0.0
  private var lastActivity = 0.0
  private var problems: [String] = []
  /// Exit statuses collected by waitpid (for processes re-parented to the recorder).
  private var reaped: [Int32: Int32] = [:]
  private var pidfds: [Int32: Int32] = [:]
  private var exitedPidfds: [Int32: Int32] = [:]
  /// Probe pids per scenario job and process index, filled from START lines.
  private var assigned: [Int: [Int: Int32]] = [:]
  private var typedLines: [String] = []

  init(scenario: Scenario, options: RecorderOptions, plan: RecordingPlan, marker: String) {
    self.scenario = scenario
    self.options = options
    self.plan = plan
    self.marker = marker
  }

  // MARK: - Running

  func run() throws(RecorderError) -> RunRecord {
    started = System.monotonicMilliseconds()
    deadline = started + options.timeout * 1000
    lastActivity = started
    defer { cleanUp() }
    try prepare()
    try startShell()
    let recording = scenario.shell.shellFamily.recording
    if recording.promptFromSetupLine {
      // The prompt is set by the first line typed (tcsh): wait for the shell's own prompt to settle.
      try waitFor("the shell to start") { !self.transcript.isEmpty }
      settle()
    } else {
      try waitFor("the first prompt") { self.promptCount >= 1 }
    }
    for line in recording.setupLines {
      let prompts = promptCount
      type(line)
      try waitFor("the prompt after `\(line)`") { self.promptCount > prompts }
      settle()
    }
    for step in plan.setup { try perform(step) }
    let before = snapshot()
    try end()
    settle()
    for step in plan.after {
      try perform(step)
      settle()
    }
    let after = snapshot()
    let probes = collectProbes()
    let (exitStatus, killedBy) = shellEnd()
    return RunRecord(
      shellPid: shellPid, recorderPid: getpid(), transcript: transcriptText, typed: typedLines, shellExitStatus: exitStatus,
      shellKilledBy: killedBy, probes: probes, shellKills: straceLines(), durationMilliseconds: System.monotonicMilliseconds() - started,
      problems: problems, tableBefore: before, tableAfter: after)
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
  }

  private func startGuard() throws(RecorderError) {
    // Only the recorder holds the write end, or the guard would never see end-of-file.
    guard let pipe = System.closeOnExecPipe() else { throw RecorderError("cannot create the guard's pipe: \(System.errorText())") }
    // Its own process group: `kill -KILL -PGID` or `timeout -s KILL` on the recorder's group
    // must not take the guard down with it.
    let spawned = System.spawn(options.probePath, [options.probePath, "--guard", marker, directory], environment: ["LANG=C"],
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
      if program.readsStdin { lines.append("read=1") }
      lines.append("eintr=" + (program.onInterruptedRead == .retry ? "retry" : "exit"))
      if !children.isEmpty { lines.append("children=" + children.joined(separator: ",")) }
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
        add(extra.program, ignores: extra.parent == .shell ? job.inheritedIgnores : [], children: childrenOf[i + 1] ?? [])
      }
    }
    return out
  }

  static func basename(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  private func startShell() throws(RecorderError) {
    var slave = [CChar](repeating: 0, count: 256)
    master = CHangupLinux_open_pty(&slave, slave.count)
    guard master >= 0 else { throw RecorderError("cannot open a pseudo-terminal: \(System.errorText())") }
    let slavePath = String(decoding: slave.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let recording = scenario.shell.shellFamily.recording
    let arguments = scenario.login ? recording.loginArguments : recording.nonLoginArguments
    var environment = [
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
    if let rc = recording.environmentFile {
      // Login shells of the sh family read /etc/profile, which overwrites PS1; $ENV is read after it.
      try System.writeFile(directory + "/shellrc", rc)
      environment.append("ENV=" + directory + "/shellrc")
    }
    let argv = arguments.map { strdup($0) } + [nil]
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
    if options.strace { startStrace() }
  }

  private func startStrace() {
    guard access(options.stracePath, X_OK) == 0 else {
      problems.append("strace is not installed at \(options.stracePath); the shell's kill() calls were not traced")
      return
    }
    let output = directory + "/strace.txt"
    let arguments = [options.stracePath, "-qq", "-e", "trace=kill,tkill,tgkill", "-e", "signal=none", "-o", output,
                     "-p", String(shellPid)]
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

  private var shellExited: Bool { shellStatus != nil }

  /// Waits up to `milliseconds` for terminal output, probe lines or a process exit,
  /// takes whatever arrived, and returns whether anything did.
  @discardableResult
  private func pump(_ milliseconds: Double) -> Bool {
    var fds: [pollfd] = []
    if master >= 0 { fds.append(pollfd(fd: master, events: Int16(POLLIN), revents: 0)) }
    fds.append(pollfd(fd: fifo, events: Int16(POLLIN), revents: 0))
    for fd in pidfds.values.sorted() { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
    if shellPidfd >= 0 && !shellExited { fds.append(pollfd(fd: shellPidfd, events: Int16(POLLIN), revents: 0)) }
    let ready = poll(&fds, nfds_t(fds.count), Int32(max(0, milliseconds)))
    var activity = false
    if ready > 0 {
      var buffer = [UInt8](repeating: 0, count: 4096)
      for entry in fds where entry.revents != 0 {
        if entry.fd == master {
          let n = read(master, &buffer, buffer.count)
          if n > 0 {
            transcript.append(contentsOf: buffer[0..<n])
            activity = true
          } else if n < 0 && errno != EINTR && errno != EAGAIN {
            // EIO: the slave side is gone (everyone closed it); stop polling it.
            close(master)
            master = -1
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
        } else {
          activity = true
        }
      }
    }
    reapChildren()
    if activity { lastActivity = System.monotonicMilliseconds() }
    return activity
  }

  private func takeProbeLines() {
    while let newline = fifoPending.firstIndex(of: UInt8(ascii: "\n")) {
      let text = String(decoding: fifoPending[..<newline], as: UTF8.self)
      fifoPending.removeSubrange(...newline)
      let words = text.split(separator: " ").map(String.init)
      guard words.count >= 2, let kind = ProbeLine.Kind(rawValue: words[0]), let pid = Int32(words[1]) else { continue }
      let line = ProbeLine(kind: kind, pid: pid, fields: Array(words.dropFirst(2)), time: System.monotonicMilliseconds() - started)
      lines.append(line)
      if kind == .start { probeStarted(line) }
    }
  }

  /// Assigns a starting probe to the first process of the scenario that runs a program
  /// of that name and has no pid yet.
  private func probeStarted(_ line: ProbeLine) {
    let name = line.fields.first ?? ""
    search: for (j, job) in scenario.jobs.enumerated() {
      let programs = [job.program] + job.extraProcesses.map(\.program)
      for (k, program) in programs.enumerated()
      where RecordingSession.basename(program.name) == name && assigned[j + 1]?[k] == nil && expectingJob == j + 1 {
        assigned[j + 1, default: [:]][k] = line.pid
        break search
      }
    }
    let fd = CHangupLinux_pidfd_open(line.pid)
    if fd >= 0 { pidfds[line.pid] = fd }
  }

  /// The job whose processes are starting now.
  private var expectingJob = 0

  private func reapChildren() {
    while true {
      var status: Int32 = 0
      let pid = waitpid(-1, &status, WNOHANG)
      if pid <= 0 { break }
      reaped[pid] = status
      if pid == shellPid { shellStatus = status }
      if pid == guardPid {
        // Its pid may be reused now; nobody guards this run any more.
        guardPid = 0
        problems.append("the recorder's guard exited early")
      }
    }
  }

  private func waitFor(_ what: String, within milliseconds: Double = 5000, _ condition: () -> Bool) throws(RecorderError) {
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
  private func settle() {
    lastActivity = System.monotonicMilliseconds()
    while recorderInterruptedBy == 0 {
      let now = System.monotonicMilliseconds()
      if now >= deadline || now - lastActivity >= options.quietMilliseconds { return }
      pump(min(50, options.quietMilliseconds - (now - lastActivity)))
    }
  }

  // MARK: - Steps

  private func type(_ text: String) {
    guard master >= 0 else { return }
    var bytes = Array(text.utf8) + [UInt8(ascii: "\r")]
    _ = write(master, &bytes, bytes.count)
  }

  private func press(_ byte: UInt8) {
    guard master >= 0 else { return }
    var b = byte
    _ = write(master, &b, 1)
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
      let holdsTerminal = spec.typedInForeground && ![.setsid, .subshell, .tmux].contains(spec.launch)
      if !holdsTerminal {
        try waitFor("the prompt after starting job \(job)") { self.promptCount > prompts }
      }
      if spec.state == .ttin && plan.stopsAtStart.contains(job), let pid = pid(job: job, process: 0) {
        try waitFor("job \(job) to be stopped by SIGTTIN") { System.procStat(pid)?.state == "T" || System.procStat(pid) == nil }
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
      for _ in 0..<2 where !shellExited {
        let prompts = promptCount
        let mark = transcript.count
        if scenario.end == .eof {
          press(0x04)
        } else {
          type(scenario.end.rawValue)
          typedLines.append(scenario.end.rawValue)
        }
        try waitFor("the shell to exit or prompt again", within: 8000) { self.promptCount > prompts || self.shellExited }
        if shellExited { break }
        // A warning can take several writes (fish's table): let the shell finish first.
        settle()
        if shellExited { break }
        let output = TerminalText.render(Array(transcript[mark...]))
        if !scenario.shell.shellFamily.recording.warnings.contains(where: { output.contains($0) }) { break }
      }
    case .hangup:
      close(master)
      master = -1
    case .killHup:
      kill(shellPid, SIGHUP)
    }
    if scenario.end == .hangup || scenario.end == .killHup || shellExited {
      try waitFor("the shell to exit", within: 8000) { self.shellExited }
    }
    if shellExited && master >= 0 {
      // The terminal owner (sshd, the emulator) closes the master once the shell is gone.
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
        let start = mine.first(where: { $0.kind == .start })
        let signals = mine.filter { $0.kind == .signal }.compactMap { line -> (Int32, Int32, Int32)? in
          guard line.fields.count >= 3, let s = Int32(line.fields[0]), let c = Int32(line.fields[1]), let p = Int32(line.fields[2])
          else { return nil }
          return (s, c, p)
        }
        let reads = mine.filter { $0.kind == .read }.map { $0.fields.joined(separator: " ") }
        let fate = fate(of: pid)
        if case .alive = fate, let status = System.readFile("/proc/\(pid)/status") {
          // A survivor that logged nothing may have had its signals blocked or still pending.
          let masks = status.split(separator: "\n").filter { $0.hasPrefix("SigPnd") || $0.hasPrefix("ShdPnd") || $0.hasPrefix("SigBlk") }
          if masks.contains(where: { !$0.hasSuffix("0000000000000000") }) {
            problems.append("pid \(pid) at the end: " + masks.map { $0.replacing("\t", with: " ") }.joined(separator: ", "))
          }
        }
        out.append(ProbeRecord(job: job, index: index, pid: pid, name: start?.fields.first ?? "?",
                               startFacts: Array(start?.fields.dropFirst() ?? []), signals: signals.map { ($0.0, $0.1, $0.2) },
                               reads: reads, fate: fate))
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
    for pid in ProcFS.processes(carrying: marker) {
      guard let stat = System.procStat(pid) else { continue }
      var flags = String(stat.state)
      if pid == stat.sid { flags += "s" }
      if stat.tpgid == stat.pgid && stat.tpgid > 0 { flags += "+" }
      rows.append(ProcessRow(pid: Int(pid), ppid: Int(stat.ppid), pgid: Int(stat.pgid), sid: Int(stat.sid),
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
    for _ in 0..<50 {
      var victims: [Int32] = []
      for pid in ProcFS.processes() where pid != getpid() {
        if ProcFS.carriesMarker(pid, marker: marker) { victims.append(pid) }
        if pid != guardPid, let stat = System.procStat(pid), stat.ppid == getpid(), stat.state != "Z" { victims.append(pid) }
      }
      if shellPid > 0, System.procStat(shellPid).map({ $0.state != "Z" }) == true { victims.append(shellPid) }
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
    guard let text = readFile("/proc/\(pid)/stat"), let paren = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: paren)...].split(separator: " ")
    guard fields.count > 49, fields[0] == "Z", let code = Int32(fields[49].split(separator: "\n").first ?? "") else { return nil }
    return code
  }
}
#endif
