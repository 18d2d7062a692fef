// The vocabulary in which zsh, ksh93, mksh, dash, fish, tcsh and busybox ash differ:
// every difference between them (and between their releases) is a value of these
// types, read by the shared job-control engine in `JobShell*.swift`. A shell's folder
// holds its values, its rules and its recorder facts.

/// A condition on how the shell was started and its options, as data.
indirect enum ShellCondition: Sendable, Equatable {
  case always
  case never
  /// A login shell (argv[0] starts with `-`).
  case login
  /// The shell option is on.
  case option(String)
  /// The shell option is off.
  case optionOff(String)
  case all([ShellCondition])

  func holds(login: Bool, options: [String: Bool]) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .login: return login
    case .option(let name): return options[name] ?? false
    case .optionOff(let name): return !(options[name] ?? false)
    case .all(let parts): return parts.allSatisfy { $0.holds(login: login, options: options) }
    }
  }
}

/// The order in which a shell walks its job table.
enum JobOrder: Sendable, Equatable {
  /// Job 1 first (zsh `killrunjobs`).
  case oldestFirst
  /// The newest job first (fish `hup_jobs`, ksh93's job list, tcsh's proc list).
  case newestFirst
  /// Stopped jobs first, newest first, then the others newest first (mksh: a job that
  /// stops moves to the front of `job_list`, new jobs go after the stopped ones).
  case stoppedFirst
}

/// Which jobs one walk of the job table signals.
struct JobSelection: Sendable, Equatable {
  /// Jobs recorded as stopped.
  var stopped: ShellCondition
  /// Jobs recorded as running in the background.
  var running: ShellCondition
  /// The job in the foreground (only when a signal interrupts the wait for it).
  var foreground: ShellCondition
  /// Only jobs started with tcsh's `hup` prefix.
  var onlyMarkedHangup = false
  /// Jobs `disown` marked (ksh93's `P_DISOWN`) are walked too.
  var includesDisowned = false
}

/// One signal of a walk: sent to every selected job, or only to the stopped ones.
struct JobSignalStep: Sendable, Equatable {
  var signal: Signal
  var onlyIfStopped: Bool

  static func always(_ signal: Signal) -> JobSignalStep { JobSignalStep(signal: signal, onlyIfStopped: false) }
  static func ifStopped(_ signal: Signal) -> JobSignalStep { JobSignalStep(signal: signal, onlyIfStopped: true) }
}

/// One walk over the job table, sending each selected job its signals in turn.
struct SignalPass: Sendable, Equatable {
  /// When the walk happens at all.
  var condition: ShellCondition
  var selection: JobSelection
  var order: JobOrder
  var steps: [JobSignalStep]
  /// The rule (and so the shell function) the sends cite.
  var rule: RuleID
  /// Every selected job is signalled before the next step (ksh93 sends SIGTERM to all
  /// stopped jobs first); otherwise each job gets all its steps in turn.
  var stepByStep = false
}

/// How the exit warning reads.
enum WarningText: Sendable, Equatable {
  /// One line; stopped jobs win (ksh93, mksh, dash, ash, tcsh). `both` when the shell
  /// has a line for both kinds (mksh).
  case stoppedFirst(stopped: String, running: String, both: String?)
  /// One line chosen by the lowest-numbered job that qualifies (zsh `checkjobs`).
  case lowestJob(stopped: String, running: String)
  /// fish: a table of the jobs, newest first, and two lines of advice.
  case jobTable
}

/// A kind of line at the prompt, for the warning's re-arming.
enum LineKind: Sendable, Hashable {
  /// `exit` or `logout` typed.
  case leaveWord
  /// ^D at an empty prompt.
  case endOfFile
  /// A builtin that returns to the prompt (`bg`, `kill`, `disown`, `jobs`).
  case builtin
  /// A job that holds the terminal until it ends or stops (`fg`, an external command).
  case foregroundJob
  /// `cmd &`.
  case backgroundJob
}

/// What `jobs` does to the warning's state.
enum JobsEffect: Sendable, Equatable {
  /// Nothing beyond being a line.
  case none
  /// It arms the next leave to pass (zsh `bin_fg` sets `stopmsg = 2`).
  case arms
  /// It keeps an armed leave armed, if one is (tcsh `dojobs`: `if (chkstop) chkstop = 2`).
  case keepsArmed
}

