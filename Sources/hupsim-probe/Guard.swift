// `hupsim-probe --guard MARKER DIRECTORY`: the recorder's dead man's switch.
//
// The recorder starts one guard per run with its standard input the read end of a pipe
// whose write end only the recorder holds. The guard waits for end-of-file on it. That
// comes when the recorder closes the pipe after its own cleanup, or when the kernel closes
// it because the recorder died, even by SIGKILL, which no handler can catch. Then the guard
// kills every process whose environment carries MARKER (the shell and every job of the
// run, however they were launched: nohup, setsid, disown and `( … & )` all keep the
// environment) and removes DIRECTORY. After a normal cleanup it finds nothing to do.
//
// Servers whose environment cannot be read back (sshd rewrites the memory /proc shows as
// its environment with its process title) are named on the pipe while the recorder runs,
// one line each:
//   tree <pid> <starttime>   kill this process and every descendant (the start time, field
//                            22 of /proc/PID/stat, guards against a reused pid)
//   xlock <display> <pid>    an X server's lock and socket files, removed if they still
//                            name this pid once it is gone

#if canImport(Glibc)
@preconcurrency import Glibc
import HangupProcFS

func runGuard(marker: String, directory: String) -> Never {
  // Whatever reaches the recorder's terminal or process group must not stop the guard
  // before it has done its work.
  for signo in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE] { signal(signo, SIG_IGN) }
  var received: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 512)
  while true {
    let n = read(0, &buffer, buffer.count)
    if n > 0 {
      received.append(contentsOf: buffer[0..<n])
      continue
    }
    if n == 0 || errno != EINTR { break }
  }
  var trees: [(pid: Int32, start: UInt64)] = []
  var locks: [(display: Int, pid: Int32)] = []
  for line in received.split(separator: 0x0a) {
    let words = String(decoding: line, as: UTF8.self).split(separator: " ")
    if words.count == 3 && words[0] == "tree", let pid = Int32(words[1]), let start = UInt64(words[2]) {
      trees.append((pid, start))
    } else if words.count == 3 && words[0] == "xlock", let display = Int(words[1]), let pid = Int32(words[2]) {
      locks.append((display, pid))
    }
  }
  for _ in 0..<250 {
    var victims = ProcFS.processes(carrying: marker)
    for root in trees where ProcFS.startTime(root.pid) == root.start {
      victims.append(contentsOf: [root.pid] + ProcFS.descendants(of: root.pid))
    }
    // A zombie is dead already: SIGKILL does nothing to it, and when it goes is up to its
    // parent (after the recorder's death, whichever subreaper or init adopted it).
    victims.removeAll(where: ProcFS.isZombie)
    if victims.isEmpty { break }
    for pid in victims { kill(pid, SIGKILL) }
    usleep(20_000)
  }
  for lock in locks { ProcFS.removeStaleXLock(display: lock.display, pid: lock.pid) }
  ProcFS.removeRunDirectory(directory)
  exit(0)
}
#endif
