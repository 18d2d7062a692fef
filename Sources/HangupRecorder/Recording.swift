import HangupModel

/// How one real process of a job ended up.
public enum ObservedFate: Equatable, Sendable {
  /// Still running when the recorder finished; `parent` is its parent pid then.
  case alive(parent: Int32)
  case exited(status: Int)
  case killed(signal: Int32)
  /// It ended, but nobody could tell how (reaped by bash on a kernel older than 6.15).
  case unknown
}

/// One line a probe logged.
public struct ProbeLine: Equatable, Sendable {
  public enum Kind: String, Sendable {
    case start = "START"
    case signal = "SIG"
    case read = "READ"
    case write = "WRITE"
    case exit = "EXIT"
    /// `hupsim-probe --session-shell` about to exec the shell: pid, tty, parent, ignored
    /// and blocked signals, WINDOWID.
    case shell = "SHELL"
    /// The process that goes on after the probe detached itself (`daemonize=`): form,
    /// the pid it started as, the double fork's first child or `-`, then ppid, pgid, sid,
    /// tpgid of stdin, and `ok` or `ERR <errno>`.
    case detach = "DETACH"
  }
  public var kind: Kind
  public var pid: Int32
  public var fields: [String]
  /// Milliseconds since the run started.
  public var time: Double
}

/// How a probe detached itself (`--daemonizes`), as the process that went on logged it.
public struct Detachment: Equatable, Sendable {
  /// The form: daemon, daemon-keep-stdio, double-fork, setsid, setpgid.
  public var form: String
  /// The pid the job's process started as (the same pid for setsid and setpgid in place).
  public var from: Int32
  /// The double fork's first child, which exits once it has forked the daemon.
  public var via: Int32?
  /// ppid, pgid, sid and stdin's foreground group (tcgetpgrp, -1 without a terminal)
  /// right after the calls.
  public var facts: [String]
  /// Where stdin, stdout and stderr pointed before and after the calls: `null` (all three
  /// at /dev/null) or `other`.
  public var stdioBefore: String
  public var stdioAfter: String
  /// `ok`, or `ERR <errno>` (setsid in a group leader: `ERR 1`, EPERM).
  public var result: String
  /// How the processes that exited on the way ended (`from` unless it went on, then
  /// `via`), as the recorder saw them.
  public var fromFate: ObservedFate?
  public var viaFate: ObservedFate?
}

/// What the recorder learned about one probe process.
public struct ProbeRecord: Sendable {
  public var job: Int
  public var index: Int
  public var pid: Int32
  public var name: String
  /// ppid, pgid, sid, tpgid and ignored signals at start, as logged.
  public var startFacts: [String]
  /// Signals its handlers took, in order: (number, si_code, si_pid).
  public var signals: [(signo: Int32, code: Int32, sender: Int32)]
  /// What its reads returned.
  public var reads: [String]
  /// Its failed writes (`ERR <errno>`).
  public var writes: [String] = []
  /// At the end: its stdout is a pipe (readlink /proc/PID/fd/1), when it is alive.
  public var stdoutIsPipe = false
  public var fate: ObservedFate
  /// Set when the program detached itself: the record then follows the process that went
  /// on (its signals, its fate), which is the job's process in the model too.
  public var detached: Detachment? = nil
}

/// One real run of a scenario.
public struct RunRecord: Sendable {
  public var shellPid: Int32
  public var recorderPid: Int32
  /// The terminal output, with `\r\n` turned into `\n`.
  public var transcript: String
  /// What the recorder typed, in order (echoes in the transcript).
  public var typed: [String]
  /// The shell's end: exit status or signal; nil if it never exited (the recorder killed it).
  public var shellExitStatus: Int?
  public var shellKilledBy: Int32?
  public var probes: [ProbeRecord]
  /// The shell's own kill() calls, as strace printed them (with --strace).
  public var shellKills: [String]
  public var durationMilliseconds: Double
  /// Something went wrong (timeout, a step that never completed); the run is kept but marked.
  public var problems: [String]
  public var tableBefore: [ProcessRow]
  public var tableAfter: [ProcessRow]
  /// How the shell started where the recorder did not start it itself (sshd, tmux,
  /// xterm): `tty … ppid … ignored … blocked …`, from `hupsim-probe --session-shell`.
  public var shellStart: String? = nil
  /// `ssh` (the client the recorder ran) was still running at the end: it had not
  /// returned. Nil when there was no ssh client or it was killed to hang up.
  public var sshStillRunning: Bool? = nil
}

/// Who holds the session for `--session ssh`.
public enum SSHServerChoice: String, Sendable, CaseIterable {
  /// A real OpenSSH server the recorder starts on 127.0.0.1, reached with `ssh -tt`.
  case sshd
  /// The recorder itself holds the pty master and does what sshd does with it: closes it
  /// once the shell has exited, or to hang up (how corpora were recorded before).
  case recorder
}

/// Where and how to record.
public struct RecorderOptions: Sendable {
  public var shellPath: String
  public var probePath: String
  /// The longest one run may take, in seconds.
  public var timeout: Double
  /// How long nothing must happen before the recorder decides the system has settled.
  public var quietMilliseconds: Double
  public var strace: Bool
  public var stracePath: String
  /// Who holds an `ssh` session: a real sshd (default) or the recorder.
  public var sshServer: SSHServerChoice = .sshd
  public var sshdPath = "/usr/sbin/sshd"
  public var sshPath = "/usr/bin/ssh"
  public var sshKeygenPath = "/usr/bin/ssh-keygen"
  public var tmuxPath = "/usr/bin/tmux"
  public var xtermPath = "/usr/bin/xterm"
  public var xvfbPath = "/usr/bin/Xvfb"
  public var unsharePath = "/usr/bin/unshare"

  public init(
    shellPath: String = "/bin/bash", probePath: String, timeout: Double = 20, quietMilliseconds: Double = 400,
    strace: Bool = false, stracePath: String = "/usr/bin/strace", sshServer: SSHServerChoice = .sshd
  ) {
    self.sshServer = sshServer
    self.shellPath = shellPath
    self.probePath = probePath
    self.timeout = timeout
    self.quietMilliseconds = quietMilliseconds
    self.strace = strace
    self.stracePath = stracePath
  }
}
