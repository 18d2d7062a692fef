import HangupModel

/// The `--format text` rendering: scenario summary, timeline, shell output,
/// survival table, process tables and the rules applied with their sources.
public enum TextReport {
  public static func render(_ outcome: Outcome) -> String {
    let narrator = Narrator(outcome)
    var text = TextSink(capacity: 200 * (outcome.events.count + 40))
    func add(_ line: String) {
      text.write(line)
      text.write("\n")
    }
    for line in summary(outcome.scenario) { add(line) }
    add("")
    add("Timeline (seq, phase, who, what, [rule])")
    for event in outcome.events {
      appendLine(for: event, narrator, to: &text)
      text.write("\n")
    }
    add("")
    add("Shell output")
    if outcome.messages.isEmpty { add("  (nothing)") }
    for message in outcome.messages { add("  " + message) }
    for other in outcome.otherOutput { add("  " + other + "   (printed by nohup, not the shell)") }
    for line in outcome.echoed { add("  " + line + "   (echoed by the terminal: nobody reads it)") }
    add("")
    add("Survival")
    survivalTable(outcome, narrator).render(indent: "  ", to: &text)
    text.write("\n")
    add("  shell: " + shellLine(outcome))
    if !outcome.races.isEmpty {
      add("")
      add("Races (the real system can go either way; the survival table above follows the first branch)")
      for line in raceLines(outcome) { add(line) }
    }
    if !outcome.complete {
      add("")
      add(
        "Note: the simulation stopped at its step limit before everything settled; this is a fault in hupsim's model.")
    }
    add("")
    add("Processes before the end (ps -o pid,ppid,pgid,sid,tpgid,stat,command)")
    processTable(outcome.tableBefore).render(indent: "  ", to: &text)
    text.write("\n")
    add("")
    add("Processes after")
    add(outcome.tableAfter.isEmpty ? "  (none left)" : processTable(outcome.tableAfter).render(indent: "  "))
    add("")
    add("Rules applied")
    rulesTable(outcome, narrator).render(indent: "  ", to: &text)
    text.write("\n")
    return text.string
  }

  public static func summary(_ s: Scenario) -> [String] {
    var lines = [
      "hupsim: \(s.shell.id) (modelled on \(s.shell.modelledRelease)) on \(s.os.displayName)",
      "shell: "
        + (Language.en.shellWords(s) + Language.en.optionWords(s)
        + (s.subreaper ? ["a child subreaper above the terminal"] : [])).joined(separator: ", "),
    ]
    for (i, job) in s.jobs.enumerated() {
      lines.append("job \(i + 1): `\(job.commandLine)` — \(describe(job))")
    }
    if !s.actions.isEmpty { lines.append("then: " + s.actions.map(describe).joined(separator: ", ")) }
    lines.append("end: " + describe(s.end))
    if !s.after.isEmpty { lines.append("afterwards: " + s.after.map(describe).joined(separator: ", ")) }
    return lines
  }

  static func describe(_ job: JobSpec) -> String {
    var parts: [String] = []
    switch job.state {
    case .running:
      parts.append(job.placement == .foreground ? "running in the foreground" : "running in the background")
    case .stopped: parts.append("stopped with ^Z")
    case .ttin: parts.append("stopped by SIGTTIN after reading the terminal in the background")
    }
    switch job.launch {
    case .disown: parts.append("disowned")
    case .disownH: parts.append("marked with disown -h")
    default: break
    }
    if !job.program.handles.isEmpty {
      parts.append("catches " + job.program.handles.map(\.description).joined(separator: ", "))
    }
    if !job.inheritedIgnores.isEmpty {
      parts.append("inherits " + job.inheritedIgnores.map(\.description).joined(separator: ", ") + " ignored")
    }
    if job.program.handles.isEmpty && job.inheritedIgnores.isEmpty && job.launch != .nohup {
      parts.append("default dispositions")
    }
    return parts.joined(separator: ", ")
  }

  static func describe(_ action: UserAction) -> String {
    switch action {
    case .interrupt: return "^C"
    case .suspend: return "^Z"
    case .quit: return "^\\"
    case .jobs: return "`jobs`"
    case .bg(let j): return "`bg %\(j)`"
    case .fg(let j): return "`fg %\(j)`"
    case .killJob(let s, let j): return "`kill -\(s.name) %\(j)`"
    case .kill(let s, let j, let p, let byShell):
      return "kill -\(s.name) to process \(p) of job \(j)"
        + (byShell ? " (typed at the prompt)" : " (from another terminal)")
    case .disown(let j, let h): return "`disown\(h ? " -h" : "") %\(j)`"
    case .disownAll(let r, let h): return "`disown \(h ? "-h " : "")-\(r ? "r" : "a")`"
    }
  }

