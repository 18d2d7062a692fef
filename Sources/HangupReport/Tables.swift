import HangupJSON
import HangupModel

/// How a cell should look: a survivor, a casualty, or plain information.
public enum Tone: String, Sendable {
  case good, bad, neutral
}

/// One cell of a teaching table: its text and, for `--format json`, its data.
public struct TableCell: Sendable {
  public var text: String
  public var tone: Tone
  public var data: [(String, JSONValue)]

  public init(_ text: String, tone: Tone = .neutral, data: [(String, JSONValue)] = []) {
    self.text = text
    self.tone = tone
    self.data = data
  }
}

/// A table computed by the simulator.
public struct TeachingTable: Sendable {
  public var id: String
  public var title: String
  /// Column headings, row-label columns first.
  public var header: [String]
  /// How many leading columns label the row.
  public var labelColumns: Int
  public var rows: [[TableCell]]
  public var notes: [String]
}

/// The seed articles' tables, regenerated from the simulator.
public enum TablePreset: String, Sendable, CaseIterable {
  case seed002, seed001, seed003, seed004
  /// Which shell does what at exit and hang-up, every modelled shell.
  case shells

  /// The system the article ran on, used unless --shell/--os say otherwise.
  public var defaultShell: String {
    switch self {
    case .seed002: return "bash-3.2"
    case .seed001: return "bash-5.0"
    case .seed003: return "bash-4.1"
    case .seed004: return "bash-4.2"
    case .shells: return "bash-5.2"
    }
  }

  public var defaultOS: KernelProfile {
    switch self {
    case .seed002, .seed003: return .linux26
    case .seed001, .seed004, .shells: return .linux
    }
  }
}

/// A scenario dimension a generic table can put on its rows or columns.
public enum Dimension: String, Sendable, CaseIterable {
  case shell, os, login, huponexit, state, placement, launch, exit, session
  case jobControl = "job-control"
  case logind, daemonizes

  public var values: [String] {
    switch self {
    case .shell: return ShellVersion.all.map(\.id)
    case .os: return KernelProfile.ID.allCases.map(\.rawValue)
    case .login: return ["login", "no-login"]
    case .huponexit: return ["off", "on"]
    case .state: return JobState.allCases.map(\.rawValue)
    case .placement: return Placement.allCases.map(\.rawValue)
    case .launch: return Launch.allCases.map(\.rawValue)
    case .exit: return SessionEnd.allCases.map(\.rawValue)
    case .session: return SessionKind.allCases.map(\.rawValue)
    case .jobControl: return ["on", "off"]
    case .logind: return LogindPolicy.allCases.map(\.rawValue)
    case .daemonizes: return ["none"] + DaemonForm.allCases.map(\.rawValue)
    }
  }

  /// Sets this dimension of the scenario's first job or system.
  func apply(_ value: String, to s: inout Scenario) {
    switch self {
    case .shell: if let v = ShellVersion.named(value) { s.switchShell(to: v) }
    case .os: if let p = KernelProfile.named(value) { s.os = p }
    case .login: s.login = value == "login"
    case .huponexit: s.huponexit = value == "on"
    case .state:
      s.jobs[0].state = JobState(rawValue: value) ?? s.jobs[0].state
      s.jobs[0].program.readsStdin = s.jobs[0].state == .ttin
    case .placement: s.jobs[0].placement = Placement(rawValue: value) ?? s.jobs[0].placement
    case .launch: s.jobs[0].launch = Launch(rawValue: value) ?? s.jobs[0].launch
    case .exit: s.end = SessionEnd(rawValue: value) ?? s.end
    case .session: s.session = SessionKind(rawValue: value) ?? s.session
    case .jobControl: s.jobControl = value == "on"
    case .logind: s.logind = LogindPolicy(rawValue: value) ?? s.logind
    case .daemonizes: s.jobs[0].program.daemonizes = DaemonForm(rawValue: value)
    }
  }
}

/// Builds teaching tables by running the simulator; nothing in them is typed in.
public enum Tables {
  // MARK: - Shared pieces

