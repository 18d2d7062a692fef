// hupsim-probe: the job program `hupsim record` starts. It logs its start facts and
// every signal its handlers take (signal, si_code, si_pid) to the recorder's FIFO, one
// write(2) per line, and otherwise behaves like a plain program: it either sleeps in
// pause() or loops on read(0).
//
// Configuration comes from `$HUPSIM_PROBE_DIR/config/<name>`, where <name> is the
// basename the probe was started as (the recorder links `job` → hupsim-probe), so the
// typed command line stays exactly what the user would type:
//
//   catch=HUP,CONT,TERM     handlers to install (empty sa_mask, no SA_RESTART)
//   ignore=HUP              signals to ignore before re-executing itself, so that the
//                           program really inherits them as ignored
//   read=1                  loop on read(0): EOF → exit 0, error → exit 1
//   eintr=retry|exit        what an interrupted read does (default retry)
//   children=child          fork one process per name, each configured like this
//
// Lines written to `$HUPSIM_PROBE_DIR/events.fifo`:
//   START <pid> <name> <ppid> <pgid> <sid> <tpgid> <ignored,...|-> <blocked,...|->
//   SIG <pid> <signo> <si_code> <si_pid>
//   READ <pid> EOF | DATA <n> | ERR <errno>
//   EXIT <pid> <status>
//
// `hupsim-probe --guard MARKER DIRECTORY` is the recorder's guard instead (Guard.swift).

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

func runProbe(name: String, config: [String: String], dir: String) -> Never {
  let pid = getpid()
  let ignored = signalNames.filter { isIgnored($0.1) }.map(\.0)
  var mask = sigset_t()
  sigprocmask(SIG_BLOCK, nil, &mask)
  let blocked = signalNames.filter { sigismember(&mask, $0.1) == 1 }.map(\.0)
  log("START \(pid) \(name) \(getppid()) \(getpgrp()) \(getsid(0)) \(tcgetpgrp(0)) \(ignored.isEmpty ? "-" : ignored.joined(separator: ",")) \(blocked.isEmpty ? "-" : blocked.joined(separator: ","))")

  // Touch the handler's globals now: a Swift global is initialised lazily under a lock on
  // first use, and first use inside a handler that another handler interrupts deadlocks.
  _ = handlerBuffers
  _ = logDescriptor
  prewarmHandler()
  for signo in list(config["catch"]) where !isIgnored(signo) {
    var action = sigaction()
    action.__sigaction_handler.sa_sigaction = probeHandler
    action.sa_flags = SA_SIGINFO
    sigemptyset(&action.sa_mask)
    sigaction(signo, &action, nil)
  }

  for child in (config["children"] ?? "").split(separator: ",").map(String.init) where !child.isEmpty {
    let childConfig = readConfig(dir + "/config/" + child)
    let forked = fork()
    if forked == 0 {
      runProbe(name: child, config: childConfig, dir: dir)
    }
  }

  let exitOnEINTR = config["eintr"] == "exit"
  if config["read"] == "1" {
    var buffer = [UInt8](repeating: 0, count: 256)
    while true {
      let n = read(0, &buffer, buffer.count)
      if n > 0 {
        log("READ \(pid) DATA \(n)")
        continue
      }
      if n == 0 {
        log("READ \(pid) EOF")
        log("EXIT \(pid) 0")
        exit(0)
      }
      let error = errno
      log("READ \(pid) ERR \(error)")
      if error == EINTR && !exitOnEINTR { continue }
      log("EXIT \(pid) 1")
      exit(1)
    }
  }
  while true { pause() }
}

let arguments = CommandLine.arguments
if arguments.count == 4 && arguments[1] == "--guard" {
  runGuard(marker: arguments[2], directory: arguments[3])
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
