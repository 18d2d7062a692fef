import HangupJSON
import HangupModel

/// Presents ``Advisor`` results: each remedy, verified, smallest first, with what it
/// still leaves exposed.
public enum AdviceReport {
  static let outsideModel =
    "On your own machine: `busctl get-property org.freedesktop.login1 /org/freedesktop/login1 org.freedesktop.login1.Manager KillUserProcesses` says whether logind kills the session's scope at logout (simulate it with --logind kill-user-processes), `loginctl show-user $USER -p Linger` whether your user units outlive your sessions (--linger), and the journal of systemd-logind shows \"Session N logged out. Waiting for processes to exit.\" when it only abandons the scope."

  /// What the user does in the changed scenario, step by step, for "how".
  static func how(_ remedy: Remedy, _ lang: Language) -> String {
    var parts: [String] = []
    if remedy.scenario.huponexit { parts.append("shopt -s huponexit") }
    if remedy.scenario.linger { parts.append("loginctl enable-linger") }
    if !remedy.scenario.jobControl { parts.append("set +m") }
    for (i, job) in remedy.scenario.jobs.enumerated() {
      let escape = job.escapesCI ? (remedy.scenario.ci?.escapeHatch).map { $0 + " " } ?? "" : ""
      parts.append(escape + (job.state == .stopped ? job.commandLine + " ^Z" : job.commandLine))
      if job.launch == .disown { parts.append("disown %\(i + 1)") }
      if job.launch == .disownH { parts.append("disown -h %\(i + 1)") }
    }
    for action in remedy.scenario.actions {
      switch action {
      case .bg(let j): parts.append("bg %\(j)")
      case .fg(let j): parts.append("fg %\(j)")
      case .disown(let j, let h): parts.append("disown\(h ? " -h" : "") %\(j)")
      case .jobs: parts.append("jobs")
      default: parts.append(TextReport.describe(action))
      }
    }
    parts.append(lang.endStep(remedy.scenario.end))
    return parts.joined(separator: " → ")
  }

  /// The verdict with its label, since advice shows it without a heading of its own.
  static func verdict(_ job: JobOutcome, _ lang: Language) -> String {
    lang.format("Verdict: {verdict}", ["verdict": Explanation.verdict(job, lang)])
  }

  static func verified(_ remedy: Remedy, _ lang: Language) -> String {
    remedy.outcome.jobs.map { job in
      lang.format("job {n}", ["n": String(job.job)]) + ": " + lang.outcome(job.main.fate)
    }.joined(separator: ", ")
  }

  public static func text(_ advice: Advisor.Advice, lang: Language) -> String {
    var out =
      lang.t("Scenario") + "\n" + lang.summary(advice.original.scenario).map { "  " + $0 }.joined(separator: "\n")
      + "\n"
    for job in advice.original.jobs {
      out += "  " + verdict(job, lang) + "\n"
    }
    out += "\n"
    if advice.remedies.isEmpty && advice.notEnough.isEmpty {
      return out + lang.t("Nothing to fix: every job survives.") + "\n"
    }
    out +=
      lang.t("Remedies") + "  (" + lang.t("Every remedy below was checked by simulating the changed scenario.") + ")\n"
    for (i, remedy) in advice.remedies.enumerated() {
      out += "\n  \(i + 1). \(lang.t(remedy.title))\n"
      out += "     $ " + how(remedy, lang) + "\n"
      out += "     ✓ " + verified(remedy, lang) + "\n"
      if !remedy.stillLeaves.isEmpty {
        out +=
          "     " + lang.t("still leaves") + ": " + remedy.stillLeaves.map(lang.hazard).joined(separator: "; ") + "\n"
      }
    }
    if !advice.notEnough.isEmpty {
      out += "\n" + lang.t("Not enough on their own") + "\n"
      for remedy in advice.notEnough {
        out +=
          "  - " + lang.t(remedy.title) + ": "
          + lang.format("it would still be: {outcome}", ["outcome": verified(remedy, lang)]) + "\n"
      }
    }
    out += "\n" + TableRender.wrap(lang.t(outsideModel), width: 100, indent: "") + "\n"
    return out
  }

  public static func markdown(_ advice: Advisor.Advice, lang: Language) -> String {
    var out =
      "## " + lang.t("Remedies") + "\n\n" + lang.t("Every remedy below was checked by simulating the changed scenario.")
      + "\n\n"
    for job in advice.original.jobs { out += "- " + verdict(job, lang) + "\n" }
    out += "\n"
    for (i, remedy) in advice.remedies.enumerated() {
      out += "\(i + 1). **\(lang.t(remedy.title))** — `\(how(remedy, lang))` — \(verified(remedy, lang))"
      if !remedy.stillLeaves.isEmpty {
        out += "; " + lang.t("still leaves") + ": " + remedy.stillLeaves.map(lang.hazard).joined(separator: "; ")
      }
      out += "\n"
    }
    if !advice.notEnough.isEmpty {
      out += "\n### " + lang.t("Not enough on their own") + "\n\n"
      for remedy in advice.notEnough {
        out +=
          "- " + lang.t(remedy.title) + ": "
          + lang.format("it would still be: {outcome}", ["outcome": verified(remedy, lang)]) + "\n"
      }
    }
    return out + "\n" + lang.t(outsideModel) + "\n"
  }

  public static func json(_ advice: Advisor.Advice, lang: Language) -> JSONValue {
    func remedy(_ r: Remedy, rank: Int?) -> JSONValue {
      .object([
        ("rank", .optional(rank)),
        ("id", .string(r.id)),
        ("title", .string(lang.t(r.title))),
        ("cost", .int(r.cost)),
        ("how", .string(how(r, lang))),
        ("fixes", .bool(r.fixes)),
        ("jobs", .array(r.outcome.jobs.map { OutcomeJSON.job($0, Narrator(r.outcome)) })),
        ("stillLeaves", .strings(r.stillLeaves.map(lang.hazard))),
        ("scenario", r.scenario.toJSON()),
      ])
    }
    return .object([
      ("language", .string(lang.rawValue)),
      ("scenario", advice.original.scenario.toJSON()),
      ("verdicts", .strings(advice.original.jobs.map { verdict($0, lang) })),
      ("remedies", .array(advice.remedies.enumerated().map { remedy($0.element, rank: $0.offset + 1) })),
      ("notEnough", .array(advice.notEnough.map { remedy($0, rank: nil) })),
      ("outsideTheModel", .string(lang.t(outsideModel))),
    ])
  }
}
