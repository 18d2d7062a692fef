/// Who caused an event.
public enum Actor: String, Sendable, CaseIterable {
  case kernel, terminal, shell, user
  /// Whoever owns the session's terminal or pipes: sshd, a terminal emulator, tmux.
  case host
  /// systemd: logind stopping a session scope, the user manager, a per-connection unit.
  case systemd
  /// A CI runner's process-tree killer (Jenkins, GitHub Actions).
  case ci
  /// WSL 1 tearing the Linux instance down.
  case wsl
}

/// When an event happened: while the scenario set the jobs up, during the user's
/// scripted actions, or while the session ended.
public enum Phase: String, Sendable, CaseIterable {
  case setup, actions, end
}

/// What kind of record an event is.
public enum EventKind: String, Sendable {
  /// A signal was generated for one process (a `killpg` makes one event per member).
  case signal
  /// A pending signal was taken by the process when it ran.
  case delivery
  /// Anything else: a message, an exit, a re-parenting, a terminal state change.
  case note
}

/// What a signal did to its receiver.
public enum Effect: String, Sendable, CaseIterable {
  /// Queued; acted on when the process next runs.
  case queued
  /// Held pending because the process is stopped.
  case pendingWhileStopped = "pending-stopped"
  /// SIGCONT resumed the stopped process.
  case continued
  /// The process dies of this signal.
  case killed
  /// The process stopped.
  case stopped
  /// The program's handler ran.
  case handlerRan = "handler-ran"
  /// Discarded: the disposition is SIG_IGN.
  case ignored
  /// Discarded: SIG_DFL whose default action is to ignore (SIGCONT to a running process).
  case ignoredByDefault = "ignored-by-default"
  /// Discarded: the same signal was already pending.
  case merged
  /// Discarded: the process is already exiting.
  case exiting
  /// The target no longer exists (ESRCH).
  case noSuchProcess = "no-such-process"
  /// A default stop signal discarded because the process group is orphaned.
  case orphanStopDiscarded = "orphan-stop-discarded"

  /// Effects under which a signal counts as delivered: it reached a live process and
  /// was not discarded.
  public var countsAsDelivered: Bool {
    switch self {
    case .queued, .pendingWhileStopped, .continued, .killed, .stopped, .handlerRan: return true
    case .ignored, .ignoredByDefault, .merged, .exiting, .noSuchProcess, .orphanStopDiscarded: return false
    }
  }
}

/// The receiver of a signal or the subject of a step.
public struct Target: Sendable, Equatable {
  public var pid: Int
  /// The process group at the time (a `killpg` to a group that is gone names the group).
  public var pgid: Int
  /// Whether the signal was sent to the whole process group (`killpg`).
  public var viaGroup: Bool

  public init(pid: Int, pgid: Int, viaGroup: Bool) {
    self.pid = pid
    self.pgid = pgid
    self.viaGroup = viaGroup
  }
}

/// A control key typed on the terminal.
public enum ControlKey: String, Sendable, CaseIterable {
  case interrupt = "^C"
  case suspend = "^Z"
  case quit = "^\\"
  case endOfFile = "^D"

  /// The byte the terminal receives.
  public var byte: UInt8 {
    switch self {
    case .interrupt: return 0x03
    case .suspend: return 0x1a
    case .quit: return 0x1c
    case .endOfFile: return 0x04
    }
  }
}

/// Why a signal was sent: the typed reason the presentation layer puts into words.
public enum SendReason: Sendable, Equatable {
  /// The terminal hung up: SIGHUP to the session leader (`keepsTerminal`: NetBSD, the
  /// session keeps it and gets no SIGCONT).
  case hangupLeader(keepsTerminal: Bool)
  /// The SIGCONT after it, and the foreground group remembered at hang-up.
  case hangupLeaderContinue(remembered: Int?)
  /// The controlling process exited: SIGHUP to the terminal's foreground group.
  case leaderExitForeground(leader: Int, group: Int)
  /// The controlling process exited after a hang-up: the group remembered then.
  case leaderExitOldGroup(group: Int)
  /// The SIGCONT that follows.
  case leaderExitOldGroupContinue
  /// A newly orphaned group with a stopped member (`wholeGroup`: one killpg).
  case orphanedGroup(group: Int, cause: Int, wholeGroup: Bool)
  /// The SIGCONT that follows.
  case orphanedGroupContinue(wholeGroup: Bool)
  /// A control key typed on the terminal.
  case controlKey(ControlKey, group: Int)
  /// A background read of the terminal: SIGTTIN to the reader's group.
  case backgroundRead(reader: Int, group: Int)
  /// The session host sends it (a terminal emulator hanging up its child).
  case host(HostSend)
  /// The shell sends it.
  case shell(ShellSend)
  /// `kill -SIG pid` run from another terminal.
  case userKill
  /// A write to a pipe nobody reads (the kernel sends the writer SIGPIPE).
  case brokenPipe
  /// A supervisor kills what is left of the session.
  case supervisor(SupervisorSend)
}

