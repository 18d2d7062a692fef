/// One version of one shell, as scenarios name it (`bash-5.2`).
public struct ShellVersion: Sendable, Hashable, CustomStringConvertible {
  /// The command-line name, e.g. `bash-5.2`.
  public let id: String
  /// The shell family, e.g. `bash`.
  public let family: String
  /// The release line, e.g. `5.2`.
  public let version: String
  /// The exact release whose source the model was read from.
  public let modelledRelease: String
  /// Values the family's rule citations quote for this version (`{handler}` in bash's).
  public let citationValues: [String: String]
  /// The version's position in its family's list (oldest first).
  public let ordinal: Int

  public init(
    id: String, family: String, version: String, modelledRelease: String, citationValues: [String: String] = [:],
    ordinal: Int = 0
  ) {
    self.id = id
    self.family = family
    self.version = version
    self.modelledRelease = modelledRelease
    self.citationValues = citationValues
    self.ordinal = ordinal
  }

  public var description: String { id }

  /// Looks a version up by its name (`bash-5.2`), a bare family name (its default
  /// version), or a bare bash release (`5.2`).
  public static func named(_ name: String) -> ShellVersion? {
    for family in ShellRegistry.families {
      if let v = family.versions.first(where: { $0.id == name }) { return v }
      if family.name == name { return family.versions.first(where: { $0.id == family.defaultVersion }) }
    }
    return ShellRegistry.families.first?.versions.first(where: { $0.version == name })
  }

  /// Every modelled version of every shell, family by family, oldest first.
  public static var all: [ShellVersion] { ShellRegistry.families.flatMap(\.versions) }

  /// A one-line list of the valid names for error messages.
  public static var validNamesList: String {
    ShellRegistry.families.map { family in
      ([family.name] + family.versions.map(\.id)).joined(separator: ", ")
    }.joined(separator: "; ")
  }

  /// The family this version belongs to.
  public var shellFamily: ShellFamily {
    guard let f = ShellRegistry.families.first(where: { $0.name == family }) else {
      preconditionFailure("shell family \(family) is not registered")
    }
    return f
  }
}

/// A shell option a scenario can set (`huponexit`, zsh's `hup`).
public struct ShellOptionSpec: Sendable {
  public let name: String
  public let defaultValue: Bool
  /// Versions that have it (nil: every version of the family).
  public let availableIn: (@Sendable (ShellVersion) -> Bool)?
  /// Why a version lacks it, for the error.
  public let missingReason: String

  public init(
    _ name: String, default defaultValue: Bool, availableIn: (@Sendable (ShellVersion) -> Bool)? = nil,
    missingReason: String = ""
  ) {
    self.name = name
    self.defaultValue = defaultValue
    self.availableIn = availableIn
    self.missingReason = missingReason
  }

  public func exists(in version: ShellVersion) -> Bool { availableIn?(version) ?? true }
}

/// Names from a shell's source that explanations quote, so the presentation layer can
/// speak of `hangup_all_jobs` or `killrunjobs` without knowing the shell.
public struct ShellTerms: Sendable {
  /// The shell's name as users call it, e.g. `bash`.
  public let name: String
  /// The flag a job marked "do not hang up" carries, e.g. `J_NOHUP`.
  public let noHangupMark: String
  /// The shell's record of the terminal's foreground group, e.g. `terminal_pgrp`.
  public let terminalRecord: String
  /// What a warned exit sets so that the next one leaves, e.g. `last_shell_builtin to exit_builtin`.
  public let warnedLeaveRecord: String
  /// The function that hangs up jobs, e.g. `hangup_all_jobs`.
  public let hangupFunction: String
  /// The function the kill builtin uses for a job, e.g. `kill_pid`.
  public let killJobFunction: String

