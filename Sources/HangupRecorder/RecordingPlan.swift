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
  /// The model expects the shell to end with the session (false: it stays, as in a tmux
  /// pane after a drop); the recorder then waits less for an exit it does not expect.
  var shellExits = true

  static func make(for scenario: Scenario) throws(RecorderError) -> RecordingPlan {
    let outcome: Outcome
    do {
      outcome = try Simulator.run(scenario, exploringRaces: false)
    } catch {
      throw RecorderError(error.message)
    }
    var plan = RecordingPlan()
    plan.shellExits = !outcome.shellFate.isAlive
    let family = scenario.shell.shellFamily
    for option in family.options {
      let value = family.option(option.name, in: scenario)
      if value != option.defaultValue {
        plan.setup.append(.builtin(line: family.recording.setOption(option.name, value)))
      }
    }

    func locate(pid: Int) -> (job: Int, process: Int)? {
      if case .workload(let job, let index)? = outcome.role(of: pid) { return (job, index) }
      return nil
    }
    for event in outcome.events where event.phase == .setup {
      if case .delivery(let d) = event.payload, d.signal == .ttin, d.effect == .stopped,
        let job = outcome.role(of: d.target.pid)?.job
      {
        plan.stopsAtStart.insert(job)
      }
    }
    for event in outcome.events where event.phase != .end {
      switch event.payload {
      case .user(.typed(let line)):
        switch line.purpose {
        case .startJob(let job): plan.setup.append(.startJob(line: line.text, job: job))
        case .builtin: plan.setup.append(.builtin(line: line.text))
        case .kill(let signal, let job, let process):
          plan.setup.append(.killBuiltin(signal: signal, job: job, process: process))
        case .leave: break
        }
      case .user(.pressed(let key)) where key != .endOfFile:
        plan.setup.append(.key(byte: key.byte, name: key.rawValue))
      case .user(.killsFromOutside(let signal, let pid)):
        if let where_ = locate(pid: pid) {
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

  static func parseKill(_ line: String) -> (Signal, Int)? {
    let words = line.split(separator: " ")
    guard words.count == 3, words[1].hasPrefix("-"), let signal = Signal.parse(String(words[1].dropFirst())),
      let pid = Int(words[2])
    else { return nil }
    return (signal, pid)
  }
}
