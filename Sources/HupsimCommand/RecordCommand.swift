import HangupJSON
import HangupModel
import HangupRecorder
import HangupReport
import HangupTraces

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `hupsim record [scenario flags] [--shell-path PATH] [--repeat N] [--out FILE] ...`:
/// runs the scenario for real on this Linux machine and checks the model against it.
enum RecordCommand {
  enum Format: String, CaseIterable { case text, json }

  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    var options = ScenarioOptions()
    var shellPath: String?
    var repeats = 1
    var out: String?
    var format = Format.text
    var strace = false
    var timeout = 20.0
    var sshServer = SSHServerChoice.sshd
    var printID = false
    var id: String?
    var cursor = ArgumentCursor(arguments)
    var given: [String: String] = [:]
    let scenario: Scenario
    do throws(UsageError) {
      while let (name, inline) = cursor.nextOption() {
        if ["--shell-path", "--repeat", "--out", "--id", "--timeout", "--format"].contains(name) {
          // Peek at the value to refuse a second one; each case below reads it for real.
          var peek = cursor
          if let value = try? peek.value(for: name, inline: inline, expecting: "") {
            if let earlier = given[name] {
              throw UsageError("\(name) is given twice (\(quoted(earlier)) and \(quoted(value))); give it once")
            }
            given[name] = value
          }
        }
        switch name {
        case "--help", "-h": return CommandResult(stdout: CLISpec.help(CLISpec.command("record")!))
        case "--shell-path": shellPath = try cursor.value(for: name, inline: inline, expecting: "the path of the shell's binary")
        case "--repeat":
          let text = try cursor.value(for: name, inline: inline, expecting: "a number of runs from 1 to 50")
          guard let n = Int(text), (1...50).contains(n) else {
            throw UsageError("invalid value \(quoted(text)) for --repeat; valid: a whole number from 1 to 50")
          }
          repeats = n
        case "--out": out = try cursor.value(for: name, inline: inline, expecting: "a file to write the trace to")
        case "--id": id = try cursor.value(for: name, inline: inline, expecting: "a trace id")
        case "--strace": try ArgumentCursor.noValue(name, inline); strace = true
        case "--print-id": try ArgumentCursor.noValue(name, inline); printID = true
        case "--ssh-server":
          sshServer = try choice(try cursor.value(for: name, inline: inline, expecting: "sshd, recorder"), for: name,
                                 as: SSHServerChoice.self)
        case "--timeout":
          let text = try cursor.value(for: name, inline: inline, expecting: "seconds per run, e.g. 20")
          guard let t = Double(text), t > 0, t <= 600 else {
            throw UsageError("invalid value \(quoted(text)) for --timeout; valid: seconds per run, more than 0 and at most 600")
          }
          timeout = t
        case "--format":
          format = try choice(try cursor.value(for: name, inline: inline, expecting: "text, json"), for: name, as: Format.self)
        default:
          if try options.parse(name, inline: inline, cursor: &cursor) { continue }
          throw UsageError(unknownOption(name, valid: ScenarioOptions.flagNames
            + ["--shell-path", "--repeat", "--out", "--id", "--strace", "--ssh-server", "--print-id", "--timeout", "--format", "--help"]))
        }
      }
      if let os = options.os, os.id != .linux {
        throw UsageError("hupsim record runs the scenario on this machine: --os must be linux, not \(os.id.rawValue)")
      }
      let path = shellPath ?? options.shell.map { $0.shellFamily.recording.defaultPath } ?? "/bin/bash"
      try RecordCommand.checkExecutable(path)
      if options.shell == nil {
        let version = RecordCommand.detectedDialect(path)
        guard let dialect = version else {
          throw UsageError("cannot tell which bash \(quotedPath(path)) is (its --version names no bash release); give --shell (valid: \(ShellVersion.validNamesList))")
        }
        options.shell = dialect.shellVersion
      }
      options.subreaper = true
      var resolved = try options.scenario(environment: environment)
      resolved.subreaper = true
      scenario = resolved
      shellPath = path
    } catch {
      return .usage(error.message)
    }
    if printID { return CommandResult(stdout: (id ?? RecordCommand.defaultID(scenario, strace: strace)) + "\n") }

