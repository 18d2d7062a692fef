#if canImport(Glibc)
import CHangupLinux
import Foundation
import Glibc
import HangupModel
import HangupRecorder

/// A real interactive shell on a fresh pseudo-terminal, driven the way a person would:
/// lines typed, ^Z pressed, `exit` typed (again after a warning) or the terminal closed.
///
/// Every process it starts carries an environment marker. The test process is a child
/// subreaper, so the jobs the shell leaves behind become its children; ``cleanUp()``
/// kills every marked process and the shell by pid and reaps its own children by pid, so a
/// failing or timed-out test leaves nothing behind.
///
/// Not Sendable: it owns a descriptor and child processes and is used by one test at a time.
final class LiveShell {
  /// Makes the test process a child subreaper once, before the first shell starts.
  static let becomeSubreaper: Bool = CHangupLinux_set_child_subreaper() == 0

  static let prompt = "HUPSIM_PROMPT> "

  let family: ShellFamily
  let directory: String
  let marker: String
  private(set) var master: Int32 = -1
  private(set) var shellPid: pid_t = 0
  private var transcript: [UInt8] = []
  /// Every marked pid seen, with a pidfd to learn its fate even when someone else reaps it.
  private var pidfds: [Int32: Int32] = [:]
  /// Statuses reaped by this process.
  private var reaped: [Int32: Int32] = [:]

  /// What became of a process.
  enum Fate: Equatable, CustomStringConvertible {
    case alive
    case killed(Int32)
    case exited(Int32)
    case gone

    var survives: Bool { self == .alive }
    var description: String {
      switch self {
      case .alive: return "alive"
      case .killed(let s): return "killed by signal \(s)"
      case .exited(let s): return "exited \(s)"
      case .gone: return "gone (status unknown)"
      }
    }
  }

  /// Starts `family`'s shell (its recorder arguments: hermetic, login) on a new pty.
  init(_ familyName: String, path: String? = nil, login: Bool = true, extraEnvironment: [String] = []) throws {
    guard let family = ShellRegistry.family(named: familyName) else {
      throw LiveShellError("no shell family \(familyName)")
    }
    _ = LiveShell.becomeSubreaper
    self.family = family
    let id = "\(getpid())-\(UUID().uuidString.prefix(8))"
    marker = "HUPSIM_CHECK_TEST=\(id)"
    directory = NSTemporaryDirectory() + "hupsim-check-test-\(id)"
    try FileManager.default.createDirectory(atPath: directory + "/home", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: directory + "/tmux", withIntermediateDirectories: true)
    var slave = [CChar](repeating: 0, count: 256)
    master = CHangupLinux_open_pty(&slave, slave.count)
    guard master >= 0 else { throw LiveShellError("cannot open a pty: \(String(cString: strerror(errno)))") }
    let slavePath = String(decoding: slave.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let recording = family.recording
    var environment =
      [
        "HOME=" + directory + "/home", "PATH=" + TestSupport.productsDirectory + ":/usr/local/bin:/usr/bin:/bin",
        "TERM=dumb",
        "PS1=" + LiveShell.prompt, "LANG=C", "LC_ALL=C", "SHELL=/bin/sh", "TMUX_TMPDIR=" + directory + "/tmux",
        "HISTFILE=" + directory + "/home/.history", marker,
      ] + recording.environment + extraEnvironment
    if let rc = recording.environmentFile {
      try rc.write(toFile: directory + "/shellrc", atomically: true, encoding: .utf8)
      environment.append("ENV=" + directory + "/shellrc")
    }
    let arguments = login ? recording.loginArguments : recording.nonLoginArguments
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    shellPid = CHangupLinux_spawn_session(path ?? recording.defaultPath, argv, envp, slavePath, directory)
    guard shellPid > 0 else { throw LiveShellError("cannot start the shell: \(String(cString: strerror(errno)))") }
    track(shellPid)
    if recording.promptFromSetupLine {
      try waitFor("the shell to start") { !self.transcript.isEmpty }
    } else {
      try waitFor("the first prompt") { self.promptCount >= 1 }
    }
    for line in recording.setupLines { try typeAndWait(line) }
  }

  deinit { cleanUp() }

  // MARK: - Driving

  var text: String { TerminalText.render(transcript) }

  var promptCount: Int { text.components(separatedBy: LiveShell.prompt).count - 1 }

  /// Reads whatever the shell wrote within `milliseconds`.
  func pump(_ milliseconds: Int32) {
    guard master >= 0 else {
      if milliseconds > 0 { usleep(UInt32(milliseconds) * 1000) }
      return
    }
    var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
    if poll(&fds, 1, milliseconds) > 0 {
      var buffer = [UInt8](repeating: 0, count: 4096)
      let n = read(master, &buffer, buffer.count)
      if n > 0 { transcript.append(contentsOf: buffer[0..<n]) }
    }
  }

  func waitFor(_ what: String, seconds: Double = 6, _ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
      if Date() > deadline {
        throw LiveShellError("timed out waiting for \(what); the terminal shows:\n\(text.suffix(600))")
      }
      pump(20)
    }
  }

  func type(_ line: String) {
    var bytes = Array(line.utf8) + [UInt8(ascii: "\r")]
    _ = write(master, &bytes, bytes.count)
  }

