import HangupJSON
import HangupModel

/// A recorded observation of a real system, or an article's claim, together with the
/// scenario that reproduces it and what it constrains. The format is documented in
/// `Fixtures/README.md`; fixtures are never edited to agree with the model.
public struct Trace: Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    /// Something a real system did (a seed's experiment, or hupsim's recorder).
    case observation
    /// Something an article states without showing a run.
    case claim
    /// Documented behaviour of a real system that cannot be recorded here (a man page,
    /// a source function, an issue thread), with its link.
    case documented
  }

  public var id: String
  public var title: String
  public var kind: Kind
  /// Where it comes from: the seed article and section, or the recorder.
  public var source: [(String, String)]
  /// The system it ran on, as the source states it.
  public var system: [(String, String)]
  public var scenario: Scenario
  public var expectations: [Expectation]
  public var divergences: [Divergence]
  public var notes: [String]
  /// The raw recording (recorded traces only), kept as written.
  public var recording: JSONValue?
  /// The file it was read from.
  public var path: String = ""

  public init(
    id: String, title: String, kind: Kind, source: [(String, String)], system: [(String, String)], scenario: Scenario,
    expectations: [Expectation], divergences: [Divergence] = [], notes: [String] = [], recording: JSONValue? = nil
  ) {
    self.id = id
    self.title = title
    self.kind = kind
    self.source = source
    self.system = system
    self.scenario = scenario
    self.expectations = expectations
    self.divergences = divergences
    self.notes = notes
    self.recording = recording
  }
}

/// A declared, explained disagreement between one expectation and the model.
public struct Divergence: Sendable, Equatable {
  /// The index of the expectation in the trace's `expect` list.
  public var expectation: Int
  /// What the model gives instead, in the canonical form the checker prints.
  public var model: String
  /// Why they differ, and the evidence (source lines, other runs).
  public var reason: String

  public init(expectation: Int, model: String, reason: String) {
    self.expectation = expectation
    self.model = model
    self.reason = reason
  }
}

/// One thing a trace says happened.
public struct Expectation: Sendable, Equatable {
  public enum What: String, Sendable, CaseIterable {
    /// Signals whose handlers ran in the process (what a catching program logs).
    case handled
    /// Signals that reached the process, ignored ones included (what strace shows).
    case reached
    /// Signals the shell sent to the job's group.
    case sentByShell
    /// Signals delivered (not discarded), in send order.
    case delivered
    /// Whether the process survived, or how it ended.
    case fate
    /// Lines the shell printed.
    case messages
    /// Who the process's parent is at the end.
    case finalParent
    /// What the process meets on stdin or the terminal later.
    case hazard
    /// How the shell itself ended.
    case shellFate
    /// Signals that reached the shell process, ignored ones included (strace on the shell).
    case shellReached
    /// Signals the terminal driver sent to the session leader when it hung up.
    case leaderFromTerminal
    /// The shell's own kill() calls in order (strace on the shell), e.g. `SIGHUP -job1`.
    case shellKills
    /// How the process detached itself (`daemonizes`), step by step, in the checker's
    /// canonical words (``TraceChecker/canonical(_:)-(DaemonStep)``): `contains`.
    case detached
  }

  /// How two signal lists are compared.
  public enum Comparison: String, Sendable, CaseIterable {
    /// Same signals in the same order.
    case sequence
    /// Same signals with the same counts, any order.
    case multiset
    /// Same distinct signals (the seed tables' "o").
    case set
  }

  public var what: What
  public var job: Int = 1
  public var process: Int = 0
  public var comparison: Comparison = .sequence
  /// The observed signals.
  public var signals: [SeenSignal] = []
  /// For an unstable recording: every distinct list the repeats produced.
  public var variants: [[SeenSignal]] = []
  public var survives: Bool?
  public var killedBy: Signal?
  public var exitStatus: Int?
  /// Text that must appear (messages, hazards), the parent's name, or the detaching steps
  /// in order.
  public var contains: [String] = []
  /// Messages that must not appear.
  public var absent: [String] = []
  /// Compare only these signals: what the observing program could see (it caught
  /// only these, or logged only these).
  public var only: [Signal] = []
  /// For `shellKills`: the calls, in order.
  public var calls: [String] = []
  /// Alternatives, when the repeats of a recording disagreed: the model must match one.
  public var oneOf: [Expectation] = []
  /// How many recorded repeats saw each of `variants` (or `oneOf`), most common first.
  public var counts: [Int] = []

  public init(_ what: What, job: Int = 1, process: Int = 0) {
    self.what = what
    self.job = job
    self.process = process
  }
}
