import HangupModel

/// The verdict on one expectation of a trace.
public struct ExpectationResult: Sendable {
  public enum Status: String, Sendable {
    /// The model agrees with the observation.
    case agrees
    /// The model disagrees exactly as the trace declares.
    case declared
    /// The model disagrees and the trace does not declare it (or declares something else).
    case disagrees
    /// The trace declares a divergence, but the model now agrees: the declaration is stale.
    case staleDeclaration = "stale-declaration"
  }

  public var index: Int
  public var expectation: Expectation
  /// The observation in canonical form.
  public var observed: String
  /// The model's answer in the same form.
  public var model: String
  public var status: Status
  public var divergence: Divergence?

  public var isAcceptable: Bool { status == .agrees || status == .declared }
}

/// The verdict on a whole trace.
public struct TraceResult: Sendable {
  public var trace: Trace
  public var results: [ExpectationResult]
  /// Set when the scenario could not be simulated at all.
  public var simulationError: String?
  public var outcome: Outcome?

  public var passed: Bool { simulationError == nil && results.allSatisfy(\.isAcceptable) }
  public var declaredCount: Int { results.filter { $0.status == .declared }.count }
}

/// Runs a trace's scenario through the simulator and holds each expectation against it.
public enum TraceChecker {
  public static func check(_ trace: Trace) -> TraceResult {
    let outcome: Outcome
    do {
      outcome = try Simulator.run(trace.scenario)
    } catch {
      return TraceResult(trace: trace, results: [], simulationError: error.message, outcome: nil)
    }
    var results: [ExpectationResult] = []
    for (index, expectation) in trace.expectations.enumerated() {
      let (observed, model, matches) = evaluate(expectation, outcome: outcome)
      let divergence = trace.divergences.first(where: { $0.expectation == index })
      let status: ExpectationResult.Status
      switch (matches, divergence) {
      case (true, nil): status = .agrees
      case (true, .some): status = .staleDeclaration
      case (false, nil): status = .disagrees
      case (false, .some(let d)): status = d.model == model ? .declared : .disagrees
      }
      results.append(
        ExpectationResult(
          index: index, expectation: expectation, observed: observed, model: model,
          status: status, divergence: divergence))
    }
    return TraceResult(trace: trace, results: results, simulationError: nil, outcome: outcome)
  }

  /// Returns the observation and the model's answer in canonical form, and whether they agree.
  public static func evaluate(_ e: Expectation, outcome: Outcome) -> (observed: String, model: String, matches: Bool) {
    if !e.oneOf.isEmpty {
      let results = e.oneOf.map { evaluate($0, outcome: outcome) }
      let observed = "one of: " + results.indices.map { results[$0].observed + counted(e, $0) }.joined(separator: " | ")
      if let match = results.first(where: \.matches) { return (observed, match.model, true) }
      return (observed, results[0].model, false)
    }
    switch e.what {
    case .shellKills:
      let model = outcome.shellKillCalls()
      let text = { (calls: [String]) in calls.isEmpty ? "none" : calls.joined(separator: ", ") }
      return (text(e.calls), text(model), e.calls == model)
    case .handled, .reached, .sentByShell, .delivered, .shellReached, .leaderFromTerminal:
      var modelSignals: [SeenSignal]
      switch e.what {
      case .handled: modelSignals = outcome.handled(job: e.job, process: e.process)
      case .reached: modelSignals = outcome.reached(job: e.job, process: e.process)
      case .sentByShell: modelSignals = outcome.sentByShell(job: e.job)
      case .shellReached: modelSignals = outcome.reached(pid: outcome.shellPid)
      case .leaderFromTerminal: modelSignals = outcome.leaderSignalsFromTerminal()
      default: modelSignals = outcome.delivered(job: e.job, process: e.process)
      }
      if !e.only.isEmpty { modelSignals = modelSignals.filter { e.only.contains($0.signal) } }
      let lists = e.variants.isEmpty ? [e.signals] : e.variants
      let withSender = lists.contains { $0.contains { $0.from != nil } }
      let model = canonical(modelSignals, e.comparison, withSender: withSender)
      let observedForms = lists.map { canonical($0, e.comparison, withSender: withSender) }
      let observed =
        observedForms.count == 1
        ? observedForms[0]
        : "one of: " + observedForms.indices.map { observedForms[$0] + counted(e, $0) }.joined(separator: " | ")
      return (observed, model, observedForms.contains(model))
    case .fate:
      let fate = outcome.fate(job: e.job, process: e.process) ?? .alive
      return compareFate(e, fate)
    case .shellFate:
      return compareFate(e, outcome.shellFate)
    case .messages:
      // What the recording saw on the terminal: the shell's lines, then what the terminal
      // echoed while nobody read it.
      let printed = outcome.messages + outcome.echoed
      var remaining = printed[...]
      var missing: [String] = []
      for wanted in e.contains {
        if let i = remaining.firstIndex(of: wanted) {
          remaining = remaining[remaining.index(after: i)...]
        } else {
          missing.append(wanted)
        }
      }
      let unwanted = e.absent.filter { printed.contains($0) }
      let observed = describeMessages(e.contains, absent: e.absent)
      if missing.isEmpty && unwanted.isEmpty { return (observed, observed, true) }
      var parts: [String] = []
      if !missing.isEmpty { parts.append("missing: " + missing.joined(separator: " / ")) }
      if !unwanted.isEmpty { parts.append("printed: " + unwanted.joined(separator: " / ")) }
      return (observed, parts.joined(separator: "; "), false)
    case .finalParent:
      let process =
        outcome.jobs.indices.contains(e.job - 1) && outcome.jobs[e.job - 1].processes.indices.contains(e.process)
        ? outcome.jobs[e.job - 1].processes[e.process] : nil
      let name = process?.finalParentName ?? "none"
      let wanted = e.contains.first ?? ""
      // "shell" names the session's shell whatever it is; recordings made before other
      // shells existed wrote "bash" for it, and mean the same.
      let isShell = process?.finalParentRole == .shell
      let matches = name == wanted || (isShell && (wanted == "shell" || wanted == "bash"))
      return ("parent " + wanted, "parent " + name, matches)
    case .detached:
      let model = outcome.detachSteps(job: e.job, process: e.process).map(canonical)
      let text = { (steps: [String]) in steps.isEmpty ? "does not detach" : steps.joined(separator: "; ") }
      return (text(e.contains), text(model), e.contains == model)
    case .hazard:
      let hazards =
        outcome.jobs.indices.contains(e.job - 1) && outcome.jobs[e.job - 1].processes.indices.contains(e.process)
        ? outcome.jobs[e.job - 1].processes[e.process].hazardKinds.map(canonical) : []
      let missing = e.contains.filter { wanted in !hazards.contains { $0.contains(wanted) } }
      let observed = "hazards mention " + e.contains.joined(separator: ", ")
      return (
        observed,
        missing.isEmpty ? observed : "hazards: " + (hazards.isEmpty ? "none" : hazards.joined(separator: "; ")),
        missing.isEmpty
      )
    }
  }