/// Why a supervisor sends a signal.
public enum SupervisorSend: Sendable, Equatable {
  /// Stopping a unit (`unit_kill_context`): SIGTERM, SIGCONT right after, SIGHUP where
  /// the unit says `SendSIGHUP=yes`, SIGKILL when the stop timeout passes.
  case stopUnit(KilledUnit)
  /// Jenkins' ProcessTreeKiller at the end of the build (the build's cookie in the environment).
  case jenkinsTreeKill
  /// The GitHub Actions runner's orphan cleanup at the end of the job (`RUNNER_TRACKING_ID`).
  case githubOrphanCleanup
  /// WSL 1 tears the instance down with its last console window.
  case wslTeardown
}

/// The unit a supervisor stops.
public enum KilledUnit: String, Sendable, Equatable {
  /// The login session's `session-N.scope` (logind, `KillUserProcesses=yes`).
  case sessionScope = "session-N.scope"
  /// A per-connection `ssh@….service` (socket-activated sshd, no pam_systemd).
  case sshConnection = "ssh@.service"
  /// The user manager `user@UID.service` with everything under it.
  case userManager = "user@UID.service"
}

/// What a shell's kill()/killpg() call is for, in shell-neutral terms; the rule names the
/// shell's own function.
public enum ShellSend: Sendable, Equatable {
  /// SIGHUP to a job's group (the shell's job number).
  case hangupJob(job: Int)
  /// SIGCONT to a stopped job it hangs up (`despiteNoHangupMark`: the job is marked not
  /// to be hung up, and this release still continues it).
  case continueStoppedJob(job: Int, despiteNoHangupMark: Bool)
  /// SIGTERM to a stopped job.
  case terminateStoppedJob(job: Int)
  /// The SIGCONT after it.
  case continueTerminatedJob(job: Int)
  /// A line editor caught the signal and sends it to the shell again.
  case resendToSelf
  /// The shell resets the signal to SIG_DFL and kills itself with it.
  case killSelf
  /// `bg`.
  case backgroundJob(job: Int)
  /// `fg`.
  case foregroundJob(job: Int)
  /// The `kill` builtin: to one pid, or a job's group.
  case killBuiltin(job: Int?)
  /// The SIGCONT the `kill` builtin adds for a stopped job.
  case killBuiltinContinue
}

/// What a session host sends.
public enum HostSend: Sendable, Equatable {
  /// A terminal emulator closing its window hangs up the child's process group.
  case closeWindow
  /// The emulator's child has exited: it hangs up the child's group once more before it
  /// closes the master (xterm `Cleanup`).
  case childExited
}

/// One signal generated for one process.
public struct SignalEvent: Sendable {
  public var signal: Signal
  /// The sending process (`si_pid`), nil for the kernel.
  public var senderPid: Int?
  public var target: Target
  public var effect: Effect
  public var reason: SendReason
}

/// A pending signal taken when its receiver ran.
public struct DeliveryEvent: Sendable {
  public var signal: Signal
  public var target: Target
  public var effect: Effect
  /// Who originally sent it (what `si_code`/`si_pid` show).
  public var sentBy: Actor
  public var senderPid: Int?
}

/// Something the user typed at the shell, as the shell's own syntax spells it.
public struct TypedLine: Sendable, Equatable {
  /// What the line is for, so nothing has to read the words back.
  public enum Purpose: Sendable, Equatable {
    /// Starts scenario job `job`.
    case startJob(job: Int)
    /// A builtin or option setting that returns to the prompt.
    case builtin
    /// `kill -SIG pid` at the prompt, for scenario job `job`'s process `process`.
    case kill(signal: Signal, job: Int, process: Int)
    /// Ends the session: `exit` or `logout`.
    case leave(SessionEnd)
  }

  public var text: String
  public var purpose: Purpose

  public init(_ text: String, purpose: Purpose) {
    self.text = text
    self.purpose = purpose
  }
}

