import HangupJSON
import HangupModel
import HangupTraces

/// Turns the repeats of one recorded scenario into a trace: what every repeat agrees on
/// becomes a plain expectation, what they disagree on becomes alternatives (the trace
/// is then unstable, a real race), and the raw runs are kept under `recording`.
public enum TraceBuilder {
  public static func trace(
    id: String, title: String, scenario: Scenario, runs: [RunRecord], system: [(String, String)],
    strace: Bool
  ) -> Trace {
    var expectations: [Expectation] = []
    for (j, job) in scenario.jobs.enumerated() {
      let programs = [job.program] + job.extraProcesses.map(\.program)
      for (k, program) in programs.enumerated() {
        let records = runs.map { run in run.probes.first(where: { $0.job == j + 1 && $0.index == k }) }
        expectations += processExpectations(
          job: j + 1, process: k, program: program, records: records, runs: runs,
          scenario: scenario)
      }
    }
    let recording = scenario.shell.shellFamily.recording
    let warnings = recording.warnings
    expectations.append(
      agreedOrOneOf(
        runs.map { run in
          let printed = keyMessagesPrinted(in: run.transcript, typed: run.typed, keyMessages: recording.keyMessages)
          var e = Expectation(.messages)
          e.contains = printed
          e.absent = warnings.filter { !printed.contains($0) }
          return e
        }, wrapper: Expectation(.messages)))
    if !runs.isEmpty { expectations.append(agreedOrOneOf(runs.map(shellFate), wrapper: Expectation(.shellFate))) }
    if strace {
      expectations.append(
        agreedOrOneOf(
          runs.map { run in
            var e = Expectation(.shellKills)
            e.calls = shellKillCalls(run)
            return e
          }, wrapper: Expectation(.shellKills)))
    }
    var notes: [String] = []
    let problems = runs.flatMap(\.problems)
    if !problems.isEmpty { notes.append("recorder problems: " + Set(problems).sorted().joined(separator: "; ")) }
    let unstable = expectations.contains { !$0.variants.isEmpty || !$0.oneOf.isEmpty }
    if unstable {
      notes.append(
        "unstable: the \(runs.count) repeats disagree (a real race); alternatives list what the repeats saw, most common first, with how many saw each (counts); see recording.runs"
      )
    }
    return Trace(
      id: id, title: title, kind: .observation,
      source: [("recorder", "hupsim record"), ("repeats", String(runs.count)), ("stable", unstable ? "no" : "yes")],
      system: system, scenario: scenario, expectations: expectations, notes: notes,
      recording: recordingJSON(runs))
  }

  /// One expectation for what every repeat saw alike, or else `wrapper` holding the
  /// alternatives the repeats saw (`oneOf`), most common first, with how many saw each.
  static func agreedOrOneOf(_ seen: [Expectation], wrapper: Expectation) -> Expectation {
    let (distinct, counts) = counted(seen)
    if distinct.count == 1 { return distinct[0] }
    var e = wrapper
    e.oneOf = distinct
    e.counts = counts
    return e
  }

  /// What the repeats saw of process `process` of job `job`: the signals it handled, its
  /// fate, its final parent, the hazards it showed and how it detached itself.
  static func processExpectations(
    job: Int, process k: Int, program: Program, records: [ProbeRecord?], runs: [RunRecord],
    scenario: Scenario
  ) -> [Expectation] {
    var expectations: [Expectation] = []
    if !program.handles.isEmpty {
      // The handled signals: one list, or the lists the repeats saw (`variants`).
      var e = Expectation(.handled, job: job, process: k)
      let lists = zip(records, runs).map { record, run in record.map { seen($0, shellPid: run.shellPid) } ?? [] }
      let (distinct, counts) = counted(lists)
      if distinct.count == 1 {
        e.signals = distinct[0]
      } else {
        e.variants = distinct
        e.counts = counts
      }
      expectations.append(e)
    }
    let fates = records.compactMap { $0 }.map(\.fate).filter { $0 != .unknown }
    if !fates.isEmpty {
      expectations.append(
        agreedOrOneOf(
          fates.map { fateExpectation($0, job: job, process: k) },
          wrapper: Expectation(.fate, job: job, process: k)))
    }
    let parents = zip(records, runs).compactMap { record, run in finalParent(record, run, scenario: scenario) }
    if parents.count == runs.count, let first = parents.first, parents.allSatisfy({ $0 == first }) {
      var e = Expectation(.finalParent, job: job, process: k)
      e.contains = [first]
      expectations.append(e)
    }
    let hazards = hazards(program, records: records, runs: runs)
    if !hazards.isEmpty {
      var e = Expectation(.hazard, job: job, process: k)
      e.contains = hazards
      expectations.append(e)
    }
    if program.daemonizes != nil {
      // How it detached, as every repeat's DETACH line and start facts tell it.
      let seen = records.map { record in
        var alt = Expectation(.detached, job: job, process: k)
        alt.contains = record.map { detachSteps($0).map(TraceChecker.canonical) } ?? []
        return alt
      }
      expectations.append(agreedOrOneOf(seen, wrapper: Expectation(.detached, job: job, process: k)))
    }
    return expectations
  }

