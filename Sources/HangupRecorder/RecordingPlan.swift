import HangupModel

/// What the recorder does at the keyboard, step by step, before the session ends.
///
/// The typed text is taken from the model's own record of what the user types for the
/// scenario (`USER-TYPES` events), so the real shell sees exactly the command lines the
/// simulation assumes; how to wait after each step comes from the scenario.
struct RecordingPlan {
  enum Step: Equatable {
    /// Type a command that starts scenario job `job`.
    case startJob(line: String, job: Int)
    /// Type a builtin (disown, bg, jobs, kill, shopt) and wait for the prompt.
    case builtin(line: String)
    /// `kill -SIG <pid>` typed at the prompt: the pid is job `job`'s process `process`.
    case killBuiltin(signal: Signal, job: Int, process: Int)
    /// Press a control key.
    case key(byte: UInt8, name: String)
    /// `kill -SIG pid` from another terminal (the recorder itself).
    case killFromOutside(signal: Signal, job: Int, process: Int)
  }

  var setup: [Step] = []
  var after: [Step] = []
  /// Jobs a background read stops while they start (`--state ttin` with a controlling
  /// terminal and SIGTTIN at its default): the recorder waits for that stop.
  var stopsAtStart: Set<Int> = []

  static func make(for scenario: Scenario) throws(RecorderError) -> RecordingPlan {
    let outcome: Outcome
    do {
      outcome = try Simulator.run(scenario)
    } catch {
      throw RecorderError(error.message)
    }
    var plan = RecordingPlan()
    if scenario.huponexit { plan.setup.append(.builtin(line: "shopt -s huponexit")) }
    if scenario.checkjobs { plan.setup.append(.builtin(line: "shopt -s checkjobs")) }

    func locate(pid: Int) -> (job: Int, process: Int)? {
      for job in outcome.jobs {
        if let p = job.processes.first(where: { $0.pid == pid }) { return (job.job, p.index) }
      }
      return nil
    }
    for event in outcome.events where event.phase == .setup && event.signal == .ttin && event.effect == .stopped {
      if let job = event.target?.job { plan.stopsAtStart.insert(job) }
    }
    let events = outcome.events.filter { $0.phase != .end }
    for (i, event) in events.enumerated() {
      switch event.rule {
      case .userTypes:
        guard let line = backticked(event.detail) else { continue }
        let next = events[(i + 1)...].prefix { $0.rule != .userTypes && $0.rule != .userControlKey && $0.rule != .userKill }
        if let start = next.first(where: { $0.rule == .bashJobStart && $0.target?.job != nil }), let job = start.target?.job {
          plan.setup.append(.startJob(line: line, job: job))
        } else if line.hasPrefix("kill -"), let (signal, pid) = parseKill(line), let where_ = locate(pid: pid) {
          plan.setup.append(.killBuiltin(signal: signal, job: where_.job, process: where_.process))
        } else {
          plan.setup.append(.builtin(line: line))
        }
      case .userControlKey:
        if event.detail.hasSuffix("^Z") { plan.setup.append(.key(byte: 0x1a, name: "^Z")) }
        if event.detail.hasSuffix("^C") { plan.setup.append(.key(byte: 0x03, name: "^C")) }
        if event.detail.hasSuffix("^\\") { plan.setup.append(.key(byte: 0x1c, name: "^\\")) }
      case .userKill:
        if let line = backticked(event.detail), let (signal, pid) = parseKill(line), let where_ = locate(pid: pid) {
          plan.setup.append(.killFromOutside(signal: signal, job: where_.job, process: where_.process))
        }
      default:
        break
      }
    }
    for action in scenario.after {
      if case .kill(let signal, let job, let process, _) = action {
        plan.after.append(.killFromOutside(signal: signal, job: job, process: process))
      }
    }
    return plan
  }

  static func backticked(_ text: String) -> String? {
    guard let open = text.firstIndex(of: "`"), let close = text.lastIndex(of: "`"), open < close else { return nil }
    return String(text[text.index(after: open)..<close])
  }

  static func parseKill(_ line: String) -> (Signal, Int)? {
    let words = line.split(separator: " ")
    guard words.count == 3, words[1].hasPrefix("-"), let signal = Signal.parse(String(words[1].dropFirst())),
      let pid = Int(words[2])
    else { return nil }
    return (signal, pid)
  }
}
