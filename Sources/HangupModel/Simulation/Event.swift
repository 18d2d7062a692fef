/// Who caused an event.
public enum Actor: String, Sendable, CaseIterable {
  case kernel, terminal, shell, user
}

/// When an event happened: while the scenario set the jobs up, during the user's
/// scripted actions, or while the session ended.
public enum Phase: String, Sendable, CaseIterable {
  case setup, actions, end
}

/// What kind of record an event is.
public enum EventKind: String, Sendable {
  /// A signal was generated for one process (a `killpg` makes one event per member).
  case signal
  /// A pending signal was taken by the process when it ran.
  case delivery
  /// Anything else: a message, an exit, a re-parenting, a terminal state change.
  case note
}

/// What a signal did to its receiver.
public enum Effect: String, Sendable, CaseIterable {
  /// Queued; acted on when the process next runs.
  case queued
  /// Held pending because the process is stopped.
  case pendingWhileStopped = "pending-stopped"
  /// SIGCONT resumed the stopped process.
  case continued
  /// The process dies of this signal.
  case killed
  /// The process stopped.
  case stopped
  /// The program's handler ran.
  case handlerRan = "handler-ran"
  /// Discarded: the disposition is SIG_IGN.
  case ignored
  /// Discarded: SIG_DFL whose default action is to ignore (SIGCONT to a running process).
  case ignoredByDefault = "ignored-by-default"
  /// Discarded: the same signal was already pending.
  case merged
  /// Discarded: the process is already exiting.
  case exiting
  /// The target no longer exists (ESRCH).
  case noSuchProcess = "no-such-process"
  /// A default stop signal discarded because the process group is orphaned.
  case orphanStopDiscarded = "orphan-stop-discarded"

  /// Effects under which a signal counts as delivered: it reached a live process and
  /// was not discarded.
  public var countsAsDelivered: Bool {
    switch self {
    case .queued, .pendingWhileStopped, .continued, .killed, .stopped, .handlerRan: return true
    case .ignored, .ignoredByDefault, .merged, .exiting, .noSuchProcess, .orphanStopDiscarded: return false
    }
  }

  /// A short English phrase for timelines.
  public var phrase: String {
    switch self {
    case .queued: return "queued"
    case .pendingWhileStopped: return "pending (process is stopped)"
    case .continued: return "continued it"
    case .killed: return "killed it"
    case .stopped: return "stopped it"
    case .handlerRan: return "handler ran"
    case .ignored: return "discarded (ignored)"
    case .ignoredByDefault: return "discarded (default action: ignore)"
    case .merged: return "merged with the pending one"
    case .exiting: return "no effect (already exiting)"
    case .noSuchProcess: return "no such process"
    case .orphanStopDiscarded: return "discarded (orphaned group)"
    }
  }
}

/// The receiver of a signal or the subject of a note.
public struct Target: Sendable, Equatable {
  public var pid: Int
  public var pgid: Int
  /// The 1-based job number, when the process belongs to a scenario job.
  public var job: Int?
  /// A short human label such as `bash` or `probe`.
  public var label: String
  /// Whether the signal was sent to the whole process group (`killpg`).
  public var viaGroup: Bool
}

/// One step of the simulated timeline.
public struct Event: Sendable {
  public var seq: Int
  public var phase: Phase
  public var kind: EventKind
  public var from: Actor
  public var rule: RuleID
  public var signal: Signal?
  /// The pid of the sending process, when a process sent it (`si_pid`).
  public var senderPid: Int?
  /// For a delivery: who originally sent the signal being taken (what the receiver's
  /// `si_code`/`si_pid` show). For a signal event this equals `from`.
  public var sentBy: Actor?
  public var target: Target?
  public var effect: Effect?
  /// A sentence describing the step.
  public var detail: String
  /// The real function or standard behind the step on the simulated system.
  public var source: String
  /// Events made by one kill()/killpg() call share this number (0 for other events).
  public var call: Int = 0
}
