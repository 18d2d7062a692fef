import HangupJSON
import HangupModel
import HangupTraces

/// The conformance table and the disagreements, side by side.
public struct VerifyReport {
  public var results: [TraceResult]

  public init(results: [TraceResult]) { self.results = results }

  public var passed: Bool { results.allSatisfy(\.passed) }

  /// The table by shell, system, end, state and launch, then each undeclared disagreement
  /// (and with `verbose`, each declared divergence), then the totals.
  public func render(verbose: Bool) -> String {
    var out = "Conformance of the model to \(results.count) trace\(results.count == 1 ? "" : "s")\n\n"
    var groups: [(String, [TraceResult])] = []
    for result in results {
      let s = result.trace.scenario
      let job = s.jobs[0]
      let key =
        "\(s.shell.id) · \(s.os.id.rawValue) · \(s.end.rawValue) · \(job.state.rawValue)\(job.placement == .foreground ? " fg" : "") · \(job.launch.rawValue)"
      if let i = groups.firstIndex(where: { $0.0 == key }) {
        groups[i].1.append(result)
      } else {
        groups.append((key, [result]))
      }
    }
    groups.sort { $0.0 < $1.0 }
    var table = TextTable(
      header: ["shell · os · end · state · launch", "traces", "agree", "declared", "disagree"],
      rightAligned: [1, 2, 3, 4])
    for (key, rs) in groups {
      let agree = rs.filter { $0.passed && $0.declaredCount == 0 }.count
      let declared = rs.filter { $0.passed && $0.declaredCount > 0 }.count
      table.rows.append([key, String(rs.count), String(agree), String(declared), String(rs.count - agree - declared)])
    }
    out += table.render(indent: "  ") + "\n"
    let failing = results.filter { !$0.passed }
    let declared = results.filter { $0.passed && $0.declaredCount > 0 }
    if !failing.isEmpty {
      out += "\nDisagreements not declared by the trace\n"
      for r in failing { out += describe(r) }
    }
    if verbose && !declared.isEmpty {
      out += "\nDeclared divergences\n"
      for r in declared { out += describe(r) }
    }
    let total = results.count
    out +=
      "\n\(total - failing.count) of \(total) \(total == 1 ? "trace passes" : "traces pass") (\(declared.count) with declared divergences); \(failing.count) fail\(failing.count == 1 ? "s" : "").\n"
    return out
  }

  /// One trace's result: passed, a simulation error, and each expectation's verdict.
  public static func json(_ r: TraceResult) -> JSONValue {
    .object([
      ("passed", .bool(r.passed)),
      ("simulationError", .optional(r.simulationError)),
      (
        "results",
        .array(
          r.results.map { e in
            .object([
              ("expectation", .int(e.index)), ("what", .string(e.expectation.what.rawValue)),
              ("job", .int(e.expectation.job)),
              ("real", .string(e.observed)), ("model", .string(e.model)), ("status", .string(e.status.rawValue)),
            ])
          })
      ),
    ])
  }

  func describe(_ r: TraceResult) -> String {
    var out = "  \(r.trace.id)  (\(r.trace.path))\n"
    if let error = r.simulationError { return out + "    cannot simulate: \(error)\n" }
    for e in r.results where e.status != .agrees {
      out += "    expect[\(e.index)] \(e.expectation.what.rawValue) job \(e.expectation.job): \(e.status.rawValue)\n"
      out += "      real : \(e.observed)\n"
      out += "      model: \(e.model)\n"
      if let d = e.divergence {
        if e.status == .disagrees { out += "      declared model: \(d.model)\n" }
        out += "      reason: \(d.reason)\n"
      }
    }
    return out
  }
}