  /// The parent a surviving process ended with, as the model names it: the subreaper,
  /// the shell, another process of the scenario by its command (a forking program's
  /// child), init or a pid. Nil if it did not survive.
  static func finalParent(_ record: ProbeRecord?, _ run: RunRecord, scenario: Scenario) -> String? {
    guard let record, case .alive(let parent) = record.fate else { return nil }
    if parent == run.recorderPid { return "subreaper" }
    if parent == run.shellPid { return "shell" }
    if let other = run.probes.first(where: { $0.pid == parent }) {
      let programs = scenario.jobs[other.job - 1].program.name
      let names = [programs] + scenario.jobs[other.job - 1].extraProcesses.map(\.program.name)
      if names.indices.contains(other.index) { return names[other.index] }
    }
    return parent == 1 ? "init" : "pid \(parent)"
  }

  /// Hazards every run showed: a survivor holding sshd's stdout pipe while ssh has not
  /// returned, and a survivor whose read loop got end of file or an error and kept
  /// reading (it spins).
  static func hazards(_ program: Program, records: [ProbeRecord?], runs: [RunRecord]) -> [String] {
    var hazards: [String] = []
    let alive = zip(records, runs).map { record, run -> (ProbeRecord, RunRecord)? in
      guard let record, case .alive = record.fate else { return nil }
      return (record, run)
    }
    guard !runs.isEmpty && alive.allSatisfy({ $0 != nil }) else { return [] }
    let survivors = alive.compactMap { $0 }
    if survivors.allSatisfy({ $0.0.stdoutIsPipe && $0.1.sshStillRunning == true }) {
      hazards.append("holds sshd's stdout pipe")
    }
    if survivors.allSatisfy({ $0.0.reads.contains { $0.hasPrefix("EOF") || $0.hasPrefix("ERR") } })
      && program.readsStdin
      && (program.onReadError == .retry || program.onEndOfFile == .retry)
    {
      hazards.append("spins")
    }
    return hazards
  }

  /// How the shell ended in one run: its exit status, the signal that killed it, or that
  /// it survived.
  static func shellFate(_ run: RunRecord) -> Expectation {
    var e = Expectation(.shellFate)
    if let status = run.shellExitStatus {
      e.exitStatus = status
    } else if let signo = run.shellKilledBy, let signal = Signal.parse(String(signo)) {
      e.killedBy = signal
    } else {
      e.survives = true
    }
    return e
  }

  /// The distinct items, most common first (ties in order of first appearance), with
  /// how many times each occurred.
  static func counted<T: Equatable>(_ items: [T]) -> ([T], [Int]) {
    var distinct: [T] = []
    var counts: [Int] = []
    for item in items {
      if let i = distinct.firstIndex(of: item) {
        counts[i] += 1
      } else {
        distinct.append(item)
        counts.append(1)
      }
    }
    let order = distinct.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
    return (order.map { distinct[$0] }, order.map { counts[$0] })
  }

  /// What a catching probe saw: each handled signal with who sent it.
  static func seen(_ record: ProbeRecord, shellPid: Int32) -> [SeenSignal] {
    record.signals.compactMap { s in
      guard let signal = Signal.parse(String(s.signo)) else { return nil }
      let from: SenderClass
      if s.code == 128 {
        from = .kernel
      } else if s.code == 0 && s.sender == record.pid && s.signo == 13 {
        // A write to a pipe nobody reads: fs/pipe.c pipe_write → send_sig(SIGPIPE, current, 0),
        // SEND_SIG_NOINFO, which the kernel marks SI_USER from the writer itself.
        from = .kernel
      } else if s.code == 0 && s.sender == shellPid {
        from = .shell
      } else {
        from = .user
      }
      return SeenSignal(signal, from: from)
    }
  }

