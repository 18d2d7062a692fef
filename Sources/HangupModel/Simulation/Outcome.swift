/// A signal that reached a live process and was not discarded.
public struct Delivery: Sendable, Equatable {
  public var signal: Signal
  public var from: Actor
  public var rule: RuleID
  public var phase: Phase
  /// The sequence number of the event that sent it.
  public var seq: Int
  /// What it did when it was sent.
  public var effect: Effect
}

/// What a surviving process meets later on its stdin or terminal.
public enum Hazard: String, Sendable, CaseIterable {
  /// GNU nohup reopened a terminal stdin on /dev/null write-only.
  case stdinEBADF = "stdin-ebadf"
  /// The terminal hung up: reads return end of file.
  case stdinHungUp = "stdin-eof"
  /// NetBSD revoked the terminal: reads return end of file.
  case stdinRevoked = "stdin-revoked"
  /// stdin is /dev/null (a `( cmd & )` job): reads return end of file.
  case stdinDevNull = "stdin-devnull"
  /// Writes to the hung-up terminal fail with EIO.
  case terminalWritesEIO = "terminal-eio"
  /// The session goes on and the process is in an orphaned background group: reads of the
  /// terminal fail with EIO.
  case stdinEIOOrphaned = "stdin-eio-orphaned"
  /// The session goes on and the process is in the background: reading the terminal
  /// would stop it with SIGTTIN.
  case stdinWouldStop = "stdin-ttin"

  /// One English sentence.
  public var description: String {
    switch self {
    case .stdinEBADF: return "stdin: reads fail with EBADF (nohup reopened it on /dev/null write-only)"
    case .stdinHungUp: return "stdin: the terminal hung up, reads return end of file"
    case .stdinRevoked: return "stdin: the terminal was revoked, reads return end of file"
    case .stdinDevNull: return "stdin: /dev/null, reads return end of file"
    case .terminalWritesEIO: return "terminal writes fail with EIO"
    case .stdinEIOOrphaned: return "stdin: reads of the terminal fail with EIO (orphaned background group)"
    case .stdinWouldStop: return "stdin: reading the terminal would stop it with SIGTTIN (background job)"
    }
  }
}

/// What happened to one process of a job.
public struct ProcessOutcome: Sendable {
  /// 0 for the job's main program, 1… for the extra processes.
  public var index: Int
  public var pid: Int
  public var command: String
  /// Delivered signals, in send order.
  public var delivered: [Delivery]
  public var fate: Fate
  public var finalParentPid: Int
  /// `init`, `subreaper`, `bash`, …
  public var finalParentName: String
  /// What the process will meet if it touches its terminal or stdin later.
  public var hazardKinds: [Hazard]
  /// The same, as English sentences.
  public var hazards: [String] { hazardKinds.map(\.description) }

  public var survives: Bool { fate.isAlive }

  public var killedBy: Signal? {
    if case .killed(let signal) = fate { return signal }
    return nil
  }

  public var exitStatus: Int? {
    if case .exited(let status) = fate { return status }
    return nil
  }
}

/// What happened to one scenario job.
public struct JobOutcome: Sendable {
  /// 1-based, in scenario order.
  public var job: Int
  /// The command line as the user typed it.
  public var commandLine: String
  public var spec: JobSpec
  /// Process 0 is the job's program; the rest are its children or pipeline members.
  public var processes: [ProcessOutcome]
  /// The lines bash printed about this job.
  public var messages: [String]

  public var main: ProcessOutcome { processes[0] }
}

/// One line of a `ps -o pid,ppid,pgid,sid,tpgid,stat,command` listing.
public struct ProcessRow: Sendable, Equatable {
  public var pid: Int
  public var ppid: Int
  public var pgid: Int
  public var sid: Int
  public var tpgid: Int
  public var stat: String
  public var command: String

  public init(pid: Int, ppid: Int, pgid: Int, sid: Int, tpgid: Int, stat: String, command: String) {
    self.pid = pid
    self.ppid = ppid
    self.pgid = pgid
    self.sid = sid
    self.tpgid = tpgid
    self.stat = stat
    self.command = command
  }
}

/// Everything one simulation produced.
public struct Outcome: Sendable {
  public var scenario: Scenario
  public var events: [Event]
  public var jobs: [JobOutcome]
  /// Every line bash printed, in order.
  public var messages: [String]
  /// Lines other programs (nohup) printed on the terminal.
  public var otherOutput: [String]
  public var shellPid: Int
  public var shellFate: Fate
  /// Whether the shell exited: false when it refused to (`logout` in a non-login shell).
  public var sessionEnded: Bool
  public var tableBefore: [ProcessRow]
  public var tableAfter: [ProcessRow]
}
