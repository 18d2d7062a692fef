import HangupModel

/// The scenario flags shared by `hupsim`, `explain`, `advise`, `table` and `record`.
struct ScenarioOptions {
  var shell: ShellVersion?
  var os: KernelProfile?
  var login: Bool?
  var huponexit: Bool?
  var checkjobs: Bool?
  var subreaper: Bool?
  var state: JobState?
  var placement: Placement?
  var launch: Launch?
  var launchFlag: String?
  var handles: [Signal]?
  var ignores: [Signal]?
  var reads: Bool?
  var end: SessionEnd?
  var scenarioFile: String?
  /// `--shell-option NAME` in the order given (resolved against the shell once it is known).
  var shellOptions: [String] = []
  var session: SessionKind?
  var jobControl: Bool?
  var exitsOn: [Signal]?
  var resetsSignals: Bool?
  var writes: Bool?
  var onReadError: String?
  var stdout: OutputTarget?
  var logind: LogindPolicy?
  var linger: Bool?
  var sshd: SSHDMode?
  var ci: CIRunner?
  var ciEscape: Bool?
  var daemonizes: DaemonForm?
  /// The valued options given so far, with their values: each may be given once.
  private var given: [String: String] = [:]

  static let flagNames = [
    "--shell", "--os", "--login", "--no-login", "--huponexit", "--checkjobs", "--subreaper", "--state", "--bg", "--fg",
    "--launch", "--nohup", "--setsid", "--disown", "--disown-h", "--subshell", "--tmux", "--handles", "--ignores",
    "--exit",
    "--scenario", "--shell-option", "--session", "--no-job-control", "--exits-on", "--resets-signals", "--writes",
    "--reads",
    "--on-read-error", "--stdout", "--logind", "--linger", "--sshd", "--ci", "--ci-escape", "--daemonizes",
  ]

  /// The options that take a value and may be given only once (a second value would
  /// silently replace the first); `--shell-option` repeats.
  static let valuedOnce: Set<String> = [
    "--shell", "--os", "--state", "--launch", "--handles", "--ignores", "--exit", "--scenario", "--session",
    "--exits-on",
    "--on-read-error", "--stdout", "--logind", "--sshd", "--ci", "--daemonizes",
  ]