  static func describe(_ end: SessionEnd) -> String {
    switch end {
    case .exit: return "the user types `exit` (again after a warning)"
    case .logout: return "the user types `logout` (again after a warning)"
    case .eof: return "the user presses ^D (again after a warning)"
    case .hangup: return "the terminal closes or the SSH connection drops (hang-up)"
    case .killHup: return "SIGHUP is sent to the shell while the terminal stays open"
    }
  }

  static func line(for e: Event, _ narrator: Narrator) -> String {
    var text = TextSink()
    appendLine(for: e, narrator, to: &text)
    return text.string
  }

  /// One timeline line: seq, phase, who, what happened, [rule].
  static func appendLine(for e: Event, _ narrator: Narrator, to text: inout TextSink) {
    let seq = String(e.seq)
    text.spaces(4 - seq.utf8.count)
    text.write(seq)
    text.write("  ")
    text.write(paddedPhase(e.phase))
    text.write(" ")
    text.write(paddedActor(e.from))
    text.write("  ")
    if e.kind != .note, let signal = e.signal, let target = e.target, let effect = e.effect {
      text.write("SIG")
      text.write(signal.name)
      if e.kind == .signal {
        text.write(" → ")
        text.write(narrator.targetLabel(e))
        text.write(" (pid ")
        text.write(target.pid)
        text.write("): ")
        text.write(effect.phrase)
        text.write(" — ")
        text.write(narrator.detail(e))
      } else {
        text.write(" taken by ")
        text.write(narrator.targetLabel(e))
        text.write(": ")
        text.write(effect.phrase)
      }
    } else {
      text.write(narrator.detail(e))
    }
    text.write("  [")
    text.write(e.rule.rawValue)
    if let effectRule = e.effectRule, effectRule != e.rule {
      text.write(", ")
      text.write(effectRule.rawValue)
    }
    text.write("]")
  }

  static func paddedPhase(_ phase: Phase) -> String {
    switch phase {
    case .setup: return "setup "
    case .actions: return "actions"
    case .end: return "end   "
    }
  }

  static func paddedActor(_ actor: Actor) -> String {
    switch actor {
    case .kernel: return "kernel  "
    case .terminal: return "terminal"
    case .shell: return "shell   "
    case .user: return "user    "
    case .host: return "host    "
    case .systemd: return "systemd "
    case .ci: return "ci      "
    case .wsl: return "wsl     "
    }
  }

  /// `BASH-HANGUP-ALL-JOBS`, or `BASH-HANGUP-ALL-JOBS, KERN-SIG-MERGED` when what became of
  /// a signal has a kernel rule of its own.
  static func ruleCitation(_ e: Event) -> String {
    guard let effectRule = e.effectRule, effectRule != e.rule else { return e.rule.rawValue }
    return "\(e.rule), \(effectRule)"
  }

  /// One line per branch of each race.
  static func raceLines(_ outcome: Outcome) -> [String] {
    var out: [String] = []
    for race in outcome.races {
      let info = RaceCatalog.race(race.id)
      out.append("  \(race.id): \(info?.title ?? "")")
      for (i, variant) in race.variants.enumerated() {
        out.append(
          "    \(i + 1). \(variant.variant.branch.rawValue) (\(observedText(variant.variant))): \(variantText(variant.jobs))"
        )
      }
    }
    return out
  }

  static func observedText(_ v: RaceVariant) -> String {
    guard let n = v.observed, let total = v.outOf else { return "from the source; not recorded" }
    return "\(n) of \(total) recorded runs"
  }

  static func variantText(_ jobs: [ProcessSummary]) -> String {
    var perJob: [Int: Int] = [:]
    for p in jobs { perJob[p.job, default: 0] += 1 }
    return jobs.map { p in
      let label = (perJob[p.job] ?? 0) > 1 ? "job \(p.job).\(p.index)" : "job \(p.job)"
      let handled =
        p.handled.isEmpty
        ? "" : " handles " + p.handled.map { "\($0.signal) \($0.from?.rawValue ?? "")" }.joined(separator: ", ") + ";"
      let fate = p.fate.isAlive ? (p.stopped ? "survives, stopped" : "survives") : p.fate.description
      return "\(label)\(handled) \(fate)"
    }.joined(separator: "; ")
  }

