import HangupModel

#if canImport(Glibc)
@preconcurrency import Glibc
import HangupProcFS
#endif

/// The operating-system side of ``CommandEnvironment``: the files the executable reads and
/// writes, and how its output reaches the standard streams.
extension CommandEnvironment {
  #if canImport(Glibc)
  /// Files on this machine; colour decided by whether standard output is a terminal.
  public static var system: CommandEnvironment {
    CommandEnvironment(
      readFile: SystemFiles.readFile, listJSONFiles: SystemFiles.listJSONFiles,
      writeFile: SystemFiles.writeFile, stdoutIsTerminal: isatty(1) == 1)
  }
  #endif
}

#if canImport(Glibc)
enum SystemFiles {
  static func reason() -> String { String(cString: strerror(errno)) }

  @Sendable static func readFile(_ path: String) throws(UsageError) -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw UsageError("cannot read \(quotedPath(path)): \(reason())") }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0 {
      if (info.st_mode & S_IFMT) == S_IFDIR { throw UsageError("cannot read \(quotedPath(path)): it is a directory") }
      if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > ScenarioLimits.fileBytes {
        throw UsageError(
          "\(quotedPath(path)) has \(info.st_size) bytes; scenario and trace files may have at most \(ScenarioLimits.fileBytes) (16 MiB)"
        )
      }
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw UsageError("cannot read \(quotedPath(path)): \(reason())")
      }
      if n == 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
      if bytes.count > ScenarioLimits.fileBytes {
        throw UsageError(
          "\(quotedPath(path)) is larger than \(ScenarioLimits.fileBytes) bytes (16 MiB), the most a scenario or trace file may have"
        )
      }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw UsageError("\(quotedPath(path)) is not UTF-8 text")
    }
    return text
  }

  /// The `.json` files under `path`, sorted. Directories are followed through symbolic
  /// links but each is walked once, remembered by device and inode, so a link back up the
  /// tree (`up -> ..`) ends the walk instead of looping.
  @Sendable static func listJSONFiles(_ path: String) throws(UsageError) -> [String] {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw UsageError("cannot read \(quotedPath(path)): \(reason())")
    }
    if (info.st_mode & S_IFMT) != S_IFDIR { return [path] }
    struct Key: Hashable {
      var device: UInt64
      var inode: UInt64
    }
    var visited: Set<Key> = [Key(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))]
    var out: [String] = []
    var pending = [path]
    while let dir = pending.popLast() {
      guard let names = ProcFS.entries(of: dir) else {
        // A directory that vanished since it was listed is skipped; any other failure is named.
        if dir != path && (errno == ENOENT || errno == ENOTDIR) { continue }
        throw UsageError("cannot list \(quotedPath(dir)): \(reason())")
      }
      for name in names.sorted().reversed() {
        let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
        var sub = stat()
        guard stat(full, &sub) == 0 else { continue }
        if (sub.st_mode & S_IFMT) == S_IFDIR {
          if visited.insert(Key(device: UInt64(sub.st_dev), inode: UInt64(sub.st_ino))).inserted {
            pending.append(full)
          }
        } else if name.hasSuffix(".json") {
          out.append(full)
        }
      }
    }
    return out.sorted()
  }

  @Sendable static func writeFile(_ path: String, _ text: String) throws(UsageError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw UsageError("cannot write \(quotedPath(path)): \(reason())") }
    let written = write(text, to: fd)
    let closed = close(fd) == 0
    guard written, closed else { throw UsageError("cannot write \(quotedPath(path)): \(reason())") }
  }

  /// Writes every byte of `text` (NUL bytes included), retrying short writes and EINTR.
  @discardableResult
  static func write(_ text: String, to fd: Int32) -> Bool {
    var text = text
    return text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += n
      }
      return true
    }
  }
}
#endif

extension CommandResult {
  #if canImport(Glibc)
  /// Writes stdout then stderr, byte for byte, and returns the status to exit with.
  public func emit() -> Int32 {
    if !stdout.isEmpty, !SystemFiles.write(stdout, to: 1), errno != EPIPE {
      let reason = SystemFiles.reason()
      SystemFiles.write("hupsim: cannot write the output: \(reason)\n", to: 2)
      return ExitStatus.outputFailed
    }
    if !stderr.isEmpty { SystemFiles.write(stderr, to: 2) }
    return status
  }
  #endif
}