  static func run(_ scenario: Scenario) -> Result<Outcome, ScenarioError> {
    do {
      return .success(try Simulator.run(scenario, exploringRaces: false))
    } catch {
      return .failure(error)
    }
  }

  static func outcomeCell(_ fate: Fate, _ lang: Language) -> TableCell {
    var data: [(String, JSONValue)] = [("survives", .bool(fate.isAlive))]
    if case .killed(let s) = fate { data.append(("killedBy", .string(s.description))) }
    if case .exited(let x) = fate { data.append(("exitStatus", .int(x))) }
    return TableCell(lang.outcome(fate), tone: fate.isAlive ? .good : .bad, data: data)
  }

  static func signalList(_ signals: [SeenSignal], _ lang: Language, withSender: Bool) -> String {
    guard !signals.isEmpty else { return "-" }
    return signals.map { s in
      withSender ? "\(s.signal) (\(lang.t(s.from?.rawValue ?? "kernel")))" : s.signal.description
    }.joined(separator: ", ")
  }

  static func catching(_ spec: JobSpec) -> JobSpec {
    var job = spec
    job.program = Program(name: "./detectHUPCONTTERM", handles: [.hup, .cont, .term], overridesInheritedIgnores: true)
    return job
  }

  // MARK: - Presets

  public static func preset(_ preset: TablePreset, shell: ShellVersion?, os: KernelProfile?, lang: Language)
    -> [TeachingTable]
  {
    let profile = os ?? preset.defaultOS
    if preset == .shells { return [shellsSummary(profile, lang)] }
    guard let dialect = BashDialect.of(shell ?? ShellVersion.named(preset.defaultShell) ?? Scenario.defaultShell) else {
      return []
    }
    switch preset {
    case .shells: return []
    case .seed002: return seed002(dialect, profile, lang)
    case .seed001: return [seed001(dialect, profile, lang)]
    case .seed003: return [seed003(dialect, profile, lang)]
    case .seed004: return [seed004(dialect, profile, lang)]
    }
  }

  /// Seed 002: which of SIGHUP, SIGCONT, SIGTERM bash sends, by how bash ends, for
  /// running/stopped jobs with and without J_NOHUP.
  static func seed002(_ shell: BashDialect, _ os: KernelProfile, _ lang: Language) -> [TeachingTable] {
    let variants: [(id: String, title: String, end: SessionEnd, huponexit: Bool)] = [
      ("exit-huponexit-on", "Signals bash sends at exit or logout — huponexit on", .exit, true),
      ("exit-huponexit-off", "Signals bash sends at exit or logout — huponexit off", .exit, false),
      ("sighup", "Signals bash sends when it receives SIGHUP (terminal closed)", .hangup, false),
    ]
    let rows: [(label: String, state: JobState, launch: Launch)] = [
      ("RUNNING + J_NOHUP", .running, .disownH), ("RUNNING, no J_NOHUP", .running, .plain),
      ("STOPPED + J_NOHUP", .stopped, .disownH), ("STOPPED, no J_NOHUP", .stopped, .plain),
    ]
    let columns: [Signal] = [.hup, .cont, .term]
    var twice = false
    var tables: [TeachingTable] = []
    for variant in variants {
      var table = TeachingTable(
        id: "seed002-" + variant.id, title: lang.t(variant.title) + " (\(shell.id), \(os.id.rawValue))",
        header: [lang.t("job")] + columns.map(\.description), labelColumns: 1, rows: [], notes: [])
      for row in rows {
        let scenario = Scenario(
          shell: shell.shellVersion, os: os, huponexit: variant.huponexit,
          jobs: [catching(JobSpec(state: row.state, launch: row.launch))], end: variant.end)
        var cells = [
          TableCell(
            lang.t(row.label),
            data: [
              ("state", .string(row.state.rawValue)),
              ("jNohup", .bool(row.launch == .disownH)),
            ])
        ]
        switch run(scenario) {
        case .failure(let error):
          cells += columns.map { _ in TableCell(lang.t("n/a"), data: [("error", .string(error.message))]) }
        case .success(let outcome):
          let sent = shellSends(outcome)
          for signal in columns {
            let sends = sent.filter { $0.signal == signal }
            // Like the article, several sends of one signal make one "o"; a J_NOHUP job that
            // still gets a signal from hangup_all_jobs (bash 2.05–3.1) is marked "o*".
            let despiteFlag =
              row.launch == .disownH
              && sends.contains { send in
                switch send.reason {
                case .shell(.hangupJob), .shell(.continueStoppedJob): return true
                default: return false
                }
              }
            let mark = sends.isEmpty ? "-" : (despiteFlag ? "o*" : "o")
            if despiteFlag { twice = true }
            cells.append(
              TableCell(
                mark, tone: sends.isEmpty ? .neutral : .bad,
                data: [
                  ("count", .int(sends.count)),
                  ("rules", .strings(sends.map(\.rule.rawValue))),
                ]))
          }
        }
        table.rows.append(cells)
      }
      tables.append(table)
    }
    let common = lang.format(
      "o = bash sends the signal to the job's process group (once or more, as in the article); - = never. J_NOHUP is the flag `disown -h` sets. Computed by simulating {shell} on {os}.",
      ["shell": shell.modelledRelease, "os": os.displayName])
    tables[tables.count - 1].notes.append(common)
    if twice {
      tables[tables.count - 1].notes.append(
        lang.t(
          "o* = bash 2.05–3.1: hangup_all_jobs still sends SIGCONT to a stopped J_NOHUP job, so with huponexit or on SIGHUP it gets SIGCONT twice (hangup_all_jobs, then terminate_stopped_jobs). From 3.2 hangup_all_jobs skips J_NOHUP jobs entirely."
        ))
    }
    return tables
  }

