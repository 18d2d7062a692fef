#if canImport(Glibc)
@preconcurrency import Glibc

// Written once before any handler is installed, then only read.
nonisolated(unsafe) var logFD: Int32 = -1
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
func putNumber(_ value: Int, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
  var v = value
  var out = p
  if v < 0 {
    out.pointee = UInt8(ascii: "-")
    out += 1
    v = -v
  }
  var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  var count = 0
  withUnsafeMutableBytes(of: &digits) { raw in
    repeat {
      raw[count] = UInt8(ascii: "0") + UInt8(v % 10)
      v /= 10
      count += 1
    } while v > 0 && count < 12
    for i in (0..<count).reversed() {
      out.pointee = raw[i]
      out += 1
    }
  }
  return out
}

func putText(_ bytes: StaticString, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
  var out = p
  bytes.withUTF8Buffer { buffer in
    for b in buffer {
      out.pointee = b
      out += 1
    }
  }
  return out
}

/// The signal handler: formats one line in this signal's buffer and writes it.
/// Only async-signal-safe calls (getpid, write) and no allocation.
func probeHandler(_ signo: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
  let saved = errno
  let start = handlerBuffers + Int(signo) * 64
  var p = putText("SIG ", at: start)
  p = putNumber(Int(getpid()), at: p)
  p = putText(" ", at: p)
  p = putNumber(Int(signo), at: p)
  p = putText(" ", at: p)
  p = putNumber(Int(info?.pointee.si_code ?? 0), at: p)
  p = putText(" ", at: p)
  p = putNumber(Int(info?.pointee._sifields._kill.si_pid ?? 0), at: p)
  p = putText("\n", at: p)
  _ = write(logFD, start, start.distance(to: p))
  errno = saved
}

#endif
