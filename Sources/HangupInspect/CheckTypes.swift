import HangupModel

/// Where a checked process stands relative to the session that would end.
public enum Attachment: Sendable, Equatable {
  /// A job of the interactive shell leading its session on a terminal.
  case job(shell: Int)
  /// In the shell's session, in a process group no member of which descends from the
  /// shell: `( cmd & )` left it in the subshell's orphaned group.
  case orphanedGroup(shell: Int)
  /// The session's shell itself.
  case shell
  /// In a session without a controlling terminal (`setsid`, a daemon, `ssh host cmd`):
  /// no terminal can hang it up.
  case noTerminal
  /// Under a tmux or screen server, which holds its terminal in a session of its own.
  case multiplexer(kind: Multiplexer, server: Int)
  /// On a terminal whose session is not led by an interactive shell hupsim models (the
  /// leader is another program, or has gone).
  case terminalWithoutShell(leader: Int)
}

public enum Multiplexer: String, Sendable {
  case tmux, screen
}

/// Whether the shell still has the job in its table, as the user settles it.
public enum JobTableStatus: String, Sendable, CaseIterable {
  /// Still in the job table (nothing was done to it).
  case inTable = "in-table"
  /// Taken out with `disown` (or started with zsh's `&!`).
  case disowned
  /// Marked with `disown -h`: in the table, but not sent SIGHUP by the shell.
  case disownH = "disown-h"
}

/// What the user settles on the command line, for facts /proc cannot show.
public struct CheckSettings: Sendable, Equatable {
  /// The shell's options (`huponexit`, zsh's `hup`, …) as given.
  public var shellOptions: [String: Bool]
  /// The checked jobs' table status, for every target.
  public var jobTable: JobTableStatus?
  /// The pids `jobs -l` listed, with their job numbers (nil: not given).
  public var jobsListing: [Int: Int]?
  /// How a stopped job that reads the terminal was stopped: `.stopped` (^Z) or `.ttin`.
  public var stopState: JobState?
  /// The shell release to model, overriding what was read.
  public var shell: ShellVersion?
  /// Who holds the terminal, overriding what was read.
  public var session: SessionKind?
  /// Whether the checked programs write to their stdout later.
  public var writes: Bool?
  /// Whether their SIGHUP/SIGTERM handlers shut them down.
  public var handlerExits: Bool?

  public init(
    shellOptions: [String: Bool] = [:], jobTable: JobTableStatus? = nil, jobsListing: [Int: Int]? = nil,
    stopState: JobState? = nil, shell: ShellVersion? = nil, session: SessionKind? = nil, writes: Bool? = nil,
    handlerExits: Bool? = nil
  ) {
    self.shellOptions = shellOptions
    self.jobTable = jobTable
    self.jobsListing = jobsListing
    self.stopState = stopState
    self.shell = shell
    self.session = session
    self.writes = writes
    self.handlerExits = handlerExits
  }
}

/// Something the verdicts rest on that cannot be read from outside the shell.
public struct Assumption: Sendable, Equatable {
  public enum Subject: Sendable, Equatable {
    /// A shell option (`huponexit`, `hup`, `check_jobs`…).
    case shellOption(String)
    /// Whether the job is still in the shell's table, or `disown`ed, or `disown -h`'d.
    case jobTable
    /// A stopped job that reads the terminal: stopped by ^Z, or by SIGTTIN reading in the
    /// background.
    case stopSignal
    /// Which shell ends: the checked process is outside any shell's session.
    case sessionShell
    /// Which release of the shell (its version could not be read, or is not modelled).
    case shellRelease
    /// The user has no other logind session, so the user manager stops with this one.
    case lastLogindSession
    /// Who holds the terminal (sshd, a terminal window, a tmux pane) when it cannot be told.
    case sessionHost
    /// Whether the program writes to its stdout later (a failed write ends it).
    case writes
    /// Whether its SIGHUP/SIGTERM handler shuts it down or lets it run on.
    case handlerExits
  }

  public var subject: Subject
  /// The value the main verdicts use, e.g. `off`, `in-table`, `stopped`, `bash-5.2`.
  public var assumed: String
  /// The other values, each simulated too.
  public var alternatives: [String]

