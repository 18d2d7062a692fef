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

  /// The names in a folder, without `.` and `..`.
  static func entries(of path: String) -> [String]? {
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