/// Something the user did.
public enum UserEvent: Sendable {
  case typed(TypedLine)
  case pressed(ControlKey)
  /// The terminal window closed or the connection dropped.
  case closesTerminal
  /// `kill -SIG pid` run from another terminal, at a job's process.
  case killsFromOutside(signal: Signal, pid: Int)
  /// `kill -HUP` at the shell, the terminal staying open.
  case killsShell(signal: Signal, pid: Int)
  /// The shell cannot read the line: a foreground job holds the terminal.
  case cannotType(SessionEnd)
}

/// What the kernel did to processes.
public enum ProcessEvent: Sendable {
  /// The process exited or was killed.
  case exited(pid: Int, fate: Fate)
  /// Its parent died: it has a new one.
  case reparented(pid: Int, to: Int)
  /// `setsid()`: the process leads a new session and group, without a terminal.
  case newSession(pid: Int)
  /// A group became orphaned but has no stopped member: nothing is sent.
  case orphanedWithoutStopped(group: Int)
  /// A launcher execs the program and an ignore it set stays (exec keeps SIG_IGN).
  case execKeepsIgnored(pid: Int, launcher: String, program: String, signal: Signal)
}

/// Why the terminal's read answered as it did.
public enum ReadCause: Sendable, Equatable {
  case nohupStdin
  case notTerminal
  case hungUp
  case backgroundTTINIgnored
  case backgroundOrphaned
  /// sshd closed the stdin pipe.
  case pipeClosed
}

/// What a program does with what its read returned.
public enum ReadReactionTaken: Sendable, Equatable {
  case readsAgain
  case keepsGettingIt
  case exits(status: Int)
}

/// What the terminal driver did.
public enum TerminalEvent: Sendable {
  /// The pty master closed with no session attached (the shell had left).
  case hungUpWithoutSession
  /// The terminal owner closes the master after the shell left.
  case ownerClosesMaster(owner: Int)
  /// NetBSD: the leader's exit revoked every open of the terminal.
  case revoked(leader: Int)
  /// A read waits for input (`ownTerminal`: a pane's own terminal; `noControllingTerminal`:
  /// the reader has none, so no job-control check).
  case readWaits(pid: Int, ownTerminal: Bool, noControllingTerminal: Bool)
  /// Another process reading the terminal took the typed input.
  case inputTakenBy(reader: Int, typed: String)
  /// The line discipline echoes a line the user typed that nobody reads (ECHO is on).
  case echoesUnread(typed: String)
  /// read(0) returned, and the program's reaction.
  case readReturned(pid: Int, result: ReadResult, cause: ReadCause?, reaction: ReadReactionTaken)
}

/// Why a shell hands the terminal to a group.
public enum TerminalHandover: Sendable, Equatable {
  case foregroundJob
  case jobStopped
  case jobFinished
  case endJobControl
  case fg
  /// The shell is leaving (a signal interrupted its wait for the job).
  case leaving
}

/// Why a shell leaves without its jobs warning.
public enum NoWarningReason: Sendable, Equatable {
  /// The previous command was `jobs`.
  case previousWasJobs
  /// The previous command was the exit or logout that warned.
  case previousWasWarnedLeave
}

/// How a job entered the shell's process table.
public enum JobStartForm: Sendable, Equatable {
  /// The job's program in a group of its own.
  case ownGroup
  /// A launcher the shell forks as a foreground job (setsid, the tmux client, a subshell).
  case launcher(Launch)
  /// Another member of a pipeline, in the first member's group.
  case pipelineMember
  /// No job control: the job stays in the shell's own process group.
  case shellGroup
}

