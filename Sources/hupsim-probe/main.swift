// hupsim-probe: the job program `hupsim record` starts. It logs its start facts and
// every signal its handlers take (signal, si_code, si_pid) to the recorder's FIFO, one
// write(2) per line, and otherwise behaves like a plain program: it either sleeps in
// pause() or loops on read(0).
//
// Configuration comes from `$HUPSIM_PROBE_DIR/config/<name>`, where <name> is the
// basename the probe was started as (the recorder links `job` → hupsim-probe), so the
// typed command line stays exactly what the user would type:
//
//   catch=HUP,CONT,TERM     handlers to install (empty sa_mask, no SA_RESTART); a signal
//                           inherited as ignored is left alone unless override=1
//   override=1              install the catch= handlers even over an inherited SIG_IGN
//   exit-on=HUP             handlers that log the signal, then exit 0 (installed even
//                           over an inherited SIG_IGN, as Go's signal.Notify and node do)
//   reset=1                 at start reset every disposition 1–31 to SIG_DFL and unblock
//                           everything (node, libuv's uv_spawn children)
//   ignore-self=PIPE        signals the program ignores itself, after any reset
//   ignore=HUP              signals to ignore before re-executing itself, so that the
//                           program really inherits them as ignored
//   read=1                  loop on read(0)
//   eof=exit:0|retry        what end of file does (default exit:0)
//   readerr=exit:1|retry    what a read error other than EINTR does (default exit:1);
//                           retry keeps reading: it spins, so the probe sleeps 50 ms
//                           between such reads and logs every 20th
//   eintr=retry|exit        what an interrupted read does (default retry)
//   write=1                 write to stdout every 150 ms (4 bytes, `ESC [ 0 m`, which a
//                           terminal shows as nothing); a failed write (EIO, EPIPE) is
//                           logged and exits 1; SIGPIPE at its default kills it
//   children=child          fork one process per name, each configured like this
//   daemonize=FORM          after the handlers and children, detach itself with the real
//                           calls: daemon (glibc daemon(0, 0): fork, the parent _exits,
//                           setsid, chdir /, stdio to /dev/null), daemon-keep-stdio
//                           (daemon(0, 1)), double-fork (fork, the parent exits; setsid;
//                           fork, the first child exits; chdir /, stdio to /dev/null),
//                           setsid (setsid() in place) or setpgid (setpgid(0, 0) in place).
//                           The process that goes on logs DETACH, then behaves as above
//
// Lines written to `$HUPSIM_PROBE_DIR/events.fifo`:
//   START <pid> <name> <ppid> <pgid> <sid> <tpgid> <ignored,...|-> <blocked,...|->
//   SIG <pid> <signo> <si_code> <si_pid>
//   READ <pid> EOF | DATA <n> | ERR <errno> | AGAIN <count> EOF|ERR <errno>
//   WRITE <pid> ERR <errno>
//   EXIT <pid> <status>
//   DETACH <pid> <form> <from> <via|-> <ppid> <pgid> <sid> <tpgid> <stdio> <stdio> ok|ERR <errno>
//                           the process that goes on after daemonize=: <from> started as
//                           the job's process, <via> is the double fork's first child;
//                           ppid, pgid, sid and tpgid of stdin right after the calls; where
//                           stdin, stdout and stderr pointed before and after (`null`: all
//                           three at /dev/null, else `other`)
//
// `hupsim-probe --guard MARKER DIRECTORY` is the recorder's guard instead (Guard.swift);
// `hupsim-probe --session-shell DIRECTORY` starts the session's shell (SessionShell.swift).

#if canImport(Glibc)
@preconcurrency import Glibc

func log(_ line: String) {
  var text = line + "\n"
  text.withUTF8 { buffer in
    _ = write(logDescriptor.pointee, buffer.baseAddress, buffer.count)
  }
}

func readConfig(_ path: String) -> [String: String] {
  guard let file = fopen(path, "r") else { return [:] }
  defer { fclose(file) }
  var out: [String: String] = [:]
  var line: UnsafeMutablePointer<CChar>?
  var capacity = 0
  while getline(&line, &capacity, file) > 0 {
    let text = String(cString: line!).split(separator: "\n").first.map(String.init) ?? ""
    if let eq = text.firstIndex(of: "=") {
      out[String(text[..<eq])] = String(text[text.index(after: eq)...])
    }
  }
  free(line)
  return out
}

func list(_ value: String?) -> [Int32] {
  (value ?? "").split(separator: ",").compactMap { signalNumber(String($0)) }
}

func isIgnored(_ signo: Int32) -> Bool {
  var current = sigaction()
  sigaction(signo, nil, &current)
  return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1  // SIG_IGN
}

func basename(_ path: String) -> String {
  path.split(separator: "/").last.map(String.init) ?? path
}

