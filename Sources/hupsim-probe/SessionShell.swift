// `hupsim-probe --session-shell DIRECTORY`: starts the session's shell where the recorder
// cannot start it itself — in a session sshd opened (`ssh host 'exec … --session-shell
// DIR'`), in a tmux pane, as xterm's child. It becomes the shell: it logs one line, waits
// for the recorder's go-ahead if asked to, and execs the shell in place (same pid, same
// session, same terminal or pipes, same parent: sshd, tmux or xterm), with the argv and the
// hermetic environment the recorder wrote. It changes no signal disposition and no mask:
// the shell starts with what its real parent gave it, and the line says what that was.
//
// Files in DIRECTORY:
//   shell.argv   the program to exec, then argv[0], argv[1], …, each ended by NUL
//   shell.env    the environment, NAME=value entries each ended by NUL
//   start.fifo   if present, a line must be read from it before the exec
//
// The line written to DIRECTORY/events.fifo:
//   SHELL <pid> <tty|-> <ppid> <ignored,...|-> <blocked,...|-> <WINDOWID|->

#if canImport(Glibc)
@preconcurrency import Glibc
import HangupProcFS

func runSessionShell(directory: String) -> Never {
  func fail(_ message: String) -> Never {
    fputs("hupsim-probe --session-shell: \(message)\n", stderr)
    exit(126)
  }
  func fields(_ path: String) -> [String] {
    guard let bytes = ProcFS.readBytes(path) else { fail("cannot read \(path)") }
    return bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
      String(decoding: $0, as: UTF8.self)
    }
  }
  let argv = fields(directory + "/shell.argv")
  let environment = fields(directory + "/shell.env")
  guard argv.count >= 2 else { fail("\(directory)/shell.argv names no program") }

  let events = open(directory + "/events.fifo", O_WRONLY | O_APPEND | O_CLOEXEC)
  guard events >= 0 else { fail("cannot open the recorder's event FIFO") }
  let tty = ttyname(0).map { String(cString: $0) } ?? "-"
  let ignored = signalNames.filter { isIgnored($0.1) }.map(\.0)
  var mask = sigset_t()
  sigprocmask(SIG_BLOCK, nil, &mask)
  let blocked = signalNames.filter { sigismember(&mask, $0.1) == 1 }.map(\.0)
  let window = getenv("WINDOWID").map { String(cString: $0) } ?? "-"
  var line =
    "SHELL \(getpid()) \(tty) \(getppid()) \(ignored.isEmpty ? "-" : ignored.joined(separator: ",")) "
    + "\(blocked.isEmpty ? "-" : blocked.joined(separator: ",")) \(window)\n"
  line.withUTF8 { buffer in _ = write(events, buffer.baseAddress, buffer.count) }
  close(events)

  var info = stat()
  if stat(directory + "/start.fifo", &info) == 0 {
    let gate = open(directory + "/start.fifo", O_RDONLY | O_CLOEXEC)
    if gate >= 0 {
      var byte: UInt8 = 0
      while true {
        let n = read(gate, &byte, 1)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 || byte == 0x0a { break }
      }
      close(gate)
    }
  }
  guard chdir(directory) == 0 else { fail("cannot change to \(directory)") }
  let cArgv = argv.dropFirst().map { strdup($0) } + [nil]
  let cEnv = environment.map { strdup($0) } + [nil]
  execve(argv[0], cArgv, cEnv)
  fail("cannot run \(argv[0]): \(String(cString: strerror(errno)))")
}
#endif
