#if canImport(Glibc)
@preconcurrency import Glibc
import CHangupLinux
import HangupProcFS

/// A failure of the recorder, as one line.
public struct RecorderError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Thin wrappers over the system calls the recorder makes.
enum System {
  static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

  static func monotonicMilliseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
  }

  static func makeTemporaryDirectory() throws(RecorderError) -> String {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((base + "/hupsim-record-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw RecorderError("cannot create a temporary folder in \(base): \(errorText())")
    }
    return String(cString: made)
  }

  static func makeDirectory(_ path: String) throws(RecorderError) {
    guard mkdir(path, 0o700) == 0 else { throw RecorderError("cannot create \(path): \(errorText())") }
  }

  static func writeFile(_ path: String, _ text: String) throws(RecorderError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw RecorderError("cannot write \(path): \(errorText())") }
    defer { close(fd) }
    var copy = text
    copy.withUTF8 { buffer in _ = write(fd, buffer.baseAddress, buffer.count) }
  }

  /// A pipe whose two ends are closed on exec, so a spawned program holds only the end it
  /// is given as a standard descriptor.
  static func closeOnExecPipe() -> (read: Int32, write: Int32)? {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return nil }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return (fds[0], fds[1])
  }

  /// posix_spawn of `path` with `arguments` (argv[0] included). `stdin`, `stdout` and
  /// `stderr` name descriptors to give it (nil: /dev/null). A nil `environment`
  /// passes this process's on. With `ownProcessGroup` it starts in a process group of its
  /// own, out of reach of signals sent to ours. Returns the pid, or the error.
  static func spawn(
    _ path: String, _ arguments: [String], environment: [String]?, stdin: Int32? = nil, stdout: Int32? = nil,
    stderr: Int32? = nil, ownProcessGroup: Bool = false
  ) -> Result<pid_t, RecorderError> {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Every disposition at its default and nothing blocked, as a program started by a
    // login manager or systemd has it: what the recorder ignores itself (SIGPIPE) must not
    // leak into sshd, tmux or xterm and on to the shell.
    var defaults = sigset_t()
    sigfillset(&defaults)
    sigdelset(&defaults, SIGKILL)
    sigdelset(&defaults, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var flags = Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
    if ownProcessGroup {
      flags |= Int16(POSIX_SPAWN_SETPGROUP)
      posix_spawnattr_setpgroup(&attributes, 0)
    }
    posix_spawnattr_setflags(&attributes, flags)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdin {
      posix_spawn_file_actions_adddup2(&actions, stdin, 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    if let stdout {
      posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    if let stderr {
      posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    } else {
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let rc: Int32
    if let environment {
      let envp = environment.map { strdup($0) } + [nil]
      defer { envp.forEach { free($0) } }
      rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    } else {
      rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
    }
    return rc == 0 ? .success(pid) : .failure(RecorderError("cannot start \(path): \(errorText(rc))"))
  }

  /// Runs a program to its end and returns what it wrote to stdout and stderr (nil if it
  /// could not be started). For short queries (`ssh -V`, `tmux display -p`).
  static func output(_ path: String, _ arguments: [String], environment: [String]? = ["LANG=C", "LC_ALL=C"]) -> String?
  {
    guard let pipe = closeOnExecPipe() else { return nil }
    let spawned = spawn(path, [path] + arguments, environment: environment, stdout: pipe.write, stderr: pipe.write)
    close(pipe.write)
    defer { close(pipe.read) }
    guard case .success(let pid) = spawned else { return nil }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1024)
    while true {
      let n = read(pipe.read, &buffer, buffer.count)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Writes NUL-terminated fields (argv or environment lists for `--session-shell`).
  static func writeFields(_ path: String, _ fields: [String]) throws(RecorderError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw RecorderError("cannot write \(path): \(errorText())") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    for field in fields { bytes += Array(field.utf8) + [0] }
    _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
  }

  /// A free TCP port on 127.0.0.1 (the kernel's pick for a bind to port 0).
  static func freeLoopbackPort() -> Int? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { return nil }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { return nil }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Shell single quotes around a word.
  static func quoted(_ word: String) -> String {
    "'" + word.replacing("'", with: "'\\''") + "'"
  }

  static func readFile(_ path: String) -> String? {
    ProcFS.readBytes(path).map { String(decoding: $0, as: UTF8.self) }
  }

  struct ProcStat {
    var state: Character
    var ppid: Int32
    var pgid: Int32
    var sid: Int32
    var tpgid: Int32
  }

  static func procStat(_ pid: Int32) -> ProcStat? {
    guard let line = ProcFS.statFields(pid), let state = line[3]?.first, let ppid = line[4].flatMap({ Int32($0) }),
      let pgid = line[5].flatMap({ Int32($0) }), let sid = line[6].flatMap({ Int32($0) }),
      let tpgid = line[8].flatMap({ Int32($0) })
    else { return nil }
    return ProcStat(state: state, ppid: ppid, pgid: pgid, sid: sid, tpgid: tpgid)
  }

  static func commandName(_ pid: Int32) -> String {
    guard let text = readFile("/proc/\(pid)/cmdline"), !text.isEmpty else {
      return readFile("/proc/\(pid)/comm")?.split(separator: "\n").first.map(String.init) ?? "?"
    }
    return text.split(separator: "\0").joined(separator: " ")
  }

  /// Decodes a wait(2) status.
  static func decode(status: Int32) -> (exited: Int?, signal: Int32?) {
    if CHangupLinux_wifexited(status) != 0 { return (Int(CHangupLinux_wexitstatus(status)), nil) }
    if CHangupLinux_wifsignaled(status) != 0 { return (nil, CHangupLinux_wtermsig(status)) }
    return (nil, nil)
  }
}
#endif
