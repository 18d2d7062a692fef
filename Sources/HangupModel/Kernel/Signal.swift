/// A POSIX signal, identified by its name without the `SIG` prefix.
///
/// Numbers differ between kernels (SIGCONT is 18 on Linux and 19 on NetBSD), so the
/// number is asked of a ``KernelProfile`` and never stored in the signal itself. The
/// value is an index into hupsim's own signal table, so comparing and hashing signals
/// costs nothing.
public struct Signal: Hashable, Sendable, CustomStringConvertible {
  /// The position in ``Signal/table`` (Linux numbering order).
  let index: UInt8

  public init?(name: String) {
    guard let i = Signal.table.firstIndex(where: { $0.name == name }) else { return nil }
    index = UInt8(i)
  }

  private init(index: Int) { self.index = UInt8(index) }

  /// The name without the `SIG` prefix, e.g. `HUP`.
  public var name: String { Signal.table[Int(index)].name }

  /// The conventional name, e.g. `SIGHUP`.
  public var description: String { "SIG" + name }

  /// What the kernel does when the disposition is `SIG_DFL`.
  public var defaultAction: DefaultAction { Signal.table[Int(index)].action }

  /// Whether the default action ends the process (terminate or core dump).
  public var isDefaultFatal: Bool {
    switch defaultAction {
    case .terminate, .coreDump: return true
    default: return false
    }
  }

  /// Whether this is one of the job-control stop signals sent by a terminal or by `kill`.
  public var isJobControlStop: Bool { self == .tstp || self == .ttin || self == .ttou }

  /// The corresponding C constant is `SIGHUP`.
  public static let hup = Signal(index: 0)
  /// The corresponding C constant is `SIGINT`.
  public static let int = Signal(index: 1)
  /// The corresponding C constant is `SIGQUIT`.
  public static let quit = Signal(index: 2)
  /// The corresponding C constant is `SIGKILL`.
  public static let kill = Signal(index: 8)
  /// The corresponding C constant is `SIGUSR1`.
  public static let usr1 = Signal(index: 9)
  /// The corresponding C constant is `SIGUSR2`.
  public static let usr2 = Signal(index: 11)
  /// The corresponding C constant is `SIGPIPE`.
  public static let pipe = Signal(index: 12)
  /// The corresponding C constant is `SIGALRM`.
  public static let alrm = Signal(index: 13)
  /// The corresponding C constant is `SIGTERM`.
  public static let term = Signal(index: 14)
  /// The corresponding C constant is `SIGCHLD`.
  public static let chld = Signal(index: 15)
  /// The corresponding C constant is `SIGCONT`.
  public static let cont = Signal(index: 16)
  /// The corresponding C constant is `SIGSTOP`.
  public static let stop = Signal(index: 17)
  /// The corresponding C constant is `SIGTSTP`.
  public static let tstp = Signal(index: 18)
  /// The corresponding C constant is `SIGTTIN`.
  public static let ttin = Signal(index: 19)
  /// The corresponding C constant is `SIGTTOU`.
  public static let ttou = Signal(index: 20)

  /// Every signal hupsim knows, in Linux numbering order.
  public static let all: [Signal] = table.indices.map { Signal(index: $0) }

  /// Reads `HUP`, `SIGHUP`, `hup`, `sighup` or a Linux signal number such as `1`.
  public static func parse(_ text: String) -> Signal? {
    guard text.utf8.count <= 16 else { return nil }
    var upper = text.uppercased()
    if let number = Int(upper) {
      return table.firstIndex(where: { $0.linux == number }).map { Signal(index: $0) }
    }
    if upper.hasPrefix("SIG") { upper.removeFirst(3) }
    return Signal(name: upper)
  }

  /// A one-line list of valid names for error messages.
  public static var validNamesList: String { table.map { $0.name }.joined(separator: ", ") }

  struct Entry {
    var name: String
    var linux: Int
    var netbsd: Int
    var action: DefaultAction
  }

