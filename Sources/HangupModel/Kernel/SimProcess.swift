/// How a process ended, or that it is still alive.
public enum Fate: Equatable, Sendable, CustomStringConvertible {
  case alive
  case exited(status: Int)
  case killed(by: Signal)

  public var isAlive: Bool { self == .alive }

  public var description: String {
    switch self {
    case .alive: return "alive"
    case .exited(let status): return "exited with status \(status)"
    case .killed(let signal): return "killed by \(signal)"
    }
  }
}

/// What an open standard descriptor refers to.
public enum Descriptor: String, Sendable {
  /// The pty slave: the session's terminal.
  case terminal
  /// `/dev/null` opened write-only by GNU nohup: every read fails with EBADF.
  case devNullWriteOnly = "/dev/null (write-only)"
  /// `/dev/null` for reading: reads return end of file.
  case devNull = "/dev/null"
  /// A regular file such as `nohup.out` or a redirect target.
  case file
  /// Another terminal that stays open (a tmux pane held by the tmux server).
  case otherTerminal = "another terminal"
  /// A pipe to the session host (sshd without a pty).
  case pipe
}

/// Where systemd accounts a process (its cgroup), which decides who kills it.
public enum Cgroup: String, Sendable {
  /// `system.slice` or the root: init, sshd.
  case system
  /// The login session's `session-N.scope` (pam_systemd moved sshd there at login).
  case sessionScope = "session-N.scope"
  /// A per-connection `ssh@….service` (socket-activated sshd without pam_systemd).
  case sshConnection = "ssh@.service"
  /// A transient service of the user manager (`systemd-run --user --unit`).
  case userService = "user@UID.service/app.slice/run-u1.service"
  /// A transient scope of the user manager (`systemd-run --user --scope`).
  case userScope = "user@UID.service/app.slice/run-u1.scope"
  /// The user manager itself.
  case userManager = "user@UID.service/init.scope"
}

/// The scheduling state of a simulated process.
public enum RunState: String, Sendable {
  case running
  case stopped
  case zombie
  case reaped
}

/// What a process is busy with, which decides what a signal interrupts.
enum Activity: Equatable, Sendable {
  /// Computing or sleeping; nothing to resume.
  case busy
  /// Blocked in read(0) on the terminal, waiting for input.
  case readingTerminal
  /// Inside read(0) but not blocked: SIGTTIN is stopping it, and the call restarts when
  /// the process next runs (it then sees the terminal as it is at that moment).
  case restartingRead
  /// The reader gave up reading because each read brings SIGTTIN to its handler.
  case spinningOnTTIN
  /// Finished reading (EOF or error handled).
  case doneReading
}

/// What a simulated process is in the real system.
public enum ProcessRole: Equatable, Sendable {
  case initProcess
  /// A child subreaper above the session (systemd --user, a recorder).
  case subreaper
  /// Whoever owns the session's terminal: sshd, a terminal emulator.
  case host
  /// The user's interactive shell.
  case shell
  /// A launcher process of a job that exits at once (`setsid` parent, the tmux client,
  /// the `( … & )` subshell).
  case launcher(job: Int)
  /// A server a job's launcher leaves running (the tmux server), which holds terminals.
  case server(job: Int)
  /// One process of a scenario job's workload.
  case workload(job: Int, index: Int)

  /// The scenario job this process belongs to.
  public var job: Int? {
    switch self {
    case .launcher(let job), .server(let job), .workload(let job, _): return job
    default: return nil
    }
  }

  /// Whether this process collects its dead children (the program of a job does not).
  var reapsChildren: Bool {
    switch self {
    case .initProcess, .subreaper, .host, .server: return true
    case .shell, .launcher, .workload: return false
    }
  }
}

/// A pending standard signal and who sent it.
struct PendingSignal: Sendable {
  var signal: Signal
  var from: Actor
  var senderPid: Int?
}

/// A process in the simulated kernel.
public struct SimProcess: Sendable {
  public var pid: Int
  public var ppid: Int
  public var pgid: Int
  public var sid: Int
  public var command: String
  public var role: ProcessRole
  /// The session's terminal is this process's controlling terminal.
  public var hasControllingTerminal: Bool
  public var dispositions = Dispositions()
  public var state: RunState = .running
  public var fate: Fate = .alive
  var pending: [PendingSignal] = []
  var pendingSet = SignalSet()
  /// Linux `TIF_SIGPENDING`: set only when a signal was routed to a runnable task.
  var signalPendingFlag = false
  /// The signal the process is already dying of (Linux group exit started).
  var dyingOf: Signal?
  /// Linux `signal->tty_old_pgrp`: the foreground group remembered at hang-up.
  var ttyOldPgrp: Int?
  var isChildSubreaper = false
  /// The cgroup systemd keeps it in (inherited at fork).
  public var cgroup: Cgroup = .system
  /// Its environment carries the CI build's marker (`JENKINS_NODE_COOKIE`, `BUILD_ID`,
  /// `RUNNER_TRACKING_ID`), inherited at fork and exec.
  var ciMarked = false
  /// In the run queue, at this slot.
  var queued = false
  var queueSlot = -1
  public var stdin: Descriptor = .terminal
  public var stdout: Descriptor = .terminal
  var activity: Activity = .busy
  var program: Program?
  /// The read result the process will see when it next runs, if a read was interrupted.
  var pendingReadResult: ReadResult?

  init(pid: Int, ppid: Int, pgid: Int, sid: Int, command: String, role: ProcessRole, hasControllingTerminal: Bool) {
    self.pid = pid
    self.ppid = ppid
    self.pgid = pgid
    self.sid = sid
    self.command = command
    self.role = role
    self.hasControllingTerminal = hasControllingTerminal
  }

  public var isSessionLeader: Bool { pid == sid }
  public var isLive: Bool { state == .running || state == .stopped }

  func disposition(of signal: Signal) -> Disposition { dispositions[signal] }

  var jobNumber: Int? { role.job }

  mutating func addPending(_ signal: PendingSignal) {
    pending.append(signal)
    pendingSet.insert(signal.signal)
  }

  mutating func removePending(_ signal: Signal) {
    guard pendingSet.contains(signal) else { return }
    pending.removeAll(where: { $0.signal == signal })
    pendingSet.remove(signal)
  }

  mutating func clearPending() {
    pending.removeAll()
    pendingSet = SignalSet()
  }
}

/// The result of a read(0) as the program sees it.
public enum ReadResult: String, Sendable {
  case endOfFile = "0 (end of file)"
  case eio = "-1 EIO"
  case ebadf = "-1 EBADF"
  case eintr = "-1 EINTR"
}
