import HangupInspect
import HangupJSON
import HangupModel

/// Presents `hupsim check`: per process what was observed, a verdict per way the session
/// can end, the assumptions and how to settle them, and the remedies that work on a
/// process already running. English only.
public enum CheckReport {
  // MARK: - Words

  /// A string a process chose (its command line, a path): control characters escaped, so
  /// printing it cannot drive the terminal.
  static func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// What the process's SIGHUP disposition means for a hang-up.
  static func hangupMeaning(_ p: ProcessSnapshot) -> String {
    var text: String
    if p.ignored.contains(.hup) {
      text = "SIGHUP ignored: no SIGHUP can kill it (nohup or trap '' HUP); SIGTERM, SIGKILL or a read error still can"
    } else if p.caught.contains(.hup) {
      text = "SIGHUP caught: its own handler decides what a hang-up does"
    } else {
      text = "SIGHUP default: a SIGHUP kills it"
    }
    if p.blocked.contains(.hup) { text += " (blocked for now: it waits until unblocked)" }
    return text
  }

  static func signalList(_ mask: SignalMask) -> String {
    mask.isEmpty ? "none" : mask.numbers.map { SignalMask.name(of: $0) }.joined(separator: " ")
  }

  static func actor(_ actor: Actor, _ check: ProcessCheck) -> String {
    switch actor {
    case .kernel: return "the kernel"
    case .terminal: return "the terminal driver"
    case .shell: return "the shell (\(check.scenario?.shell.family ?? "shell"))"
    case .user: return "you"
    case .host: return "the terminal's owner"
    case .systemd: return "systemd"
    case .ci: return "the CI runner"
    case .wsl: return "WSL"
    }
  }

  /// "survives", "dies: SIGHUP from the shell (bash) — hangup_all_jobs [BASH-HANGUP-ALL-JOBS]".
  static func verdictText(_ v: Verdict, _ check: ProcessCheck, rules: Bool = true) -> String {
    if v.survives {
      var text = "survives"
      if v.stopped { text += ", stopped" }
      if !v.sessionEnded { text += " (the shell does not leave)" }
      return text
    }
    switch v.fate {
    case .exited(let status):
      return "ends by itself with status \(status)"
    case .killed(let signal):
      guard let killer = v.killer else { return "dies: \(signal)" }
      // A supervisor's kill is told by why it stopped the unit (logind, the user manager).
      var rule = killer.rule
      if case .supervisor(.stopUnit(let unit)) = killer.reason { rule = Checker.unitRule(unit) }
      let title = RuleCatalog.lookup(rule)?.title ?? ""
      return "dies: \(signal) from \(actor(killer.from, check))" + (title.isEmpty ? "" : " — \(title)")
        + (rules ? "  [\(rule.rawValue)]" : "")
    case .alive:
      return "survives"
    }
  }

  static func notCheckedText(_ reason: NotChecked) -> String {
    switch reason {
    case .foregroundJobHoldsTerminal(let pgid):
      return "not possible now: the foreground job (group \(pgid)) holds the terminal, so the shell cannot read it"
    case .notModelled(let message):
      return "not modelled: \(message)"
    case .noShell(let leader):
      return "not modelled: the session's leader (pid \(leader)) is not an interactive shell hupsim models"
    }
  }

  static func subjectName(_ subject: Assumption.Subject) -> String {
    switch subject {
    case .shellOption(let name): return name
    case .jobTable: return "job-table"
    case .stopSignal: return "stop-signal"
    case .sessionShell: return "session-shell"
    case .shellRelease: return "shell-release"
    case .lastLogindSession: return "last-logind-session"
    case .sessionHost: return "session-host"
    case .writes: return "writes"
    case .handlerExits: return "handler-exits"
    }
  }

