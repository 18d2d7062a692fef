/// How a process ended, or that it is still alive.
public enum Fate: Equatable, Sendable, CustomStringConvertible {
  case alive
  case exited(status: Int)
  case killed(by: Signal)

  public var isAlive: Bool { self == .alive }

  public var description: String {
    switch self {
    case .alive: return "alive"
    case .exited(let status): return "exited with status \(status)"
    case .killed(let signal): return "killed by \(signal)"
    }
  }
}

/// What an open standard descriptor refers to.
public enum Descriptor: String, Sendable {
  /// The pty slave: the session's terminal.
  case terminal
  /// `/dev/null` opened write-only by GNU nohup: every read fails with EBADF.
  case devNullWriteOnly = "/dev/null (write-only)"
  /// `/dev/null` for reading: reads return end of file.
  case devNull = "/dev/null"
  /// A regular file such as `nohup.out` or a redirect target.
  case file
  /// Another terminal that stays open (a tmux pane held by the tmux server).
  case otherTerminal = "another terminal"
}

/// The scheduling state of a simulated process.
public enum RunState: String, Sendable {
  case running
  case stopped
  case zombie
  case reaped
}

/// What a process is busy with, which decides what a signal interrupts.
enum Activity: Equatable, Sendable {
  /// Computing or sleeping; nothing to resume.
  case busy
  /// Blocked in read(0) on the terminal, waiting for input.
  case readingTerminal
  /// Inside read(0) but not blocked: SIGTTIN is stopping it, and the call restarts when
  /// the process next runs (it then sees the terminal as it is at that moment).
  case restartingRead
  /// The reader gave up reading because each read brings SIGTTIN to its handler.
  case spinningOnTTIN
  /// Finished reading (EOF or error handled).
  case doneReading
}

/// What a simulated process is in the real system.
enum ProcessKind: Equatable, Sendable {
  case initProcess
  case subreaper
  case terminalOwner
  case shell
  /// A launcher process that exits at once (`setsid` parent, the `( … & )` subshell).
  case transient(job: Int)
  /// One process of a scenario job's workload.
  case workload(job: Int, index: Int)
}

/// A pending standard signal and who sent it.
struct PendingSignal: Sendable {
  var signal: Signal
  var from: Actor
  var senderPid: Int?
}

/// A process in the simulated kernel.
public struct SimProcess: Sendable {
  public var pid: Int
  public var ppid: Int
  public var pgid: Int
  public var sid: Int
  public var command: String
  var kind: ProcessKind
  /// The session's terminal is this process's controlling terminal.
  public var hasControllingTerminal: Bool
  var dispositions: [String: Disposition] = [:]
  public var state: RunState = .running
  public var fate: Fate = .alive
  var pending: [PendingSignal] = []
  /// Linux `TIF_SIGPENDING`: set only when a signal was routed to a runnable task.
  var signalPendingFlag = false
  /// The signal the process is already dying of (Linux group exit started).
  var dyingOf: Signal?
  /// Linux `signal->tty_old_pgrp`: the foreground group remembered at hang-up.
  var ttyOldPgrp: Int?
  var isChildSubreaper = false
  public var stdin: Descriptor = .terminal
  public var stdout: Descriptor = .terminal
  var activity: Activity = .busy
  var program: Program?
  /// The read result the process will see when it next runs, if a read was interrupted.
  var pendingReadResult: ReadResult?

  public var isSessionLeader: Bool { pid == sid }
  public var isLive: Bool { state == .running || state == .stopped }

  func disposition(of signal: Signal) -> Disposition { dispositions[signal.name] ?? .default }

  var jobNumber: Int? {
    switch kind {
    case .workload(let job, _), .transient(let job): return job
    default: return nil
    }
  }
}

/// The result of a read(0) as the program sees it.
enum ReadResult: String, Sendable {
  case endOfFile = "0 (end of file)"
  case eio = "-1 EIO"
  case ebadf = "-1 EBADF"
  case eintr = "-1 EINTR"
}