  /// Numbers from Linux `asm-generic/signal.h` (x86) and NetBSD `sys/signal.h`.
  static let table: [Entry] = [
    Entry(name: "HUP", linux: 1, netbsd: 1, action: .terminate),
    Entry(name: "INT", linux: 2, netbsd: 2, action: .terminate),
    Entry(name: "QUIT", linux: 3, netbsd: 3, action: .coreDump),
    Entry(name: "ILL", linux: 4, netbsd: 4, action: .coreDump),
    Entry(name: "TRAP", linux: 5, netbsd: 5, action: .coreDump),
    Entry(name: "ABRT", linux: 6, netbsd: 6, action: .coreDump),
    Entry(name: "BUS", linux: 7, netbsd: 10, action: .coreDump),
    Entry(name: "FPE", linux: 8, netbsd: 8, action: .coreDump),
    Entry(name: "KILL", linux: 9, netbsd: 9, action: .terminate),
    Entry(name: "USR1", linux: 10, netbsd: 30, action: .terminate),
    Entry(name: "SEGV", linux: 11, netbsd: 11, action: .coreDump),
    Entry(name: "USR2", linux: 12, netbsd: 31, action: .terminate),
    Entry(name: "PIPE", linux: 13, netbsd: 13, action: .terminate),
    Entry(name: "ALRM", linux: 14, netbsd: 14, action: .terminate),
    Entry(name: "TERM", linux: 15, netbsd: 15, action: .terminate),
    Entry(name: "CHLD", linux: 17, netbsd: 20, action: .ignore),
    Entry(name: "CONT", linux: 18, netbsd: 19, action: .continueProcess),
    Entry(name: "STOP", linux: 19, netbsd: 17, action: .stop),
    Entry(name: "TSTP", linux: 20, netbsd: 18, action: .stop),
    Entry(name: "TTIN", linux: 21, netbsd: 21, action: .stop),
    Entry(name: "TTOU", linux: 22, netbsd: 22, action: .stop),
    Entry(name: "URG", linux: 23, netbsd: 16, action: .ignore),
    Entry(name: "XCPU", linux: 24, netbsd: 24, action: .coreDump),
    Entry(name: "XFSZ", linux: 25, netbsd: 25, action: .coreDump),
    Entry(name: "VTALRM", linux: 26, netbsd: 26, action: .terminate),
    Entry(name: "PROF", linux: 27, netbsd: 27, action: .terminate),
    Entry(name: "WINCH", linux: 28, netbsd: 28, action: .ignore),
    Entry(name: "IO", linux: 29, netbsd: 23, action: .terminate),
    Entry(name: "SYS", linux: 31, netbsd: 12, action: .coreDump),
  ]
}

/// A set of signals, one bit each: dispositions and pending sets cost no allocation.
public struct SignalSet: Hashable, Sendable, Sequence {
  var bits: UInt32 = 0

  public init() {}

  public init<S: Sequence>(_ signals: S) where S.Element == Signal {
    for s in signals { insert(s) }
  }

  public func contains(_ signal: Signal) -> Bool { bits & (1 << UInt32(signal.index)) != 0 }
  public mutating func insert(_ signal: Signal) { bits |= 1 << UInt32(signal.index) }
  public mutating func remove(_ signal: Signal) { bits &= ~(1 << UInt32(signal.index)) }
  public var isEmpty: Bool { bits == 0 }

  /// The members in Linux numbering order.
  public func makeIterator() -> AnyIterator<Signal> {
    var rest = bits
    return AnyIterator {
      guard rest != 0 else { return nil }
      let i = rest.trailingZeroBitCount
      rest &= rest - 1
      return Signal.all[i]
    }
  }
}

/// The action the kernel takes for a signal whose disposition is `SIG_DFL`.
public enum DefaultAction: String, Sendable {
  case terminate
  case coreDump = "core"
  case ignore
  case stop
  case continueProcess = "continue"
}

/// How a process has arranged to receive a signal.
public enum Disposition: String, Sendable {
  /// `SIG_DFL`: the kernel applies the signal's ``DefaultAction``.
  case `default`
  /// `SIG_IGN`: discarded when generated, and kept across `exec`.
  case ignored
  /// A handler is installed; `exec` resets it to `SIG_DFL`.
  case caught
}

/// A process's dispositions: two bit sets, so a process copy costs nothing.
public struct Dispositions: Hashable, Sendable {
  public var ignored = SignalSet()
  public var caught = SignalSet()

  public init() {}

  public subscript(signal: Signal) -> Disposition {
    get { ignored.contains(signal) ? .ignored : (caught.contains(signal) ? .caught : .default) }
    set {
      ignored.remove(signal)
      caught.remove(signal)
      switch newValue {
      case .ignored: ignored.insert(signal)
      case .caught: caught.insert(signal)
      case .default: break
      }
    }
  }

  /// `execve`: handlers go back to SIG_DFL, ignores stay.
  public mutating func resetCaught() { caught = SignalSet() }
}