  static func valueText(_ subject: Assumption.Subject, _ value: String, _ check: ProcessCheck) -> String {
    switch subject {
    case .shellOption(let name): return "\(name) \(value)"
    case .jobTable:
      switch value {
      case "disowned": return "disowned"
      case "disown-h": return "marked with disown -h"
      default: return "still in the job table"
      }
    case .stopSignal:
      return value == "ttin" ? "stopped by SIGTTIN (it read the terminal in the background)" : "stopped with ^Z"
    case .sessionShell, .shellRelease: return value
    case .lastLogindSession: return "your last logind session"
    case .sessionHost:
      return value == "terminal" ? "the terminal is a window (xterm and the like)" : "the terminal's owner is \(value)"
    case .writes: return value == "yes" ? "it writes to its stdout later" : "it does not write to its stdout later"
    case .handlerExits:
      return value == "exits" ? "its SIGHUP/SIGTERM handler shuts it down" : "its SIGHUP/SIGTERM handler lets it run on"
    }
  }

  static func settleText(_ subject: Assumption.Subject, _ check: ProcessCheck) -> String {
    let family = check.scenario?.shell.family ?? "bash"
    switch subject {
    case .shellOption(let name):
      let flag =
        name == "huponexit"
        ? "--huponexit or --shell-option no_huponexit" : "--shell-option \(name) or --shell-option no_\(name)"
      return family == "bash" ? flag + ", or run `export BASHOPTS` in that shell before starting the job" : flag
    case .jobTable:
      return
        "--in-table, --disowned or --disown-h, or pipe the shell's `jobs -l` in: jobs -l | hupsim check --jobs - PID"
    case .stopSignal: return "--stopped-by tstp or --stopped-by ttin"
    case .sessionShell, .shellRelease: return "--shell NAME"
    case .lastLogindSession: return "loginctl list-sessions shows your other sessions"
    case .sessionHost: return "--session ssh|terminal|hold|tmux-pane"
    case .writes: return "--writes yes or --writes no"
    case .handlerExits: return "--handler exits or --handler continues"
    }
  }

  static func assumptionText(_ a: Assumption, _ check: ProcessCheck) -> String {
    switch a.subject {
    case .shellOption(let name):
      return
        "\(check.scenario?.shell.family ?? "the shell")'s option \(name) is \(a.assumed) (its default; a shell option cannot be read from outside)"
    case .jobTable:
      return "the job is still in the shell's job table (disown and disown -h cannot be seen from outside)"
    case .stopSignal:
      return "it was stopped with ^Z, not by reading the terminal in the background"
    case .sessionShell:
      return "the session that ends is led by \(a.assumed) (hupsim is not running in a shell's session it could read)"
    case .shellRelease:
      let identity = check.shell
      if identity?.match == .unknownShell {
        return
          "the shell (\(visible(identity?.executableName ?? "?"))) is not one hupsim models; it is modelled as \(a.assumed)"
      }
      let line = identity?.versionLine.map { "`\(visible($0))`" } ?? "no version line"
      return "the shell is modelled as \(a.assumed) (\(visible(identity?.executableName ?? "the shell")) gave \(line))"
    case .lastLogindSession:
      return "this is your only logind session, so your user manager stops with it"
    case .sessionHost:
      let host = check.observation.process(check.observation.process(check.process.sid)?.ppid ?? 0)
      return
        "the terminal's owner (\(visible(host?.programName ?? "gone"))) closes it like sshd: the session is modelled as an ssh login"
    case .writes:
      return
        "it does not write to its stdout (\(check.process.stream(1).map(streamText) ?? "?")) after the session ends; a write that fails would end it"
    case .handlerExits:
      return
        "its SIGHUP/SIGTERM handler lets it run on (a handler that shuts the program down, as node's and Go's often do, would end it)"
    }
  }

  static func findingText(_ f: Finding, _ check: ProcessCheck) -> String {
    let source: String
    switch f.source {
    case .callerBASHOPTS: source = "$BASHOPTS in hupsim's environment (exported by the shell)"
    case .jobBASHOPTS(let pid): source = "$BASHOPTS in pid \(pid)'s environment, as it was when the job started"
    case .jobsListing: source = "the `jobs -l` listing"
    case .flag: source = "the command line"
    }
    return "\(valueText(f.subject, f.value, check)) — from \(source)"
  }