  /// Consumes one scenario flag; returns false if `name` is not one.
  mutating func parse(_ name: String, inline: String?, cursor: inout ArgumentCursor) throws(UsageError) -> Bool {
    if ScenarioOptions.valuedOnce.contains(name) {
      // Peek at the value to refuse a second one; the case below reads it for real.
      var peek = cursor
      if let value = try? peek.value(for: name, inline: inline, expecting: "") {
        if let earlier = given[name] {
          throw UsageError("\(name) is given twice (\(quoted(earlier)) and \(quoted(value))); give it once")
        }
        given[name] = value
      }
    }
    switch name {
    case "--shell":
      let text = try cursor.value(for: name, inline: inline, expecting: ShellVersion.validNamesList)
      guard let version = ShellVersion.named(text) else {
        throw UsageError("unknown value \(quoted(text)) for --shell; valid: \(ShellVersion.validNamesList)")
      }
      shell = version
    case "--os":
      let text = try cursor.value(
        for: name, inline: inline, expecting: KernelProfile.ID.allCases.map(\.rawValue).joined(separator: ", "))
      os = KernelProfile.profile(for: try choice(text, for: name, as: KernelProfile.ID.self))
    case "--login", "--no-login":
      try ArgumentCursor.noValue(name, inline)
      let value = name == "--login"
      if let login, login != value { throw UsageError("--login and --no-login contradict each other; give one") }
      login = value
    case "--huponexit":
      try ArgumentCursor.noValue(name, inline)
      huponexit = true
    case "--checkjobs":
      try ArgumentCursor.noValue(name, inline)
      checkjobs = true
    case "--session":
      let text = try cursor.value(
        for: name, inline: inline, expecting: SessionKind.allCases.map(\.rawValue).joined(separator: ", "))
      session = try choice(text, for: name, as: SessionKind.self)
    case "--no-job-control":
      try ArgumentCursor.noValue(name, inline)
      jobControl = false
    case "--exits-on":
      let text = try cursor.value(for: name, inline: inline, expecting: "signal names such as HUP,TERM")
      exitsOn = try ScenarioOptions.signalList(text, option: name)
    case "--resets-signals":
      try ArgumentCursor.noValue(name, inline)
      resetsSignals = true
    case "--writes":
      try ArgumentCursor.noValue(name, inline)
      writes = true
    case "--reads":
      try ArgumentCursor.noValue(name, inline)
      reads = true
    case "--on-read-error":
      let text = try cursor.value(for: name, inline: inline, expecting: "exit, retry")
      guard text == "exit" || text == "retry" else {
        throw UsageError("unknown value \(quoted(text)) for --on-read-error; valid: exit, retry")
      }
      onReadError = text
    case "--stdout":
      let text = try cursor.value(
        for: name, inline: inline, expecting: OutputTarget.allCases.map(\.rawValue).joined(separator: ", "))
      stdout = try choice(text, for: name, as: OutputTarget.self)
    case "--logind":
      let text = try cursor.value(
        for: name, inline: inline, expecting: LogindPolicy.allCases.map(\.rawValue).joined(separator: ", "))
      logind = try choice(text, for: name, as: LogindPolicy.self)
    case "--linger":
      try ArgumentCursor.noValue(name, inline)
      linger = true
    case "--sshd":
      let text = try cursor.value(
        for: name, inline: inline, expecting: SSHDMode.allCases.map(\.rawValue).joined(separator: ", "))
      sshd = try choice(text, for: name, as: SSHDMode.self)
    case "--ci":
      let text = try cursor.value(
        for: name, inline: inline, expecting: CIRunner.allCases.map(\.rawValue).joined(separator: ", "))
      ci = try choice(text, for: name, as: CIRunner.self)
    case "--daemonizes":
      let text = try cursor.value(
        for: name, inline: inline, expecting: DaemonForm.allCases.map(\.rawValue).joined(separator: ", "))
      daemonizes = try choice(text, for: name, as: DaemonForm.self)
    case "--ci-escape":
      try ArgumentCursor.noValue(name, inline)
      ciEscape = true
    case "--shell-option":
      let text = try cursor.value(
        for: name, inline: inline, expecting: "a shell option such as hup, no_hup, nohup, huponexit")
      shellOptions.append(text)
    case "--subreaper":
      try ArgumentCursor.noValue(name, inline)
      subreaper = true
    case "--state":
      let text = try cursor.value(
        for: name, inline: inline, expecting: JobState.allCases.map(\.rawValue).joined(separator: ", "))
      state = try choice(text, for: name, as: JobState.self)
    case "--bg", "--fg":
      try ArgumentCursor.noValue(name, inline)
      let value: Placement = name == "--bg" ? .background : .foreground
      if let placement, placement != value { throw UsageError("--bg and --fg contradict each other; give one") }
      placement = value
    case "--launch":
      let text = try cursor.value(
        for: name, inline: inline, expecting: Launch.allCases.map(\.rawValue).joined(separator: ", "))
      try setLaunch(try choice(text, for: name, as: Launch.self), flag: "--launch \(text)")
    case "--nohup": try ArgumentCursor.noValue(name, inline); try setLaunch(.nohup, flag: name)
    case "--setsid": try ArgumentCursor.noValue(name, inline); try setLaunch(.setsid, flag: name)
    case "--disown": try ArgumentCursor.noValue(name, inline); try setLaunch(.disown, flag: name)
    case "--disown-h": try ArgumentCursor.noValue(name, inline); try setLaunch(.disownH, flag: name)
    case "--subshell": try ArgumentCursor.noValue(name, inline); try setLaunch(.subshell, flag: name)
    case "--tmux": try ArgumentCursor.noValue(name, inline); try setLaunch(.tmux, flag: name)
    case "--handles", "--ignores":
      let text = try cursor.value(for: name, inline: inline, expecting: "signal names such as HUP,TERM")
      let signals = try ScenarioOptions.signalList(text, option: name)
      if name == "--handles" { handles = signals } else { ignores = signals }
    case "--exit":
      let text = try cursor.value(
        for: name, inline: inline, expecting: SessionEnd.allCases.map(\.rawValue).joined(separator: ", "))
      end = try choice(text, for: name, as: SessionEnd.self)
    case "--scenario":
      scenarioFile = try cursor.value(for: name, inline: inline, expecting: "a scenario JSON file")
    default:
      return false
    }
    return true
  }