/// The counter real shells keep so that a second leave passes (zsh and ksh93 `stopmsg`,
/// tcsh `chkstop`, fish `did_warn_for_bg_jobs`, mksh `really_exit`, dash `job_warning`).
/// A warning sets it; each line of the kinds listed counts it down before it runs; a
/// leave finds it above zero and leaves without checking.
struct WarnCounter: Sendable, Equatable {
  var setByWarning: Int
  var countedDownBy: Set<LineKind>
  var jobs: JobsEffect
}

/// When a shell refuses the first `exit`, `logout` or ^D.
struct WarnPolicy: Sendable, Equatable {
  /// The check runs at all (zsh `CHECK_JOBS` and `MONITOR`).
  var enabled: ShellCondition
  /// Stopped jobs make it warn.
  var stopped: ShellCondition
  /// Running jobs make it warn.
  var running: ShellCondition
  /// Jobs `disown` marked still count (ksh93).
  var countsDisowned = false
  var text: WarningText
  var counter: WarnCounter
  /// `$?` after a refused leave, per end (nil: unchanged).
  var statusAfterWarning: [SessionEnd: Int] = [:]
}

/// How the shell's process ends.
enum EndStatus: Sendable, Equatable {
  case fixed(Int)
  /// `$?`.
  case lastStatus
  /// The shell resets the signal to its default action and sends it to itself.
  case killedBy(Signal)
}

/// What the shell does with a SIGHUP it catches.
enum HangupResponse: Sendable, Equatable {
  /// Leave without a warning: the signal walks, then the end status (zsh `zexit`, fish
  /// `reader_sighup`, tcsh `phup`).
  case leave(status: EndStatus)
  /// ksh93: SIGHUP is an exit attempt. With the terminal open it warns like `exit`
  /// (and takes the terminal back from a foreground job); after a hang-up the read
  /// fails and the end-of-file path leaves without a check. A foreground job's wait
  /// interrupted, or a leave that passes, ends in a self-kill.
  case exitAttempt(afterHangupAtPrompt: EndStatus)
  /// mksh: a fatal trap, run at the next check point. After a hang-up the read fails
  /// first: the end-of-file path leaves quietly when nothing would warn, otherwise it
  /// writes the warning and the trap leaves with `status`.
  case deferredTrap(status: EndStatus)
}

/// Who takes the terminal back when a signal interrupts the wait for a foreground job.
enum TerminalReclaim: Sendable, Equatable {
  /// Nobody: the terminal stays with the job's group.
  case never
  /// The shell, before it signals the jobs (fish `tty_transfer`).
  case beforeSignalling
}

/// What `kill -SIG %n` adds for a stopped job.
enum KillContinue: Sendable, Equatable {
  case none
  /// SIGCONT after the signal, for these signals (ksh93 `job_kill`, zsh, tcsh `pkill`).
  case after([Signal])
  /// SIGCONT before the signal, for these signals (mksh `j_kill`).
  case before([Signal])
}

/// What `disown` does in this shell.
enum DisownForm: Sendable, Equatable {
  /// The shell has no disown: typing it gives this error.
  case missing(error: String)
  /// The job leaves the table; a stopped one stays stopped (zsh, with this warning) or
  /// is continued (fish, with this notice).
  case removes(stoppedWarning: String?, continuesStopped: Bool)
  /// The job stays in the table, marked not to be hung up (ksh93 `P_DISOWN`).
  case marks
}

/// How the shell prints a job it started in the background.
enum StartLine: Sendable, Equatable {
  /// Nothing (dash, ash, fish).
  case none
  /// `[1] 4242` (zsh, mksh, tcsh) or `[1]\t4242` (ksh93).
  case numberAndPid(separator: String)
}

/// The lines a shell prints when it leaves, per end, for a login and a non-login shell.
struct LeaveLines: Sendable, Equatable {
  var login: [SessionEnd: String] = [:]
  var nonLogin: [SessionEnd: String] = [:]
}

/// `logout` in this shell.
enum LogoutForm: Sendable, Equatable {
  /// A builtin; in a non-login shell it prints this error and does nothing (nil: it exits).
  case builtin(nonLoginError: String?)
  /// Not a command at all: this error.
  case missing(error: String)
}