  /// The detaching steps a probe's record shows, from the facts alone: a pid other than
  /// the one it started as (a fork whose parent exited), the double fork's first child
  /// leading the new session, setsid's result and the session it leads, setpgid's group,
  /// and stdio that was not all /dev/null and now is.
  static func detachSteps(_ record: ProbeRecord) -> [DaemonStep] {
    guard let d = record.detached else { return [] }
    let pid = Int(record.pid)
    let facts = d.facts.map { Int($0) }
    let pgid = facts.count > 1 ? facts[1] : nil
    let sid = facts.count > 2 ? facts[2] : nil
    let startGroup = record.startFacts.count > 1 ? Int(record.startFacts[1]) : nil
    let failed = d.result.hasPrefix("ERR")
    var steps: [DaemonStep] = []
    switch d.form {
    case DaemonForm.daemon.rawValue, DaemonForm.daemonKeepStdio.rawValue:
      if d.from != record.pid { steps.append(.forked(child: pid)) }
      if sid == pid { steps.append(.newSession) }
    case DaemonForm.doubleFork.rawValue:
      guard let via = d.via.map(Int.init) else { break }
      steps.append(.forked(child: via))
      if sid == via { steps.append(.newSession) }
      steps.append(.forkedAgain(child: pid))
    case DaemonForm.setsid.rawValue:
      if d.result == "ERR 1" {
        steps.append(.setsidFails)
      } else if !failed && sid == pid {
        steps.append(.newSession)
      }
    case DaemonForm.setpgid.rawValue:
      if !failed && pgid == pid { steps.append(startGroup == pid ? .alreadyLeadsGroup : .ownGroup(group: pid)) }
    default:
      break
    }
    if d.stdioBefore != "null" && d.stdioAfter == "null" { steps.append(.stdioToDevNull) }
    return steps
  }

  static func fateExpectation(_ fate: ObservedFate, job: Int, process: Int) -> Expectation {
    var e = Expectation(.fate, job: job, process: process)
    switch fate {
    case .alive: e.survives = true
    case .exited(let status): e.exitStatus = status
    case .killed(let signo): e.killedBy = Signal.parse(String(signo)); e.survives = false
    case .unknown: e.survives = false
    }
    return e
  }

  /// The key messages in the transcript, in order: output lines that are one of
  /// `keyMessages` (the shell's, see ``ShellRecording/keyMessages``). A line that matches
  /// the next line the recorder typed is its echo;
  /// anything else is output (bash prints "logout" right after the prompt on ^D, which
  /// is not echoed, and after a typed `exit`, which is).
  public static func keyMessagesPrinted(in transcript: String, typed: [String], keyMessages: [String]) -> [String] {
    var out: [String] = []
    var pending = typed[...]
    // The echo of a typed line follows a prompt. Asynchronous output (nohup's notice, say)
    // can take the prompt's line and push the echo onto the next one, so an echo is also
    // accepted on the line right after a prompt line that held something else.
    var echoMayFollow = false
    for raw in transcript.split(separator: "\n", omittingEmptySubsequences: true) {
      var line = String(raw)
      var afterPrompt = false
      while line.hasPrefix(RecordingSession.promptText) {
        line.removeFirst(RecordingSession.promptText.count)
        afterPrompt = true
      }
      // Output written in pieces (nohup's `nohup: ` and then its notice) can take the
      // prompt into the middle of its line: the echo then follows on the next line.
      if let range = line.firstRange(of: RecordingSession.promptText) {
        line.removeSubrange(range)
        echoMayFollow = true
        if keyMessages.contains(line) { out.append(line) }
        continue
      }
      if afterPrompt || echoMayFollow, let next = pending.first, line == next {
        pending = pending.dropFirst()
        echoMayFollow = false
        continue
      }
      echoMayFollow = afterPrompt
      if keyMessages.contains(line) { out.append(line) }
    }
    return out
  }