  public init(
    name: String, noHangupMark: String, terminalRecord: String, warnedLeaveRecord: String,
    hangupFunction: String, killJobFunction: String
  ) {
    self.name = name
    self.noHangupMark = noHangupMark
    self.terminalRecord = terminalRecord
    self.warnedLeaveRecord = warnedLeaveRecord
    self.hangupFunction = hangupFunction
    self.killJobFunction = killJobFunction
  }
}

/// What the recorder needs to drive the real shell: how to start it hermetically and
/// what its messages look like.
public struct ShellRecording: Sendable {
  /// argv for a login and a non-login interactive shell (argv[0] included).
  public let loginArguments: [String]
  public let nonLoginArguments: [String]
  /// Environment entries that set the prompt and keep the shell from reading rc files.
  public let environment: [String]
  /// Lines that mean "I refused to exit; try again".
  public let warnings: [String]
  /// Lines whose presence in the transcript the traces compare.
  public let keyMessages: [String]
  /// Files the shell reads even when started hermetically (said in the trace).
  public let readsAnyway: [String]
  /// The executable to use when no `--shell-path` is given.
  public let defaultPath: String
  /// Typing a shell option on: e.g. `shopt -s huponexit`.
  public let setOption: @Sendable (String, Bool) -> String
  /// Lines typed before anything else, each waited for (tcsh sets its prompt this way).
  public let setupLines: [String]
  /// The shell shows the recorder's prompt only once a setup line sets it (tcsh).
  public var promptFromSetupLine: Bool { setupLines.contains { $0.hasPrefix("set prompt") } }
  /// A startup file the shell reads through `$ENV` (its path is put in `ENV`), for shells
  /// whose profile overwrites `PS1` from the environment.
  public let environmentFile: String?
  /// The shell's own line, if any, for a `--version` style query recorded in the trace
  /// (`$ZSH_VERSION`…): the argv that prints it.
  public let versionArguments: [String]

  public init(
    loginArguments: [String], nonLoginArguments: [String], environment: [String], warnings: [String],
    keyMessages: [String], readsAnyway: [String] = [], defaultPath: String, setupLines: [String] = [],
    environmentFile: String? = nil, versionArguments: [String] = ["--version"],
    setOption: @escaping @Sendable (String, Bool) -> String
  ) {
    self.setupLines = setupLines
    self.environmentFile = environmentFile
    self.versionArguments = versionArguments
    self.loginArguments = loginArguments
    self.nonLoginArguments = nonLoginArguments
    self.environment = environment
    self.warnings = warnings
    self.keyMessages = keyMessages
    self.readsAnyway = readsAnyway
    self.defaultPath = defaultPath
    self.setOption = setOption
  }
}

/// A registered shell: its versions, options, rules and recorder facts, and the entry
/// that runs a scenario with it. A class, so passing it around costs one reference.
public final class ShellFamily: Sendable {
  public let name: String
  public let versions: [ShellVersion]
  /// The version a bare family name means.
  public let defaultVersion: String
  public let options: [ShellOptionSpec]
  public let terms: ShellTerms
  public let rules: [Rule]
  /// How citation placeholders read across versions, for the catalogue (`{handler}`).
  public let citationSummaries: [String: String]
  public let recording: ShellRecording
  /// Launches this shell cannot spell, with the reason.
  public let unsupportedLaunches: [Launch: String]
  /// Job-control builtins this shell lacks (`disown`, `disown -h`, `disown -a`), with the reason.
  public let missingBuiltins: [String: String]
  /// Runs the scenario through the world with this shell.
  let simulate: @Sendable (Scenario, RaceChoices) -> Outcome

  init(
    name: String, versions: [ShellVersion], defaultVersion: String, options: [ShellOptionSpec], terms: ShellTerms,
    rules: [Rule], citationSummaries: [String: String], recording: ShellRecording,
    unsupportedLaunches: [Launch: String],
    missingBuiltins: [String: String] = [:], simulate: @escaping @Sendable (Scenario, RaceChoices) -> Outcome
  ) {
    self.name = name
    self.versions = versions
    self.defaultVersion = defaultVersion
    self.options = options
    self.terms = terms
    self.rules = rules
    self.citationSummaries = citationSummaries
    self.recording = recording
    self.unsupportedLaunches = unsupportedLaunches
    self.missingBuiltins = missingBuiltins
    self.simulate = simulate
  }