/// Everything about one release of a job-control shell that the engine reads.
struct JobShellDialect: Sendable {
  var version: ShellVersion
  /// Dispositions the interactive shell sets at start.
  var caught: [Signal]
  var ignored: [Signal]
  var startLine: StartLine
  /// `$?` becomes 128 + SIGTSTP's number when a foreground job stops (otherwise unchanged).
  var stoppedJobSetsStatus: Bool
  var logout: LogoutForm
  /// The status ^D leaves with (ksh93 1.0.4 always 0).
  var endOfFileStatus: EndStatus = .lastStatus
  var leaveLines: LeaveLines
  var warning: WarnPolicy
  /// Walks at a normal exit, in order.
  var exitPasses: [SignalPass]
  /// Walks when a caught SIGHUP ends the shell, in order.
  var hangupPasses: [SignalPass]
  var hangupResponse: HangupResponse
  var reclaimOnSignal: TerminalReclaim
  var disown: DisownForm
  var killContinues: KillContinue
  /// `kill -SIG pid` also sends SIGCONT for any signal that does not stop (ksh93 1.0.4).
  var pidKillAddsContinue = false
  /// `nohup` is the shell's own prefix (tcsh): no nohup process, no nohup.out.
  var nohupBuiltin = false
  /// Launches the shell cannot spell, with the error a user meets.
  var unsupportedLaunches: [Launch: String] = [:]
  /// What the user types for `disown` of job `n`, `kill -SIG` of job `n`, `bg`/`fg`.
  var syntax: JobSyntax
  /// The rules the engine cites for this shell's steps.
  var rules: JobShellRules
  /// `( cmd & )` keeps job control in the subshell (ksh93): cmd leads its own group and
  /// keeps the terminal.
  var subshellKeepsJobControl = false
  /// Having signalled any job as it leaves, the shell sleeps this long before it exits, so
  /// the jobs run first (mksh `j_exit`: `sleep(1)`).
  var sleepsAfterSignalling: Int? = nil
  /// Having signalled its jobs the shell still has work before it exits (fish: the
  /// fish_exit event, restoring the terminal, saving history), so a foreground job it
  /// signalled runs first.
  var finishesUpAfterSignalling = false
  /// RACE-TTIN-RESTOP during that sleep: does a reader the shell continued read again (and
  /// stop on SIGTTIN) before the shell exits, or does its read fail once the shell is gone?
  var restopDuringSleep: [RaceVariant] = [RaceVariant(.jobsRunFirst), RaceVariant(.shellDiesFirst)]
  /// The shell has no SIGCHLD handler: it reaps background jobs only before it prints a
  /// prompt (dash and ash `showjobs` → `dowait(DOWAIT_NONBLOCK)` in `cmdloop`), so a
  /// change a job goes through after the prompt is seen only before the prompt after the
  /// next line.
  var reapsBackgroundJobsBeforePromptOnly = false
  /// RACE-TYPED-INPUT: who gets a line typed while a setsid'd job also reads the
  /// terminal, most common first, with the recorded counts.
  var typedInput: [RaceVariant] = [RaceVariant(.readerTakesInput), RaceVariant(.shellReadsFirst)]
  /// This shell's own counts for races met outside it (RACE-OWNER-CLOSE at its exit).
  var raceOverrides: [RaceID: [RaceVariant]] = [:]
  /// The same when the shell left by `logout` having continued jobs itself (tcsh's
  /// `dologout` goes straight to `goodbye`, without `exit`'s extra prompt and read).
  var raceOverridesAfterLogout: [RaceID: [RaceVariant]] = [:]
}

/// How a shell spells the job-control commands a scenario types.
struct JobSyntax: Sendable, Equatable {
  /// `%1` in most shells; fish before 4.8 (without its config) needs `(jobs -p %1)`.
  var jobSpec: JobSpecForm = .percent
  /// zsh's `&!`.
  var backgroundDisowned: String? = nil

  enum JobSpecForm: Sendable, Equatable {
    case percent
    case fishPidOf
  }

  func spec(_ n: Int) -> String {
    switch jobSpec {
    case .percent: return "%\(n)"
    case .fishPidOf: return "(jobs -p %\(n))"
    }
  }
}

/// The rule each step of the engine cites, per shell.
struct JobShellRules: Sendable {
  var jobStart: RuleID
  var jobStopped: RuleID
  var subshell: RuleID
  var leave: RuleID
  var endOfFile: RuleID
  var warning: RuleID
  var logout: RuleID
  var exitShell: RuleID
  var sighup: RuleID
  var disown: RuleID
  var builtins: RuleID
  var giveTerminal: RuleID
  /// tcsh `hup` / `nohup` prefixes, zsh `&!`.
  var launchPrefix: RuleID
}
