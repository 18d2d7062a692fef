/// The state a job is in when the session ends.
public enum JobState: String, Sendable, CaseIterable {
  /// Running (in the background unless placed in the foreground).
  case running
  /// Stopped with ^Z.
  case stopped
  /// A background job stopped by SIGTTIN because it read the terminal.
  case ttin
}

/// Whether the job was started with `&`.
public enum Placement: String, Sendable, CaseIterable {
  case background = "bg"
  case foreground = "fg"
}

/// How the job was started.
public enum Launch: String, Sendable, CaseIterable {
  /// `cmd &` or `cmd`.
  case plain
  /// `nohup cmd`.
  case nohup
  /// `setsid cmd` (util-linux).
  case setsid
  /// `cmd &` then `disown`.
  case disown
  /// `cmd &` then `disown -h`.
  case disownH = "disown-h"
  /// `( cmd & )`.
  case subshell
  /// `tmux new-session -d cmd`: a tmux server outside the login session runs the
  /// command in a pane with its own terminal and session.
  case tmux
  /// `hup cmd &` (tcsh): the shell sends the job SIGHUP and SIGCONT when it leaves.
  case hup
  /// `cmd &!` (zsh): started disowned, never in the job table.
  case ampersandBang = "amp-bang"
  /// `systemd-run --user --unit=job cmd`: the user manager starts it as a service.
  case systemdRun = "systemd-run"
  /// `systemd-run --user --scope cmd`: it runs in place, in a new scope of the user manager.
  case systemdRunScope = "systemd-run-scope"
  /// `screen -dmS job cmd`: a detached screen session, like tmux.
  case screen
}

/// Where a job's stdout and stderr go.
public enum OutputTarget: String, Sendable, CaseIterable {
  /// The session's terminal.
  case terminal
  /// A file (`> log 2>&1`).
  case file
  /// A pipe to the session host (sshd's pipe under `ssh host 'cmd'`).
  case pipe
  /// `/dev/null`.
  case null
}

/// How the session ends.
public enum SessionEnd: String, Sendable, CaseIterable {
  /// The user types `exit` (again after a warning).
  case exit
  /// The user types `logout` (again after a warning).
  case logout
  /// The user presses ^D at the prompt (again after a warning).
  case eof
  /// The terminal goes away: window closed or SSH connection dropped.
  case hangup
  /// Someone sends SIGHUP to the shell while the terminal stays open.
  case killHup = "kill-hup"

  /// Whether the user has to type at the prompt to end this way.
  public var isTypedAtPrompt: Bool { self == .exit || self == .logout || self == .eof }
  /// The word the user types to end this way; nil for ^D, which the terminal does not echo.
  public var typedWord: String? {
    switch self {
    case .exit, .logout: return rawValue
    case .eof, .hangup, .killHup: return nil
    }
  }
}

/// One extra process of a job: a child the job's program forks, or another
/// member of a pipeline started by the shell.
public struct ExtraProcess: Sendable, Equatable {
  /// Who creates it: the job's process with this index, or the shell (pipeline member).
  public enum Parent: Sendable, Equatable {
    case process(Int)
    case shell
  }

  public var program: Program
  public var parent: Parent

  public init(program: Program, parent: Parent) {
    self.program = program
    self.parent = parent
  }
}

/// One job of a scenario.
public struct JobSpec: Sendable, Equatable {
  public var state: JobState
  public var placement: Placement
  public var launch: Launch
  /// The job's main program (process 0).
  public var program: Program
  /// Signals the job inherits as ignored (`trap '' SIG` in a parent, or a wrapper).
  public var inheritedIgnores: [Signal]
  /// Processes 1…n of the job.
  public var extraProcesses: [ExtraProcess]
  /// Where stdout and stderr go (nil: the session's default, its terminal or sshd's pipe).
  public var stdout: OutputTarget?
  /// Started with the CI runner's marker changed (`BUILD_ID=dontKillMe`, `RUNNER_TRACKING_ID=`).
  public var escapesCI = false

  public init(
    state: JobState = .running, placement: Placement = .background, launch: Launch = .plain,
    program: Program = Program(name: "./job"), inheritedIgnores: [Signal] = [], extraProcesses: [ExtraProcess] = []
  ) {
    self.state = state
    self.placement = placement
    self.launch = launch
    self.program = program
    self.inheritedIgnores = inheritedIgnores
    self.extraProcesses = extraProcesses
  }

  /// Whether the user types the command without `&`: a stopped job was started in the
  /// foreground and then stopped with ^Z; `( cmd & )` returns at once anyway.
  public var typedInForeground: Bool {
    state == .stopped || placement == .foreground || launch == .subshell || launch == .tmux || launch == .screen
      || launch == .systemdRun
  }

  /// Whether a foreground job keeps the terminal until it ends: not when its only process
  /// detaches itself by forking and exiting (daemon(3), the double fork; PROG-DAEMON,
  /// PROG-DOUBLE-FORK) — the shell's waitpid returns at once and it prompts again.
  public var returnsAtOnce: Bool {
    extraProcesses.isEmpty && (program.daemonizes?.parentExits ?? false)
  }