  static func caveatText(_ c: Caveat) -> String {
    switch c {
    case .shellIgnoresHangup(let shell):
      return
        "the shell (pid \(shell)) ignores SIGHUP itself (trap '' HUP); the model's shell catches it, so hangup and kill-hup may differ"
    case .blocksSignals(let numbers):
      return "it blocks " + numbers.map { "SIG" + SignalMask.name(of: $0) }.joined(separator: ", ")
        + ": those stay pending and act only when it unblocks them"
    case .nestedShell(let pid):
      return
        "its job belongs to a shell started inside the session (pid \(pid)); the model has one shell and treats it as the session's"
    case .insideMultiplexer(let kind, let server):
      return
        "it runs inside \(kind.rawValue) (server pid \(server)): the ends below are those of the pane's shell, and a hangup is the connection dropping or the window closing, which only detaches \(kind.rawValue); killing the pane or the server hangs the pane's terminal up"
    case .stoppedOutsideJobControl:
      return "it is stopped outside job control: no end of the session continues it; `kill -CONT` does"
    case .ciRunner(let marker):
      return
        "$\(marker) is set: a CI runner kills what a job leaves behind when the CI job ends (GitHub Actions by RUNNER_TRACKING_ID, Jenkins by JENKINS_NODE_COOKIE/BUILD_ID), whatever the signals"
    case .wsl1:
      return
        "this is WSL 1, which emulates Linux: its terminals and sessions do not follow the Linux model the verdicts use"
    case .otherLogindSessions(let n):
      return
        "you have \(n) other logind session\(n == 1 ? "" : "s"): your user manager outlives this one, as if you lingered"
    case .leadsTerminalSession:
      return
        "it leads its terminal's session itself: when the terminal hangs up, the kernel sends it SIGHUP and SIGCONT [TTY-HANGUP-LEADER] — with SIGHUP at its default action it dies; run it under nohup, setsid or tmux"
    case .stopSignalHandled(let n):
      return "it catches or ignores SIG\(SignalMask.name(of: n)) and is stopped anyway; the scenario leaves that out"
    case .mixedStates:
      return "its process group is partly stopped; the scenario uses the group leader's state"
    }
  }

  static func remedyCommand(_ r: RemedyCheck, _ check: ProcessCheck) -> String {
    let spec = r.shellJobNumber.map { "%\($0)" } ?? "%N"
    switch r.kind {
    case .bg: return "bg \(spec)"
    case .disownH: return "disown -h \(spec)"
    case .disown: return "disown \(spec)"
    case .bgDisownH: return "bg \(spec); disown -h \(spec)"
    case .bgDisown: return "bg \(spec); disown \(spec)"
    case .suspendBgDisownH: return "^Z; bg; disown -h \(spec)"
    case .suspendBgDisown: return "^Z; bg; disown \(spec)"
    case .exitInsteadOfClosing: return "exit"
    case .reptyrIntoTmux: return "tmux new-session 'reptyr \(check.pid)'"
    case .systemdRunNextTime: return "systemd-run --user --unit=NAME CMD  (with loginctl enable-linger $USER)"
    case .enableLinger: return "loginctl enable-linger $USER"
    }
  }

  static func remedyTitle(_ r: RemedyCheck) -> String {
    switch r.kind {
    case .bg: return "resume it in the background"
    case .disownH: return "mark it so the shell does not send it SIGHUP"
    case .disown: return "take it out of the shell's job table"
    case .bgDisownH: return "resume it in the background, then mark it"
    case .bgDisown: return "resume it in the background, then take it out of the table"
    case .suspendBgDisownH: return "stop it, resume it in the background, mark it"
    case .suspendBgDisown: return "stop it, resume it in the background, disown it"
    case .exitInsteadOfClosing: return "leave with exit rather than closing the window or dropping the connection"
    case .reptyrIntoTmux: return "move it into a tmux pane with reptyr (simulated as a tmux job)"
    case .systemdRunNextTime: return "next time, start it outside the login session's scope"
    case .enableLinger: return "let your user manager outlive your last session"
    }
  }

  static func remedyNote(_ r: RemedyCheck, _ check: ProcessCheck) -> String? {
    switch r.kind {
    case .reptyrIntoTmux:
      let obs = check.observation.system
      var notes: [String] = []
      if !obs.reptyrInstalled { notes.append("reptyr is not installed") }
      if let scope = obs.ptraceScope, scope >= 1 {
        notes.append(
          "kernel.yama.ptrace_scope is \(scope): reptyr needs \(scope == 1 ? "sudo or `sysctl kernel.yama.ptrace_scope=0`" : "root")"
        )
      }
      return notes.isEmpty ? nil : notes.joined(separator: "; ")
    case .systemdRunNextTime:
      return
        "logind stops everything in the session's scope, nohup, disown, setsid and tmux included; simulated as a systemd-run --user job with linger"
    case .enableLinger:
      return nil
    default:
      return nil
    }
  }

