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

  /// MODEL DISAGREES — recordings made through the real session hosts (issue 10) that the
  /// model does not match yet, left for the lead to decide. Each entry is one expectation
  /// of one trace and the model's exact answer today; it is reported as a known issue, not
  /// a pass. The traces are observations and are not edited: fix the model, then delete
  /// the entry (an entry the model no longer matches, or that now agrees, fails).
  ///
  /// - A writer that catches SIGPIPE: the real handler runs (delivered on the way back from
  ///   write(2)) before the program sees EPIPE and exits 1; the model exits it with the
  ///   SIGPIPE still queued.
  /// - `setsid ./job &` without job control: util-linux setsid forks only when it leads
  ///   its process group; in the shell's group it calls setsid() and execs in place, so the
  ///   program stays the shell's child (ps in the traces); the model forks and re-parents.
  /// - xterm 379 keeps its window and the pty master open after the shell exits while a
  ///   background job still holds the terminal (seen 10 of 10 runs, xterm still running at
  ///   the end): the writer's writes succeed; the model closes the master at the exit.
  static let knownModelDisagreements: [String: String] = [
    "recorded/bash-5.2-ssh-no-pty/bash-5.2-ssh-no-pty-bg-nohup-catch-writes-hangup.json expect[0]": "none",
    "recorded/bash-5.2-ssh-no-pty/bash-5.2-ssh-no-pty-bg-plain-catch-writes-hangup.json expect[0]": "none",
    "recorded/bash-5.2-ssh-no-pty/bash-5.2-ssh-no-pty-bg-setsid-catch-writes-hangup.json expect[0]": "none",
    "recorded/bash-5.2-ssh-no-pty/bash-5.2-ssh-no-pty-bg-subshell-catch-writes-hangup.json expect[0]": "none",
    "recorded/bash-5.2-ssh-no-pty/bash-5.2-ssh-no-pty-bg-setsid-catch-hangup.json expect[2]": "parent subreaper",
    "recorded/bash-5.2-ssh-no-pty/bash-5.2-ssh-no-pty-bg-setsid-dfl-hangup.json expect[1]": "parent subreaper",
    "recorded/bash-5.2-ssh-no-pty/bash-5.2-ssh-no-pty-bg-setsid-dfl-writes-outfile-hangup.json expect[1]": "parent subreaper",
    "recorded/bash-5.2-ssh-no-pty/bash-5.2-ssh-no-pty-bg-setsid-dfl-writes-outnull-hangup.json expect[1]": "parent subreaper",
    "recorded/bash-5.2-terminal/bash-5.2-terminal-login-nohuponexit-bg-plain-dfl-writes-exit.json expect[0]": "does not survive",
  ]

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
        let message = "\(file) expect[\(r.index)] \(r.expectation.what.rawValue): real \(r.observed), model \(r.model)"
        if FixtureTests.knownModelDisagreements["\(file) expect[\(r.index)]"] == r.model {
          withKnownIssue("MODEL DISAGREES (known, issue 10 recordings; see knownModelDisagreements)") { Issue.record(Comment(rawValue: message)) }
        } else {
          Issue.record(Comment(rawValue: message))
        }
      case .staleDeclaration:
        Issue.record("\(file) expect[\(r.index)] declares a divergence, but the model now agrees (\(r.model))")
      }
    }
    for (key, model) in FixtureTests.knownModelDisagreements where key.hasPrefix(file + " expect[") {
      let stillDisagrees = result.results.contains { r in
        r.status == .disagrees && "\(file) expect[\(r.index)]" == key && r.model == model
      }
      #expect(stillDisagrees, "\(key) is listed as a known model disagreement (model: \(model)), but the model now answers otherwise: delete the entry")
    }
    if trace.kind == .observation && trace.source.contains(where: { $0.0 == "recorder" }) {
      #expect(trace.recording != nil, "recorded traces keep their raw runs")
    }
  }

  @Test("Seed 002: every cell of the NetBSD and CentOS tables comes out of the simulator")
  func seed002Cells() throws {
    let cells = FixtureTests.files.filter { $0.contains("seed002") && $0.contains("-table-") }
    #expect(cells.count == 24)
  }

  @Test("The checker really fails on a wrong observation")
  func checkerCanFail() throws {
    var e = Expectation(.fate)
    e.survives = true
    let trace = Trace(id: "synthetic", title: "", kind: .claim, source: [], system: [],
                      scenario: Scenario(jobs: [JobSpec(state: .stopped)], end: .exit), expectations: [e])
    let result = TraceChecker.check(trace)
    #expect(!result.passed)
    #expect(result.results[0].model == "does not survive")
    var declared = trace
    declared.divergences = [Divergence(expectation: 0, model: "survives", reason: "wrong on purpose")]
    #expect(!TraceChecker.check(declared).passed, "a declaration must match the model's answer exactly")
  }
}