  /// The signals the shell sent to job 1, with the rule and the reason of each.
  private static func shellSends(_ outcome: Outcome) -> [(signal: Signal, rule: RuleID, reason: SendReason)] {
    let pid = outcome.pid(job: 1)
    var out: [(signal: Signal, rule: RuleID, reason: SendReason)] = []
    for event in outcome.events where event.from == .shell {
      if case .signal(let s) = event.payload, s.target.pid == pid { out.append((s.signal, event.rule, s.reason)) }
    }
    return out
  }

  /// Seed 001: the six rows A–F at disconnect, row C corrected.
  static func seed001(_ shell: BashDialect, _ os: KernelProfile, _ lang: Language) -> TeachingTable {
    let rows: [(row: String, place: String, ignored: Bool, article: String, job: JobSpec)] = [
      ("A", "foreground", false, "terminated", JobSpec(placement: .foreground)),
      ("B", "foreground", true, "adopted by init", JobSpec(placement: .foreground, inheritedIgnores: [.hup])),
      ("C", "background", false, "adopted by init", JobSpec()),
      ("D", "background", true, "adopted by init", JobSpec(inheritedIgnores: [.hup])),
      ("E", "stopped", false, "terminated", JobSpec(state: .stopped)),
      ("F", "stopped", true, "terminated", JobSpec(state: .stopped, inheritedIgnores: [.hup])),
    ]
    var table = TeachingTable(
      id: "seed001",
      title: lang.t("What happens to a job when the SSH connection drops") + " (\(shell.id), \(os.id.rawValue))",
      header: [
        "", lang.t("state of the job"), lang.t("SIGHUP ignored"), lang.t("after the disconnect (article)"),
        lang.t("after the disconnect (hupsim)"), lang.t("signals it gets"),
      ],
      labelColumns: 3, rows: [], notes: [])
    for row in rows {
      let scenario = Scenario(shell: shell.shellVersion, os: os, jobs: [row.job], end: .hangup)
      guard case .success(let outcome) = run(scenario) else { continue }
      let main = outcome.jobs[0].main
      let hupsim = main.survives ? (main.finalParentName == "init" ? "adopted by init" : "survives") : "terminated"
      let corrected = hupsim != row.article
      var resultCell = TableCell(
        lang.t(hupsim) + (main.killedBy.map { " (\($0))" } ?? ""), tone: main.survives ? .good : .bad,
        data: outcomeCell(main.fate, lang).data + [("agreesWithArticle", .bool(!corrected))])
      if corrected { resultCell.text += " *" }
      let delivered = main.delivered.filter { $0.phase == .end }.map {
        SeenSignal($0.signal, from: SenderClass($0.from))
      }
      table.rows.append([
        TableCell(row.row + (corrected ? "*" : "")),
        TableCell(lang.t(row.place)),
        TableCell(lang.t(row.ignored ? "yes" : "no")),
        TableCell(lang.t(row.article), data: [("article", .string(row.article))]),
        resultCell,
        TableCell(
          signalList(delivered, lang, withSender: true), data: [("signals", .strings(delivered.map(\.description)))]),
      ])
      if corrected {
        table.notes.append(
          lang.t(
            "Row C corrected: the article says init adopts a background job, but on hang-up bash's SIGHUP handler (sig.c termsig_handler → jobs.c hangup_all_jobs) sends SIGHUP to every job, background ones included, so a job that does not ignore SIGHUP dies. It survives `exit` with huponexit off, not a closed terminal."
          ))
      }
    }
    table.notes.append(
      lang.format(
        "Computed by simulating {shell} on {os}, as in the article (Ubuntu 20.04, bash 5.0.17).",
        ["shell": shell.modelledRelease, "os": os.displayName]))
    return table
  }

