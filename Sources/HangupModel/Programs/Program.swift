/// How a program detaches itself when it starts.
public enum DaemonForm: String, Sendable, CaseIterable {
  /// glibc `daemon(0, 0)`: fork, the parent `_exit`s, the child calls `setsid()`,
  /// `chdir("/")` and points stdin, stdout and stderr at /dev/null.
  case daemon
  /// `daemon(0, 1)`: the same, but stdio stays where it was (the terminal).
  case daemonKeepStdio = "daemon-keep-stdio"
  /// The classic double fork: fork, `setsid()`, fork again, the first child exits (the
  /// daemon is not a session leader, so it can never acquire a terminal).
  case doubleFork = "double-fork"
  /// `setsid()` in place, without forking: EPERM when the process already leads its group.
  case setsid
  /// `setpgid(0, 0)`: a process group of its own in the same session, keeping the terminal.
  case setpgid

  /// The process the shell started exits at once (daemon(3), the double fork): a
  /// foreground job made only of it is done as soon as it has detached.
  public var parentExits: Bool { self == .daemon || self == .daemonKeepStdio || self == .doubleFork }
}

/// The behaviour of a job's program, like the seeds' `detectHUPCONTTERM` or hupsim's probe.
public struct Program: Sendable, Equatable {
  /// What the program does when read(0) returns something.
  public enum ReadReaction: Sendable, Equatable {
    /// Read again (a robust loop that restarts after EINTR).
    case retry
    /// Exit with this status (like `mycat_detectTERM` exiting 1 on any error).
    case exit(status: Int)
  }

  /// The command name shown by `ps` and in job listings.
  public var name: String
  /// Signals the program installs handlers for (its handlers log and return).
  public var handles: [Signal]
  /// Signals the program ignores itself (set after exec, unlike inherited ignores).
  public var ignoresItself: [Signal]
  /// The program loops on read(0) from the moment it starts.
  public var readsStdin: Bool
  public var onEndOfFile: ReadReaction
  public var onReadError: ReadReaction
  public var onInterruptedRead: ReadReaction
  /// The program installs its handlers even over an inherited SIG_IGN (like the seeds'
  /// `detectHUPCONTTERM`, which calls signal() unconditionally). hupsim's probe, like
  /// most careful programs, leaves an inherited ignore alone.
  public var overridesInheritedIgnores: Bool
  /// Signals whose handler shuts the program down: it exits with status 0 once the handler
  /// has run (Go's `signal.Notify` with a shutdown path, node's `process.on('SIGHUP')`).
  /// Such a signal is caught, so an inherited SIG_IGN is replaced (as those runtimes do).
  public var exitsOn: [Signal]
  /// The program resets every signal disposition to the default when it starts (node, and
  /// every child libuv spawns): an inherited SIG_IGN, nohup's included, is lost.
  public var resetsSignals: Bool
  /// The program writes to its stdout now and then; its next write after the session ends
  /// meets whatever stdout has become (EIO on a hung-up terminal, SIGPIPE on a pipe whose
  /// reader is gone). A write that fails makes it exit with status 1.
  public var writes: Bool
  /// The program detaches itself this way when it starts.
  public var daemonizes: DaemonForm?

  public init(
    name: String, handles: [Signal] = [], ignoresItself: [Signal] = [], readsStdin: Bool = false,
    onEndOfFile: ReadReaction = .exit(status: 0), onReadError: ReadReaction = .exit(status: 1),
    onInterruptedRead: ReadReaction = .retry, overridesInheritedIgnores: Bool = false, exitsOn: [Signal] = [],
    resetsSignals: Bool = false, writes: Bool = false, daemonizes: DaemonForm? = nil
  ) {
    self.daemonizes = daemonizes
    self.exitsOn = exitsOn
    self.resetsSignals = resetsSignals
    self.writes = writes
    self.name = name
    self.handles = handles
    self.ignoresItself = ignoresItself
    self.readsStdin = readsStdin
    self.onEndOfFile = onEndOfFile
    self.onReadError = onReadError
    self.onInterruptedRead = onInterruptedRead
    self.overridesInheritedIgnores = overridesInheritedIgnores
  }
}