  /// The command line the user types.
  public var commandLine: String {
    var line = program.name
    for extra in extraProcesses where extra.parent == .shell { line += " | " + extra.program.name }
    switch stdout {
    case .file?: line += " > job.out 2>&1"
    case .null?: line += " > /dev/null 2>&1"
    case .terminal?, .pipe?, nil: break
    }
    switch launch {
    case .nohup: line = "nohup " + line
    case .setsid: line = "setsid " + line
    case .hup: line = "hup " + line
    case .ampersandBang: return line + " &!"
    case .subshell: return "( " + line + " & )"
    case .tmux: return "tmux new-session -d '" + line + "'"
    case .screen: return "screen -dmS job " + line
    case .systemdRun: return "systemd-run --user --unit=job " + line
    case .systemdRunScope: line = "systemd-run --user --scope " + line
    default: break
    }
    return typedInForeground ? line : line + " &"
  }

  /// The command as bash's job listings show it (without the trailing `&`).
  public var jobText: String {
    var line = commandLine
    if line.hasSuffix(" &") { line.removeLast(2) }
    return line
  }
}

/// Something the user does after starting the jobs and before ending the session.
public enum UserAction: Sendable, Equatable {
  /// ^C on the terminal.
  case interrupt
  /// ^Z on the terminal.
  case suspend
  /// ^\ on the terminal.
  case quit
  /// `bg %N`.
  case bg(job: Int)
  /// `fg %N`.
  case fg(job: Int)
  /// `jobs`.
  case jobs
  /// `kill -SIG pid` to one process of a job: typed at this shell (the `kill` builtin,
  /// sent by bash) or run from another terminal.
  case kill(signal: Signal, job: Int, process: Int, byShell: Bool)
  /// The shell's `kill -SIG %N` builtin: the job's whole group.
  case killJob(signal: Signal, job: Int)
  /// `disown %N` or `disown -h %N`.
  case disown(job: Int, nohupOnly: Bool)
  /// `disown -a` / `disown -r` (running jobs only), with `-h` to mark instead of remove.
  case disownAll(runningOnly: Bool, nohupOnly: Bool)
}

/// Everything the simulator needs: the system, the session host, the shell and its
/// options, the jobs, what the user does and how the session ends.
public struct Scenario: Sendable {
  public var shell: ShellVersion
  public var os: KernelProfile
  /// Who owns the session's terminal.
  public var session: SessionKind
  public var login: Bool
  /// The shell's own options that differ from their defaults (`huponexit`, zsh's `hup`).
  public var options: [String: Bool]
  /// An ancestor of the terminal owner is a child subreaper (systemd --user, a recorder).
  public var subreaper: Bool
  /// The shell runs with job control (an interactive shell); false: `sh -c 'cmd &'`,
  /// `ssh -t host 'cmd &'`, a script, `set +m` — jobs stay in the shell's process group.
  public var jobControl: Bool = true
  /// systemd-logind's `KillUserProcesses=`.
  public var logind: LogindPolicy = .keep
  /// `loginctl enable-linger`: the user manager outlives the user's sessions.
  public var linger = false
  /// How sshd runs (a daemon, or one unit per connection).
  public var sshd: SSHDMode = .daemon
  /// The session is a CI job step run by this runner.
  public var ci: CIRunner?
  public var jobs: [JobSpec]
  public var actions: [UserAction]
  public var end: SessionEnd
  /// What someone does from another terminal after the session ended: only
  /// `kill` by another process is possible then.
  public var after: [UserAction]

  /// The default shell: bash 5.2.
  public static var defaultShell: ShellVersion {
    guard let v = ShellVersion.named("bash-5.2") else { preconditionFailure("bash-5.2 is not registered") }
    return v
  }

  public init(
    shell: ShellVersion = Scenario.defaultShell, os: KernelProfile = .linux, session: SessionKind = .ssh,
    login: Bool = true,
    huponexit: Bool = false, checkjobs: Bool = false, options: [String: Bool] = [:], subreaper: Bool = false,
    jobs: [JobSpec] = [JobSpec()], actions: [UserAction] = [], end: SessionEnd = .exit, after: [UserAction] = []
  ) {
    self.shell = shell
    self.os = os
    self.session = session
    self.login = login
    self.options = options
    self.subreaper = subreaper
    self.jobs = jobs
    self.actions = actions
    self.end = end
    self.after = after
    if huponexit { self.options["huponexit"] = true }
    if checkjobs { self.options["checkjobs"] = true }
  }

  /// Whether the shell runs with job control: `ssh host 'cmd'` without a pty never does.
  public var effectiveJobControl: Bool { jobControl && session != .sshNoPty && ci == nil }

  /// The session has a terminal (not `ssh host 'cmd'`, not a CI job step).
  public var hasTerminal: Bool { session.hasTerminal && ci == nil }

  /// The same scenario with another shell: options that shell's family lacks are dropped.
  public mutating func switchShell(to version: ShellVersion) {
    shell = version
    let names = Set(version.shellFamily.options.map(\.name))
    options = options.filter { names.contains($0.key) }
  }

  /// bash's `shopt huponexit`.
  public var huponexit: Bool {
    get { options["huponexit"] ?? false }
    set { options["huponexit"] = newValue ? true : nil }
  }

  /// bash's `shopt checkjobs`.
  public var checkjobs: Bool {
    get { options["checkjobs"] ?? false }
    set { options["checkjobs"] = newValue ? true : nil }
  }

  /// An option's value: set in the scenario, else the shell's default.
  public func option(_ name: String) -> Bool { shell.shellFamily.option(name, in: self) }
}