  /// Seed 003: disown vs nohup vs setsid.
  static func seed003(_ shell: BashDialect, _ os: KernelProfile, _ lang: Language) -> TeachingTable {
    let rows: [(command: String, launch: Launch, how: String)] = [
      ("sleep 1h &", .plain, "an ordinary job"),
      ("sleep 1h & disown", .disown, "removed from bash's job table"),
      ("nohup sleep 1h &", .nohup, "SIGHUP ignored, inherited across exec"),
      ("setsid sleep 1h &", .setsid, "new session, no controlling terminal"),
    ]
    var table = TeachingTable(
      id: "seed003",
      title: lang.t("disown vs nohup vs setsid when the SSH connection drops") + " (\(shell.id), \(os.id.rawValue))",
      header: [
        lang.t("launch"), lang.t("bash sends SIGHUP at the disconnect"), lang.t("survives the disconnect"),
        lang.t("a later kill -HUP kills it"), lang.t("session"), lang.t("how it works"),
      ],
      labelColumns: 1, rows: [], notes: [])
    for row in rows {
      let job = JobSpec(launch: row.launch, program: Program(name: "sleep"))
      let plain = Scenario(shell: shell.shellVersion, os: os, jobs: [job], end: .hangup)
      var later = plain
      later.after = [.kill(signal: .hup, job: 1, process: 0, byShell: false)]
      guard case .success(let first) = run(plain), case .success(let second) = run(later) else { continue }
      let sent = first.sentByShell(job: 1).contains { $0.signal == .hup }
      let survives = first.jobs[0].main.survives
      let laterKills: String = survives ? lang.t(second.jobs[0].main.survives ? "no" : "yes") : "-"
      let ownSession =
        first.tableBefore.first(where: { $0.pid == first.jobs[0].main.pid }).map { $0.sid == $0.pid } ?? false
      table.rows.append([
        TableCell(row.command),
        TableCell(lang.t(sent ? "yes" : "no"), tone: sent ? .bad : .good, data: [("bashSendsSIGHUP", .bool(sent))]),
        TableCell(
          lang.t(survives ? "yes" : "no"), tone: survives ? .good : .bad,
          data: outcomeCell(first.jobs[0].main.fate, lang).data),
        TableCell(laterKills, data: [("laterKillHupKills", survives ? .bool(!second.jobs[0].main.survives) : .null)]),
        TableCell(lang.t(ownSession ? "its own session" : "the login session")),
        TableCell(lang.t(row.how)),
      ])
    }
    table.notes.append(
      lang.t(
        "nohup does not make it immune: it only ignores SIGHUP. disown and setsid keep bash from sending SIGHUP but leave SIGHUP at its default action."
      ))
    return table
  }