  // MARK: - Observation words

  static func streamText(_ s: StandardStream) -> String {
    switch s.target {
    case .terminal(let path, let session): return visible(path) + (session ? " (the terminal)" : " (a terminal)")
    case .devNull: return s.access == .writeOnly ? "/dev/null (write-only)" : "/dev/null"
    case .file(let path): return visible(path)
    case .pipe: return "a pipe"
    case .socket: return "a socket"
    case .other(let path): return visible(path)
    case .closed: return "closed"
    case .unreadable: return "unreadable"
    }
  }

  static func disposition(_ p: ProcessSnapshot, _ signal: Signal) -> String {
    if p.ignored.contains(signal) { return "ignored" }
    if p.caught.contains(signal) { return "caught" }
    return "default"
  }

  static func placementText(_ check: ProcessCheck) -> String {
    let p = check.process
    let obs = check.observation
    switch check.attachment {
    case .job(let shell), .orphanedGroup(let shell):
      let leader = obs.process(shell)
      var text = "in the session of \(visible(leader?.arguments.first ?? "the shell")) (pid \(shell)"
      if let identity = check.shell {
        text += ", " + versionName(identity) + " → " + identity.version.id
        if identity.login { text += ", login shell" }
      }
      text += ")"
      if let tty = p.terminalPath { text += " on \(tty)" }
      if case .orphanedGroup = check.attachment {
        return text + "; in an orphaned process group (started as `( cmd & )`)"
      }
      let job = check.scenario?.jobs[check.job - 1]
      let state =
        p.isStopped
        ? "stopped" : (job?.placement == .foreground ? "running in the foreground" : "running in the background")
      return text + "; \(state)"
    case .shell:
      return "the session's shell"
    case .noTerminal:
      return
        "in session \(p.sid) without a controlling terminal (setsid, a daemon, or a command run without a terminal)"
    case .multiplexer(let kind, let server):
      return "under a \(kind.rawValue) server (pid \(server)), which keeps its terminal in a session of its own"
    case .terminalWithoutShell(let leader):
      return
        "on \(p.terminalPath ?? "a terminal") whose session leader (pid \(leader), \(visible(obs.process(leader)?.programName ?? "gone"))) is not an interactive shell hupsim models"
    }
  }

  /// `bash 5.2.15`, from the version line's numbers; the executable's name without one.
  static func versionName(_ identity: ShellIdentity) -> String {
    guard let line = identity.versionLine, let parts = ShellIdentification.versionParts(line) else {
      return visible(identity.executableName)
        + (identity.match == .unknownShell ? " (not modelled)" : " (version unknown)")
    }
    return visible(identity.executableName) + " " + parts.numbers.map(String.init).joined(separator: ".")
      + (parts.suffix.map(String.init) ?? "")
  }

  static func cgroupText(_ c: ControlGroup, _ logind: LogindFacts) -> String {
    let where_: String
    switch c {
    case .sessionScope(let id, _): where_ = "logind session \(id)'s scope"
    case .userManager: where_ = "your systemd user manager"
    case .systemService(let unit, _): where_ = "the system service \(unit)"
    case .other(let path): where_ = path
    case .unknown: where_ = "unknown"
    }
    var logindText =
      logind.running ? "logind: KillUserProcesses=\(logind.killUserProcesses ? "yes" : "no")" : "logind: not running"
    if logind.running {
      logindText += logind.killUserProcessesSetIn.map { " (\($0))" } ?? " (default)"
      logindText += logind.lingering ? ", lingering" : ", not lingering"
    }
    return "cgroup: \(where_); \(logindText)"
  }

  // MARK: - Text

  public static func text(_ checks: [ProcessCheck]) -> String {
    if checks.isEmpty { return "No processes to check: the session has none besides its shell and hupsim itself.\n" }
    return checks.map(text).joined(separator: "\n")
  }

