import HangupModel

/// Every exit status hupsim ends with, decided here and nowhere else (the numbers after
/// 1 are sysexits.h's). Help, the man page and the README list the same.
public enum ExitStatus {
  /// The command did what it was asked; `verify` and `record`: the model agrees.
  public static let success: Int32 = 0
  /// `verify` and `record`: the model disagrees with a trace in a way the trace does not declare.
  public static let disagrees: Int32 = 1
  /// `check`: the process exited (or was a zombie) while it was read.
  public static let processGone: Int32 = 1
  /// `EX_USAGE`: the command was used wrongly (unknown option or value, bad scenario or
  /// trace file, an impossible combination, an input over a limit).
  public static let usage: Int32 = 64
  /// `EX_SOFTWARE`: `record` could not record (the pseudo-terminal, the shell or the probe failed).
  public static let recordingFailed: Int32 = 70
  /// `EX_SOFTWARE` too: `check` cannot read /proc (not Linux).
  public static let procUnavailable: Int32 = 70
  /// `EX_CANTCREAT`: `record --out FILE` recorded, but could not write FILE.
  public static let cannotWriteOutput: Int32 = 73
  /// `EX_IOERR`: the output could not be written (standard output on a full disk).
  public static let outputFailed: Int32 = 74
  /// `record` was interrupted by signal `n` (SIGINT, SIGTERM, ...): 128 + n, as shells report it.
  public static func interrupted(by signal: Int32) -> Int32 { 128 + signal }
}

/// What a command printed and the status it ends with. The executable writes these
/// out and exits; tests call ``Hupsim/run(_:environment:)`` and look at them directly.
public struct CommandResult: Sendable, Equatable {
  public var stdout: String
  public var stderr: String
  public var status: Int32

  public init(stdout: String = "", stderr: String = "", status: Int32 = ExitStatus.success) {
    self.stdout = stdout
    self.stderr = stderr
    self.status = status
  }

  /// `EX_USAGE` from sysexits.h: the command was used wrongly.
  public static let usageStatus: Int32 = ExitStatus.usage

  /// One line on stderr and ``ExitStatus/usage``.
  static func usage(_ message: String) -> CommandResult {
    CommandResult(stderr: "hupsim: \(oneLine(message))\n", status: ExitStatus.usage)
  }

  /// A failure other than bad usage: one line on stderr and `status`.
  static func failure(_ message: String, status: Int32) -> CommandResult {
    CommandResult(stderr: "hupsim: \(oneLine(message))\n", status: status)
  }

  /// The most an error line may take. Every value an error quotes is bounded where it is
  /// quoted (``ErrorText``); this is the last guard, so a message stays one short line
  /// whatever a lower layer put in it.
  static let maxMessageBytes = 4_000

  /// `message` with control characters escaped (so it is one line) and cut to
  /// ``maxMessageBytes``.
  static func oneLine(_ message: String) -> String {
    var out = ""
    var bytes = 0
    for scalar in message.unicodeScalars {
      let piece: String
      switch scalar {
      case "\n": piece = "\\n"
      case "\r": piece = "\\r"
      case "\t": piece = " "
      default:
        if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value)
          || (0x2028...0x2029).contains(scalar.value)
        {
          piece = "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          piece = String(scalar)
        }
      }
      if bytes + piece.utf8.count > maxMessageBytes {
        out += "…"
        break
      }
      out += piece
      bytes += piece.utf8.count
    }
    return out
  }
}

/// A bad command line: one line naming the problem and what would be valid.
public struct UsageError: Error, Equatable, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

/// What the commands need from the outside world, so tests can supply it.
public struct CommandEnvironment: Sendable {
  /// Reads a whole text file, or throws a one-line reason.
  public var readFile: @Sendable (String) throws(UsageError) -> String
  /// Lists the `.json` files under a path (the path itself if it is a file), sorted.
  public var listJSONFiles: @Sendable (String) throws(UsageError) -> [String]
  /// Writes a whole text file, or throws a one-line reason.
  public var writeFile: @Sendable (String, String) throws(UsageError) -> Void
  /// Whether standard output is a terminal (for colour).
  public var stdoutIsTerminal: Bool

  public init(
    readFile: @escaping @Sendable (String) throws(UsageError) -> String,
    listJSONFiles: @escaping @Sendable (String) throws(UsageError) -> [String] = { path throws(UsageError) in [path] },
    writeFile: @escaping @Sendable (String, String) throws(UsageError) -> Void = { path, _ throws(UsageError) in
      throw UsageError("cannot write \(quotedPath(path)) here")
    },
    stdoutIsTerminal: Bool = false
  ) {
    self.readFile = readFile
    self.listJSONFiles = listJSONFiles
    self.writeFile = writeFile
    self.stdoutIsTerminal = stdoutIsTerminal
  }
}

/// A value the user gave, as an error quotes it: `'value'`, a bounded prefix of a long one,
/// control characters escaped.
func quoted(_ value: String) -> String { ErrorText.quoted(value, quote: "'") }

/// A path the user gave, as an error quotes it (paths may be longer than other values).
public func quotedPath(_ path: String) -> String { ErrorText.quoted(path, quote: "'", limit: ErrorText.maxQuotedPath) }