    #if canImport(Glibc)
    let recorderOptions = RecorderOptions(shellPath: shellPath!, probePath: probePath(), timeout: timeout, strace: strace,
                                          sshServer: sshServer)
    let runs: [RunRecord]
    do {
      try Recorder.prepareProcess()
      runs = try Recorder.record(scenario, options: recorderOptions, repeats: repeats)
    } catch {
      let interrupted = Recorder.interruptedBy
      return .failure("recording failed: \(error.message)",
                      status: interrupted != 0 ? ExitStatus.interrupted(by: interrupted) : ExitStatus.recordingFailed)
    }
    let traceID = id ?? RecordCommand.defaultID(scenario, strace: strace)
    let trace = TraceBuilder.trace(id: traceID, title: "Recorded: " + TextReport.summary(scenario).dropFirst().joined(separator: "; "),
                                   scenario: scenario, runs: runs,
                                   system: Recorder.systemFacts(shellPath: shellPath!, recording: scenario.shell.shellFamily.recording)
                                     + Recorder.sessionFacts(scenario, options: recorderOptions),
                                   strace: strace)
    let result = TraceChecker.check(trace)
    if let out {
      do throws(UsageError) {
        try environment.writeFile(out, trace.toJSON().rendered() + "\n")
      } catch {
        return .failure(error.message, status: ExitStatus.cannotWriteOutput)
      }
    }
    let status = result.passed ? ExitStatus.success : ExitStatus.disagrees
    switch format {
    case .json:
      let doc = JSONValue.object([
        ("trace", trace.toJSON()),
        ("model", VerifyReport.json(result)),
      ])
      return CommandResult(stdout: doc.rendered() + "\n", status: status)
    case .text:
      return CommandResult(stdout: RecordCommand.text(trace, runs: runs, result: result, out: out), status: status)
    }
    #else
    return .failure("recording needs Linux", status: ExitStatus.recordingFailed)
    #endif
  }

  /// Refuses a shell path that is not there or cannot be run, naming the file rather than
  /// its version.
  static func checkExecutable(_ path: String) throws(UsageError) {
    #if canImport(Glibc)
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw UsageError("cannot run the shell \(quotedPath(path)): \(String(cString: strerror(errno))); give --shell-path the path of a shell binary")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG, access(path, X_OK) == 0 else {
      throw UsageError("cannot run the shell \(quotedPath(path)): not an executable file; give --shell-path the path of a shell binary")
    }
    #endif
  }

  /// The dialect matching `PATH --version`.
  static func detectedDialect(_ path: String) -> BashDialect? {
    #if canImport(Glibc)
    let line = Recorder.systemFacts(shellPath: path).first(where: { $0.0 == "shell" })?.1 ?? ""
    guard let range = line.firstRange(of: "version ") else { return nil }
    let version = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
    let parts = version.split(separator: ".")
    guard parts.count >= 2 else { return nil }
    var minor = String(parts[1])
    if parts[0] == "2" && minor == "05" && line.contains("2.05b") { minor = "05b" }
    if parts[0] != "2", let n = Int(minor) { minor = String(n) }  // "3.00" is bash-3.0
    return BashDialect.named("bash-\(parts[0]).\(minor)")
    #else
    return nil
    #endif
  }

  /// The probe `record` runs as the job: `HUPSIM_PROBE`, else next to this binary (a build
  /// folder), else where scripts/install.sh puts it (PREFIX/libexec/hupsim next to PREFIX/bin).
  static func probePath() -> String {
    #if canImport(Glibc)
    if let env = getenv("HUPSIM_PROBE") { return String(cString: env) }
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return "hupsim-probe" }
    let exe = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let dir = exe.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    let beside = dir + "/hupsim-probe"
    let installed = dir + "/../libexec/hupsim/hupsim-probe"
    if access(beside, X_OK) != 0 && access(installed, X_OK) == 0 { return installed }
    return beside
    #else
    return "hupsim-probe"
    #endif
  }

  static func defaultID(_ s: Scenario, strace: Bool) -> String {
    let job = s.jobs[0]
    var parts = [s.shell.id]
    if s.session != .ssh { parts.append(s.session.rawValue) }
    if !s.effectiveJobControl {
      if s.session != .sshNoPty { parts.append("nojc") }
    } else {
      parts.append(s.login ? "login" : "nonlogin")
    }
    if s.shell.family == "bash" {
      // A command string's bash is no login shell: huponexit is named only when set.
      if s.effectiveJobControl || s.huponexit { parts.append(s.huponexit ? "huponexit" : "nohuponexit") }
    } else {
      let family = s.shell.shellFamily
      for spec in family.options where family.option(spec.name, in: s) != spec.defaultValue {
        parts.append((family.option(spec.name, in: s) ? "" : "no") + spec.name.replacing("_", with: ""))
      }
    }
    parts.append(job.state == .running ? (job.placement == .foreground ? "fg" : "bg") : job.state.rawValue)
    parts.append(job.launch.rawValue)
    let program = job.program
    let catches = program.handles.filter { !program.exitsOn.contains($0) }
    if !program.exitsOn.isEmpty { parts.append("exits" + program.exitsOn.map(\.name).joined()) }
    if !catches.isEmpty || program.exitsOn.isEmpty { parts.append(catches.isEmpty ? "dfl" : "catch") }
    if program.resetsSignals { parts.append("reset") }
    if program.writes { parts.append("writes") }
    if program.readsStdin && job.state != .ttin { parts.append("reads") }
    if program.onReadError == .retry { parts.append("retry") }
    if let stdout = job.stdout { parts.append("out" + stdout.rawValue) }
    if let form = program.daemonizes { parts.append("self-" + form.rawValue) }
    if job.extraProcesses.count > 0 {
      let extras = job.extraProcesses.map { e -> String in
        var tags = ["child"]
        if e.program.resetsSignals { tags.append("reset") }
        if !e.program.exitsOn.isEmpty { tags.append("exits" + e.program.exitsOn.map(\.name).joined()) }
        if e.program.writes { tags.append("writes") }
        if let form = e.program.daemonizes { tags.append("self-" + form.rawValue) }
        return tags.joined(separator: "+")
      }
      parts.append(extras.joined(separator: "+"))
    }
    parts.append(s.end.rawValue)
    if strace { parts.append("strace") }
    return parts.joined(separator: "-")
  }

  static func text(_ trace: Trace, runs: [RunRecord], result: TraceResult, out: String?) -> String {
    var lines: [String] = []
    lines.append("recorded \(trace.id): \(runs.count) run\(runs.count == 1 ? "" : "s")")
    for (name, value) in trace.system { lines.append("  \(name): \(value)") }
    for (i, run) in runs.enumerated() {
      var shell = "shell " + (run.shellExitStatus.map { "exited \($0)" } ?? run.shellKilledBy.map { "killed by \(Signal.parse(String($0))?.description ?? String($0))" } ?? "did not exit")
      shell += ", \(Int(run.durationMilliseconds)) ms"
      lines.append("  run \(i + 1): \(shell)")
      for probe in run.probes {
        let signals = probe.signals.map { s -> String in
          let name = Signal.parse(String(s.signo))?.description ?? String(s.signo)
          let who = s.code == 128 ? "kernel" : (s.sender == run.shellPid ? "shell" : "pid \(s.sender)")
          return "\(name) from \(who)"
        }
        lines.append("    job \(probe.job) process \(probe.index) (pid \(probe.pid)): \(TraceBuilder.describe(probe.fate))"
                     + (signals.isEmpty ? "" : "; handled: " + signals.joined(separator: ", ")))
        if let d = probe.detached {
          let started = d.from == probe.pid ? "in place" : "from pid \(d.from)" + (d.via.map { " via pid \($0)" } ?? "")
          let facts = d.facts.count == 4 ? "; then parent \(d.facts[0]), group \(d.facts[1]), session \(d.facts[2])" : ""
          lines.append("      detached itself (\(d.form)) \(started): \(d.result == "ERR 1" ? "EPERM" : d.result)\(facts)")
        }
      }
      let messages = TraceBuilder.keyMessagesPrinted(in: run.transcript, typed: run.typed,
                                                     keyMessages: trace.scenario.shell.shellFamily.recording.keyMessages)
      if !messages.isEmpty { lines.append("    shell printed: " + messages.map { "\"\($0)\"" }.joined(separator: ", ")) }
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
}
