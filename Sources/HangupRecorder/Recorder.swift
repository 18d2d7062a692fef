#if canImport(Glibc)
@preconcurrency import Glibc
import CHangupLinux
import HangupJSON
import HangupModel
import HangupTraces

/// Records scenarios on the real Linux system and turns the runs into traces.
public enum Recorder {
  /// Makes this process a child subreaper and routes SIGINT/SIGTERM/SIGHUP to a flag the
  /// recorder checks, so an interrupted recording still cleans up. Call once.
  public static func prepareProcess() throws(RecorderError) {
    guard CHangupLinux_set_child_subreaper() == 0 else {
      throw RecorderError("cannot become a child subreaper (prctl PR_SET_CHILD_SUBREAPER): \(System.errorText())")
    }
    let onSignal: @convention(c) (Int32) -> Void = { signo in recorderInterruptedBy = signo }
    signal(SIGINT, onSignal)
    signal(SIGTERM, onSignal)
    signal(SIGHUP, onSignal)
    signal(SIGPIPE, SIG_IGN)
    // A parent may have started us with these blocked; they must reach the handler.
    var set = sigset_t()
    sigemptyset(&set)
    for signo in [SIGINT, SIGTERM, SIGHUP, SIGCHLD] { sigaddset(&set, signo) }
    sigprocmask(SIG_UNBLOCK, &set, nil)
  }

  /// The signal that interrupted the recorder, if any.
  public static var interruptedBy: Int32 { recorderInterruptedBy }

  /// Runs the scenario `repeats` times on the real system.
  public static func record(_ scenario: Scenario, options: RecorderOptions, repeats: Int) throws(RecorderError)
    -> [RunRecord]
  {
    try checkMachine(os: scenario.os)
    guard scenario.subreaper else {
      throw RecorderError("recordings run under the recorder, a child subreaper: the scenario must set subreaper")
    }
    let plan = try RecordingPlan.make(for: scenario)
    if !scenario.effectiveJobControl {
      let family = scenario.shell.shellFamily.name.lowercased()
      if family.contains("fish") || family.contains("tcsh") {
        throw RecorderError(
          "without job control the recorder runs the shell on a command string ending in `read -r … < FIFO`; \(scenario.shell.shellFamily.name) has no such `read`: record with an sh-family shell"
        )
      }
      for step in plan.setup {
        if case .killBuiltin = step {
          throw RecorderError(
            "a command string cannot type `kill PID` with a pid that is not known yet: use a kill from another terminal"
          )
        }
        if case .key = step, scenario.session == .sshNoPty {
          throw RecorderError("--session ssh-no-pty has no terminal to press keys on")
        }
      }
    }
    // The probe is linked into each run's directory, so a relative path would dangle.
    var options = options
    if !options.probePath.hasPrefix("/") {
      var buffer = [CChar](repeating: 0, count: 4096)
      if getcwd(&buffer, buffer.count) != nil {
        let cwd = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        options.probePath = cwd + "/" + options.probePath
      }
    }
    var info = stat()
    guard stat(options.probePath, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(options.probePath, X_OK) == 0
    else {
      let why = (info.st_mode & S_IFMT) == S_IFDIR ? "it is a folder" : System.errorText()
      throw RecorderError(
        "cannot run the probe \(options.probePath): \(why) (build it with `swift build`, or set HUPSIM_PROBE)")
    }
    var runs: [RunRecord] = []
    for _ in 0..<max(1, repeats) {
      if recorderInterruptedBy != 0 { throw RecorderError("interrupted by signal \(recorderInterruptedBy)") }
      let marker = "HUPSIM_RECORD_ID=\(getpid())-\(Int(System.monotonicMilliseconds() * 1000))"
      let session = RecordingSession(scenario: scenario, options: options, plan: plan, marker: marker)
      runs.append(try session.run())
    }
    return runs
  }

  /// How the session was held and the versions of the real programs that held it, for the
  /// trace's `system`.
  public static func sessionFacts(_ scenario: Scenario, options: RecorderOptions) -> [(String, String)] {
    let host = RecordingSession.Host(scenario, options)
    var facts = [("session", host.description)]
    func first(_ path: String, _ arguments: [String]) -> String {
      (System.output(path, arguments) ?? "").split(separator: "\n").first.map(String.init) ?? "unknown"
    }
    if host.usesSSHD { facts.append(("openssh", first(options.sshPath, ["-V"]))) }
    if host == .tmuxPane { facts.append(("tmux", first(options.tmuxPath, ["-V"]))) }
    if host == .xterm {
      facts.append(("xterm", first(options.xtermPath, ["-v"])))
      let xvfb = (System.output(options.xvfbPath, ["-version"]) ?? "").split(separator: "\n").first {
        $0.contains("X Server")
      }
      facts.append(("xvfb", xvfb.map(String.init) ?? "unknown"))
    }
    if !scenario.effectiveJobControl {
      facts.append(
        (
          "commandString",
          "the shell runs `NAME -c` on the typed lines, then `read -r HUPSIM_GATE < gate.fifo`: the recorder writes a line there for a typed end (the string ends), never for a hang-up"
        ))
    }
    return facts
  }

  /// The shell's `--version` first line and the kernel release, for the trace.
  public static func systemFacts(shellPath: String, recording: ShellRecording? = nil) -> [(String, String)] {
    var name = utsname()
    uname(&name)
    let release = withUnsafePointer(to: name.release) { ptr in
      ptr.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) }
    }
    let machine = withUnsafePointer(to: name.machine) { ptr in
      ptr.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) }
    }
    var facts = [
      ("kernel", "Linux \(release) \(machine)"),
      ("shellPath", shellPath),
      ("shell", shellVersion(shellPath, arguments: recording?.versionArguments ?? ["--version"])),
    ]
    if let recording, !recording.readsAnyway.isEmpty {
      facts.append(("readsAnyway", recording.readsAnyway.joined(separator: ", ")))
    }
    return facts
  }

  static func shellVersion(_ path: String, arguments: [String] = ["--version"]) -> String {
    guard !arguments.isEmpty else { return packageVersion(path) }
    guard let pipe = System.closeOnExecPipe() else { return "unknown" }
    let spawned = System.spawn(path, [path] + arguments, environment: ["LANG=C", "LC_ALL=C"], stdout: pipe.write)
    close(pipe.write)
    defer { close(pipe.read) }
    guard case .success(let pid) = spawned else { return "unknown" }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1024)
    while true {
      let n = read(pipe.read, &buffer, buffer.count)
      if n <= 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
    }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "unknown"
  }

  /// A shell with no version flag (dash): the Debian package that holds the binary.
  static func packageVersion(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard access("/usr/bin/dpkg-query", X_OK) == 0 else { return name + " (version unknown)" }
    let line = shellVersion("/usr/bin/dpkg-query", arguments: ["-W", "-f", "${Package} ${Version}", name])
    return line == "unknown" || line.isEmpty ? name + " (version unknown)" : line + " (Debian package)"
  }
}
#endif
