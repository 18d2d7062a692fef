import HangupJSON
import HangupModel

/// A numbered narrative of one simulation: who sends what to whom and why, what the
/// receiver does with it, the verdict, the reasons, and what the user would see.
public struct Explanation: Sendable {
  public struct Step: Sendable {
    public var number: Int
    public var phase: Phase
    public var text: String
    public var rule: RuleID
    public var source: String
  }

  public var language: Language
  public var scenario: [String]
  public var steps: [Step]
  public var verdicts: [String]
  public var insights: [String]
  public var messages: [String]
  public var tableBefore: [ProcessRow]
  public var tableAfter: [ProcessRow]

  public init(_ outcome: Outcome, language lang: Language) {
    language = lang
    scenario = lang.summary(outcome.scenario)
    steps = []
    for event in outcome.events {
      guard let text = Explanation.sentence(for: event, in: outcome, lang) else { continue }
      steps.append(Step(number: steps.count + 1, phase: event.phase, text: text, rule: event.rule, source: event.source))
    }
    verdicts = outcome.jobs.map { Explanation.verdict($0, lang) }
    if !outcome.sessionEnded { verdicts.append(lang.t("The shell did not exit: the session goes on.")) }
    insights = Explanation.insights(outcome, lang)
    messages = outcome.messages
    tableBefore = outcome.tableBefore
    tableAfter = outcome.tableAfter
  }

  // MARK: - Sentences

  static func name(_ target: Target, in outcome: Outcome, _ lang: Language) -> String {
    if target.pid == outcome.shellPid { return "bash (pid \(target.pid))" }
    if let job = target.job {
      let index = outcome.jobs.indices.contains(job - 1) ? outcome.jobs[job - 1].processes.first(where: { $0.pid == target.pid })?.index : nil
      let base = (index ?? 0) > 0 ? lang.format("job {n} process {i}", ["n": String(job), "i": String(index!)])
        : lang.format("job {n}", ["n": String(job)])
      return base + " (pid \(target.pid))"
    }
    return target.label + " (pid \(target.pid))"
  }

  static func senderName(_ actor: Actor, _ lang: Language) -> String {
    guard lang == .en else { return lang.actor(actor) }
    switch actor {
    case .kernel: return "The kernel"
    case .terminal: return "The terminal"
    case .shell: return "bash"
    case .user: return "Someone"
    }
  }

  /// One sentence for an event, or nil for bookkeeping the narrative leaves out.
  static func sentence(for e: Event, in outcome: Outcome, _ lang: Language) -> String? {
    let en = lang == .en
    switch e.kind {
    case .signal:
      guard let signal = e.signal, let target = e.target, let effect = e.effect else { return nil }
      let who = name(target, in: outcome, lang)
      if effect == .noSuchProcess {
        return lang.format("{sender} sends {signal} to {target}: no such process.",
                           ["sender": senderName(e.from, lang), "signal": signal.description, "target": target.label])
      }
      let template = target.viaGroup
        ? "{sender} sends {signal} to {target} (via its process group {pgid}): {effect}."
        : "{sender} sends {signal} to {target}: {effect}."
      var text = lang.format(template, ["sender": senderName(e.from, lang), "signal": signal.description, "target": who,
                                        "pgid": String(target.pgid), "effect": lang.effect(effect)])
      if en { text += " (" + e.detail.split(separator: " — ").first.map(String.init)! + ")" }
      return text
    case .delivery:
      guard let signal = e.signal, let target = e.target, let effect = e.effect else { return nil }
      return lang.format("{target} takes the pending {signal}: {effect}.",
                         ["target": name(target, in: outcome, lang), "signal": signal.description, "effect": lang.effect(effect)])
    case .note:
      return noteSentence(e, outcome, lang)
    }
  }

