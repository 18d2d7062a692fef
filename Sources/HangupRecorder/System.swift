#if canImport(Glibc)
@preconcurrency import Glibc
import CHangupLinux

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
    guard let made = mkdtemp(&template) else { throw RecorderError("cannot create a temporary folder in \(base): \(errorText())") }
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

  /// The whole content of a file (or a /proc entry), or nil if it cannot be opened.
  static func readBytes(_ path: String) -> [UInt8]? {
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

  static func readFile(_ path: String) -> String? {
    readBytes(path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Removes a folder tree (only ever one the recorder made itself).
  static func removeTree(_ path: String) {
    guard path.contains("hupsim-record-"), let dir = opendir(path) else {
      unlink(path)
      return
    }
    var entries: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
        ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { entries.append(name) }
    }
    closedir(dir)
    for name in entries {
      let full = path + "/" + name
      var info = stat()
      if lstat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
        removeTree(full)
      } else {
        unlink(full)
      }
    }
    rmdir(path)
  }

  static func listProcesses() -> [Int32] {
    guard let dir = opendir("/proc") else { return [] }
    defer { closedir(dir) }
    var out: [Int32] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
        ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if let pid = Int32(name) { out.append(pid) }
    }
    return out.sorted()
  }

  /// Whether the process's environment carries this recorder's marker.
  static func carriesMarker(_ pid: Int32, marker: String) -> Bool {
    guard let bytes = readBytes("/proc/\(pid)/environ") else { return false }
    // The environment is NUL-separated NAME=value entries; the marker is a whole entry.
    let needle = Array(marker.utf8)
    return bytes.split(separator: 0).contains { $0.elementsEqual(needle) }
  }

  struct ProcStat {
    var state: Character
    var ppid: Int32
    var pgid: Int32
    var sid: Int32
    var tpgid: Int32
  }

  static func procStat(_ pid: Int32) -> ProcStat? {
    var state: CChar = 0
    var ppid: pid_t = 0
    var pgid: pid_t = 0
    var sid: pid_t = 0
    var tpgid: Int32 = 0
    guard CHangupLinux_proc_stat(pid, &state, &ppid, &pgid, &sid, &tpgid) == 0 else { return nil }
    return ProcStat(state: Character(UnicodeScalar(UInt8(bitPattern: state))), ppid: ppid, pgid: pgid, sid: sid, tpgid: tpgid)
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
