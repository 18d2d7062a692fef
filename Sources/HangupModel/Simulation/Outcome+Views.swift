/// How a sender looks to the receiving process: `si_code`/`si_pid` only tell the
/// kernel (SI_KERNEL) from a process, and which process.
public enum SenderClass: String, Sendable, CaseIterable {
  /// `SI_KERNEL`: the kernel or the terminal driver.
  case kernel
  /// `SI_USER` from the shell's pid.
  case shell
  /// `SI_USER` from some other process (kill run by the user).
  case user

  public init(_ actor: Actor) {
    switch actor {
    case .kernel, .terminal: self = .kernel
    case .shell: self = .shell
    case .user, .host, .systemd, .ci: self = .user
    case .wsl: self = .kernel
    }
  }
}

/// A signal as a receiver or a tracer saw it.
public struct SeenSignal: Sendable, Equatable, CustomStringConvertible {
  public var signal: Signal
  public var from: SenderClass?

  public init(_ signal: Signal, from: SenderClass? = nil) {
    self.signal = signal
    self.from = from
  }

  public var description: String { from.map { "\(signal) from \($0.rawValue)" } ?? signal.description }
}

extension Outcome {
  /// The fate of job 1's program.
  public var mainFate: Fate { jobs[0].main.fate }

  /// The pid of a job's process.
  public func pid(job: Int, process: Int = 0) -> Int? {
    guard jobs.indices.contains(job - 1), jobs[job - 1].processes.indices.contains(process) else { return nil }
    return jobs[job - 1].processes[process].pid
  }

  /// The signals whose handlers ran in the process, in the order they ran: what a
  /// catching probe logs.
  public func handled(job: Int, process: Int = 0) -> [SeenSignal] {
    guard let pid = pid(job: job, process: process) else { return [] }
    return events.compactMap { e in
      guard case .delivery(let d) = e.payload, d.effect == .handlerRan, d.target.pid == pid else { return nil }
      return SeenSignal(d.signal, from: SenderClass(d.sentBy))
    }
  }

  /// Every signal generated for the process that found it alive, in send order,
  /// including ignored and merged ones: what `strace -p` on it shows (a traced process
  /// sees even ignored signals).
  public func reached(job: Int, process: Int = 0) -> [SeenSignal] {
    guard let pid = pid(job: job, process: process) else { return [] }
    return reached(pid: pid)
  }

  /// Every signal generated for a live process, in send order (the `strace -p` view).
  public func reached(pid: Int) -> [SeenSignal] {
    events.compactMap { e in
      guard case .signal(let s) = e.payload, s.target.pid == pid, s.effect != .noSuchProcess, s.effect != .exiting
      else { return nil }
      return SeenSignal(s.signal, from: SenderClass(e.from))
    }
  }

  /// The signals the shell sent to the job's process group, in order, whatever they did.
  public func sentByShell(job: Int) -> [SeenSignal] {
    guard let pid = pid(job: job) else { return [] }
    return events.compactMap { e in
      guard case .signal(let s) = e.payload, e.from == .shell, s.target.pid == pid else { return nil }
      return SeenSignal(s.signal, from: .shell)
    }
  }

  /// The shell's kill()/killpg() calls in order, as strace shows them: `SIGHUP -job1`
  /// (killpg to job 1's group), `SIGHUP self`, `SIGINT job1.0` (one process),
  /// `SIGHUP -other` (a group that is no scenario job's, e.g. a finished setsid).
  public func shellKillCalls() -> [String] {
    var seen: [Int] = []
    var out: [String] = []
    for e in events where e.from == .shell && !seen.contains(e.call) {
      guard case .signal(let s) = e.payload else { continue }
      seen.append(e.call)
      let signal = s.signal
      let t = s.target
      let target: String
      if t.pid == shellPid && !t.viaGroup {
        target = "self"
      } else if s.effect == .noSuchProcess {
        target = t.viaGroup ? "-other" : "other"
      } else if t.viaGroup {
        target = role(of: t.pid).flatMap(\.job).map { "-job\($0)" } ?? "-other"
      } else if case .workload(let job, let index)? = role(of: t.pid) {
        target = "job\(job).\(index)"
      } else {
        target = "other"
      }
      out.append("\(signal) \(target)")
    }
    return out
  }

  /// The signals the terminal driver sent to the session leader when it hung up.
  public func leaderSignalsFromTerminal() -> [SeenSignal] {
    events.compactMap { e in
      guard case .signal(let s) = e.payload, e.rule == .ttyHangupLeader else { return nil }
      return SeenSignal(s.signal, from: .kernel)
    }
  }

  /// Delivered signals (reached a live process and not discarded), in send order.
  public func delivered(job: Int, process: Int = 0) -> [SeenSignal] {
    guard jobs.indices.contains(job - 1), jobs[job - 1].processes.indices.contains(process) else { return [] }
    return jobs[job - 1].processes[process].delivered.map { SeenSignal($0.signal, from: SenderClass($0.from)) }
  }

  /// How the job's process detached itself (`daemonizes`), step by step: the steps of
  /// the process that carries it at the end and of the processes that forked it on the
  /// way (daemon(3)'s parent, the double fork's first child). Empty if it did not.
  public func detachSteps(job: Int, process: Int = 0) -> [DaemonStep] {
    guard let final = pid(job: job, process: process) else { return [] }
    let steps: [(pid: Int, step: DaemonStep)] = events.compactMap { e in
      guard case .program(.detaches(let pid, let step)) = e.payload else { return nil }
      return (pid, step)
    }
    var chain: Set<Int> = [final]
    for (pid, step) in steps.reversed() {
      switch step {
      case .forked(let child), .forkedAgain(let child):
        if chain.contains(child) { chain.insert(pid) }
      default:
        break
      }
    }
    return steps.filter { chain.contains($0.pid) }.map(\.step)
  }

  public func fate(job: Int, process: Int = 0) -> Fate? {
    guard jobs.indices.contains(job - 1), jobs[job - 1].processes.indices.contains(process) else { return nil }
    return jobs[job - 1].processes[process].fate
  }
}
