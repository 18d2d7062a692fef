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
import HangupProcFS

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
    let victims = ProcFS.processes(carrying: marker)
    if victims.isEmpty { break }
    for pid in victims { kill(pid, SIGKILL) }
    usleep(20_000)
  }
  ProcFS.removeRunDirectory(directory)
  exit(0)
}
#endif