  /// Wraps `text` at `width`: the first line after `first`, the others after `rest`.
  static func wrap(_ text: String, first: String, rest: String, width: Int = 100) -> String {
    var lines: [String] = []
    var line = first
    var empty = true
    for word in text.split(separator: " ") {
      if !empty && line.count + 1 + word.count > width {
        lines.append(line)
        line = rest + word
      } else {
        line += (empty ? "" : " ") + word
      }
      empty = false
    }
    lines.append(line)
    return lines.joined(separator: "\n") + "\n"
  }

  public static func text(_ check: ProcessCheck) -> String {
    let p = check.process
    let command = visible(p.commandLine)
    var out = "pid \(p.pid)  \(command.count > 200 ? String(command.prefix(200)) + "…" : command)\n"
    out += wrap(placementText(check), first: "  ", rest: "    ")
    out += wrap(
      "group \(p.pgid), session \(p.sid), parent \(p.ppid) (\(visible(check.observation.process(p.ppid)?.programName ?? "?")))"
        + "; ignores \(signalList(p.ignored)); catches \(signalList(p.caught)); blocks \(signalList(p.blocked))",
      first: "  ", rest: "    ")
    out += wrap(hangupMeaning(p), first: "  ", rest: "    ")
    out += wrap(
      "stdin " + (p.stream(0).map(streamText) ?? "?") + ", stdout " + (p.stream(1).map(streamText) ?? "?")
        + ", stderr " + (p.stream(2).map(streamText) ?? "?"), first: "  ", rest: "    ")
    out += wrap(cgroupText(p.controlGroup, check.observation.system.logind), first: "  ", rest: "    ")
    out += "\n  end       verdict\n"
    let indent = String(repeating: " ", count: 14)
    for end in check.ends {
      let name = end.end.rawValue.padding(to: 10)
      switch end.result {
      case .success(let v): out += wrap(verdictText(v, check), first: "  \(name)", rest: indent)
      case .failure(let reason): out += wrap(notCheckedText(reason), first: "  \(name)", rest: indent)
      }
      for alt in end.alternatives {
        out += wrap(
          "if \(valueText(alt.subject, alt.value, check)): \(verdictText(alt.verdict, check))", first: indent,
          rest: indent + "  ")
      }
      for race in end.races {
        let branches = race.branches.map { b -> String in
          let count =
            b.variant.observed.flatMap { o in b.variant.outOf.map { " in \(o) of \($0) recorded runs" } } ?? ""
          return (b.fate.isAlive ? "survives" : "dies") + count
        }
        out += wrap(
          "a race (\(race.id.rawValue)): " + branches.joined(separator: "; "), first: indent, rest: indent + "  ")
      }
    }
    if !check.findings.isEmpty {
      out += "\n  Found\n"
      for f in check.findings { out += wrap(findingText(f, check), first: "  - ", rest: "    ") }
    }
    let matters = check.assumptions.filter { a in
      check.ends.contains { $0.alternatives.contains { $0.subject == a.subject } }
    }
    let fixed = check.assumptions.filter { $0.alternatives.isEmpty }
    let quiet = check.assumptions.filter { a in !matters.contains(a) && !fixed.contains(a) }
    if !matters.isEmpty {
      out += "\n  Assumed, and it matters (the \"if\" lines above)\n"
      for a in matters {
        out += wrap(
          assumptionText(a, check) + ". Settle it: " + settleText(a.subject, check), first: "  - ", rest: "    ")
      }
    }
    if !fixed.isEmpty {
      out += "\n  Assumed\n"
      for a in fixed {
        out += wrap(
          assumptionText(a, check) + ". Settle it: " + settleText(a.subject, check), first: "  - ", rest: "    ")
      }
    }
    if !quiet.isEmpty {
      let list = quiet.map { a -> String in
        switch a.subject {
        case .shellOption(let name): return "\(name) \(a.assumed)"
        case .jobTable: return "still in the job table"
        case .stopSignal: return "stopped with ^Z"
        case .sessionHost:
          let host = check.observation.process(check.observation.process(check.process.sid)?.ppid ?? 0)
          return "its terminal's owner (\(visible(host?.programName ?? "gone"))) closes it like sshd"
        case .writes: return "no writes to stdout later"
        case .handlerExits: return "its signal handler lets it run on"
        default: return assumptionText(a, check)
        }
      }
      out +=
        "\n"
        + wrap("Assumed, not changing any verdict: " + list.joined(separator: "; ") + ".", first: "  ", rest: "    ")
    }
    if !check.caveats.isEmpty {
      out += "\n  Note\n"
      for c in check.caveats { out += wrap(caveatText(c), first: "  - ", rest: "    ") }
    }
    if !check.remedies.isEmpty {
      out += "\n  Remedies that work now, smallest first (each checked by simulation unless said)\n"
      for (i, r) in check.remedies.enumerated() {
        var line = "\(remedyCommand(r, check))  — \(remedyTitle(r))"
        if r.simulated {
          line +=
            r.stillDies.isEmpty
            ? "; saves it at every end it dies at"
            : "; saves it at " + r.saves.map(\.rawValue).joined(separator: ", ")
              + "; still dies at " + r.stillDies.map(\.rawValue).joined(separator: ", ")
        }
        if let note = remedyNote(r, check) { line += " (\(note))" }
        out += wrap(line, first: "  \(i + 1). ", rest: "     ")
      }
      if check.remedies.contains(where: { $0.shellJobNumber == nil && remedyCommand($0, check).contains("%N") }) {
        out += wrap(
          "%N: the job number `jobs -l` shows for pid \(p.pid) in its shell (or give --jobs to have it filled in).",
          first: "  ", rest: "  ")
      }
    }
    return out
  }