  static func survivalTable(_ outcome: Outcome, _ narrator: Narrator) -> TextTable {
    var table = TextTable(header: [
      "job", "command", "delivered (send order, sender)", "outcome", "new parent", "hazards",
    ])
    for job in outcome.jobs {
      for p in job.processes {
        let delivered =
          p.delivered.isEmpty ? "-" : p.delivered.map { "\($0.signal) \($0.from.rawValue)" }.joined(separator: ", ")
        let outcomeText = p.survives ? "survives" : p.fate.description
        let parent = p.survives ? "\(narrator.parentLabel(p)) (\(p.finalParentPid))" : "-"
        let label = job.processes.count > 1 ? "\(job.job).\(p.index)" : "\(job.job)"
        let command = p.index == 0 ? job.commandLine : p.command
        let hazards = p.hazardKinds.map(\.description)
        table.rows.append([
          label, command, delivered, outcomeText, parent, hazards.isEmpty ? "-" : hazards.joined(separator: "; "),
        ])
      }
    }
    return table
  }

  static func shellLine(_ outcome: Outcome) -> String {
    let name = outcome.scenario.shell.family
    return outcome.sessionEnded
      ? "\(name) (pid \(outcome.shellPid)) \(outcome.shellFate)"
      : "\(name) (pid \(outcome.shellPid)) did not exit: the session goes on"
  }

  public static func processTable(_ rows: [ProcessRow]) -> TextTable {
    TextTable(
      header: ["PID", "PPID", "PGID", "SID", "TPGID", "STAT", "COMMAND"],
      rows: rows.map {
        [String($0.pid), String($0.ppid), String($0.pgid), String($0.sid), String($0.tpgid), $0.stat, $0.command]
      },
      rightAligned: [0, 1, 2, 3, 4])
  }

  static func rulesTable(_ outcome: Outcome, _ narrator: Narrator) -> TextTable {
    var seen = Set<RuleID>()
    var rows: [[String]] = []
    for rule in appliedRules(outcome) where seen.insert(rule).inserted {
      let source = narrator.source(rule)
      rows.append([rule.rawValue, source.isEmpty ? RuleCatalog.rule(rule).title : source])
    }
    return TextTable(header: ["rule", "mechanism"], rows: rows)
  }

  /// Every rule the events cite, the effect rules included, in order of first use.
  static func appliedRules(_ outcome: Outcome) -> [RuleID] {
    var seen = Set<RuleID>()
    var out: [RuleID] = []
    for event in outcome.events {
      if seen.insert(event.rule).inserted { out.append(event.rule) }
      if let effectRule = event.effectRule, seen.insert(effectRule).inserted { out.append(effectRule) }
    }
    return out
  }
}

extension String {
  func padding(_ width: Int) -> String {
    let w = TextTable.displayWidth(self)
    return w >= width ? self : self + String(repeating: " ", count: width - w)
  }
}

extension Effect {
  /// A short English phrase for timelines.
  public var phrase: String {
    switch self {
    case .queued: return "queued"
    case .pendingWhileStopped: return "pending (process is stopped)"
    case .continued: return "continued it"
    case .killed: return "killed it"
    case .stopped: return "stopped it"
    case .handlerRan: return "handler ran"
    case .ignored: return "discarded (ignored)"
    case .ignoredByDefault: return "discarded (default action: ignore)"
    case .merged: return "merged with the pending one"
    case .exiting: return "no effect (already exiting)"
    case .noSuchProcess: return "no such process"
    case .orphanStopDiscarded: return "discarded (orphaned group)"
    }
  }
}

extension Hazard {
  /// One English sentence.
  public var description: String {
    switch self {
    case .stdinEBADF: return "stdin: reads fail with EBADF (nohup reopened it on /dev/null write-only)"
    case .stdinHungUp: return "stdin: the terminal hung up, reads return end of file"
    case .stdinRevoked: return "stdin: the terminal was revoked, reads return end of file"
    case .stdinDevNull: return "stdin: /dev/null, reads return end of file"
    case .terminalWritesEIO: return "terminal writes fail with EIO"
    case .stdinEIOOrphaned: return "stdin: reads of the terminal fail with EIO (orphaned background group)"
    case .stdinWouldStop: return "stdin: reading the terminal would stop it with SIGTTIN (background job)"
    case .stoppedForever: return "stopped in an orphaned group: nothing will continue it"
    case .stdinPipeClosed: return "stdin: sshd closed the pipe, reads return end of file"
    case .writeSIGPIPE: return "stdout is a pipe nobody reads: its next write kills it with SIGPIPE"
    case .writeEPIPE: return "stdout is a pipe nobody reads: writes fail with EPIPE (SIGPIPE is not at its default)"
    case .holdsSSHOpen: return "it holds sshd's stdout/stderr pipe: ssh does not return until it exits or closes them"
    case .spinsOnRead: return "its read loop retries after end of file or an error: it spins on the CPU forever"
    }
  }
}