  static func noteSentence(_ e: Event, _ outcome: Outcome, _ lang: Language) -> String? {
    let who = e.target.map { name($0, in: outcome, lang) } ?? ""
    switch e.rule {
    case .userTypes:
      guard let command = backticked(e.detail) else { return nil }
      return lang.format("You type `{command}`.", ["command": command])
    case .userControlKey:
      guard let key = e.detail.split(separator: " ").last else { return nil }
      return lang.format("You press {key}.", ["key": String(key)])
    case .userClosesTerminal:
      return lang.t("The terminal window closes or the SSH connection drops: the pty master's last descriptor closes.")
    case .userKillsShell:
      return lang.t("Someone runs `kill -HUP` on the shell; the terminal stays open.")
    case .userKill:
      guard let command = backticked(e.detail) else { return nil }
      let words = command.split(separator: " ")
      return lang.format("Someone runs `kill -{signal} {pid}` from another terminal.",
                         ["signal": String(words[1].dropFirst()), "pid": String(words.last ?? "")])
    case .kernExit:
      guard let target = e.target else { return nil }
      let fate = outcome.jobs.flatMap(\.processes).first(where: { $0.pid == target.pid })?.fate
        ?? (target.pid == outcome.shellPid ? outcome.shellFate : nil)
      if let fate, !fate.isAlive {
        return lang.format("{target} ends: {fate}.", ["target": who, "fate": lang.outcome(fate)])
      }
      return lang.format("{target} exits.", ["target": who])
    case .kernReparent:
      guard let parent = e.detail.split(separator: " ").last?.dropLast() else { return nil }
      let parentName = e.detail.contains("re-parented to init") ? "init"
        : (e.detail.contains("subreaper") ? lang.t("subreaper") : String(parent))
      return lang.format("{target} is re-parented to {parent}.", ["target": who, "parent": parentName])
    case .bashJobStart where lang != .en && e.detail.hasPrefix("bash forks pid ") && e.detail.contains(" in its own process group "):
      return lang.format("bash forks {target} and puts it in its own process group.", ["target": who])
    case .bashJobStart where lang != .en && e.detail.contains("the foreground group of"):
      let pgid = e.detail.split(separator: " ").first(where: { Int($0) != nil }).map(String.init) ?? "?"
      return lang.format("Process group {pgid} becomes the terminal's foreground group: the job may read the terminal and gets ^C and ^Z.",
                         ["pgid": pgid])
    case .bashGiveTerminalBack where lang != .en && e.detail.hasPrefix("bash makes its own group"):
      return lang.t("bash makes its own process group the terminal's foreground group again.")
    case .bashGiveTerminalBack where lang != .en && e.detail.hasPrefix("end_job_control: bash's terminal_pgrp"):
      let pgid = e.detail.split(separator: " ").reversed().first(where: { Int($0) != nil }).map(String.init) ?? "?"
      return lang.format(
        "end_job_control: bash's own record says it still has the terminal (the job's process took it), so it does not take it back; process group {pgid} keeps the terminal.",
        ["pgid": pgid])
    case .bashJobStopped where lang != .en && e.detail.hasPrefix("bash sees job"):
      return lang.format("bash notices that {target} has stopped and records the job as stopped.", ["target": who])
    case .kernOrphanedGroup:
      return lang.format("Process group {pgid} is now orphaned, but none of its members is stopped: the kernel sends nothing.",
                         ["pgid": String(e.target?.pgid ?? 0)])
    case .ttyMasterClosedAfterExit:
      if e.detail.hasPrefix("the shell is gone") { return lang.t("The shell is gone, so the terminal owner closes the pty master.") }
      return lang.t("The terminal hangs up with no session attached: nobody is signalled, and open descriptors now read end of file and write EIO.")
    default:
      if e.from == .shell, e.detail.hasPrefix("bash prints \"") {
        let line = String(e.detail.dropFirst("bash prints \"".count).dropLast())
        return lang.format("bash prints \"{line}\".", ["line": line])
      }
      if lang == .en { return e.detail + "." }
      let title = lang.t(RuleCatalog.rule(e.rule).title)
      return who.isEmpty ? lang.format("{title}.", ["title": title]) : lang.format("{title}: {target}.", ["title": title, "target": who])
    }
  }