  // MARK: - JSON

  /// One object for one check; an array when `asArray`.
  public static func json(_ checks: [ProcessCheck], asArray: Bool) -> JSONValue {
    if !asArray, checks.count == 1 { return json(checks[0]) }
    return .array(checks.map(json))
  }

  static func signals(_ mask: SignalMask) -> JSONValue {
    .strings(mask.numbers.map { "SIG" + SignalMask.name(of: $0) })
  }

  static func streamJSON(_ s: StandardStream) -> JSONValue {
    var kind: String
    var path: String?
    switch s.target {
    case .terminal(let p, let session): kind = session ? "terminal" : "other-terminal"; path = p
    case .devNull: kind = "devnull"; path = "/dev/null"
    case .file(let p): kind = "file"; path = p
    case .pipe(let inode): kind = "pipe"; path = "pipe:[\(inode)]"
    case .socket(let inode): kind = "socket"; path = "socket:[\(inode)]"
    case .other(let p): kind = "other"; path = p
    case .closed: kind = "closed"
    case .unreadable: kind = "unreadable"
    }
    return .object([
      ("fd", .int(s.fd)), ("kind", .string(kind)), ("path", .optional(path)), ("access", .optional(s.access?.rawValue)),
    ])
  }

  static func cgroupJSON(_ c: ControlGroup) -> JSONValue {
    let kind: String
    var pairs: [(String, JSONValue)] = []
    switch c {
    case .sessionScope(let id, _):
      kind = "session-scope"
      pairs.append(("session", .string(id)))
    case .userManager(let uid, _):
      kind = "user-manager"
      pairs.append(("uid", .optional(uid)))
    case .systemService(let unit, _):
      kind = "system-service"
      pairs.append(("unit", .string(unit)))
    case .other: kind = "other"
    case .unknown: kind = "unknown"
    }
    return .object([("kind", .string(kind)), ("path", .optional(c.path))] + pairs)
  }

  static func stateName(_ state: ObservedState) -> String {
    switch state {
    case .running: return "running"
    case .sleeping: return "sleeping"
    case .diskSleep: return "disk-sleep"
    case .stopped: return "stopped"
    case .tracingStop: return "tracing-stop"
    case .zombie: return "zombie"
    case .dead: return "dead"
    case .idle: return "idle"
    case .other: return "other"
    }
  }

  static func attachmentJSON(_ a: Attachment) -> String {
    switch a {
    case .job: return "job"
    case .orphanedGroup: return "orphaned-group"
    case .shell: return "shell"
    case .noTerminal: return "no-terminal"
    case .multiplexer(let kind, _): return kind.rawValue
    case .terminalWithoutShell: return "terminal-without-shell"
    }
  }