  private mutating func setLaunch(_ value: Launch, flag: String) throws(UsageError) {
    if let launch, launch != value, let launchFlag {
      throw UsageError("\(launchFlag) and \(flag) both choose how the job is launched; give one")
    }
    launch = value
    launchFlag = flag
  }

  static func signalList(_ text: String, option: String) throws(UsageError) -> [Signal] {
    var out: [Signal] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let name = part.trimmingSpaces
      guard !name.isEmpty else {
        throw UsageError("empty signal name in \(option) \(quoted(text)); give names such as HUP,TERM")
      }
      guard let signal = Signal.parse(name) else {
        throw UsageError("unknown signal \(quoted(name)) in \(option); valid: \(Signal.validNamesList)")
      }
      if !out.contains(signal) { out.append(signal) }
    }
    return out
  }

  /// `NAME` sets the option on, `no_NAME` (or `noNAME`) off; an option the shell lacks is
  /// a usage error naming the ones it has.
  static func resolveShellOption(_ text: String, in family: ShellFamily) throws(UsageError) -> (String, Bool) {
    let names = family.options.map(\.name)
    let lowered = text.lowercased()
    if names.contains(lowered) { return (lowered, true) }
    for prefix in ["no_", "no"] where lowered.hasPrefix(prefix) {
      let rest = String(lowered.dropFirst(prefix.count))
      if names.contains(rest) { return (rest, false) }
    }
    let valid =
      names.isEmpty
      ? "\(family.name) has no options hupsim models"
      : "\(family.name)'s options: " + names.map { "\($0), no_\($0)" }.joined(separator: ", ")
    throw UsageError("unknown value \(quoted(text)) for --shell-option; \(valid)")
  }

  var hasJobFlags: Bool {
    state != nil || placement != nil || launch != nil || handles != nil || ignores != nil || reads != nil
      || exitsOn != nil
      || resetsSignals != nil || writes != nil || onReadError != nil || stdout != nil || ciEscape != nil
      || daemonizes != nil
  }

  /// The scenario these flags describe, defaults filled in and validated.
  func scenario(environment: CommandEnvironment) throws(UsageError) -> Scenario {
    var scenario: Scenario
    if let scenarioFile {
      if hasJobFlags {
        throw UsageError(
          "job flags (--state, --bg/--fg, --launch, --handles, --ignores) cannot be combined with --scenario; put them in the file's jobs"
        )
      }
      let text = try environment.readFile(scenarioFile)
      do {
        scenario = try Scenario.fromJSON(text)
      } catch {
        throw UsageError("\(ErrorText.bounded(scenarioFile, limit: ErrorText.maxQuotedPath)): \(error.message)")
      }
    } else {
      scenario = Scenario()
      var job = JobSpec()
      job.state = state ?? .running
      job.placement = placement ?? .background
      job.launch = launch ?? .plain
      job.program.handles = handles ?? []
      job.program.readsStdin = job.state == .ttin || reads == true
      job.inheritedIgnores = ignores ?? []
      job.program.exitsOn = exitsOn ?? []
      for s in job.program.exitsOn where !job.program.handles.contains(s) { job.program.handles.append(s) }
      job.program.resetsSignals = resetsSignals ?? false
      job.program.writes = writes ?? false
      if onReadError == "retry" {
        job.program.onReadError = .retry
        job.program.onEndOfFile = .retry
      }
      job.stdout = stdout
      job.escapesCI = ciEscape ?? false
      job.program.daemonizes = daemonizes
      scenario.jobs = [job]
    }
    if let shell { scenario.shell = shell }
    if let os { scenario.os = os }
    if let login { scenario.login = login }
    if let huponexit { scenario.huponexit = huponexit }
    if let checkjobs { scenario.checkjobs = checkjobs }
    for text in shellOptions {
      let (option, value) = try ScenarioOptions.resolveShellOption(text, in: scenario.shell.shellFamily)
      scenario.options[option] = value
    }
    if let subreaper { scenario.subreaper = subreaper }
    if let session { scenario.session = session }
    if let jobControl { scenario.jobControl = jobControl }
    if let logind { scenario.logind = logind }
    if let linger { scenario.linger = linger }
    if let sshd { scenario.sshd = sshd }
    if let ci { scenario.ci = ci }
    if let end { scenario.end = end }
    do {
      try scenario.validate()
    } catch {
      throw UsageError(error.message)
    }
    return scenario
  }
}

extension Substring {
  var trimmingSpaces: String {
    var s = self
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
