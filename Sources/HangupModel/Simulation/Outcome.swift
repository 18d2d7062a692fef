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
  /// Why it was sent.
  public var reason: SendReason
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
  /// It is stopped in an orphaned group: nobody will continue it.
  case stoppedForever = "stopped-forever"
  /// stdin is sshd's pipe and sshd closed it: reads return end of file.
  case stdinPipeClosed = "stdin-pipe-eof"
  /// stdout is a pipe nobody reads any more: its next write kills it with SIGPIPE.
  case writeSIGPIPE = "write-sigpipe"
  /// stdout is a pipe nobody reads any more and SIGPIPE is ignored or caught: writes fail with EPIPE.
  case writeEPIPE = "write-epipe"
  /// It still holds sshd's stdout/stderr pipe: `ssh` does not return until it closes them.
  case holdsSSHOpen = "holds-ssh-open"
  /// Its read loop retries after end of file or an error: it spins, using a CPU, forever.
  case spinsOnRead = "spins-on-read"
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
  /// What the final parent is: init, a subreaper, the shell, …
  public var finalParentRole: ProcessRole
  /// How survival tables name the final parent: `init`, `subreaper`, the shell, a command.
  public var finalParentName: String
  /// What the process will meet if it touches its terminal or stdin later.
  public var hazardKinds: [Hazard]
  /// Alive but stopped at the end.
  public var stopped: Bool

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
  /// The lines the shell printed about this job.
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

/// A process of the simulated system and what it is.
public struct ProcessInfo: Sendable {
  public var pid: Int
  public var role: ProcessRole
}

/// What one process of a job came to, compared across the branches of a race.
public struct ProcessSummary: Sendable, Equatable {
  public var job: Int
  public var index: Int
  /// The signals its handlers took, in running order, with their senders.
  public var handled: [SeenSignal]
  /// The signals delivered to it, in send order, with their senders.
  public var delivered: [SeenSignal]
  public var fate: Fate
  public var stopped: Bool
}

/// A race the scenario meets, and what each way it can go leads to.
public struct RaceOutcome: Sendable {
  public struct Variant: Sendable {
    /// The branch and how often recorded runs took it.
    public var variant: RaceVariant
    /// Every job process under this branch.
    public var jobs: [ProcessSummary]
  }

  public var id: RaceID
  /// The main outcome's branch first, then the others.
  public var variants: [Variant]
}

/// Everything one simulation produced.
public struct Outcome: Sendable {
  public var scenario: Scenario
  public var events: [Event]
  public var jobs: [JobOutcome]
  /// Every line the shell printed, in order.
  public var messages: [String]
  /// Lines other programs (nohup) printed on the terminal.
  public var otherOutput: [String]
  /// Lines the terminal echoed as the user typed them while nobody read (a foreground job held it).
  public var echoed: [String] = []
  public var shellPid: Int
  public var shellFate: Fate
  /// Whether the shell exited: false when it refused to (`logout` in a non-login shell).
  public var sessionEnded: Bool
  public var tableBefore: [ProcessRow]
  public var tableAfter: [ProcessRow]
  /// Every process the simulation created, in pid order.
  public var processes: [ProcessInfo] = []
  /// The command each process ran, with the event from which it held.
  public var commandHistory: [CommandChange] = []
  /// Races the scenario meets whose branches end differently (empty when not explored).
  public var races: [RaceOutcome] = []
  /// False if the simulation stopped at its step limit (a model fault, not a real outcome).
  public var complete = true
  /// Every race point the run met.
  var racePoints: [RacePoint] = []

  init(
    scenario: Scenario, events: [Event], jobs: [JobOutcome], messages: [String], otherOutput: [String], shellPid: Int,
    shellFate: Fate, sessionEnded: Bool, tableBefore: [ProcessRow], tableAfter: [ProcessRow]
  ) {
    self.scenario = scenario
    self.events = events
    self.jobs = jobs
    self.messages = messages
    self.otherOutput = otherOutput
    self.shellPid = shellPid
    self.shellFate = shellFate
    self.sessionEnded = sessionEnded
    self.tableBefore = tableBefore
    self.tableAfter = tableAfter
  }

  /// What every job process came to, for comparing race branches (one pass over the events).
  var summary: [ProcessSummary] {
    var handled: [Int: [SeenSignal]] = [:]
    for event in events {
      if case .delivery(let d) = event.payload, d.effect == .handlerRan {
        handled[d.target.pid, default: []].append(SeenSignal(d.signal, from: SenderClass(d.sentBy)))
      }
    }
    return jobs.flatMap { job in
      job.processes.map { p in
        ProcessSummary(
          job: job.job, index: p.index, handled: handled[p.pid] ?? [],
          delivered: p.delivered.map { SeenSignal($0.signal, from: SenderClass($0.from)) },
          fate: p.fate, stopped: p.stopped)
      }
    }
  }

  /// What a process is, by pid.
  public func role(of pid: Int) -> ProcessRole? {
    var low = 0
    var high = processes.count - 1
    while low <= high {
      let mid = (low + high) >> 1
      if processes[mid].pid == pid { return processes[mid].role }
      if processes[mid].pid < pid { low = mid + 1 } else { high = mid - 1 }
    }
    return nil
  }

  /// The command a process ran when event `seq` happened.
  public func command(of pid: Int, at seq: Int) -> String? {
    commandHistory.last(where: { $0.pid == pid && $0.fromSeq <= seq })?.command
      ?? commandHistory.first(where: { $0.pid == pid })?.command
  }
}
