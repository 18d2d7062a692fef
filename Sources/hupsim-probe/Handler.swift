#if canImport(Glibc)
@preconcurrency import Glibc

// The handler's state lives behind `let` pointers: a `var` global is access-checked at
// run time (a thread-local record) and is not safe to touch from nested signal handlers.
// Both are initialised in main before any handler is installed.
nonisolated(unsafe) let logDescriptor: UnsafeMutablePointer<Int32> = {
  let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  p.pointee = -1
  return p
}()
// One 64-byte line buffer per signal number: a handler only ever touches its own
// signal's buffer, and a signal is blocked while its handler runs, so nested handlers
// never share a buffer.
nonisolated(unsafe) let handlerBuffers = UnsafeMutablePointer<UInt8>.allocate(capacity: 65 * 64)

let signalNames: [(String, Int32)] = [
  ("HUP", SIGHUP), ("INT", SIGINT), ("QUIT", SIGQUIT), ("USR1", SIGUSR1), ("USR2", SIGUSR2), ("PIPE", SIGPIPE),
  ("ALRM", SIGALRM), ("TERM", SIGTERM), ("CHLD", SIGCHLD), ("CONT", SIGCONT), ("TSTP", SIGTSTP), ("TTIN", SIGTTIN),
  ("TTOU", SIGTTOU), ("WINCH", SIGWINCH),
]

func signalNumber(_ name: String) -> Int32? {
  var n = name.uppercased()
  if n.hasPrefix("SIG") { n.removeFirst(3) }
  return signalNames.first(where: { $0.0 == n })?.1
}

/// Appends the decimal digits of `value` at `p`; returns the new end.
///
/// Written with plain pointer arithmetic and `while` loops only: no closures, ranges,
/// `reversed()` or other generic collection code. In a debug build those instantiate
/// generic metadata on first use, which takes a runtime lock — and a handler interrupted
/// there by a nested handler doing the same deadlocks (seen in recordings: the probe
/// blocked with SIGHUP and SIGCONT pending, logging nothing).
func putNumber(_ value: Int, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
  var v = value
  var out = p
  if v < 0 {
    out.pointee = 45  // "-"
    out += 1
    v = -v
  }
  // Count the digits, then write them right to left.
  var width = 1
  var rest = v / 10
  while rest > 0 {
    width += 1
    rest /= 10
  }
  var index = width - 1
  while index >= 0 {
    (out + index).pointee = 48 + UInt8(truncatingIfNeeded: v % 10)  // "0" + digit
    v /= 10
    index -= 1
  }
  return out + width
}

func putText(_ text: StaticString, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
  let source = text.utf8Start
  let count = text.utf8CodeUnitCount
  var i = 0
  while i < count {
    (p + i).pointee = (source + i).pointee
    i += 1
  }
  return p + count
}

/// Formats the handler's line for `signo` into its buffer; returns the end.
func formatLine(_ signo: Int32, code: Int32, sender: Int32) -> UnsafeMutablePointer<UInt8> {
  let start = handlerBuffers + Int(signo) * 64
  var p = putText("SIG ", at: start)
  p = putNumber(Int(getpid()), at: p)
  p = putText(" ", at: p)
  p = putNumber(Int(signo), at: p)
  p = putText(" ", at: p)
  p = putNumber(Int(code), at: p)
  p = putText(" ", at: p)
  p = putNumber(Int(sender), at: p)
  p = putText("\n", at: p)
  return p
}

/// Runs the formatting path once outside any handler, so that whatever the runtime does
/// on a first call (lazy metadata, symbol binding) has happened before a signal arrives.
func prewarmHandler() {
  _ = formatLine(SIGUSR2, code: -1, sender: 0)
}

/// Buffers for the `EXIT` line an exiting handler writes, one per signal number like
/// `handlerBuffers`.
nonisolated(unsafe) let exitBuffers = UnsafeMutablePointer<UInt8>.allocate(capacity: 65 * 32)

/// The handler of a signal the program shuts down on (`exit-on=`, like Go's
/// `signal.Notify` with a shutdown path): logs the signal like ``probeHandler``, then
/// `EXIT <pid> 0`, and exits with status 0. Only async-signal-safe calls.
func probeExitHandler(_ signo: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
  probeHandler(signo, info, context)
  let start = exitBuffers + Int(signo) * 32
  var p = putText("EXIT ", at: start)
  p = putNumber(Int(getpid()), at: p)
  p = putText(" 0\n", at: p)
  _ = write(logDescriptor.pointee, start, start.distance(to: p))
  _exit(0)
}

/// The signal handler: formats one line in this signal's buffer and writes it.
/// Only async-signal-safe calls (getpid, write) and no allocation.
func probeHandler(_ signo: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
  let saved = errno
  var code: Int32 = 0
  var sender: Int32 = 0
  if let info {
    code = info.pointee.si_code
    sender = info.pointee._sifields._kill.si_pid
  }
  let end = formatLine(signo, code: code, sender: sender)
  let start = handlerBuffers + Int(signo) * 64
  _ = write(logDescriptor.pointee, start, start.distance(to: end))
  errno = saved
}

#endif
