/// The kernel and terminal-driver behaviour hupsim can simulate, as data.
///
/// Every difference between the supported systems is a field here; the simulator reads
/// these fields and never tests the profile's name. (``citations`` only chooses which
/// source tree the rule citations quote.)
public struct KernelProfile: Sendable {
  /// The profiles, as named on the command line.
  public enum ID: String, CaseIterable, Sendable {
    case linux = "linux"
    case linux26 = "linux-2.6"
    case netbsd16 = "netbsd-1.6"
    case wsl1
  }

  /// Which source tree the rule citations quote for this system.
  public enum SourceTree: String, Sendable {
    case linux, linux26, netbsd
  }

  /// Which numbering the system gives signals.
  public enum SignalNumbering: String, Sendable {
    case linux, netbsd
  }

  /// How the kernel signals a newly orphaned process group that has a stopped member.
  public enum OrphanSignalOrder: String, Sendable {
    /// Linux `kill_orphaned_pgrp`: SIGHUP to every member, then SIGCONT to every member.
    case wholeGroupHangupThenContinue
    /// NetBSD `orphanpg`: for each member in turn, SIGHUP then SIGCONT.
    case perProcessHangupAndContinue
  }

  /// How the exit of a controlling process signals the foreground group.
  public enum LeaderExitSignal: String, Sendable {
    /// Linux `disassociate_ctty`: one `kill_pgrp(SIGHUP)` for the whole group.
    case killGroup
    /// NetBSD `exit1` → `pgsignal(..., checkctty = 1)`: each member that still has the
    /// terminal as its controlling terminal, one by one.
    case eachMemberWithTerminal
  }

  /// Which `nohup` the system ships.
  public enum NohupFlavor: String, Sendable {
    /// GNU coreutils 5.90 and later: ignores SIGHUP, reopens a terminal stdin on
    /// `/dev/null` write-only (reads fail with EBADF), sends terminal output to `nohup.out`.
    case coreutils
    /// NetBSD `usr.bin/nohup`: ignores SIGHUP, leaves stdin alone, output to `nohup.out`.
    case netbsd
  }

  public let id: ID
  /// Which source tree rule citations quote.
  public let citations: SourceTree
  /// A human name, e.g. `Linux 6.x`.
  public let displayName: String
  /// The release the profile was read from, for citations.
  public let sourceRelease: String
  public let signalNumbering: SignalNumbering
  /// The name `ps` shows for the session's pseudo-terminal.
  public let terminalName: String

  /// Linux sends SIGCONT after SIGHUP to the session leader when the terminal hangs up.
  public let hangupContinuesLeader: Bool
  /// Linux remembers the foreground group at hang-up (`tty_old_pgrp`) and signals it
  /// with SIGHUP and SIGCONT when the session leader later exits.
  public let hangupRemembersForegroundGroup: Bool
  /// Linux clears every session member's controlling terminal at hang-up; NetBSD keeps
  /// the association until the session leader exits.
  public let hangupDetachesSession: Bool
  /// How a controlling process's exit signals the foreground group.
  public let leaderExitSignal: LeaderExitSignal
  /// NetBSD revokes every open of the terminal when the session leader exits.
  public let leaderExitRevokesTerminal: Bool
  /// How newly orphaned groups with stopped members are signalled.
  public let orphanSignalOrder: OrphanSignalOrder
  /// Linux `complete_signal`: a default-fatal signal generated for a running process
  /// that has nothing else pending starts the group exit at once, with that signal as
  /// the exit signal, even if a lower-numbered fatal signal is still pending from a stop.
  public let fatalSignalKillsAtGeneration: Bool
  /// `PR_SET_CHILD_SUBREAPER` exists (Linux 3.4 and later).
  public let supportsChildSubreaper: Bool
  /// A read already blocked on the pty slave when the master closes returns EIO (Linux)
  /// rather than end of file (NetBSD `ptsread` with `t_oproc` cleared).
  public let blockedReadGetsEIOOnMasterClose: Bool
  /// A process that a signal makes runnable gets the CPU before the sending process
  /// makes its next system call (uniprocessor wake-up preemption). When false, a
  /// process sending several signals in a row finishes its sequence first.
  public let wokenProcessRunsBeforeSender: Bool
  /// More than one CPU: processes woken by a sender run on another CPU while the sender
  /// keeps working (a shell cleaning up in its SIGHUP handler).
  public let multiprocessor: Bool
  /// The `nohup` the system ships.
  public let nohup: NohupFlavor
  /// What that `nohup` prints when it redirects terminal output.
  public let nohupNotice: String
  /// What `ps` prints as TPGID for a process whose terminal has no foreground group.
  public let noForegroundTPGID: Int
  /// Closing the last console window tears the whole instance down (WSL 1 before 1803).
  public var instanceTeardownWithLastConsole = false