  public init(subject: Subject, assumed: String, alternatives: [String]) {
    self.subject = subject
    self.assumed = assumed
    self.alternatives = alternatives
  }
}

/// A fact found by documented means that settles what would otherwise be an assumption.
public struct Finding: Sendable, Equatable {
  public enum Source: Sendable, Equatable {
    /// `$BASHOPTS` in hupsim's own environment (the shell exported it).
    case callerBASHOPTS
    /// `$BASHOPTS` in the job's environment, as it was when the job started.
    case jobBASHOPTS(pid: Int)
    /// `jobs -l` output given with `--jobs`.
    case jobsListing
    /// A command-line flag.
    case flag
  }

  public var subject: Assumption.Subject
  public var value: String
  public var source: Source
}

/// Something that makes the verdicts less certain or adds a killer outside the model.
public enum Caveat: Sendable, Equatable {
  /// The shell ignores SIGHUP itself (`trap '' HUP` typed in it); the model's shell
  /// catches it.
  case shellIgnoresHangup(shell: Int)
  /// The process blocks these signals: they stay pending until it unblocks them.
  case blocksSignals([Int])
  /// The job belongs to a shell started inside the session's shell (pid of that shell).
  case nestedShell(Int)
  /// The job is inside a tmux or screen pane: the session is the pane's (a hang-up only
  /// detaches the client).
  case insideMultiplexer(kind: Multiplexer, server: Int)
  /// The process is stopped outside job control (its own session); nothing ends its stop.
  case stoppedOutsideJobControl
  /// A CI runner kills what a job leaves behind when the job ends (marker variable).
  case ciRunner(marker: String)
  /// WSL 1 emulates Linux; its terminals do not follow the Linux model.
  case wsl1
  /// The user has other logind sessions: the user manager outlives this one.
  case otherLogindSessions(Int)
  /// It leads its terminal's session itself (a program run directly on the terminal, not by
  /// a shell): at a hang-up the kernel sends it SIGHUP and SIGCONT (TTY-HANGUP-LEADER).
  case leadsTerminalSession
  /// It catches or ignores a stop signal, which the scenario leaves out.
  case stopSignalHandled(Int)
  /// The process group's leader is stopped but not every member is (or the reverse).
  case mixedStates
}

/// Why an end cannot be checked.
public enum NotChecked: Error, Sendable, Equatable {
  /// A foreground job holds the terminal: the shell cannot read `exit` now.
  case foregroundJobHoldsTerminal(pgid: Int)
  /// The model cannot describe this situation; the reason from the model's validation.
  case notModelled(String)
  /// The session is not led by an interactive shell hupsim models.
  case noShell(leader: Int)
}

/// What one end does to the process.
public struct Verdict: Sendable, Equatable {
  public var survives: Bool
  /// How it ends when it does not survive; `.alive` when it survives.
  public var fate: Fate
  /// The model's delivery that killed it (the last delivery of the fatal signal): from the
  /// kernel, the terminal, the shell, or a supervisor (systemd, a CI runner, WSL).
  public var killer: Delivery?
  /// Every delivered signal, in send order (the model's view).
  public var delivered: [Delivery]
  /// Rule IDs: each delivery's, the supervisor's reason for its kill, then what made it fatal.
  public var rules: [String]
  /// Alive but stopped at the end.
  public var stopped: Bool
  /// Whether the shell left at all (`logout` in a non-login shell is refused).
  public var sessionEnded: Bool
  public var hazards: [Hazard]

  public var killedBy: Signal? {
    if case .killed(let s) = fate { return s }
    return nil
  }
}

/// A verdict under one alternative of one assumption.
public struct AlternativeVerdict: Sendable, Equatable {
  public var subject: Assumption.Subject
  public var value: String
  public var verdict: Verdict
}

/// A race the model marks whose branches end differently for this process.
public struct RaceVerdict: Sendable {
  public var id: RaceID
  /// Each branch, main first, with the recorded count when known and the process's fate.
  public var branches: [(variant: RaceVariant, fate: Fate)]
}