/// What the shell did, in shell-neutral terms; the event's rule names the shell's function.
public enum ShellEvent: Sendable {
  /// The shell printed a line (exactly the text the real shell prints).
  case printed(String, job: Int?)
  /// The shell forked a job's process.
  case forkedJob(pid: Int, pgid: Int, form: JobStartForm)
  /// The shell gave the terminal to a group.
  case givesTerminal(group: Int, ownGroup: Bool, because: TerminalHandover)
  /// The job's child took the terminal itself; the shell's record still names its own group.
  case childTakesTerminal(group: Int)
  /// The shell does not take the terminal back: its record says it has it.
  case keepsForegroundGroup(group: Int)
  /// The shell noticed a job stop and records it as stopped.
  case recordsStopped(job: Int, pid: Int)
  /// ^D at the prompt runs the exit builtin.
  case endOfFileRunsExit
  /// `exit` or `logout` runs the shell's builtin, which checks the jobs.
  case leaveBuiltinRuns(SessionEnd)
  /// No warning this time: the shell leaves at once.
  case leavesWithoutWarning(NoWarningReason)
  /// The shell's exit path starts with this status.
  case exitPath(status: Int)
  /// Hang up all jobs at exit: on (an interactive login shell) or on but not applying.
  case hangupOnExit(applies: Bool)
  /// The hang-up walk found no job.
  case noJobsToHangUp
  /// The hang-up walk skips a job marked not to be hung up (`stillContinues`: it sends it
  /// no SIGHUP but will continue it if stopped).
  case skipsMarkedJob(job: Int, pid: Int, stillContinues: Bool)
  /// The shell caught a terminating signal (`deferred`: its handler only records it).
  case caughtSignal(Signal, deferred: Bool)
  /// `disown -h`: the job stays in the table, marked not to be hung up.
  case marksNoHangup(job: Int, pid: Int, all: DisownScope?)
  /// `disown`: the job leaves the table.
  case forgetsJob(job: Int, pid: Int, all: DisownScope?)
  /// Having signalled its jobs, the shell still finishes up before it exits: the
  /// foreground job it signalled runs first.
  case finishesUpBeforeExit
  /// Having signalled its jobs, the shell sleeps before it exits: they run first.
  case sleepsAfterSignalling(seconds: Int)
  /// The shell writes its exit warning to a terminal that has hung up: EIO, nothing shows.
  case warningLostToHangup
  /// The shell runs a command string without job control.
  case runsWithoutJobControl
  /// The command string or script ended; the shell exits with this status.
  case scriptEnds(status: Int)
  /// The shell leaves the signal at its default action (no handler).
  case leavesSignalAtDefault(Signal)
  /// `cmd &!`: the job is started disowned and never enters the table.
  case startsDisowned(pid: Int)
  /// `hup cmd &`: the job is marked to be hung up when the shell leaves.
  case marksHangupAtExit(job: Int, pid: Int)
  /// `jobs` lists the table.
  case listsJobs(count: Int)
  /// A job builtin names a job the table no longer has.
  case noSuchJob(job: Int)
  /// The shell treats the signal as an attempt to exit (ksh93).
  case signalActsAsExit(Signal)
  /// The terminal hung up: the shell's read fails and it takes its end-of-file path.
  case readFailsAfterHangup
  /// The shell stops waiting for its foreground job, which runs on as a background job.
  case foregroundJobToBackground(job: Int)
}

/// `disown -a` or `disown -r`.
public enum DisownScope: Sendable, Equatable {
  case all, running
}

/// What a launcher did.
public enum LauncherEvent: Sendable {
  /// nohup set SIGHUP to SIG_IGN.
  case nohupIgnoresHangup(pid: Int)
  /// GNU nohup reopened a terminal stdin write-only on /dev/null.
  case nohupReopensStdin(pid: Int)
  /// NetBSD's nohup leaves stdin alone.
  case nohupLeavesStdin(pid: Int)
  /// The shell's own `nohup` prefix: the child ignores SIGHUP before it execs (tcsh).
  case nohupBuiltin(pid: Int)
  /// nohup sends terminal output to nohup.out.
  case nohupRedirectsOutput(pid: Int)
  /// setsid(1) forks because it leads its group; the parent exits.
  case setsidForks(child: Int)
  /// setsid(1) does not lead a group (no job control): it calls setsid() and execs in place.
  case setsidInPlace(pid: Int)
  /// A tmux server runs outside the login session.
  case tmuxServer(pid: Int)
  /// tmux starts the command in a new pane: its own session and terminal.
  case tmuxPane(pid: Int)
  /// An asynchronous command without job control: SIGINT and SIGQUIT ignored, stdin /dev/null.
  case asyncWithoutJobControl(pid: Int)
  /// `systemd-run --user --scope`: the command runs in place in a new scope of the user manager.
  case systemdRunScope(pid: Int)
  /// `systemd-run --user --unit`: the user manager starts the command as a service.
  case systemdRunService(pid: Int, manager: Int)
  /// A screen server daemon in its own session.
  case screenServer(pid: Int)
  /// `( cmd & )` in a shell whose subshells keep job control: cmd leads a group of its own.
  case subshellWithJobControl(pid: Int)
  /// `( cmd & )`: no job control in the subshell.
  case subshellAsync(pid: Int, group: Int)
}