/// What a read result makes the program do: exit with a status, or read again.
enum ReadReaction {
  case exit(Int32)
  case retry

  init(_ text: String?, default fallback: ReadReaction) {
    guard let text else {
      self = fallback
      return
    }
    if text == "retry" {
      self = .retry
    } else if text.hasPrefix("exit:"), let status = Int32(text.dropFirst(5)) {
      self = .exit(status)
    } else {
      self = fallback
    }
  }
}

func milliseconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
}

func sleepMilliseconds(_ ms: Double) {
  guard ms > 0 else { return }
  var request = timespec(tv_sec: Int(ms / 1000), tv_nsec: Int((ms.truncatingRemainder(dividingBy: 1000)) * 1_000_000))
  var remaining = timespec()
  while nanosleep(&request, &remaining) < 0 && errno == EINTR { request = remaining }
}

func install(
  _ signo: Int32, _ handler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void
) {
  var action = sigaction()
  action.__sigaction_handler.sa_sigaction = handler
  action.sa_flags = SA_SIGINFO
  sigemptyset(&action.sa_mask)
  sigaction(signo, &action, nil)
}

/// Detaches the process as `form` says, with the real calls (see the header), and logs
/// the DETACH line from the process that goes on. The processes that exit on the way
/// (daemon(3)'s parent, the double fork's parent and first child) `_exit(0)` without a
/// line, as the real ones do.
func detach(_ form: String) {
  /// `null` when stdin, stdout and stderr all point at /dev/null.
  func stdio() -> String {
    var null = stat()
    guard stat("/dev/null", &null) == 0 else { return "other" }
    for fd in Int32(0)...2 {
      var info = stat()
      if fstat(fd, &info) != 0 || info.st_rdev != null.st_rdev || (info.st_mode & S_IFMT) != S_IFCHR { return "other" }
    }
    return "null"
  }
  let before = stdio()
  let from = getpid()
  var via: Int32 = 0
  var result = "ok"
  func failed() { result = "ERR \(errno)" }
  func detachStdio() {
    _ = chdir("/")
    let null = open("/dev/null", O_RDWR)
    if null >= 0 {
      for fd in Int32(0)...2 { dup2(null, fd) }
      if null > 2 { close(null) }
    }
  }
  switch form {
  case "daemon", "daemon-keep-stdio":
    // glibc misc/daemon.c: fork, the parent _exit(0)s, setsid, chdir("/") (nochdir 0),
    // stdio to /dev/null unless noclose.
    if daemon(0, form == "daemon" ? 0 : 1) != 0 { failed() }
  case "double-fork":
    let first = fork()
    if first < 0 {
      failed()
    } else if first > 0 {
      _exit(0)
    } else {
      if setsid() < 0 { failed() }
      via = getpid()
      let second = fork()
      if second < 0 {
        failed()
      } else if second > 0 {
        _exit(0)
      }
      detachStdio()
    }
  case "setsid":
    if setsid() < 0 { failed() }
  case "setpgid":
    if setpgid(0, 0) != 0 { failed() }
  default:
    result = "ERR unknown-form"
  }
  log(
    "DETACH \(getpid()) \(form) \(from) \(via > 0 ? String(via) : "-") \(getppid()) \(getpgrp()) \(getsid(0)) \(tcgetpgrp(0)) \(before) \(stdio()) \(result)"
  )
}

