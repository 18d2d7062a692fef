import HangupJSON
import HangupModel
import HangupRecorder
import HangupTraces

/// What `hupsim record` prints: each run (the shell's end, each probe's fate and the signals
/// it handled, the shell's key messages, the recorder's problems), then the model's verdict.
public enum RecordReport {
  public static func text(_ trace: Trace, runs: [RunRecord], result: TraceResult, out: String?) -> String {
    var lines: [String] = []
    lines.append("recorded \(trace.id): \(runs.count) run\(runs.count == 1 ? "" : "s")")
    for (name, value) in trace.system { lines.append("  \(name): \(value)") }
    for (i, run) in runs.enumerated() {
      var shell =
        "shell "
        + (run.shellExitStatus.map { "exited \($0)" } ?? run.shellKilledBy.map {
          "killed by \(Signal.parse(String($0))?.description ?? String($0))"
        } ?? "did not exit")
      shell += ", \(Int(run.durationMilliseconds)) ms"
      lines.append("  run \(i + 1): \(shell)")
      for probe in run.probes {
        let signals = probe.signals.map { s -> String in
          let name = Signal.parse(String(s.signo))?.description ?? String(s.signo)
          let who = s.code == 128 ? "kernel" : (s.sender == run.shellPid ? "shell" : "pid \(s.sender)")
          return "\(name) from \(who)"
        }
        lines.append(
          "    job \(probe.job) process \(probe.index) (pid \(probe.pid)): \(TraceBuilder.describe(probe.fate))"
            + (signals.isEmpty ? "" : "; handled: " + signals.joined(separator: ", ")))
        if let d = probe.detached {
          let started = d.from == probe.pid ? "in place" : "from pid \(d.from)" + (d.via.map { " via pid \($0)" } ?? "")
          let facts =
            d.facts.count == 4 ? "; then parent \(d.facts[0]), group \(d.facts[1]), session \(d.facts[2])" : ""
          lines.append(
            "      detached itself (\(d.form)) \(started): \(d.result == "ERR 1" ? "EPERM" : d.result)\(facts)")
        }
      }
      let messages = TraceBuilder.keyMessagesPrinted(
        in: run.transcript, typed: run.typed,
        keyMessages: trace.scenario.shell.shellFamily.recording.keyMessages)
      if !messages.isEmpty {
        lines.append("    shell printed: " + messages.map { "\"\($0)\"" }.joined(separator: ", "))
      }
      for problem in run.problems { lines.append("    problem: \(problem)") }
    }
    lines.append("")
    lines.append(result.passed ? "The model agrees with the recording." : "The model DISAGREES with the recording:")
    for r in result.results where r.status != .agrees {
      lines.append("  \(r.expectation.what.rawValue) job \(r.expectation.job): real \(r.observed); model \(r.model)")
    }
    if let out { lines.append("trace written to \(out)") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The trace and the model's verdict on it, as one JSON document.
  public static func json(_ trace: Trace, result: TraceResult) -> String {
    let doc = JSONValue.object([
      ("trace", trace.toJSON()),
      ("model", VerifyReport.json(result)),
    ])
    return doc.rendered() + "\n"
  }
}