  static func observedJSON(_ check: ProcessCheck) -> JSONValue {
    let p = check.process
    let obs = check.observation
    let leader = obs.process(p.sid)
    let shell = check.shell
    let host = leader.flatMap { obs.process($0.ppid) }
    let mux: JSONValue
    switch check.attachment {
    case .multiplexer(let kind, let server): mux = .object([("kind", .string(kind.rawValue)), ("pid", .int(server))])
    default:
      if let c = check.caveats.first(where: {
        if case .insideMultiplexer = $0 { return true }; return false
      }),
        case .insideMultiplexer(let kind, let server) = c
      {
        mux = .object([("kind", .string(kind.rawValue)), ("pid", .int(server))])
      } else {
        mux = .null
      }
    }
    let groupMembers = obs.processes.filter { $0.pgid == p.pgid && $0.sid == p.sid && !$0.isZombie }
    let orphaned =
      p.pgid != p.sid && !groupMembers.isEmpty
      && !groupMembers.contains { member in
        obs.process(member.ppid).map { $0.sid == p.sid && $0.pgid != p.pgid } ?? false
      }
    let logind = obs.system.logind
    let user = p.uid.flatMap { obs.userNames[$0] }
    let shellJSON: JSONValue =
      shell.map { s in
        .object([
          ("pid", .int(s.pid)), ("command", .string(leader?.commandLine ?? "")),
          ("executable", .string(s.executableName)),
          ("versionLine", .optional(s.versionLine)), ("modelledAs", .string(s.version.id)),
          ("match", .string(s.match.rawValue)),
          ("login", .bool(s.login)), ("ignoresSIGHUP", .bool(leader?.ignored.contains(.hup) ?? false)),
        ])
      } ?? .null
    return .object([
      ("state", .string(stateName(p.state))),
      ("stat", .string(p.state.rawValue)),
      ("ppid", .int(p.ppid)), ("pgid", .int(p.pgid)), ("sid", .int(p.sid)),
      ("terminal", .optional(p.terminalPath)),
      ("foreground", .bool(p.hasTerminal && p.tpgid == p.pgid)),
      ("attachment", .string(attachmentJSON(check.attachment))),
      (
        "sessionLeader",
        leader.map { l in .object([("pid", .int(l.pid)), ("command", .string(l.commandLine))]) } ?? .null
      ),
      ("shell", shellJSON),
      ("host", host.map { h in .object([("pid", .int(h.pid)), ("command", .string(h.commandLine))]) } ?? .null),
      ("multiplexer", mux),
      ("ownSession", .bool(p.isSessionLeader)),
      ("orphanedGroup", .bool(orphaned)),
      (
        "parents",
        .array(
          obs.ancestors(of: p.pid).map { a in .object([("pid", .int(a.pid)), ("command", .string(a.commandLine))]) })
      ),
      (
        "signals",
        .object([
          ("ignored", signals(p.ignored)), ("caught", signals(p.caught)), ("blocked", signals(p.blocked)),
          ("pending", signals(p.pending)),
        ])
      ),
      ("SIGHUP", .string(p.blocked.contains(.hup) ? disposition(p, .hup) + ",blocked" : disposition(p, .hup))),
      ("stdio", .array(p.streams.map(streamJSON))),
      ("readsTerminal", p.readsTerminal.map(JSONValue.bool) ?? .null),
      ("children", .array(obs.children(of: p.pid).map { .int($0.pid) })),
      ("cgroup", cgroupJSON(p.controlGroup)),
      (
        "logind",
        .object([
          ("running", .bool(logind.running)), ("killUserProcesses", .bool(logind.killUserProcesses)),
          ("setIn", .optional(logind.killUserProcessesSetIn)), ("killOnlyUsers", .strings(logind.killOnlyUsers)),
          ("killExcludeUsers", .strings(logind.killExcludeUsers)), ("user", .optional(user)),
          ("killsThisUser", .bool(logind.killsSessions(of: user))), ("lingering", .bool(logind.lingering)),
          ("otherSessions", .optional(logind.otherSessions)),
        ])
      ),
      ("ci", .strings(CIMarkers.present(in: p.environment ?? [:]))),
      ("wsl1", .bool(obs.system.wsl1)),
      ("kernel", .string(obs.system.kernelRelease)),
      ("jobNumber", .optional(check.shellJobNumber)),
    ])
  }