  /// An option's value in a scenario (its default when the scenario leaves it unset).
  public func option(_ name: String, in scenario: Scenario) -> Bool {
    scenario.options[name] ?? options.first(where: { $0.name == name })?.defaultValue ?? false
  }
}

/// The registration of every modelled shell. Adding a shell is a new folder under
/// `Shells/` with a type conforming to ``ShellModel`` and one line here.
public enum ShellRegistry {
  public static let families: [ShellFamily] = [
    Bash.family, Zsh.family, Ksh93.family, Mksh.family, Dash.family, Fish.family, Tcsh.family, BusyboxAsh.family,
  ]

  /// The family of a name (`bash`), if registered.
  public static func family(named name: String) -> ShellFamily? { families.first { $0.name == name } }
}

/// What came of an attempt to leave the shell at its prompt.
enum LeaveAttempt: Equatable {
  case exited
  case warned
  case refused
}

/// What a shell needs to know to start.
struct ShellConfig: Sendable {
  var version: ShellVersion
  var login: Bool
  var options: [String: Bool]
  var family: ShellFamily

  func option(_ name: String) -> Bool {
    options[name] ?? family.options.first(where: { $0.name == name })?.defaultValue ?? false
  }
}

/// The seam between the kernel, terminal and session host on one side and a shell on
/// the other: the hooks real shells have. The kernel and terminal driver call these and
/// never name a shell; a shell reaches the kernel only through `World`'s system calls
/// (`send`, `exitProcess`, `fork…`, `giveTerminal`).
///
/// Every hook is static and takes the world `inout`: the shell's mutable state is
/// `world.shell`, so a hook that makes the kernel call back into the shell (a SIGCHLD,
/// a signal to itself) always sees the state as it is.
protocol ShellModel: Sendable {
  associatedtype State: Sendable
  /// The family's registration: versions, options, rules, recorder facts.
  static var family: ShellFamily { get }
  /// The shell's state at start.
  static func makeState(_ config: ShellConfig, pid: Int) -> State
  /// The dispositions the interactive shell sets up at start.
  static func initialDispositions(_ config: ShellConfig) -> Dispositions
  /// The shell has started and set up its signals (before any job).
  static func started(in world: inout World<Self>)
  /// This shell's own recorded counts for a race met outside it (its exit path changes
  /// the timing), or nil for the corpus-wide ones.
  static func raceObservations(_ id: RaceID, in world: World<Self>) -> [RaceVariant]?
  /// The user types the command that starts scenario job `number`.
  static func startJob(_ spec: JobSpec, number: Int, in world: inout World<Self>)
  /// The shell gets the CPU: it takes its pending signals.
  static func run(in world: inout World<Self>)
  /// SIGCHLD: a child stopped, continued or exited (and was reaped).
  static func childChanged(_ pid: Int, in world: inout World<Self>)
  /// `exit`, `logout` or ^D typed at the prompt.
  static func leave(_ end: SessionEnd, in world: inout World<Self>) -> LeaveAttempt
  /// A job-control builtin typed at the prompt.
  static func builtin(_ action: UserAction, in world: inout World<Self>)
  /// The shell is waiting for a foreground job, so it cannot read a typed line.
  static func waitingForForegroundJob(_ world: World<Self>) -> Bool
}

extension ShellModel {
  static func started(in world: inout World<Self>) {}

  static func raceObservations(_ id: RaceID, in world: World<Self>) -> [RaceVariant]? { nil }

  /// The registration entry that runs scenarios with this shell.
  static func simulate(_ scenario: Scenario, _ choices: RaceChoices) -> Outcome {
    Simulator.simulate(Self.self, scenario, choices)
  }
}