  static func backticked(_ text: String) -> String? {
    guard let open = text.firstIndex(of: "`"), let close = text.lastIndex(of: "`"), open < close else { return nil }
    return String(text[text.index(after: open)..<close])
  }

  static func verdict(_ job: JobOutcome, _ lang: Language) -> String {
    let main = job.main
    let label = lang.format("job {n}", ["n": String(job.job)])
    var text: String
    switch main.fate {
    case .alive:
      let parent = main.finalParentName == "subreaper" ? lang.t("subreaper") : main.finalParentName
      text = lang.format("Verdict: {job} (`{command}`) survives; its parent is now {parent}.",
                         ["job": label, "command": job.commandLine, "parent": parent])
      if !main.hazardKinds.isEmpty {
        text += lang.separator + lang.format("It still faces: {hazards}.",
                                             ["hazards": main.hazardKinds.map(lang.hazard).joined(separator: lang == .en ? "; " : "、")])
      }
    case .killed(let signal):
      text = lang.format("Verdict: {job} (`{command}`) is killed by {signal}.",
                         ["job": label, "command": job.commandLine, "signal": signal.description])
    case .exited(let status):
      text = lang.format("Verdict: {job} (`{command}`) exits with status {status}.",
                         ["job": label, "command": job.commandLine, "status": String(status)])
    }
    return text
  }

  /// The reasons a person would want spelled out, recognised from the outcome.
  static func insights(_ outcome: Outcome, _ lang: Language) -> [String] {
    var out: [String] = []
    let s = outcome.scenario
    for job in outcome.jobs {
      let spec = job.spec
      let main = job.main
      let endSignals = main.delivered.filter { $0.phase == .end }
      if spec.launch == .nohup && spec.state != .running && main.killedBy == .term {
        out.append("nohup only makes the job ignore SIGHUP. The job was stopped when bash left, so terminate_stopped_jobs sent it SIGTERM and then SIGCONT, and SIGTERM still has its default action: nohup cannot help a stopped job.")
      }
      if spec.launch == .disown && spec.state != .running && endSignals.contains(where: { $0.rule == .kernOrphanedGroup }) {
        out.append("The job was stopped and no longer in bash's job table, so bash sent it nothing; but when bash exited, the job's process group became orphaned with a stopped member, so the kernel sent it SIGHUP and then SIGCONT (kill_orphaned_pgrp). Resume it with `bg` before `disown`.")
      }
      if spec.launch == .disownH && spec.state != .running && endSignals.contains(where: { $0.rule == .bashTerminateStopped }) {
        out.append("disown -h only stops bash's SIGHUP; terminate_stopped_jobs still sends a stopped job SIGTERM and SIGCONT.")
      }
      if (s.end == .hangup || s.end == .killHup) && endSignals.contains(where: { $0.rule == .bashHangupAllJobs && $0.signal == .hup }) {
        out.append("Closing the terminal is not like `exit`: the kernel sends SIGHUP to bash, and bash's SIGHUP handler re-sends SIGHUP to every job in its table (hangup_all_jobs), background ones included, with no huponexit needed. `exit` sends SIGHUP only with huponexit in a login shell.")
      }
      if s.end.isTypedAtPrompt && outcome.sessionEnded && spec.state == .running && spec.placement == .background
        && [.plain, .nohup].contains(spec.launch) && main.survives && !(s.huponexit && s.login)
      {
        out.append("`exit` leaves a running background job alone: exit_shell sends SIGHUP only with huponexit in a login shell, and the kernel's SIGHUP at the shell's exit goes to the foreground group, which is the shell's own.")
      }
      if endSignals.contains(where: { $0.rule == .ttyLeaderExitOldGroup }) {
        out.append("The job was in the foreground when the terminal hung up, so when bash died the kernel sent its group SIGHUP and SIGCONT as well (disassociate_ctty, tty_old_pgrp).")
      }
      if spec.launch == .setsid {
        out.append("setsid put the job in its own session without a controlling terminal: neither bash nor the terminal signals it, but its stdin and stdout still point at the old terminal.")
      }
    }
    if s.huponexit && !s.login && s.end.isTypedAtPrompt {
      out.append("huponexit applies only to login shells: this non-login shell's exit_shell sends no SIGHUP.")
    }
    var unique: [String] = []
    for item in out where !unique.contains(item) { unique.append(item) }
    return unique.map(lang.t)
  }