  /// The shell's kill() calls from strace, in the form ``Outcome/shellKillCalls()`` uses.
  static func shellKillCalls(_ run: RunRecord) -> [String] {
    var out: [String] = []
    for line in run.shellKills {
      guard let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")") else { continue }
      let args = line[line.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters() }
      guard args.count == 2, let target = Int32(args[0]), let signal = Signal.parse(args[1]) else { continue }
      let description: String
      if target == run.shellPid {
        description = "self"
      } else if target < 0 {
        let group = -target
        if let probe = run.probes.first(where: { Int32($0.startFacts.count > 1 ? $0.startFacts[1] : "") == group }) {
          description = "-job\(probe.job)"
        } else {
          description = "-other"
        }
      } else if let probe = run.probes.first(where: { $0.pid == target }) {
        description = "job\(probe.job).\(probe.index)"
      } else {
        description = "other"
      }
      out.append("\(signal) \(description)")
    }
    return out
  }

  static func recordingJSON(_ runs: [RunRecord]) -> JSONValue {
    .object([
      (
        "runs",
        .array(
          runs.map { run in
            var pairs: [(String, JSONValue)] = [
              ("durationMs", .int(Int(run.durationMilliseconds))),
              ("shellPid", .int(Int(run.shellPid))),
              ("recorderPid", .int(Int(run.recorderPid))),
              ("shellExitStatus", .optional(run.shellExitStatus)),
              ("shellKilledBy", .optional(run.shellKilledBy.flatMap { Signal.parse(String($0))?.description })),
              (
                "probes",
                .array(
                  run.probes.map { p in
                    .object(
                      [
                        ("job", .int(p.job)), ("process", .int(p.index)), ("pid", .int(Int(p.pid))),
                        ("name", .string(p.name)),
                        ("start", .string(p.startFacts.joined(separator: " "))),
                        (
                          "signals",
                          .strings(
                            p.signals.map {
                              "\(Signal.parse(String($0.signo))?.description ?? String($0.signo)) code=\($0.code) pid=\($0.sender)"
                            })
                        ),
                        ("reads", .strings(p.reads)),
                      ] + (p.writes.isEmpty ? [] : [("writes", JSONValue.strings(p.writes))]) + [
                        ("fate", .string(describe(p.fate)))
                      ] + (p.detached.map { [("detached", detachmentJSON($0))] } ?? []))
                  })
              ),
            ]
            if let start = run.shellStart { pairs.append(("shellStart", .string(start))) }
            if let running = run.sshStillRunning { pairs.append(("sshReturned", .bool(!running))) }
            pairs += [
              ("typed", .strings(run.typed)),
              ("transcript", .string(run.transcript)),
            ]
            if !run.shellKills.isEmpty { pairs.append(("strace", .strings(run.shellKills))) }
            if !run.problems.isEmpty { pairs.append(("problems", .strings(run.problems))) }
            pairs.append(("psBefore", .strings(run.tableBefore.map(row))))
            pairs.append(("psAfter", .strings(run.tableAfter.map(row))))
            return .object(pairs)
          })
      )
    ])
  }

  /// How a probe detached itself: the form, the pid it started as (`from`), the double
  /// fork's first child (`via`), ppid/pgid/sid/tpgid right after the calls (`after`), the
  /// calls' result, and how the processes that exited on the way ended.
  static func detachmentJSON(_ d: Detachment) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("form", .string(d.form)), ("from", .int(Int(d.from)))]
    if let via = d.via { pairs.append(("via", .int(Int(via)))) }
    pairs.append(("after", .string(d.facts.joined(separator: " "))))
    pairs.append(("stdio", .string(d.stdioBefore + " → " + d.stdioAfter)))
    pairs.append(("result", .string(d.result)))
    if let fate = d.fromFate { pairs.append(("fromFate", .string(describe(fate)))) }
    if let fate = d.viaFate { pairs.append(("viaFate", .string(describe(fate)))) }
    return .object(pairs)
  }

  static func row(_ r: ProcessRow) -> String {
    "\(r.pid) \(r.ppid) \(r.pgid) \(r.sid) \(r.tpgid) \(r.stat) \(r.command)"
  }

  public static func describe(_ fate: ObservedFate) -> String {
    switch fate {
    case .alive(let parent): return "alive, parent \(parent)"
    case .exited(let status): return "exited \(status)"
    case .killed(let signo): return "killed by \(Signal.parse(String(signo))?.description ?? String(signo))"
    case .unknown: return "ended, status unknown"
    }
  }
}

extension Substring {
  func trimmingCharacters() -> String {
    var s = self
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
