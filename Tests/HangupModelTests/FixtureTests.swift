import Foundation
import HangupModel
import HangupTraces
import Testing

/// Every fixture — the seeds' experiments and claims and the recorded corpus — is held
/// against the model. A disagreement passes only if the fixture declares exactly it.
@Suite("Fixtures")
struct FixtureTests {
  static let files: [String] = {
    let root = TestSupport.fixtures
    let all = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return all.filter { $0.hasSuffix(".json") }.sorted()
  }()

  @Test("The fixture folders hold the seed transcriptions and the recorded corpus")
  func inventory() {
    #expect(FixtureTests.files.filter { $0.hasPrefix("seeds/") }.count >= 70)
  }

  @Test("Each fixture agrees with the model, or disagrees exactly as it declares", arguments: FixtureTests.files)
  func fixture(file: String) throws {
    let path = TestSupport.fixtures + "/" + file
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let trace = try Trace.fromJSON(text, path: file)
    let result = TraceChecker.check(trace)
    #expect(result.simulationError == nil, "\(result.simulationError ?? "")")
    for r in result.results {
      switch r.status {
      case .agrees: break
      case .declared:
        // Exactly the declared divergence: the model gives what the fixture says it gives,
        // and that differs from the observation.
        #expect(r.divergence?.model == r.model)
        #expect(r.observed != r.model)
      case .disagrees:
        Issue.record(
          Comment(
            rawValue: "\(file) expect[\(r.index)] \(r.expectation.what.rawValue): real \(r.observed), model \(r.model)")
        )
      case .staleDeclaration:
        Issue.record("\(file) expect[\(r.index)] declares a divergence, but the model now agrees (\(r.model))")
      }
    }
    if trace.kind == .observation && trace.source.contains(where: { $0.0 == "recorder" }) {
      #expect(trace.recording != nil, "recorded traces keep their raw runs")
    }
  }

  /// Issue 14's "recorded traces agree for every form": the daemons corpus covers every
  /// form, and each recording followed the detached process (its probe record says how it
  /// detached, and the forms that fork name the pid the job's process started as).
  @Test("The daemons corpus records every way a program detaches itself, and follows the detached process")
  func daemonsCorpus() throws {
    let files = FixtureTests.files.filter { $0.hasPrefix("recorded/bash-5.2-daemons/") }
    var forms: Set<DaemonForm> = []
    for file in files {
      let text = try String(contentsOfFile: TestSupport.fixtures + "/" + file, encoding: .utf8)
      let trace = try Trace.fromJSON(text, path: file)
      let detaching = trace.scenario.jobs.flatMap { [$0.program] + $0.extraProcesses.map(\.program) }.compactMap(
        \.daemonizes)
      #expect(!detaching.isEmpty, "\(file): no program of the scenario detaches itself")
      forms.formUnion(detaching)
      #expect(
        trace.expectations.filter { $0.what == .detached }.count == detaching.count,
        "\(file): every detaching process has a `detached` expectation")
      for run in trace.recording?["runs"]?.arrayValue ?? [] {
        let records = (run["probes"]?.arrayValue ?? []).compactMap { $0["detached"] }
        #expect(records.count == detaching.count, "\(file): a run did not follow every detaching process")
        for record in records where record["form"]?.stringValue.flatMap(DaemonForm.init(rawValue:))?.parentExits == true
        {
          // "ended, status unknown": the shell reaped it before the recorder could open a
          // pidfd on it (13 of 312 runs); never alive, never killed.
          #expect(
            ["exited 0", "ended, status unknown"].contains(record["fromFate"]?.stringValue ?? ""),
            "\(file): the process the shell started did not exit at once")
        }
      }
    }
    #expect(forms == Set(DaemonForm.allCases))
  }

  /// Seed 002's tables, on NetBSD 1.6 and CentOS 5: three tables (exit with huponexit on,
  /// off, SIGHUP), four rows each (running or stopped, with or without J_NOHUP).
  static let seed002Cells: [String] = ["netbsd", "centos"].flatMap { system in
    ["exit-huponexit-on", "exit-huponexit-off", "sighup"].flatMap { table in
      ["running", "running-nohup-flag", "stopped", "stopped-nohup-flag"].map { row in
        "seeds/seed002-\(system)-table-\(table)-\(row).json"
      }
    }
  }

  @Test("Seed 002: the fixtures hold every cell of the NetBSD and CentOS tables and no other")
  func seed002Inventory() {
    #expect(
      Set(FixtureTests.files.filter { $0.contains("seed002-") && $0.contains("-table-") })
        == Set(FixtureTests.seed002Cells))
  }

  @Test(
    "Seed 002: each cell, as the article prints it, comes out of the simulator", arguments: FixtureTests.seed002Cells)
  func seed002Cell(file: String) throws {
    let text = try String(contentsOfFile: TestSupport.fixtures + "/" + file, encoding: .utf8)
    let trace = try Trace.fromJSON(text, path: file)
    // "| STOP状態 + J_NOHUP有 | - | o | o |  (columns SIGHUP | SIGCONT | SIGTERM; …)"
    let quote = try #require(trace.source.first { $0.0 == "quote" }?.1)
    #expect(quote.contains("(columns SIGHUP | SIGCONT | SIGTERM"))
    let row = (quote.split(separator: "(columns").first ?? "").split(separator: "|")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    try #require(row.count == 4, "\(quote)")
    let job = try #require(trace.scenario.jobs.first)
    #expect(
      row[0].hasPrefix(job.state == .stopped ? "STOP" : "RUNNING"),
      "the row is \(row[0]), the scenario's job \(job.state)")
    #expect(
      row[0].hasSuffix(job.launch == .disownH ? "J_NOHUP有" : "J_NOHUP無"),
      "the row is \(row[0]), the scenario's launch \(job.launch)")
    let sent = Set(try Simulator.run(trace.scenario).sentByShell(job: 1).map(\.signal))
    #expect(Array(row.dropFirst()) == [Signal.hup, .cont, .term].map { sent.contains($0) ? "o" : "-" })
  }

  @Test("The checker really fails on a wrong observation")
  func checkerCanFail() throws {
    var e = Expectation(.fate)
    e.survives = true
    let trace = Trace(
      id: "synthetic", title: "", kind: .claim, source: [], system: [],
      scenario: Scenario(jobs: [JobSpec(state: .stopped)], end: .exit), expectations: [e])
    let result = TraceChecker.check(trace)
    #expect(!result.passed)
    #expect(result.results[0].model == "does not survive")
    var declared = trace
    declared.divergences = [Divergence(expectation: 0, model: "survives", reason: "wrong on purpose")]
    #expect(!TraceChecker.check(declared).passed, "a declaration must match the model's answer exactly")
  }
}