  // MARK: - Rendering

  public func text() -> String {
    let lang = language
    var out = lang.t("Scenario") + "\n" + scenario.map { "  " + $0 }.joined(separator: "\n") + "\n\n"
    out += lang.t("What happens") + "\n"
    for step in steps {
      out += TableRender.wrap("\(step.number). \(step.text)", width: 100, indent: "  ") + "\n"
      out += "     [\(step.rule) — \(step.source.isEmpty ? RuleCatalog.rule(step.rule).title : step.source)]\n"
    }
    out += "\n" + lang.t("Verdict") + "\n"
    for verdict in verdicts { out += TableRender.wrap(verdict, width: 100, indent: "  ") + "\n" }
    if !insights.isEmpty {
      out += "\n" + lang.t("Why") + "\n"
      for insight in insights { out += TableRender.wrap(insight, width: 100, indent: "  ") + "\n" }
    }
    out += "\n" + lang.t("What you would see") + "\n"
    if messages.isEmpty {
      out += "  " + lang.t("bash prints nothing about it.") + "\n"
    } else {
      out += "  " + lang.t("bash prints:") + "\n" + messages.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
    out += "  " + lang.t("Processes before the end") + "\n" + TextReport.processTable(tableBefore).render(indent: "    ") + "\n"
    out += "  " + lang.t("Processes after") + "\n"
      + (tableAfter.isEmpty ? "    -" : TextReport.processTable(tableAfter).render(indent: "    ")) + "\n"
    return out
  }

  public func markdown() -> String {
    let lang = language
    var out = "## " + lang.t("Scenario") + "\n\n" + scenario.map { "- " + $0 }.joined(separator: "\n") + "\n\n"
    out += "## " + lang.t("What happens") + "\n\n"
    for step in steps {
      out += "\(step.number). \(step.text)  \n   `\(step.rule)` — \(step.source.isEmpty ? RuleCatalog.rule(step.rule).title : step.source)\n"
    }
    out += "\n## " + lang.t("Verdict") + "\n\n" + verdicts.map { "- " + $0 }.joined(separator: "\n") + "\n"
    if !insights.isEmpty { out += "\n## " + lang.t("Why") + "\n\n" + insights.map { "- " + $0 }.joined(separator: "\n") + "\n" }
    out += "\n## " + lang.t("What you would see") + "\n\n```\n" + messages.joined(separator: "\n") + "\n```\n\n```\n"
      + TextReport.processTable(tableBefore).render() + "\n```\n\n```\n"
      + (tableAfter.isEmpty ? "-" : TextReport.processTable(tableAfter).render()) + "\n```\n"
    return out
  }

  public func json() -> JSONValue {
    .object([
      ("language", .string(language.rawValue)),
      ("scenario", .strings(scenario)),
      ("steps", .array(steps.map { step in
        .object([("n", .int(step.number)), ("phase", .string(step.phase.rawValue)), ("text", .string(step.text)),
                 ("rule", .string(step.rule.rawValue)), ("source", .string(step.source))])
      })),
      ("verdicts", .strings(verdicts)),
      ("why", .strings(insights)),
      ("messages", .strings(messages)),
      ("processTable", .object([("before", .array(tableBefore.map(OutcomeJSON.row))),
                                ("after", .array(tableAfter.map(OutcomeJSON.row)))])),
    ])
  }
}
