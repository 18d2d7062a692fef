// What the recorder and its guard (`hupsim-probe --guard`) both need from /proc and the
// file system: the live processes that carry a run's environment marker, and removing a
// run's folder. Plain Glibc, no other module, so the small probe executable can use it.

#if canImport(Glibc)
@preconcurrency import Glibc

public enum ProcFS {
  /// The whole content of a file (or a /proc entry), or nil if it cannot be opened.
  public static func readBytes(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 8192)
    while true {
      let n = read(fd, &buffer, buffer.count)
      if n <= 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
    }
    return bytes
  }

  /// The names in a folder, without `.` and `..`, in the order the folder lists them; nil
  /// if it cannot be opened (`errno` says why). The one directory walk hupsim has.
  public static func entries(of path: String) -> [String]? {
    guard let dir = opendir(path) else { return nil }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
        ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Every pid in /proc, ascending.
  public static func processes() -> [Int32] {
    (entries(of: "/proc") ?? []).compactMap { Int32($0) }.sorted()
  }

  /// Whether the process's environment holds `marker` as a whole NAME=value entry. A
  /// zombie's environment reads empty, so only live processes carry it.
  public static func carriesMarker(_ pid: Int32, marker: String) -> Bool {
    guard let bytes = readBytes("/proc/\(pid)/environ") else { return false }
    let needle = Array(marker.utf8)
    return bytes.split(separator: 0).contains { $0.elementsEqual(needle) }
  }

  /// The live processes that carry `marker`, other than this one.
  public static func processes(carrying marker: String) -> [Int32] {
    processes().filter { $0 != getpid() && carriesMarker($0, marker: marker) }
  }

  /// One /proc/PID/stat line, split as proc(5) numbers it: the command name (field 2)
  /// may hold spaces and parentheses, so it runs from the first `(` to the last `)`; the
  /// fields after it follow. The one /proc/PID/stat parser hupsim has.
  public struct StatFields: Sendable {
    /// Field 2, the command name, without its parentheses.
    public let name: String
    /// Fields 3 and on: `after[0]` is field 3 (the state letter), `after[1]` field 4 (the
    /// parent), and so on; the last one keeps the line's newline.
    public let after: [Substring]

    /// Splits a line; nil if it has no parenthesised name.
    public init?(_ text: String) { self.init(bytes: Array(text.utf8)) }

    /// Splits a line as read; nil if it has no parenthesised name.
    public init?(bytes: [UInt8]) {
      guard let open = bytes.firstIndex(of: UInt8(ascii: "(")), let close = bytes.lastIndex(of: UInt8(ascii: ")")),
        open < close
      else { return nil }
      name = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
      after = String(decoding: bytes[(close + 1)...], as: UTF8.self).split(separator: " ")
    }

    /// Field `number` as proc(5) counts them (3 is the state, 4 the parent, 5 the group, 6
    /// the session, 7 the terminal, 8 its foreground group, 22 the start time, 52 the exit
    /// code), or nil if the line is shorter.
    public subscript(number: Int) -> Substring? {
      after.indices.contains(number - 3) ? after[number - 3] : nil
    }
  }

  /// The process's /proc/PID/stat line, split; nil if it is gone.
  public static func statFields(_ pid: Int32) -> StatFields? {
    readBytes("/proc/\(pid)/stat").flatMap { StatFields(bytes: $0) }
  }

  /// When the process started (field 22 of /proc/PID/stat, clock ticks since boot): with
  /// the pid it names one process even after the pid is reused. Nil if it is gone.
  public static func startTime(_ pid: Int32) -> UInt64? {
    statFields(pid)?[22].flatMap { UInt64($0) }
  }

  /// Whether the process is a zombie (state Z): dead, waiting for its parent to reap it.
  public static func isZombie(_ pid: Int32) -> Bool {
    statFields(pid)?[3] == "Z"
  }

  /// The parent of every live process.
  public static func parents() -> [Int32: Int32] {
    var out: [Int32: Int32] = [:]
    for pid in processes() {
      if let ppid = statFields(pid)?[4].flatMap({ Int32($0) }) { out[pid] = ppid }
    }
    return out
  }

  /// Every live descendant of `root` (children, their children, …), not `root` itself.
  public static func descendants(of root: Int32) -> [Int32] {
    let parent = parents()
    var out: [Int32] = []
    var frontier: Set<Int32> = [root]
    while !frontier.isEmpty {
      let next = parent.filter { frontier.contains($0.value) && $0.key != root && !out.contains($0.key) }.map(\.key)
      out.append(contentsOf: next)
      frontier = Set(next)
    }
    return out
  }

  /// Removes what a killed X server leaves: its socket (/tmp/.X11-unix/X<n>) if nothing
  /// answers on it any more, and its lock file (/tmp/.X<n>-lock, not made with
  /// `-displayfd`) if it names `pid`. Another server's files are left alone.
  public static func removeStaleXLock(display: Int, pid: Int32) {
    let lock = "/tmp/.X\(display)-lock"
    if let bytes = readBytes(lock) {
      let text = String(decoding: bytes, as: UTF8.self).filter { $0.isNumber }
      guard Int32(text) == pid else { return }
      if kill(pid, 0) == 0 { return }
      unlink(lock)
    }
    let socketPath = "/tmp/.X11-unix/X\(display)"
    var info = stat()
    guard lstat(socketPath, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK, !answers(socketPath) else { return }
    unlink(socketPath)
  }

  /// Whether something accepts connections on a Unix socket.
  static func answers(_ path: String) -> Bool {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return true }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, byte) in bytes.enumerated() where i < raw.count - 1 { raw[i] = byte }
    }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    return connected == 0 || errno != ECONNREFUSED
  }

  /// Removes a recorder run's folder tree. Anything else is refused: the path must name a
  /// `hupsim-record-` folder.
  public static func removeRunDirectory(_ path: String) {
    guard path.split(separator: "/").last?.hasPrefix("hupsim-record-") == true else { return }
    removeTree(path)
  }

  private static func removeTree(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    guard (info.st_mode & S_IFMT) == S_IFDIR, let names = entries(of: path) else {
      unlink(path)
      return
    }
    for name in names { removeTree(path + "/" + name) }
    rmdir(path)
  }
}
#endif
