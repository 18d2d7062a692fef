import HangupModel
import HupsimCommand

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The few operating-system calls the executable makes.
enum Platform {
  static var environment: CommandEnvironment {
    CommandEnvironment(readFile: readFile, listJSONFiles: listJSONFiles, writeFile: writeFile, stdoutIsTerminal: isatty(1) == 1)
  }

  @Sendable static func readFile(_ path: String) throws(UsageError) -> String {
    guard let file = fopen(path, "rb") else {
      throw UsageError("cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var info = stat()
    if fstat(fileno(file), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > ScenarioLimits.fileBytes {
      throw UsageError("'\(path)' has \(info.st_size) bytes; scenario and trace files may have at most \(ScenarioLimits.fileBytes) (16 MiB)")
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&buffer, 1, buffer.count, file)
      if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
      if bytes.count > ScenarioLimits.fileBytes {
        throw UsageError("'\(path)' is larger than \(ScenarioLimits.fileBytes) bytes (16 MiB), the most a scenario or trace file may have")
      }
      if n < buffer.count { break }
    }
    if ferror(file) != 0 { throw UsageError("cannot read '\(path)': read error") }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw UsageError("'\(path)' is not UTF-8 text")
    }
    return text
  }

  @Sendable static func listJSONFiles(_ path: String) throws(UsageError) -> [String] {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw UsageError("cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
    if (info.st_mode & S_IFMT) != S_IFDIR { return [path] }
    var out: [String] = []
    var pending = [path]
    while let dir = pending.popLast() {
      guard let handle = opendir(dir) else { throw UsageError("cannot list '\(dir)': \(String(cString: strerror(errno)))") }
      defer { closedir(handle) }
      while let entry = readdir(handle) {
        let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
          ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name == "." || name == ".." { continue }
        let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
        var sub = stat()
        guard stat(full, &sub) == 0 else { continue }
        if (sub.st_mode & S_IFMT) == S_IFDIR {
          pending.append(full)
        } else if name.hasSuffix(".json") {
          out.append(full)
        }
      }
    }
    return out.sorted()
  }

  @Sendable static func writeFile(_ path: String, _ text: String) throws(UsageError) {
    guard let file = fopen(path, "wb") else {
      throw UsageError("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    guard fputs(text, file) >= 0 else { throw UsageError("cannot write '\(path)': write error") }
  }

  static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>?) {
    guard !text.isEmpty else { return }
    fputs(text, stream)
    fflush(stream)
  }
}