  /// Seed 004: Ctrl+C versus kill -INT.
  static func seed004(_ shell: BashDialect, _ os: KernelProfile, _ lang: Language) -> TeachingTable {
    let child = ExtraProcess(program: Program(name: "ruby"), parent: .process(0))
    let fg = Scenario(
      shell: shell.shellVersion, os: os,
      jobs: [JobSpec(placement: .foreground, program: Program(name: "ruby"), extraProcesses: [child])],
      actions: [.interrupt], end: .exit)
    let bg = Scenario(
      shell: shell.shellVersion, os: os, jobs: [JobSpec(program: Program(name: "ruby"), extraProcesses: [child])],
      actions: [.kill(signal: .int, job: 1, process: 0, byShell: true)], end: .exit)
    var table = TeachingTable(
      id: "seed004", title: lang.t("Ctrl+C versus kill -INT: who gets SIGINT") + " (\(shell.id), \(os.id.rawValue))",
      header: [
        lang.t("action"), lang.t("SIGINT goes to"), lang.t("parent"), lang.t("child"),
        lang.t("child's parent afterwards"),
      ],
      labelColumns: 1, rows: [], notes: [])
    for (label, scenario) in [("Ctrl+C on the foreground job", fg), ("kill -INT <parent pid>", bg)] {
      guard case .success(let o) = run(scenario) else { continue }
      var receivers = Set<Int>()
      for event in o.events {
        if case .signal(let s) = event.payload, s.signal == .int { receivers.insert(s.target.pid) }
      }
      let whole = receivers.count > 1
      let parent = o.jobs[0].processes[0]
      let childOutcome = o.jobs[0].processes[1]
      table.rows.append([
        TableCell(lang.t(label)),
        TableCell(
          lang.t(whole ? "the whole foreground process group" : "only that process"),
          data: [("receivers", .int(receivers.count))]),
        TableCell(
          lang.t(parent.survives ? "survives" : "dies"), tone: parent.survives ? .good : .bad,
          data: outcomeCell(parent.fate, lang).data),
        TableCell(
          lang.t(childOutcome.survives ? "survives" : "dies"), tone: childOutcome.survives ? .good : .bad,
          data: outcomeCell(childOutcome.fate, lang).data),
        TableCell(childOutcome.survives ? lang.t(childOutcome.finalParentName) : "-"),
      ])
    }
    table.notes.append(
      lang.t(
        "The terminal turns ^C into SIGINT for every process of the foreground group (n_tty isig → kill_pgrp); kill(1) signals the one pid it is given, and the orphaned child is re-parented."
      ))
    return table
  }

  // MARK: - Every shell

  /// What each shell does to a running, a stopped and a nohup'd stopped job when the user
  /// types `exit` (again after a warning) and when the terminal hangs up: the signals the
  /// shell sends, then the job's fate. bash 5.2 and every other modelled release.
  static func shellsSummary(_ os: KernelProfile, _ lang: Language) -> TeachingTable {
    let ends: [SessionEnd] = [.exit, .hangup]
    let jobs: [(String, JobState, Launch)] = [
      ("running", .running, .plain), ("stopped", .stopped, .plain),
      ("nohup, stopped", .stopped, .nohup),
    ]
    var header = [lang.t("Shell")]
    for end in ends {
      for (name, _, _) in jobs { header.append(lang.t(end == .exit ? "exit" : "hang-up") + ": " + lang.t(name)) }
    }
    var table = TeachingTable(
      id: "shells", title: lang.t("What each shell does to its jobs at exit and hang-up") + " (\(os.id.rawValue))",
      header: header,
      labelColumns: 1, rows: [],
      notes: [
        lang.t(
          "Each cell: the signals the shell itself sends the job, in order, then what becomes of the job (the kernel's orphaned-group SIGHUP and SIGCONT included). Interactive login shells, default options, computed by simulating each scenario."
        )
      ])
    let versions = ShellVersion.all.filter { $0.family != "bash" || $0.id == "bash-5.2" }
    for version in versions {
      var row = [TableCell(version.id)]
      for end in ends {
        for (_, state, launch) in jobs {
          var s = Scenario(shell: version, os: os)
          s.jobs[0].state = state
          s.jobs[0].launch = launch
          s.end = end
          switch run(s) {
          case .failure(let error):
            row.append(
              TableCell(lang.t("n/a"), data: [("possible", .bool(false)), ("reason", .string(error.message))]))
          case .success(let o):
            let sent = o.sentByShell(job: 1).map(\.signal.name)
            var cell = outcomeCell(o.mainFate, lang)
            cell.text = (sent.isEmpty ? "-" : sent.joined(separator: ",")) + " → " + cell.text
            cell.data.append(("shellSends", .strings(sent.map { "SIG" + $0 })))
            row.append(cell)
          }
        }
      }
      table.rows.append(row)
    }
    return table
  }

