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
    /// The kernel rule behind what became of the signal, when it is not the step's own.
    public var effectRule: RuleID?
  }

  public var language: Language
  public var scenario: [String]
  public var steps: [Step]
  public var verdicts: [String]
  public var insights: [String]
  /// The races the scenario meets, one paragraph each.
  public var races: [String]
  public var messages: [String]
  /// The shell's name, for "bash prints:".
  public var shellName: String
  public var tableBefore: [ProcessRow]
  public var tableAfter: [ProcessRow]

  public init(_ outcome: Outcome, language lang: Language) {
    language = lang
    scenario = lang.summary(outcome.scenario)
    steps = []
    let narrator = Narrator(outcome)
    for event in outcome.events {
      guard let text = Explanation.sentence(for: event, narrator, lang) else { continue }
      steps.append(
        Step(
          number: steps.count + 1, phase: event.phase, text: text, rule: event.rule,
          source: narrator.source(event.rule), effectRule: event.effectRule == event.rule ? nil : event.effectRule))
    }
    verdicts = outcome.jobs.map { Explanation.verdict($0, lang) }
    if !outcome.sessionEnded { verdicts.append(lang.t("The shell did not exit: the session goes on.")) }
    insights = Explanation.insights(outcome, lang)
    races = outcome.races.map { Explanation.race($0, lang) }
    messages = outcome.messages
    shellName = outcome.scenario.shell.family
    tableBefore = outcome.tableBefore
    tableAfter = outcome.tableAfter
  }

  // MARK: - Sentences

  static func name(_ pid: Int, _ narrator: Narrator, at seq: Int, _ lang: Language) -> String {
    let outcome = narrator.outcome
    if pid == outcome.shellPid { return "\(outcome.scenario.shell.family) (pid \(pid))" }
    if case .workload(let job, let index)? = outcome.role(of: pid) {
      let base =
        index > 0
        ? lang.format("job {n} process {i}", ["n": String(job), "i": String(index)])
        : lang.format("job {n}", ["n": String(job)])
      return base + " (pid \(pid))"
    }
    if case .launcher(let job)? = outcome.role(of: pid) {
      return lang.format("job {n}", ["n": String(job)]) + " (pid \(pid))"
    }
    return narrator.label(pid, at: seq) + " (pid \(pid))"
  }

  static func senderName(_ actor: Actor, shell: String, _ lang: Language) -> String {
    guard lang == .en else { return actor == .shell ? shell : lang.actor(actor) }
    switch actor {
    case .kernel: return "The kernel"
    case .terminal: return "The terminal"
    case .shell: return shell
    case .user: return "Someone"
    case .host: return "The terminal's owner"
    case .systemd: return "systemd"
    case .ci: return "The CI runner"
    case .wsl: return "WSL"
    }
  }

  /// One sentence for an event, or nil for bookkeeping the narrative leaves out.
  static func sentence(for e: Event, _ narrator: Narrator, _ lang: Language) -> String? {
    let shell = narrator.outcome.scenario.shell.family
    switch e.payload {
    case .signal(let s):
      if s.effect == .noSuchProcess {
        return lang.format(
          "{sender} sends {signal} to {target}: no such process.",
          [
            "sender": senderName(e.from, shell: shell, lang), "signal": s.signal.description,
            "target": narrator.targetLabel(e),
          ])
      }
      let template =
        s.target.viaGroup
        ? "{sender} sends {signal} to {target} (via its process group {pgid}): {effect}."
        : "{sender} sends {signal} to {target}: {effect}."
      var text = lang.format(
        template,
        [
          "sender": senderName(e.from, shell: shell, lang), "signal": s.signal.description,
          "target": name(s.target.pid, narrator, at: e.seq, lang),
          "pgid": String(s.target.pgid), "effect": lang.effect(s.effect),
        ])
      if lang == .en {
        let detail = narrator.detail(e)
        text += " (" + (detail.split(separator: " — ").first.map(String.init) ?? detail) + ")"
      }
      return text
    case .delivery(let d):
      return lang.format(
        "{target} takes the pending {signal}: {effect}.",
        [
          "target": name(d.target.pid, narrator, at: e.seq, lang), "signal": d.signal.description,
          "effect": lang.effect(d.effect),
        ])
    default:
      return noteSentence(e, narrator, lang)
    }
  }

  static func noteSentence(_ e: Event, _ narrator: Narrator, _ lang: Language) -> String? {
    let who = e.target.map { name($0.pid, narrator, at: e.seq, lang) } ?? ""
    let shell = narrator.outcome.scenario.shell.family
    switch e.payload {
    case .user(.typed(let line)):
      return lang.format("You type `{command}`.", ["command": line.text])
    case .user(.cannotType(let end)):
      return lang.format("You type `{command}`.", ["command": end.rawValue])
    case .user(.pressed(let key)):
      return lang.format("You press {key}.", ["key": key.rawValue])
    case .user(.closesTerminal):
      return lang.t("The terminal window closes or the SSH connection drops: the pty master's last descriptor closes.")
    case .user(.killsShell):
      return lang.t("Someone runs `kill -HUP` on the shell; the terminal stays open.")
    case .user(.killsFromOutside(let signal, let pid)):
      return lang.format(
        "Someone runs `kill -{signal} {pid}` from another terminal.", ["signal": signal.name, "pid": String(pid)])
    case .process(.exited(let pid, let fate)):
      // The verdict names how a job's process or the shell ended; a launcher just exits.
      let tracked: Bool
      switch narrator.outcome.role(of: pid) {
      case .workload?, .shell?: tracked = true
      default: tracked = false
      }
      if tracked && !fate.isAlive {
        return lang.format("{target} ends: {fate}.", ["target": who, "fate": lang.outcome(fate)])
      }
      return lang.format("{target} exits.", ["target": who])
    case .process(.reparented(_, let parent)):
      let parentName: String
      switch narrator.outcome.role(of: parent) {
      case .initProcess?: parentName = "init"
      case .subreaper?: parentName = lang.t("subreaper")
      default: parentName = String(parent)
      }
      return lang.format("{target} is re-parented to {parent}.", ["target": who, "parent": parentName])
    case .shell(.forkedJob(_, _, .ownGroup)) where lang != .en:
      return lang.format(
        "{shell} forks {target} and puts it in its own process group.", ["shell": shell, "target": who])
    case .shell(.givesTerminal(let group, false, _)) where lang != .en,
      .shell(.childTakesTerminal(let group)) where lang != .en:
      return lang.format(
        "Process group {pgid} becomes the terminal's foreground group: the job may read the terminal and gets ^C and ^Z.",
        ["pgid": String(group)])
    case .shell(.givesTerminal(_, true, _)) where lang != .en:
      return lang.format("{shell} makes its own process group the terminal's foreground group again.", ["shell": shell])
    case .shell(.keepsForegroundGroup(let group)) where lang != .en:
      return lang.format(
        "{function}: {shell}'s own record says it still has the terminal (the job's process took it), so it does not take it back; process group {pgid} keeps the terminal.",
        ["pgid": String(group), "shell": shell, "function": narrator.function(e.rule)])
    case .shell(.recordsStopped) where lang != .en:
      return lang.format(
        "{shell} notices that {target} has stopped and records the job as stopped.", ["shell": shell, "target": who])
    case .process(.orphanedWithoutStopped(let group)):
      return lang.format(
        "Process group {pgid} is now orphaned, but none of its members is stopped: the kernel sends nothing.",
        ["pgid": String(group)])
    case .terminal(.ownerClosesMaster):
      return lang.t("The shell is gone, so the terminal owner closes the pty master.")
    case .terminal(.hungUpWithoutSession):
      return lang.t(
        "The terminal hangs up with no session attached: nobody is signalled, and open descriptors now read end of file and write EIO."
      )
    case .shell(.printed(let line, _)):
      return lang.format("{shell} prints \"{line}\".", ["shell": shell, "line": line])
    case .launcher(.nohupIgnoresHangup) where lang != .en:
      return lang.format("nohup sets SIGHUP to SIG_IGN: {target}.", ["target": who])
    case .launcher(.nohupReopensStdin) where lang != .en:
      return lang.format(
        "stdin is the terminal, so nohup reopens it on /dev/null write-only: reads will fail with EBADF ({target}).",
        ["target": who])
    case .launcher(.nohupLeavesStdin) where lang != .en:
      return lang.format("NetBSD's nohup leaves stdin on the terminal ({target}).", ["target": who])
    case .launcher(.nohupRedirectsOutput) where lang != .en:
      return lang.format("stdout is the terminal, so output goes to nohup.out ({target}).", ["target": who])
    case .process(.execKeepsIgnored(_, let launcher, let program, let signal)) where lang != .en:
      return lang.format(
        "{launcher} execs {program}: {signal} stays ignored ({target}).",
        ["launcher": launcher, "program": program, "signal": signal.description, "target": who])
    default:
      if lang == .en { return narrator.detail(e) + "." }
      let title = lang.ruleTitle(e.rule)
      return who.isEmpty
        ? lang.format("{title}.", ["title": title])
        : lang.format("{title}: {target}.", ["title": title, "target": who])
    }
  }

  /// A race in a paragraph: what races, the branches most common first, and what each
  /// leads to.
  static func race(_ race: RaceOutcome, _ lang: Language) -> String {
    let info = RaceCatalog.race(race.id)
    var text = lang.format("{id}: {title}.", ["id": race.id.rawValue, "title": lang.t(info?.title ?? "")])
    text += lang.separator + lang.t(info?.mechanism ?? "")
    for (i, variant) in race.variants.enumerated() {
      let observed: String
      if let n = variant.variant.observed, let total = variant.variant.outOf {
        observed = lang.format("{n} of {total} recorded runs", ["n": String(n), "total": String(total)])
      } else {
        observed = lang.t("from the source, not recorded")
      }
      let outcomes = variant.jobs.map { p -> String in
        let job = lang.format("job {n}", ["n": String(p.job)])
        let fate =
          p.fate.isAlive ? (p.stopped ? lang.t("survives, stopped") : lang.t("survives")) : lang.outcome(p.fate)
        guard !p.handled.isEmpty else { return job + ": " + fate }
        let handled = p.handled.map { "\($0.signal) (\(lang.t($0.from?.rawValue ?? "")))" }.joined(separator: ", ")
        return lang.format("{job} handles {signals}; {fate}", ["job": job, "signals": handled, "fate": fate])
      }.joined(separator: "; ")
      text +=
        lang.separator
        + lang.format(
          i == 0 ? "Most common — {branch} ({observed}): {outcomes}." : "Or — {branch} ({observed}): {outcomes}.",
          ["branch": lang.t(variant.variant.branch.phrase), "observed": observed, "outcomes": outcomes])
    }
    return text
  }

  static func verdict(_ job: JobOutcome, _ lang: Language) -> String {
    let main = job.main
    let label = lang.format("job {n}", ["n": String(job.job)])
    var text: String
    switch main.fate {
    case .alive:
      let parent = main.finalParentName == "subreaper" ? lang.t("subreaper") : main.finalParentName
      text = lang.format(
        "{job} (`{command}`) survives; its parent is now {parent}.",
        ["job": label, "command": job.commandLine, "parent": parent])
      if !main.hazardKinds.isEmpty {
        text +=
          lang.separator
          + lang.format(
            "It still faces: {hazards}.",
            ["hazards": main.hazardKinds.map(lang.hazard).joined(separator: lang == .en ? "; " : "、")])
      }
    case .killed(let signal):
      text = lang.format(
        "{job} (`{command}`) is killed by {signal}.",
        ["job": label, "command": job.commandLine, "signal": signal.description])
    case .exited(let status):
      text = lang.format(
        "{job} (`{command}`) exits with status {status}.",
        ["job": label, "command": job.commandLine, "status": String(status)])
    }
    return text
  }

  /// The same for a shell other than bash, made from the outcome's typed events and the
  /// rules they cite (the shell's own functions), so every shell gets them.
  static func shellInsights(_ outcome: Outcome, _ lang: Language) -> [String] {
    var out: [String] = []
    let family = outcome.scenario.shell.shellFamily
    let name = family.terms.name
    let shellDiedAtOnce = outcome.events.contains {
      if case .shell(.leavesSignalAtDefault) = $0.payload { return true } else { return false }
    }
    if shellDiedAtOnce, outcome.shellFate == .killed(by: .hup) {
      out.append(
        lang.format(
          "{shell} leaves SIGHUP at its default action, so the SIGHUP killed it at once: none of its code ran, and it signalled no job.",
          ["shell": name]))
    }
    for job in outcome.jobs {
      let main = job.main
      let fromShell = main.delivered.filter { $0.phase == .end && $0.from == .shell }
      if let first = fromShell.first {
        let rule = RuleCatalog.rule(first.rule)
        let function = rule.function.isEmpty ? first.rule.rawValue : rule.function
        out.append(
          lang.format(
            "When {shell} left it sent job {n} {signals} itself ({function}).",
            [
              "shell": name, "n": String(job.job), "function": function,
              "signals": fromShell.map(\.signal.description).joined(separator: ", "),
            ]))
      } else if outcome.sessionEnded && !shellDiedAtOnce {
        out.append(lang.format("{shell} sent job {n} nothing when it left.", ["shell": name, "n": String(job.job)]))
      }
      if main.delivered.contains(where: { $0.phase == .end && $0.rule == .kernOrphanedGroup }) {
        out.append(
          lang.format(
            "Job {n} was stopped when {shell} exited: its process group became orphaned with a stopped member, so the kernel sent it SIGHUP and then SIGCONT (kill_orphaned_pgrp).",
            ["shell": name, "n": String(job.job)]))
      }
    }
    var unique: [String] = []
    for item in out where !unique.contains(item) { unique.append(item) }
    return unique
  }

  /// The reasons a person would want spelled out, recognised from the outcome.
  static func insights(_ outcome: Outcome, _ lang: Language) -> [String] {
    let common = commonInsights(outcome, lang)
    guard outcome.scenario.shell.family == "bash" || !outcome.scenario.effectiveJobControl else {
      return shellInsights(outcome, lang) + common
    }
    return bashInsights(outcome, lang) + common
  }

  /// Reasons that do not depend on the shell: supervisors, programs that detach, pipes,
  /// shells without job control — recognised from the typed events.
  static func commonInsights(_ outcome: Outcome, _ lang: Language) -> [String] {
    var out: [String] = []
    let s = outcome.scenario
    for job in outcome.jobs {
      let main = job.main
      let n = String(job.job)
      for d in main.delivered where d.phase == .end {
        guard case .supervisor(let why) = d.reason else { continue }
        switch why {
        case .stopUnit(.sessionScope):
          out.append(
            lang.format(
              "Job {n} was still in the login session's scope when the session ended, and logind has KillUserProcesses=yes: systemd stopped session-N.scope and killed everything in it, whatever nohup, setsid or disown did. Start it with `systemd-run --user` (with `loginctl enable-linger`) to move it out.",
              ["n": n]))
        case .stopUnit(.userManager):
          out.append(
            lang.format(
              "Job {n} ran under the user manager, which stops when the user's last session is gone unless the user lingers: `loginctl enable-linger` keeps it.",
              ["n": n]))
        case .stopUnit(.sshConnection):
          out.append(
            lang.format(
              "sshd was started per connection (ssh.socket Accept=yes) without pam_systemd: everything the connection started stayed in its ssh@ unit, which systemd stopped when the connection ended. KillMode=process on ssh@.service, or systemd-run, avoids it.",
              ["n": n]))
        case .jenkinsTreeKill:
          out.append(
            lang.format(
              "Jenkins kills every process whose environment carries the build's cookie when the build ends; start job {n} with `BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe` to keep it.",
              ["n": n]))
        case .githubOrphanCleanup:
          out.append(
            lang.format(
              "The GitHub Actions runner kills, with SIGKILL, every process of the job that carries its RUNNER_TRACKING_ID; start job {n} with `RUNNER_TRACKING_ID=` to keep it.",
              ["n": n]))
        case .wslTeardown:
          out.append(
            lang.t(
              "WSL 1 before Windows 10 1803 ends the whole Linux instance when its last console window closes: nothing survives, whatever it did."
            ))
        }
        break
      }
      if job.spec.program.daemonizes == .daemon || job.spec.program.daemonizes == .doubleFork
        || job.spec.program.daemonizes == .daemonKeepStdio, main.survives
      {
        out.append(
          lang.format(
            "Job {n}'s program detached itself: it forked, its parent exited (the shell saw the job end) and the child called setsid(), so it is in a session of its own with no controlling terminal. Neither the shell's SIGHUP nor the kernel's reaches it.",
            ["n": n]))
      }
      if main.killedBy == .pipe {
        out.append(
          lang.format(
            "Job {n} wrote to its stdout, a pipe to sshd that nobody reads once the connection is gone: the kernel sent it SIGPIPE. Redirect its output (`> job.out 2>&1`) so it survives.",
            ["n": n]))
      }
      if !s.effectiveJobControl
        && main.delivered.contains(where: { $0.rule == .ttyLeaderExitForeground || $0.rule == .ttyLeaderExitOldGroup })
      {
        out.append(
          lang.format(
            "Without job control job {n} stayed in the shell's process group, the terminal's foreground group, so the kernel sent it SIGHUP when the shell, the controlling process, exited. `set -m` (or `setsid`) would have put it in a group of its own.",
            ["n": n]))
      }
    }
    var unique: [String] = []
    for item in out where !unique.contains(item) { unique.append(item) }
    return unique
  }

  static func bashInsights(_ outcome: Outcome, _ lang: Language) -> [String] {
    var out: [String] = []
    let s = outcome.scenario
    for job in outcome.jobs {
      let spec = job.spec
      let main = job.main
      let endSignals = main.delivered.filter { $0.phase == .end }
      if spec.launch == .nohup && spec.state != .running && main.killedBy == .term {
        out.append(
          "nohup only makes the job ignore SIGHUP. The job was stopped when bash left, so terminate_stopped_jobs sent it SIGTERM and then SIGCONT, and SIGTERM still has its default action: nohup cannot help a stopped job."
        )
      }
      if spec.launch == .disown && spec.state != .running
        && endSignals.contains(where: { $0.rule == .kernOrphanedGroup })
      {
        out.append(
          "The job was stopped and no longer in bash's job table, so bash sent it nothing; but when bash exited, the job's process group became orphaned with a stopped member, so the kernel sent it SIGHUP and then SIGCONT (kill_orphaned_pgrp). Resume it with `bg` before `disown`."
        )
      }
      if spec.launch == .disownH && spec.state != .running
        && endSignals.contains(where: {
          if case .shell(.terminateStoppedJob) = $0.reason { return true } else { return false }
        })
      {
        out.append(
          "disown -h only stops bash's SIGHUP; terminate_stopped_jobs still sends a stopped job SIGTERM and SIGCONT.")
      }
      if (s.end == .hangup || s.end == .killHup)
        && endSignals.contains(where: { if case .shell(.hangupJob) = $0.reason { return true } else { return false } })
      {
        out.append(
          "Closing the terminal is not like `exit`: the kernel sends SIGHUP to bash, and bash's SIGHUP handler re-sends SIGHUP to every job in its table (hangup_all_jobs), background ones included, with no huponexit needed. `exit` sends SIGHUP only with huponexit in a login shell."
        )
      }
      if s.end.isTypedAtPrompt && outcome.sessionEnded && spec.state == .running && spec.placement == .background
        && [.plain, .nohup].contains(spec.launch) && main.survives && !(s.huponexit && s.login)
      {
        out.append(
          "`exit` leaves a running background job alone: exit_shell sends SIGHUP only with huponexit in a login shell, and the kernel's SIGHUP at the shell's exit goes to the foreground group, which is the shell's own."
        )
      }
      if endSignals.contains(where: { $0.rule == .ttyLeaderExitOldGroup }) {
        out.append(
          "The job was in the foreground when the terminal hung up, so when bash died the kernel sent its group SIGHUP and SIGCONT as well (disassociate_ctty, tty_old_pgrp)."
        )
      }
      if spec.launch == .setsid {
        out.append(
          "setsid put the job in its own session without a controlling terminal: neither bash nor the terminal signals it, but its stdin and stdout still point at the old terminal."
        )
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
      // Wrapped lines line up under the step's text, not under its number.
      let number = "\(step.number). "
      let body = TableRender.wrap(
        step.text, width: 100 - number.count, indent: "  " + String(repeating: " ", count: number.count))
      out += "  " + number + body.dropFirst(2 + number.count) + "\n"
      out +=
        "     [\(step.rule) — \(step.source.isEmpty ? RuleCatalog.rule(step.rule).title : step.source)]"
        + (step.effectRule.map { " [\($0)]" } ?? "") + "\n"
    }
    out += "\n" + lang.t("Verdict") + "\n"
    for verdict in verdicts { out += TableRender.wrap(verdict, width: 100, indent: "  ") + "\n" }
    if !insights.isEmpty {
      out += "\n" + lang.t("Why") + "\n"
      for insight in insights { out += TableRender.wrap(insight, width: 100, indent: "  ") + "\n" }
    }
    if !races.isEmpty {
      out += "\n" + lang.t("Races") + "\n"
      for race in races { out += TableRender.wrap(race, width: 100, indent: "  ") + "\n" }
    }
    out += "\n" + lang.t("What you would see") + "\n"
    if messages.isEmpty {
      out += "  " + lang.format("{shell} prints nothing about it.", ["shell": shellName]) + "\n"
    } else {
      out +=
        "  " + lang.format("{shell} prints:", ["shell": shellName]) + "\n"
        + messages.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
    out +=
      "  " + lang.t("Processes before the end") + "\n" + TextReport.processTable(tableBefore).render(indent: "    ")
      + "\n"
    out +=
      "  " + lang.t("Processes after") + "\n"
      + (tableAfter.isEmpty ? "    -" : TextReport.processTable(tableAfter).render(indent: "    ")) + "\n"
    return out
  }

  public func markdown() -> String {
    let lang = language
    var out = "## " + lang.t("Scenario") + "\n\n" + scenario.map { "- " + $0 }.joined(separator: "\n") + "\n\n"
    out += "## " + lang.t("What happens") + "\n\n"
    for step in steps {
      out +=
        "\(step.number). \(step.text)  \n   `\(step.rule)` — \(step.source.isEmpty ? RuleCatalog.rule(step.rule).title : step.source)"
        + (step.effectRule.map { " · `\($0)`" } ?? "") + "\n"
    }
    out += "\n## " + lang.t("Verdict") + "\n\n" + verdicts.map { "- " + $0 }.joined(separator: "\n") + "\n"
    if !insights.isEmpty {
      out += "\n## " + lang.t("Why") + "\n\n" + insights.map { "- " + $0 }.joined(separator: "\n") + "\n"
    }
    if !races.isEmpty {
      out += "\n## " + lang.t("Races") + "\n\n" + races.map { "- " + $0 }.joined(separator: "\n") + "\n"
    }
    out +=
      "\n## " + lang.t("What you would see") + "\n\n```\n" + messages.joined(separator: "\n") + "\n```\n\n```\n"
      + TextReport.processTable(tableBefore).render() + "\n```\n\n```\n"
      + (tableAfter.isEmpty ? "-" : TextReport.processTable(tableAfter).render()) + "\n```\n"
    return out
  }

  public func json() -> JSONValue {
    .object([
      ("language", .string(language.rawValue)),
      ("scenario", .strings(scenario)),
      (
        "steps",
        .array(
          steps.map { step in
            var pairs: [(String, JSONValue)] = [
              ("n", .int(step.number)), ("phase", .string(step.phase.rawValue)), ("text", .string(step.text)),
              ("rule", .string(step.rule.rawValue)),
            ]
            if let effectRule = step.effectRule { pairs.append(("effectRule", .string(effectRule.rawValue))) }
            pairs.append(("source", .string(step.source)))
            return .object(pairs)
          })
      ),
      ("verdicts", .strings(verdicts)),
      ("why", .strings(insights)),
      ("races", .strings(races)),
      ("messages", .strings(messages)),
      (
        "processTable",
        .object([
          ("before", .array(tableBefore.map(OutcomeJSON.row))),
          ("after", .array(tableAfter.map(OutcomeJSON.row))),
        ])
      ),
    ])
  }
}

extension RaceBranch {
  /// An English phrase for explanations.
  public var phrase: String {
    switch self {
    case .jobsRunFirst: return "the jobs run before the shell dies"
    case .shellDiesFirst: return "the shell dies before the jobs run"
    case .jobRunsBetweenKernelSignals: return "the job runs between the kernel's SIGHUP and SIGCONT"
    case .stopsAfterOrphanCheck: return "the reader stops only after the kernel checked its group"
    case .readersFirst: return "the readers read before the terminal owner closes the master"
    case .ownerFirst: return "the terminal owner closes the master first"
    case .notSeen: return "the shell does not see the job continue first"
    case .seen: return "the shell sees the job continue first"
    case .shellReadsFirst: return "the shell's read gets the typed line"
    case .readerTakesInput: return "the other reader of the terminal gets the typed line"
    }
  }
}