func runProbe(name: String, config: [String: String], dir: String) -> Never {
  let startPid = getpid()
  let ignored = signalNames.filter { isIgnored($0.1) }.map(\.0)
  var mask = sigset_t()
  sigprocmask(SIG_BLOCK, nil, &mask)
  let blocked = signalNames.filter { sigismember(&mask, $0.1) == 1 }.map(\.0)
  log(
    "START \(startPid) \(name) \(getppid()) \(getpgrp()) \(getsid(0)) \(tcgetpgrp(0)) \(ignored.isEmpty ? "-" : ignored.joined(separator: ",")) \(blocked.isEmpty ? "-" : blocked.joined(separator: ","))"
  )

  // Touch the handler's globals now: a Swift global is initialised lazily under a lock on
  // first use, and first use inside a handler that another handler interrupts deadlocks.
  _ = handlerBuffers
  _ = exitBuffers
  _ = logDescriptor
  prewarmHandler()
  if config["reset"] == "1" {
    // What libuv does in a child before exec (uv__process_child_init) and node at start.
    for signo in Int32(1)...31 where signo != SIGKILL && signo != SIGSTOP { signal(signo, SIG_DFL) }
    var empty = sigset_t()
    sigemptyset(&empty)
    sigprocmask(SIG_SETMASK, &empty, nil)
  }
  for signo in list(config["ignore-self"]) { signal(signo, SIG_IGN) }
  let exitsOn = list(config["exit-on"])
  let overrides = config["override"] == "1"
  for signo in list(config["catch"]) where !exitsOn.contains(signo) && (overrides || !isIgnored(signo)) {
    install(signo, probeHandler)
  }
  for signo in exitsOn { install(signo, probeExitHandler) }

  for child in (config["children"] ?? "").split(separator: ",").map(String.init) where !child.isEmpty {
    let childConfig = readConfig(dir + "/config/" + child)
    let forked = fork()
    if forked == 0 {
      runProbe(name: child, config: childConfig, dir: dir)
    }
  }
  if let form = config["daemonize"], !form.isEmpty { detach(form) }
  let pid = getpid()

  let reads = config["read"] == "1"
  let writes = config["write"] == "1"
  let onEOF = ReadReaction(config["eof"], default: .exit(0))
  let onError = ReadReaction(config["readerr"], default: .exit(1))
  let exitOnEINTR = config["eintr"] == "exit"
  let period = 150.0
  var nextWrite = milliseconds() + period
  var retries = 0
  var buffer = [UInt8](repeating: 0, count: 256)
  var tick: [UInt8] = [0x1b, 0x5b, 0x30, 0x6d]  // ESC [ 0 m

  func writeNow() {
    let n = write(1, &tick, tick.count)
    if n < 0 {
      let error = errno
      if error == EINTR { return }
      log("WRITE \(pid) ERR \(error)")
      log("EXIT \(pid) 1")
      exit(1)
    }
  }

  /// One read(0) and what the program does with its result.
  func readOnce() {
    let n = read(0, &buffer, buffer.count)
    if n > 0 {
      log("READ \(pid) DATA \(n)")
      return
    }
    let error = n == 0 ? 0 : errno
    if n < 0 && error == EINTR {
      log("READ \(pid) ERR \(error)")
      if exitOnEINTR {
        log("EXIT \(pid) 1")
        exit(1)
      }
      return
    }
    let what = n == 0 ? "EOF" : "ERR \(error)"
    switch n == 0 ? onEOF : onError {
    case .exit(let status):
      log("READ \(pid) \(what)")
      log("EXIT \(pid) \(status)")
      exit(status)
    case .retry:
      // The program reads again at once and spins; the probe sleeps between reads so a
      // recording does not burn the CPU, and logs the first and every 20th.
      if retries == 0 {
        log("READ \(pid) \(what)")
      } else if retries % 20 == 0 {
        log("READ \(pid) AGAIN \(retries) \(what)")
      }
      retries += 1
      sleepMilliseconds(50)
    }
  }

  while true {
    if reads {
      if writes {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
        let wait = max(0, nextWrite - milliseconds())
        if poll(&fds, 1, Int32(wait)) > 0 { readOnce() }
      } else {
        readOnce()
      }
    } else if writes {
      sleepMilliseconds(nextWrite - milliseconds())
    } else {
      pause()
    }
    if writes && milliseconds() >= nextWrite {
      writeNow()
      nextWrite = milliseconds() + period
    }
  }
}

let arguments = CommandLine.arguments
if arguments.count == 4 && arguments[1] == "--guard" {
  runGuard(marker: arguments[2], directory: arguments[3])
}
if arguments.count == 3 && arguments[1] == "--session-shell" {
  runSessionShell(directory: arguments[2])
}
let name = basename(arguments[0])
guard let dir = getenv("HUPSIM_PROBE_DIR").map({ String(cString: $0) }) else {
  fputs("hupsim-probe: HUPSIM_PROBE_DIR is not set; this program is started by `hupsim record`\n", stderr)
  exit(2)
}
let config = readConfig(dir + "/config/" + name)

// Ignore what the job should inherit as ignored, then exec ourselves again so the
// program really starts with it ignored (exec keeps SIG_IGN).
let toIgnore = list(config["ignore"])
if !toIgnore.isEmpty && getenv("HUPSIM_PROBE_REEXEC") == nil {
  for signo in toIgnore { signal(signo, SIG_IGN) }
  setenv("HUPSIM_PROBE_REEXEC", "1", 1)
  let argv = arguments.map { strdup($0) } + [nil]
  execv("/proc/self/exe", argv)
  fputs("hupsim-probe: cannot re-execute itself\n", stderr)
  exit(2)
}
unsetenv("HUPSIM_PROBE_REEXEC")

logDescriptor.pointee = open(dir + "/events.fifo", O_WRONLY | O_APPEND | O_CLOEXEC)
if logDescriptor.pointee < 0 {
  fputs("hupsim-probe: cannot open the recorder's event FIFO\n", stderr)
  exit(2)
}
runProbe(name: name, config: config, dir: dir)
#else
print("hupsim-probe runs on Linux only")
#endif