/// One way the session can end, and what it does to the process.
public struct EndCheck: Sendable {
  public var end: SessionEnd
  /// The verdict under the main assumptions, or why there is none.
  public var result: Result<Verdict, NotChecked>
  /// Verdicts that differ under another value of an assumption.
  public var alternatives: [AlternativeVerdict]
  public var races: [RaceVerdict]

  public var verdict: Verdict? {
    if case .success(let v) = result { return v }
    return nil
  }
}

/// A step that works on a process already running.
public enum RemedyKind: String, Sendable, CaseIterable {
  /// `bg %N`: resume a stopped job in the background.
  case bg
  /// `disown -h %N`.
  case disownH = "disown-h"
  /// `disown %N`.
  case disown
  /// `bg %N` then `disown -h %N`.
  case bgDisownH = "bg-disown-h"
  /// `bg %N` then `disown %N`.
  case bgDisown = "bg-disown"
  /// ^Z, `bg`, `disown -h` for a foreground job.
  case suspendBgDisownH = "ctrl-z-bg-disown-h"
  /// ^Z, `bg`, `disown` for a foreground job.
  case suspendBgDisown = "ctrl-z-bg-disown"
  /// Leave with `exit` rather than closing the window.
  case exitInsteadOfClosing = "exit-instead-of-closing"
  /// `reptyr PID` inside tmux: the process moves to a tmux pane.
  case reptyrIntoTmux = "reptyr-tmux"
  /// Next time: `systemd-run --user --unit` with lingering, out of logind's session scope.
  case systemdRunNextTime = "systemd-run-next-time"
  /// `loginctl enable-linger`: the user manager outlives the last session.
  case enableLinger = "enable-linger"

  /// How big the step is: smaller first.
  public var cost: Int {
    switch self {
    // disown -h keeps the job under job control (fg still works); disown does not.
    case .bg, .disownH: return 1
    case .disown, .bgDisownH, .exitInsteadOfClosing, .enableLinger: return 2
    case .bgDisown, .suspendBgDisownH: return 3
    case .suspendBgDisown: return 4
    case .reptyrIntoTmux: return 4
    case .systemdRunNextTime: return 5
    }
  }
}

/// One remedy, checked by simulating the changed scenario where the model can.
public struct RemedyCheck: Sendable {
  public var kind: RemedyKind
  /// The job number the scenario gives the process's job (the shell's own may differ;
  /// `jobs -l` shows it).
  public var job: Int
  /// The job number `jobs -l` gave, when it was supplied.
  public var shellJobNumber: Int?
  /// Simulated (false: outside the model, stated only).
  public var simulated: Bool
  /// Simulated with an approximation (reptyr modelled as a tmux launch).
  public var approximate: Bool
  /// Ends where the process dies now and would survive.
  public var saves: [SessionEnd]
  /// Ends where it would still die.
  public var stillDies: [SessionEnd]
  /// What the rescued process still meets on stdin or its terminal.
  public var stillLeaves: [Hazard]

  public var fixesEverything: Bool { simulated && stillDies.isEmpty && !saves.isEmpty }
}

/// Everything `hupsim check` says about one process.
public struct ProcessCheck: Sendable {
  public var pid: Int
  public var process: ProcessSnapshot
  public var attachment: Attachment
  /// The session's shell, when one was identified.
  public var shell: ShellIdentity?
  /// The scenario the verdicts simulate (main assumptions), when the model applies.
  public var scenario: Scenario?
  /// The process's job and process index in the scenario.
  public var job: Int
  public var processIndex: Int
  /// The job number `jobs -l` gave it, when supplied.
  public var shellJobNumber: Int?
  public var assumptions: [Assumption]
  public var findings: [Finding]
  public var caveats: [Caveat]
  public var ends: [EndCheck]
  public var remedies: [RemedyCheck]
  /// The observation it came from.
  public var observation: Observation

  /// Whether every checkable end leaves it alive.
  public var survivesEverything: Bool { ends.allSatisfy { $0.verdict?.survives ?? true } }
}
