/// What a command printed and the status it ends with. The executable writes these
/// out and exits; tests call ``Hupsim/run(_:environment:)`` and look at them directly.
public struct CommandResult: Sendable, Equatable {
  public var stdout: String
  public var stderr: String
  public var status: Int32

  public init(stdout: String = "", stderr: String = "", status: Int32 = 0) {
    self.stdout = stdout
    self.stderr = stderr
    self.status = status
  }

  /// `EX_USAGE` from sysexits.h: the command was used wrongly.
  public static let usageStatus: Int32 = 64

  static func usage(_ message: String) -> CommandResult {
    CommandResult(stderr: "hupsim: \(message)\n", status: usageStatus)
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
      throw UsageError("cannot write \(path) here")
    },
    stdoutIsTerminal: Bool = false
  ) {
    self.readFile = readFile
    self.listJSONFiles = listJSONFiles
    self.writeFile = writeFile
    self.stdoutIsTerminal = stdoutIsTerminal
  }
}