  static func deliveredJSON(_ d: Delivery) -> JSONValue {
    .object([
      ("signal", .string(d.signal.description)), ("from", .string(d.from.rawValue)), ("rule", .string(d.rule.rawValue)),
    ])
  }

  static func verdictPairs(_ v: Verdict) -> [(String, JSONValue)] {
    let by: String? = v.killer?.from.rawValue
    var exitStatus: Int?
    if case .exited(let s) = v.fate { exitStatus = s }
    return [
      ("survives", .bool(v.survives)),
      ("killedBy", .optional(v.killedBy?.description)),
      ("by", .optional(v.survives ? nil : by)),
      ("exitStatus", .optional(exitStatus)),
      ("stopped", .bool(v.stopped)),
      ("sessionEnds", .bool(v.sessionEnded)),
      ("delivered", .array(v.delivered.map(deliveredJSON))),
      ("rules", .strings(v.rules)),
      ("hazards", .strings(v.hazards.map(\.rawValue))),
    ]
  }

  static func endJSON(_ e: EndCheck, _ check: ProcessCheck) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("end", .string(e.end.rawValue))]
    switch e.result {
    case .success(let v):
      pairs.append(("checked", .bool(true)))
      pairs += verdictPairs(v)
      pairs.append(("verdict", .string(verdictText(v, check, rules: false))))
    case .failure(let reason):
      pairs += [
        ("checked", .bool(false)), ("survives", .null), ("killedBy", .null), ("delivered", .array([])),
        ("rules", .array([])),
        ("reason", .string(notCheckedText(reason))),
      ]
    }
    pairs.append(
      (
        "otherwise",
        .array(
          e.alternatives.map { alt in
            .object(
              [("assumption", .string(subjectName(alt.subject))), ("value", .string(alt.value))]
                + verdictPairs(alt.verdict))
          })
      ))
    pairs.append(
      (
        "races",
        .array(
          e.races.map { race in
            .object([
              ("id", .string(race.id.rawValue)),
              (
                "branches",
                .array(
                  race.branches.map { b in
                    .object([
                      ("branch", .string(b.variant.branch.rawValue)), ("observed", .optional(b.variant.observed)),
                      ("outOf", .optional(b.variant.outOf)), ("survives", .bool(b.fate.isAlive)),
                    ])
                  })
              ),
            ])
          })
      ))
    return .object(pairs)
  }

  public static func json(_ check: ProcessCheck) -> JSONValue {
    .object([
      ("pid", .int(check.pid)),
      ("command", .string(check.process.commandLine)),
      ("observed", observedJSON(check)),
      ("scenario", check.scenario?.toJSON() ?? .null),
      ("job", .int(check.job)),
      ("process", .int(check.processIndex)),
      (
        "assumptions",
        .array(
          check.assumptions.map { a in
            .object([
              ("subject", .string(subjectName(a.subject))), ("assumed", .string(a.assumed)),
              ("alternatives", .strings(a.alternatives)),
              ("matters", .bool(check.ends.contains { $0.alternatives.contains { $0.subject == a.subject } })),
              ("text", .string(assumptionText(a, check))), ("settle", .string(settleText(a.subject, check))),
            ])
          })
      ),
      (
        "findings",
        .array(
          check.findings.map { f in
            .object([
              ("subject", .string(subjectName(f.subject))), ("value", .string(f.value)),
              ("text", .string(findingText(f, check))),
            ])
          })
      ),
      ("caveats", .strings(check.caveats.map(caveatText))),
      ("ends", .array(check.ends.map { endJSON($0, check) })),
      (
        "remedies",
        .array(
          check.remedies.map { r in
            .object([
              ("id", .string(r.kind.rawValue)), ("command", .string(remedyCommand(r, check))),
              ("title", .string(remedyTitle(r))),
              ("job", .optional(r.shellJobNumber)), ("simulated", .bool(r.simulated)),
              ("approximate", .bool(r.approximate)),
              ("saves", .strings(r.saves.map(\.rawValue))), ("stillDies", .strings(r.stillDies.map(\.rawValue))),
              ("stillLeaves", .strings(r.stillLeaves.map(\.rawValue))), ("note", .optional(remedyNote(r, check))),
            ])
          })
      ),
    ])
  }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