  /// The signal's number on this system.
  public func number(of signal: Signal) -> Int {
    let entry = Signal.table[Int(signal.index)]
    return signalNumbering == .netbsd ? entry.netbsd : entry.linux
  }

  /// Looks a profile up by its command-line name.
  public static func named(_ name: String) -> KernelProfile? {
    ID(rawValue: name).map(profile(for:))
  }

  public static func profile(for id: ID) -> KernelProfile {
    switch id {
    case .linux: return .linux
    case .linux26: return .linux26
    case .netbsd16: return .netbsd16
    case .wsl1: return .wsl1
    }
  }

  public static let all: [KernelProfile] = [.linux, .linux26, .netbsd16, .wsl1]

  /// WSL 1 before Windows 10 1803: Linux's process and terminal semantics, and the whole
  /// instance torn down when its last console window closes.
  public static let wsl1: KernelProfile = {
    var p = KernelProfile(
      id: .wsl1, citations: .linux, displayName: "WSL 1 (before 1803)", sourceRelease: "WSL 1 (Windows 10 1709)",
      signalNumbering: .linux,
      terminalName: "tty1", hangupContinuesLeader: true, hangupRemembersForegroundGroup: true,
      hangupDetachesSession: true, leaderExitSignal: .killGroup, leaderExitRevokesTerminal: false,
      orphanSignalOrder: .wholeGroupHangupThenContinue, fatalSignalKillsAtGeneration: true,
      supportsChildSubreaper: true, blockedReadGetsEIOOnMasterClose: true,
      wokenProcessRunsBeforeSender: false, multiprocessor: true, nohup: .coreutils,
      nohupNotice: "nohup: ignoring input and appending output to 'nohup.out'", noForegroundTPGID: -1)
    p.instanceTeardownWithLastConsole = true
    return p
  }()

  /// Linux 6.x (`drivers/tty/tty_jobctrl.c`, `kernel/exit.c`, `kernel/signal.c`).
  public static let linux = KernelProfile(
    id: .linux, citations: .linux, displayName: "Linux 6.x", sourceRelease: "Linux 6.x", signalNumbering: .linux,
    terminalName: "pts/0", hangupContinuesLeader: true, hangupRemembersForegroundGroup: true,
    hangupDetachesSession: true, leaderExitSignal: .killGroup, leaderExitRevokesTerminal: false,
    orphanSignalOrder: .wholeGroupHangupThenContinue, fatalSignalKillsAtGeneration: true,
    supportsChildSubreaper: true, blockedReadGetsEIOOnMasterClose: true,
    wokenProcessRunsBeforeSender: false, multiprocessor: true, nohup: .coreutils,
    nohupNotice: "nohup: ignoring input and appending output to 'nohup.out'", noForegroundTPGID: -1)

  /// Linux 2.6.18 as in CentOS 5 (`drivers/char/tty_io.c`, `kernel/exit.c`).
  public static let linux26 = KernelProfile(
    id: .linux26, citations: .linux26, displayName: "Linux 2.6.18", sourceRelease: "Linux 2.6.18",
    signalNumbering: .linux,
    terminalName: "pts/0", hangupContinuesLeader: true, hangupRemembersForegroundGroup: true,
    hangupDetachesSession: true, leaderExitSignal: .killGroup, leaderExitRevokesTerminal: false,
    orphanSignalOrder: .wholeGroupHangupThenContinue, fatalSignalKillsAtGeneration: true,
    supportsChildSubreaper: false, blockedReadGetsEIOOnMasterClose: true,
    wokenProcessRunsBeforeSender: false, multiprocessor: true, nohup: .coreutils,
    nohupNotice: "nohup: appending output to `nohup.out'", noForegroundTPGID: -1)

  /// NetBSD 1.6 (`sys/kern/tty.c`, `tty_pty.c`, `kern_exit.c`, `kern_proc.c`).
  public static let netbsd16 = KernelProfile(
    id: .netbsd16, citations: .netbsd, displayName: "NetBSD 1.6", sourceRelease: "NetBSD 1.6", signalNumbering: .netbsd,
    terminalName: "ttyp0", hangupContinuesLeader: false, hangupRemembersForegroundGroup: false,
    hangupDetachesSession: false, leaderExitSignal: .eachMemberWithTerminal, leaderExitRevokesTerminal: true,
    orphanSignalOrder: .perProcessHangupAndContinue, fatalSignalKillsAtGeneration: false,
    supportsChildSubreaper: false, blockedReadGetsEIOOnMasterClose: false,
    wokenProcessRunsBeforeSender: true, multiprocessor: false, nohup: .netbsd,
    nohupNotice: "sending output to nohup.out", noForegroundTPGID: 30001)
}