  /// The canonical words of one detaching step, for `detached` expectations: what a
  /// recording can tell from the pids, groups, sessions and descriptors the probe logs
  /// (PROG-DAEMON, PROG-DOUBLE-FORK, PROG-SETSID, PROG-SETPGID).
  public static func canonical(_ step: DaemonStep) -> String {
    switch step {
    case .forked: return "fork, the parent exits"
    case .newSession: return "setsid: a new session"
    case .setsidFails: return "setsid: EPERM"
    case .forkedAgain: return "fork again, the first child exits"
    case .stdioToDevNull: return "stdio to /dev/null"
    case .ownGroup: return "setpgid: a group of its own"
    case .alreadyLeadsGroup: return "setpgid: already leads its group"
    }
  }

  /// The canonical text a `hazard` expectation's `contains` is matched against: the
  /// hazard's ID, then what it means (fixtures quote words such as `EBADF`).
  public static func canonical(_ hazard: Hazard) -> String {
    let meaning: String
    switch hazard {
    case .stdinEBADF: meaning = "stdin reads fail with EBADF"
    case .stdinHungUp: meaning = "stdin reads return end of file (terminal hung up)"
    case .stdinRevoked: meaning = "stdin reads return end of file (terminal revoked)"
    case .stdinDevNull: meaning = "stdin is /dev/null, reads return end of file"
    case .terminalWritesEIO: meaning = "terminal writes fail with EIO"
    case .stdinEIOOrphaned: meaning = "stdin reads fail with EIO (orphaned background group)"
    case .stdinWouldStop: meaning = "stdin reads would stop it with SIGTTIN"
    case .stoppedForever: meaning = "stopped in an orphaned group, never continued"
    case .stdinPipeClosed: meaning = "stdin reads return end of file (sshd closed the pipe)"
    case .writeSIGPIPE: meaning = "the next write to stdout kills it with SIGPIPE"
    case .writeEPIPE: meaning = "writes to stdout fail with EPIPE"
    case .holdsSSHOpen: meaning = "holds sshd's stdout pipe, so ssh does not return"
    case .spinsOnRead: meaning = "its read loop retries after end of file or an error and spins"
    }
    return hazard.rawValue + ": " + meaning
  }

  /// ` ×N` when the trace says how many repeats saw alternative `i`.
  static func counted(_ e: Expectation, _ i: Int) -> String {
    e.counts.indices.contains(i) ? " ×\(e.counts[i])" : ""
  }

  static func describeMessages(_ contains: [String], absent: [String]) -> String {
    var parts: [String] = []
    if !contains.isEmpty { parts.append("prints " + contains.map { "\"\($0)\"" }.joined(separator: " then ")) }
    if !absent.isEmpty { parts.append("never prints " + absent.map { "\"\($0)\"" }.joined(separator: " or ")) }
    return parts.joined(separator: "; ")
  }

  static func compareFate(_ e: Expectation, _ fate: Fate) -> (String, String, Bool) {
    var observed: String
    let model: String
    if let signal = e.killedBy {
      observed = "killed by \(signal)"
      model = fate.isAlive ? "survives" : fate.description
    } else if let status = e.exitStatus {
      observed = "exited with status \(status)"
      model = fate.isAlive ? "survives" : fate.description
    } else {
      observed = e.survives == false ? "does not survive" : "survives"
      model = fate.isAlive ? "survives" : "does not survive"
    }
    if e.survives == false && e.killedBy == nil && e.exitStatus == nil { observed = "does not survive" }
    return (observed, model, observed == model)
  }

  /// A signal list in the canonical written form used by fixtures' divergences.
  public static func canonical(_ signals: [SeenSignal], _ comparison: Expectation.Comparison, withSender: Bool)
    -> String
  {
    var items = signals.map { withSender ? $0 : SeenSignal($0.signal) }
    switch comparison {
    case .sequence: break
    case .multiset, .set:
      items.sort { a, b in
        let na = KernelProfile.linux.number(of: a.signal)
        let nb = KernelProfile.linux.number(of: b.signal)
        if na != nb { return na < nb }
        return (a.from?.rawValue ?? "") < (b.from?.rawValue ?? "")
      }
      if comparison == .set {
        var unique: [SeenSignal] = []
        for item in items where !unique.contains(item) { unique.append(item) }
        items = unique
      }
    }
    return items.isEmpty ? "none" : items.map(\.description).joined(separator: ", ")
  }
}