/// What a job's program did.
public enum ProgramEvent: Sendable {
  case installsHandlers(pid: Int, [Signal])
  case startsWithIgnored(pid: Int, [Signal])
  case forks(parent: Int, child: Int)
  /// The program resets these inherited ignores to the default action (node, libuv's children).
  case resetsDispositions(pid: Int, [Signal])
  /// The program's handler for the signal shuts it down.
  case exitsOnSignal(pid: Int, Signal)
  /// The program writes to its stdout, and what the write met.
  case writes(pid: Int, result: WriteResult)
  /// A step of the program detaching itself (daemon(3), double fork, setsid, setpgid).
  case detaches(pid: Int, DaemonStep)
}

/// What a program's write to its stdout met.
public enum WriteResult: String, Sendable {
  /// The terminal hung up: EIO.
  case eio = "EIO"
  /// Nobody reads the pipe and SIGPIPE is at its default: the kernel sends SIGPIPE.
  case sigpipe = "SIGPIPE"
  /// Nobody reads the pipe and SIGPIPE is ignored or caught: EPIPE.
  case epipe = "EPIPE"
}

/// The typed content of an event.
public enum EventPayload: Sendable {
  case signal(SignalEvent)
  case delivery(DeliveryEvent)
  case user(UserEvent)
  case process(ProcessEvent)
  case terminal(TerminalEvent)
  case shell(ShellEvent)
  case launcher(LauncherEvent)
  case program(ProgramEvent)
  case host(HostEvent)
  case supervisor(SupervisorEvent)
}

/// One step of the simulated timeline: who did it, the rule behind it, and what happened
/// as typed data. The words are made by the presentation layer.
public struct Event: Sendable {
  public var seq: Int
  public var phase: Phase
  public var from: Actor
  /// The mechanism that made this step happen.
  public var rule: RuleID
  public var payload: EventPayload
  /// The process a step other than a signal is about, as it was then.
  public var subject: Target?
  /// Events made by one kill()/killpg() call share this number (0 for other events).
  public var call: Int = 0

  public var kind: EventKind {
    switch payload {
    case .signal: return .signal
    case .delivery: return .delivery
    default: return .note
    }
  }

  /// The signal sent or taken, if any.
  public var signal: Signal? {
    switch payload {
    case .signal(let s): return s.signal
    case .delivery(let d): return d.signal
    default: return nil
    }
  }

  /// What became of the signal, if any.
  public var effect: Effect? {
    switch payload {
    case .signal(let s): return s.effect
    case .delivery(let d): return d.effect
    default: return nil
    }
  }

  /// The kernel rule behind what became of the signal.
  public var effectRule: RuleID? {
    switch payload {
    case .signal(let s): return s.effect.rule
    case .delivery(let d): return d.effect.takenRule
    default: return nil
    }
  }

  /// Who sent the signal (for a delivery, who originally sent it).
  public var sentBy: Actor? {
    switch payload {
    case .signal: return from
    case .delivery(let d): return d.sentBy
    default: return nil
    }
  }

  /// The sending process (`si_pid`), if a process sent it.
  public var senderPid: Int? {
    switch payload {
    case .signal(let s): return s.senderPid
    case .delivery(let d): return d.senderPid
    default: return nil
    }
  }

  /// The process a signal went to, or the process a step is about.
  public var target: Target? {
    switch payload {
    case .signal(let s): return s.target
    case .delivery(let d): return d.target
    default: return subject
    }
  }
}

extension Effect {
  /// The kernel rule that decided this effect when the signal was generated.
  public var rule: RuleID? {
    switch self {
    case .queued: return .kernQueued
    case .pendingWhileStopped: return .kernStoppedPending
    case .continued: return .kernContinueResumes
    case .killed: return .kernFatalGroupExit
    case .stopped, .handlerRan: return .kernDequeue
    case .ignored, .ignoredByDefault: return .kernIgnoredDiscarded
    case .merged: return .kernMergedPending
    case .exiting: return .kernExiting
    case .noSuchProcess: return .kernNoSuchProcess
    case .orphanStopDiscarded: return .kernOrphanStopDiscarded
    }
  }

  /// The kernel rule that decided it when a pending signal was taken.
  var takenRule: RuleID? {
    self == .orphanStopDiscarded ? .kernOrphanStopDiscarded : .kernDequeue
  }
}