  /// Types a line and waits for the next prompt.
  func typeAndWait(_ line: String) throws {
    let before = promptCount
    type(line)
    try waitFor("the prompt after `\(line)`") { self.promptCount > before }
    settle()
  }

  /// Presses ^Z and waits for the prompt.
  func suspend() throws {
    let before = promptCount
    var byte: UInt8 = 0x1a
    _ = write(master, &byte, 1)
    try waitFor("the prompt after ^Z") { self.promptCount > before }
    settle()
  }

  /// Lets the shell finish writing (job notices and the like).
  func settle(_ milliseconds: Int = 150) {
    let end = Date().addingTimeInterval(Double(milliseconds) / 1000)
    while Date() < end { pump(20) }
  }

  // MARK: - Processes

  /// The live processes carrying this shell's marker.
  func markedProcesses() -> [(pid: Int32, arguments: [String])] {
    let needle = Data(marker.utf8)
    var out: [(Int32, [String])] = []
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
      guard let pid = Int32(entry), pid != getpid(),
        let env = FileManager.default.contents(atPath: "/proc/\(entry)/environ"),
        env.split(separator: 0).contains(where: { Data($0) == needle }),
        let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { continue }
      out.append((pid, cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }))
    }
    return out.sorted { $0.0 < $1.0 }
  }

  /// Waits for the marked process running exactly `arguments` and remembers it.
  func pid(of arguments: [String], excluding: [Int32] = []) throws -> Int32 {
    var found: Int32?
    try waitFor("a process running \(arguments.joined(separator: " "))") {
      found = markedProcesses().first { $0.arguments == arguments && !excluding.contains($0.pid) }?.pid
      return found != nil
    }
    track(found!)
    return found!
  }

  private func track(_ pid: Int32) {
    guard pidfds[pid] == nil else { return }
    let fd = CHangupLinux_pidfd_open(pid)
    if fd >= 0 { pidfds[pid] = fd }
  }

  /// Reaps any tracked process that is this process's child and has exited.
  private func reap() {
    for pid in pidfds.keys where reaped[pid] == nil {
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid { reaped[pid] = status }
    }
  }

  func fate(_ pid: Int32) -> Fate {
    reap()
    if let status = reaped[pid] { return LiveShell.decode(status) }
    guard let fd = pidfds[pid] else { return kill(pid, 0) == 0 ? .alive : .gone }
    var check = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
    if poll(&check, 1, 0) == 0 { return .alive }
    var status: Int32 = 0
    if CHangupLinux_pidfd_exit_status(fd, &status) == 0 { return LiveShell.decode(status) }
    return .gone
  }

  static func decode(_ status: Int32) -> Fate {
    if CHangupLinux_wifsignaled(status) != 0 { return .killed(CHangupLinux_wtermsig(status)) }
    if CHangupLinux_wifexited(status) != 0 { return .exited(CHangupLinux_wexitstatus(status)) }
    return .gone
  }

  var shellExited: Bool { fate(shellPid) != .alive }

  // MARK: - Ending

  /// Types `exit` (or `logout`), again after a warning, as a person would; then, like
  /// sshd, closes the terminal once the shell is gone.
  func leave(_ word: String = "exit") throws {
    for _ in 0..<2 where !shellExited {
      let before = promptCount
      type(word)
      try waitFor("the shell to exit or warn") { self.shellExited || self.promptCount > before }
      settle(300)
    }
    try waitFor("the shell to exit") { self.shellExited }
    closeTerminal()
  }

  /// Closes the pty master: the window closes, the connection drops.
  func closeTerminal() {
    if master >= 0 {
      pump(0)
      close(master)
      master = -1
    }
  }

  /// Waits until every pid in `dying` is gone (at most `seconds`), then a little longer so
  /// that survivors have had every chance to die.
  func awaitFates(dying: [Int32], seconds: Double = 6) {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline && (!shellExited || dying.contains(where: { fate($0) == .alive })) { usleep(20_000) }
    usleep(500_000)
  }

  /// Kills every process this shell started and the shell itself, by pid; reaps this
  /// process's children by pid; removes the folder.
  func cleanUp() {
    closeTerminal()
    for _ in 0..<100 {
      let victims = Set(markedProcesses().map(\.pid) + (fate(shellPid) == .alive ? [shellPid] : []))
      reapAll()
      if victims.isEmpty { break }
      for pid in victims.sorted() {
        track(pid)
        kill(pid, SIGKILL)
      }
      usleep(10_000)
    }
    reapAll()
    for fd in pidfds.values { close(fd) }
    pidfds.removeAll()
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Reaps every tracked pid that is (or became) this process's child, waiting for those
  /// already killed.
  private func reapAll() {
    for pid in pidfds.keys.sorted() where reaped[pid] == nil {
      var status: Int32 = 0
      let deadline = Date().addingTimeInterval(2)
      while Date() < deadline {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid {
          reaped[pid] = status
          break
        }
        if r < 0 { break }  // not our child: whoever it belongs to reaps it
        if kill(pid, 0) != 0 { break }
        var check = [pollfd(fd: pidfds[pid] ?? -1, events: Int16(POLLIN), revents: 0)]
        if poll(&check, 1, 0) == 0 { break }  // still alive: killed later
        usleep(5_000)
      }
    }
  }
}

struct LiveShellError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
#endif
