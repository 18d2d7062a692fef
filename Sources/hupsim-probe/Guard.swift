// `hupsim-probe --guard MARKER DIRECTORY`: the recorder's dead man's switch.
//
// The recorder starts one guard per run with its standard input the read end of a pipe
// whose write end only the recorder holds. The guard waits for end-of-file on it. That
// comes when the recorder closes the pipe after its own cleanup, or when the kernel closes
// it because the recorder died, even by SIGKILL, which no handler can catch. Then the guard
// kills every process whose environment carries MARKER (the shell and every job of the
// run, however they were launched: nohup, setsid, disown and `( … & )` all keep the
// environment) and removes DIRECTORY. After a normal cleanup it finds nothing to do.

#if canImport(Glibc)
@preconcurrency import Glibc

func runGuard(marker: String, directory: String) -> Never {
  // Whatever reaches the recorder's terminal or process group must not stop the guard
  // before it has done its work.
  for signo in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE] { signal(signo, SIG_IGN) }
  var byte: UInt8 = 0
  while true {
    let n = read(0, &byte, 1)
    if n == 0 || (n < 0 && errno != EINTR) { break }
  }
  for _ in 0..<250 {
    let victims = markedProcesses(marker)
    if victims.isEmpty { break }
    for pid in victims { kill(pid, SIGKILL) }
    usleep(20_000)
  }
  if directory.contains("hupsim-record-") { removeTree(directory) }
  exit(0)
}

/// Live processes whose environment holds MARKER as a whole entry (a zombie's
/// environment reads empty, so the dead are not counted).
func markedProcesses(_ marker: String) -> [Int32] {
  guard let dir = opendir("/proc") else { return [] }
  defer { closedir(dir) }
  let needle = Array(marker.utf8)
  var out: [Int32] = []
  while let entry = readdir(dir) {
    let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
      ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
    }
    guard let pid = Int32(name), pid != getpid() else { continue }
    let fd = open("/proc/\(pid)/environ", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { continue }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(fd, &buffer, buffer.count)
      if n <= 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
    }
    close(fd)
    if bytes.split(separator: 0).contains(where: { $0.elementsEqual(needle) }) { out.append(pid) }
  }
  return out
}

func removeTree(_ path: String) {
  var info = stat()
  guard lstat(path, &info) == 0 else { return }
  guard (info.st_mode & S_IFMT) == S_IFDIR, let dir = opendir(path) else {
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
  for name in entries { removeTree(path + "/" + name) }
  rmdir(path)
}
#endif
