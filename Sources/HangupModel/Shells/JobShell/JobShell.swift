/// The job-control engine shared by zsh, ksh93, mksh, dash, fish, tcsh and busybox ash.
/// Each of them is a type conforming to ``JobControlShell`` in its own folder, with its
/// releases as ``JobShellDialect`` values; the hooks of the ``ShellModel`` seam are
/// implemented once, here and in `JobShell+*.swift`, reading only the dialect.
protocol JobControlShell: ShellModel where State == JobShellState {
  /// The dialect of one of the family's releases.
  static func dialect(_ version: ShellVersion) -> JobShellDialect
}

extension JobControlShell {
  static func makeState(_ config: ShellConfig, pid: Int) -> JobShellState {
    var options: [String: Bool] = [:]
    for spec in config.family.options { options[spec.name] = config.option(spec.name) }
    var state = JobShellState(dialect: dialect(config.version), login: config.login, options: options)
    state.pid = pid
    return state
  }

  static func initialDispositions(_ config: ShellConfig) -> Dispositions {
    let d = dialect(config.version)
    var out = Dispositions()
    for s in d.caught { out[s] = .caught }
    for s in d.ignored { out[s] = .ignored }
    return out
  }

  /// A shell that leaves SIGHUP at its default action says so at start: nothing of it
  /// will run when the terminal hangs up.
  static func started(in world: inout World<Self>) {
    let d = world.shell.dialect
    guard !d.caught.contains(.hup), !d.ignored.contains(.hup) else { return }
    world.note(.shell(.leavesSignalAtDefault(.hup)), from: .shell, d.rules.sighup, about: world.shellPid)
  }

  static func startJob(_ spec: JobSpec, number: Int, in world: inout World<Self>) {
    world.jobShellStartJob(spec, number: number)
  }

  /// The shell's own counts for RACE-OWNER-CLOSE describe readers the kernel continued at
  /// its exit; readers the shell itself continued as it left race as in every shell.
  static func raceObservations(_ id: RaceID, in world: World<Self>) -> [RaceVariant]? {
    let d = world.shell.dialect
    if id == .ownerCloseVersusReaders && world.shell.continuedJobsAsItLeft {
      return world.shell.leftBy == .logout ? d.raceOverridesAfterLogout[id] : nil
    }
    return d.raceOverrides[id]
  }

  static func run(in world: inout World<Self>) {
    world.jobShellRun()
  }

  static func childChanged(_ pid: Int, in world: inout World<Self>) {
    world.jobShellNoticesChild(pid)
  }

  static func leave(_ end: SessionEnd, in world: inout World<Self>) -> LeaveAttempt {
    world.jobShellLeave(end)
  }

  static func builtin(_ action: UserAction, in world: inout World<Self>) {
    world.jobShellBuiltin(action)
  }

  static func waitingForForegroundJob(_ world: World<Self>) -> Bool {
    world.shell.waitingFor != nil
  }
}

/// One slot of the shell's job table.
struct ShellJob: Sendable {
  var number: Int
  var pgid: Int
  var pids: [Int]
  /// The command as the shell lists it.
  var text: String
  var state: JobRecordState
  /// ksh93 `P_DISOWN`: still in the table, not hung up.
  var disowned = false
  /// tcsh `PHUP` (`hup cmd`): hung up when the shell leaves.
  var markedHangup = false
  var scenarioJob: Int
}

/// The state of an interactive job-control shell.
struct JobShellState: Sendable {
  let dialect: JobShellDialect
  var pid = 0
  var login: Bool
  /// Every option of the family, set.
  var options: [String: Bool]
  var jobs: [ShellJob] = []
  /// The warning counter (``WarnCounter``); above zero, a leave passes.
  var warnCounter = 0
  /// The counter was set by `jobs` rather than by a warning.
  var armedByJobs = false
  /// `$?`.
  var lastStatus = 0
  /// The job the shell waits for in the foreground.
  var waitingFor: Int?
  /// Inside its exit or signal path: it no longer looks at its children.
  var busy = false
  /// Lines read from the terminal so far (dash numbers its error messages with it).
  var linesRead = 0
  /// Background children that changed state since the last prompt, not reaped yet, and
  /// those the shell reaps before the next prompt (``JobShellDialect/reapsBackgroundJobsBeforePromptOnly``).
  var unreaped: [Int] = []
  /// The shell sent SIGCONT to a job as it left.
  var continuedJobsAsItLeft = false
  /// The word or key the shell left by.
  var leftBy: SessionEnd?
  var reapBeforeNextPrompt: [Int] = []

  init(dialect: JobShellDialect, login: Bool, options: [String: Bool]) {
    self.dialect = dialect
    self.login = login
    self.options = options
  }

  func holds(_ condition: ShellCondition) -> Bool { condition.holds(login: login, options: options) }

  func slot(ofPid pid: Int) -> Int? { jobs.firstIndex { $0.pids.contains(pid) } }

  func slot(ofJob number: Int) -> Int? { jobs.firstIndex { $0.number == number } }

  func slot(ofScenarioJob job: Int) -> Int? { jobs.firstIndex { $0.scenarioJob == job } }

  var nextJobNumber: Int { (jobs.last?.number ?? 0) + 1 }
}

extension JobControlShell {
  /// The family's registration, from its dialects (oldest first).
  static func registration(
    name: String, dialects: [JobShellDialect], defaultVersion: String, options: [ShellOptionSpec],
    terms: ShellTerms, rules: [Rule], recording: ShellRecording,
    citationSummaries: [String: String] = [:]
  ) -> ShellFamily {
    let fallback = dialects.first { $0.version.id == defaultVersion } ?? dialects[dialects.count - 1]
    var missing: [String: String] = [:]
    if case .missing(let error) = fallback.disown {
      missing["disown"] = "\(name) has no disown (`\(error)`)"
    }
    missing["disown -h"] =
      missing["disown"] ?? "\(name)'s disown has no -h: the job leaves the table or stays in it whole"
    missing["disown -a"] = "\(name) has no `disown -a`/`-r` form modelled; disown the jobs one by one"
    return ShellFamily(
      name: name, versions: dialects.map(\.version), defaultVersion: defaultVersion, options: options,
      terms: terms, rules: rules, citationSummaries: citationSummaries, recording: recording,
      unsupportedLaunches: fallback.unsupportedLaunches, missingBuiltins: missing,
      simulate: { scenario, choices in Self.simulate(scenario, choices) })
  }

  /// The dialect of a version from a list, or the list's last (newest) one.
  static func dialect(_ version: ShellVersion, in dialects: [JobShellDialect]) -> JobShellDialect {
    dialects.first { $0.version.id == version.id } ?? dialects[dialects.count - 1]
  }
}