  // MARK: - Comparisons

  /// The same scenario across every modelled shell and release: where the answer
  /// changes, and why (between two bash releases, the dialect fields that differ).
  public static func compareShells(_ base: Scenario, lang: Language) -> TeachingTable {
    var table = TeachingTable(
      id: "compare-shells", title: lang.t("The same scenario across shells and versions") + " (\(base.os.id.rawValue))",
      header: [
        lang.t("Shell"), lang.t("signals from the shell"), lang.t("signals from the kernel and terminal"),
        lang.t("outcome"), lang.t("what changed"),
      ],
      labelColumns: 1, rows: [], notes: [TextReport.summary(base).dropFirst().joined(separator: "; ")])
    var previous: (ShellVersion, String)?
    for version in ShellVersion.all {
      var s = base
      s.switchShell(to: version)
      switch run(s) {
      case .failure(let error):
        table.rows.append([
          TableCell(version.id), TableCell("-"), TableCell("-"),
          TableCell(lang.format("not possible: {reason}", ["reason": error.message])), TableCell(""),
        ])
        previous = nil
      case .success(let o):
        let sent = o.sentByShell(job: 1).map(\.signal.description).joined(separator: ", ")
        let kernel = signalList(o.reached(job: 1).filter { $0.from == .kernel }, lang, withSender: false)
        let answer = sent + "|" + kernel + "|" + lang.outcome(o.mainFate)
        var changed = ""
        if let (prev, prevAnswer) = previous, prevAnswer != answer, prev.family == version.family,
          let a = BashDialect.of(prev), let b = BashDialect.of(version)
        {
          changed = dialectChanges(from: a, to: b, lang: lang).joined(separator: "; ")
        }
        table.rows.append([
          TableCell(version.id), TableCell(sent.isEmpty ? "-" : sent, data: [("signals", .string(sent))]),
          TableCell(kernel), outcomeCell(o.mainFate, lang), TableCell(changed),
        ])
        previous = (version, answer)
      }
    }
    return table
  }

  /// The same scenario across the kernel profiles.
  public static func compareKernels(_ base: Scenario, lang: Language) -> TeachingTable {
    var table = TeachingTable(
      id: "compare-kernels", title: lang.t("The same scenario across kernels") + " (\(base.shell.id))",
      header: [
        lang.t("kernel"), lang.t("signals from the kernel and terminal"), lang.t("signals from bash"),
        lang.t("outcome"),
      ],
      labelColumns: 1, rows: [], notes: [TextReport.summary(base).dropFirst().joined(separator: "; ")])
    for profile in KernelProfile.all {
      var s = base
      s.os = profile
      if !profile.supportsChildSubreaper { s.subreaper = false }
      switch run(s) {
      case .failure(let error):
        table.rows.append([
          TableCell(profile.displayName), TableCell("-"), TableCell("-"),
          TableCell(lang.format("not possible: {reason}", ["reason": error.message])),
        ])
      case .success(let o):
        let kernel = o.reached(job: 1).filter { $0.from == .kernel }
        table.rows.append([
          TableCell(profile.displayName), TableCell(signalList(kernel, lang, withSender: false)),
          TableCell(signalList(o.sentByShell(job: 1), lang, withSender: false)), outcomeCell(o.mainFate, lang),
        ])
      }
    }
    return table
  }

