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

  /// What the command line asks for.
  struct Request {
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
    /// `--help` was given.
    var help = false
  }

  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    var request: Request
    let scenario: Scenario
    let shellPath: String
    do throws(UsageError) {
      request = try parse(arguments)
      if request.help { return CommandResult(stdout: CLISpec.help(CLISpec.command("record")!)) }
      (scenario, shellPath) = try resolve(&request, environment: environment)
    } catch {
      return .usage(error.message)
    }
    if request.printID {
      return CommandResult(stdout: (request.id ?? RecordCommand.defaultID(scenario, strace: request.strace)) + "\n")
    }
    #if canImport(Glibc)
    return record(scenario, shellPath: shellPath, request, environment: environment)
    #else
    return .failure("recording needs Linux", status: ExitStatus.recordingFailed)
    #endif
  }

  /// Reads the options; refuses an unknown one, a bad value, or a value option given twice.
  static func parse(_ arguments: [String]) throws(UsageError) -> Request {
    var r = Request()
    var cursor = ArgumentCursor(arguments)
    var given: [String: String] = [:]
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
      case "--help", "-h":
        r.help = true
        return r
      case "--shell-path":
        r.shellPath = try cursor.value(for: name, inline: inline, expecting: "the path of the shell's binary")
      case "--repeat":
        let text = try cursor.value(for: name, inline: inline, expecting: "a number of runs from 1 to 50")
        guard let n = Int(text), (1...50).contains(n) else {
          throw UsageError("invalid value \(quoted(text)) for --repeat; valid: a whole number from 1 to 50")
        }
        r.repeats = n
      case "--out": r.out = try cursor.value(for: name, inline: inline, expecting: "a file to write the trace to")
      case "--id": r.id = try cursor.value(for: name, inline: inline, expecting: "a trace id")
      case "--strace": try ArgumentCursor.noValue(name, inline); r.strace = true
      case "--print-id": try ArgumentCursor.noValue(name, inline); r.printID = true
      case "--ssh-server":
        r.sshServer = try choice(
          try cursor.value(for: name, inline: inline, expecting: "sshd, recorder"), for: name,
          as: SSHServerChoice.self)
      case "--timeout":
        let text = try cursor.value(for: name, inline: inline, expecting: "seconds per run, e.g. 20")
        guard let t = Double(text), t > 0, t <= 600 else {
          throw UsageError(
            "invalid value \(quoted(text)) for --timeout; valid: seconds per run, more than 0 and at most 600")
        }
        r.timeout = t
      case "--format":
        r.format = try choice(
          try cursor.value(for: name, inline: inline, expecting: "text, json"), for: name, as: Format.self)
      default:
        if try r.options.parse(name, inline: inline, cursor: &cursor) { continue }
        throw UsageError(
          unknownOption(
            name,
            valid: ScenarioOptions.flagNames
              + [
                "--shell-path", "--repeat", "--out", "--id", "--strace", "--ssh-server", "--print-id", "--timeout",
                "--format", "--help",
              ]))
      }
    }
    return r
  }

  /// The scenario to record and the shell binary to run: the machine must be Linux, the
  /// shell runnable, and without --shell its bash release is what the binary says it is.
  static func resolve(_ r: inout Request, environment: CommandEnvironment) throws(UsageError) -> (Scenario, String) {
    #if canImport(Glibc)
    if let os = r.options.os {
      do throws(RecorderError) { try Recorder.checkMachine(os: os) } catch { throw UsageError(error.message) }
    }
    #endif
    let path = r.shellPath ?? r.options.shell.map { $0.shellFamily.recording.defaultPath } ?? "/bin/bash"
    try RecordCommand.checkExecutable(path)
    if r.options.shell == nil {
      #if canImport(Glibc)
      let version = Recorder.detectedBashDialect(shellPath: path)
      #else
      let version: BashDialect? = nil
      #endif
      guard let dialect = version else {
        throw UsageError(
          "cannot tell which bash \(quotedPath(path)) is (its --version names no bash release); give --shell (valid: \(ShellVersion.validNamesList))"
        )
      }
      r.options.shell = dialect.shellVersion
    }
    r.options.subreaper = true
    var resolved = try r.options.scenario(environment: environment)
    resolved.subreaper = true
    return (resolved, path)
  }

  #if canImport(Glibc)
  /// Records the runs, builds the trace, checks the model against it, writes --out and
  /// prints the report.
  static func record(_ scenario: Scenario, shellPath: String, _ r: Request, environment: CommandEnvironment)
    -> CommandResult
  {
    let recorderOptions = RecorderOptions(
      shellPath: shellPath, probePath: Recorder.defaultProbePath(), timeout: r.timeout,
      strace: r.strace, sshServer: r.sshServer)
    let runs: [RunRecord]
    do {
      try Recorder.prepareProcess()
      runs = try Recorder.record(scenario, options: recorderOptions, repeats: r.repeats)
    } catch {
      let interrupted = Recorder.interruptedBy
      return .failure(
        "recording failed: \(error.message)",
        status: interrupted != 0 ? ExitStatus.interrupted(by: interrupted) : ExitStatus.recordingFailed)
    }
    let traceID = r.id ?? RecordCommand.defaultID(scenario, strace: r.strace)
    let trace = TraceBuilder.trace(
      id: traceID, title: "Recorded: " + TextReport.summary(scenario).dropFirst().joined(separator: "; "),
      scenario: scenario, runs: runs,
      system: Recorder.systemFacts(shellPath: shellPath, recording: scenario.shell.shellFamily.recording)
        + Recorder.sessionFacts(scenario, options: recorderOptions),
      strace: r.strace)
    let result = TraceChecker.check(trace)
    if let out = r.out {
      do throws(UsageError) {
        try environment.writeFile(out, trace.toJSON().rendered() + "\n")
      } catch {
        return .failure(error.message, status: ExitStatus.cannotWriteOutput)
      }
    }
    let status = result.passed ? ExitStatus.success : ExitStatus.disagrees
    switch r.format {
    case .json: return CommandResult(stdout: RecordReport.json(trace, result: result), status: status)
    case .text:
      return CommandResult(stdout: RecordReport.text(trace, runs: runs, result: result, out: r.out), status: status)
    }
  }
  #endif

  /// Refuses a shell path that is not there or cannot be run, naming the file rather than
  /// its version.
  static func checkExecutable(_ path: String) throws(UsageError) {
    #if canImport(Glibc)
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw UsageError(
        "cannot run the shell \(quotedPath(path)): \(String(cString: strerror(errno))); give --shell-path the path of a shell binary"
      )
    }
    guard (info.st_mode & S_IFMT) == S_IFREG, access(path, X_OK) == 0 else {
      throw UsageError(
        "cannot run the shell \(quotedPath(path)): not an executable file; give --shell-path the path of a shell binary"
      )
    }
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
}