  /// What differs between two releases, in words (only the fields that matter at exit).
  static func dialectChanges(from a: BashDialect, to b: BashDialect, lang: Language) -> [String] {
    var out: [String] = []
    if a.nohupJobs != b.nohupJobs { out.append("hangup_all_jobs skips J_NOHUP jobs entirely (3.2)") }
    if a.endJobControl != b.endJobControl {
      out.append(lang.format("end_job_control now tests `{condition}`", ["condition": b.endJobControl.rawValue]))
    }
    if a.deferredTerminatingSignals != b.deferredTerminatingSignals {
      out.append("terminating signals are handled at the next check point (3.2)")
    }
    if a.hasCheckjobs != b.hasCheckjobs { out.append("shopt checkjobs exists (4.0)") }
    if a.readlineCatchesSIGHUP != b.readlineCatchesSIGHUP {
      out.append("readline catches SIGHUP and re-sends it (4.3)")
    }
    if a.eofShiftsBuiltins != b.eofShiftsBuiltins {
      out.append("^D counts as the exit builtin for the second-exit rule (5.1)")
    }
    if a.noticesContinuedJobs != b.noticesContinuedJobs {
      out.append("waitchld notices jobs continued by a signal (WCONTINUED, 2.05b)")
    }
    if a.stoppedJobSetsStatus != b.stoppedJobSetsStatus {
      out.append("a foreground job stopped by ^Z sets $? to 128 + SIGTSTP (3.1)")
    }
    if a.parentGivesTerminalToForegroundJob != b.parentGivesTerminalToForegroundJob {
      out.append("the child gives a foreground job the terminal, so end_job_control does not take it back (5.3)")
    }
    return out.map(lang.t)
  }

  // MARK: - Generic

  /// What a generic table keeps of one cell's simulation.
  struct GenericCell: Sendable {
    var fate: Fate
    var signals: [SeenSignal]
  }

  /// Any two (or more) scenario dimensions as rows and columns; a cell is job 1's outcome.
  public static func generic(_ base: Scenario, rows: [Dimension], columns: [Dimension], lang: Language) -> TeachingTable
  {
    func product(_ dims: [Dimension]) -> [[String]] {
      dims.reduce([[]]) { acc, dim in acc.flatMap { prefix in dim.values.map { prefix + [$0] } } }
    }
    let rowKeys = product(rows)
    let colKeys = product(columns)
    let title = lang.format(
      "Outcome by {rows} and {cols}",
      [
        "rows": rows.map(\.rawValue).joined(separator: "×"),
        "cols": columns.map(\.rawValue).joined(separator: "×"),
      ])
    var table = TeachingTable(
      id: "generic", title: title,
      header: rows.map(\.rawValue) + colKeys.map { $0.joined(separator: " ") },
      labelColumns: rows.count, rows: [],
      notes: [
        lang.t("Each cell is the outcome of job 1, computed by simulating the scenario."),
        TextReport.summary(base).dropFirst().joined(separator: "; "),
      ])
    // Every cell is its own simulation: build the scenarios, simulate them on every core,
    // then lay the cells out in order.
    var scenarios: [Scenario] = []
    scenarios.reserveCapacity(rowKeys.count * colKeys.count)
    for rowKey in rowKeys {
      for colKey in colKeys {
        var s = base
        for (dim, value) in zip(rows, rowKey) { dim.apply(value, to: &s) }
        for (dim, value) in zip(columns, colKey) { dim.apply(value, to: &s) }
        if !s.os.supportsChildSubreaper { s.subreaper = false }
        scenarios.append(s)
      }
    }
    let results = scenarios.concurrentMap { s in
      run(s).map { o in GenericCell(fate: o.mainFate, signals: o.delivered(job: 1)) }
    }
    var next = 0
    for rowKey in rowKeys {
      var cells = rowKey.map { TableCell($0) }
      for _ in colKeys {
        switch results[next] {
        case .failure(let error):
          cells.append(
            TableCell(lang.t("n/a"), data: [("possible", .bool(false)), ("reason", .string(error.message))]))
        case .success(let result):
          var cell = outcomeCell(result.fate, lang)
          cell.data.append(("signals", .strings(result.signals.map(\.description))))
          cells.append(cell)
        }
        next += 1
      }
      table.rows.append(cells)
    }
    return table
  }
}
