/// A stable identifier of a real race, e.g. `RACE-FG-HUP-MERGE`.
public struct RaceID: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: RaceID, rhs: RaceID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// A foreground job and a dying shell: the job takes the shell's SIGHUP before the
  /// shell dies, or the kernel's SIGHUP merges with it.
  public static let foregroundHangupMerge = RaceID("RACE-FG-HUP-MERGE")
  /// A reader continued by the shell re-reads, and is stopped again by SIGTTIN, before
  /// or after the shell's exit orphans its group.
  public static let ttinRestop = RaceID("RACE-TTIN-RESTOP")
  /// The terminal owner closes the pty master before or after the processes the shell
  /// woke run.
  public static let ownerCloseVersusReaders = RaceID("RACE-OWNER-CLOSE")
  /// bash's job table sees a stopped job continued (SIGCHLD, WCONTINUED) between
  /// `hangup_all_jobs` and `terminate_stopped_jobs`.
  public static let continueSeenBeforeTerminate = RaceID("RACE-CONT-SEEN-BEFORE-TERMINATE")
  /// A typed line: the shell's line editor and another reader of the terminal (a
  /// `setsid` job that kept it as stdin) are both blocked in read(); one of them gets it.
  public static let typedInputReader = RaceID("RACE-TYPED-INPUT")
}

/// One way a race can go at one point of the model.
public enum RaceBranch: String, Sendable, CaseIterable {
  /// The signalled jobs run (on another CPU) before the shell dies.
  case jobsRunFirst = "jobs-run-first"
  /// The shell dies before the signalled jobs run.
  case shellDiesFirst = "shell-dies-first"
  /// The foreground job takes the kernel's SIGHUP before the kernel sends SIGCONT.
  case jobRunsBetweenKernelSignals = "job-runs-between-kernel-signals"
  /// The reader is stopped again only after the orphaned-group check: it stays stopped.
  case stopsAfterOrphanCheck = "stops-after-orphan-check"
  /// The terminal owner closes the master after the woken readers have read.
  case readersFirst = "readers-first"
  /// The terminal owner closes the master before the woken readers read again.
  case ownerFirst = "owner-first"
  /// The shell does not see the job continued before it terminates stopped jobs.
  case notSeen = "not-seen"
  /// The shell sees the job continued first, and sends it no SIGTERM.
  case seen
  /// The shell's read gets the typed line.
  case shellReadsFirst = "shell-reads-first"
  /// Another reader of the terminal gets the typed line; the shell never sees it.
  case readerTakesInput = "reader-takes-input"
}

/// A branch of a race at one point, with how often recorded runs took it.
public struct RaceVariant: Sendable, Equatable {
  public var branch: RaceBranch
  /// Recorded runs that took this branch, and runs recorded at this point (nil: source only).
  public var observed: Int?
  public var outOf: Int?

  public init(_ branch: RaceBranch, observed: Int? = nil, outOf: Int? = nil) {
    self.branch = branch
    self.observed = observed
    self.outOf = outOf
  }
}

/// A race the model met at one point, the branches it can take there (most common
/// first) and the one this run took.
struct RacePoint: Sendable {
  var id: RaceID
  var variants: [RaceVariant]
}

/// Which branch each race takes in one run.
public struct RaceChoices: Sendable, Equatable {
  var forced: [RaceID: Int] = [:]
  /// Alternatives are computed only for the primary run.
  var explore = true
  /// An alternative run: only what the race summary compares is kept (no process tables).
  var summaryOnly = false

  public init() {}
}

/// What a run met and chose.
struct RaceState: Sendable {
  var choices = RaceChoices()
  var met: [RacePoint] = []
}

extension World {
  /// A race point: returns the branch this run takes (the most common one unless the
  /// run was asked to take another) and remembers that the race was met.
  mutating func race(_ id: RaceID, _ variants: [RaceVariant]) -> RaceBranch {
    if !races.met.contains(where: { $0.id == id }) { races.met.append(RacePoint(id: id, variants: variants)) }
    let index = races.choices.forced[id] ?? 0
    return variants[min(max(0, index), variants.count - 1)].branch
  }
}

/// The race catalogue: every race the model knows, with its mechanism and citations.
public struct Race: Sendable {
  public let id: RaceID
  public let title: String
  public let mechanism: String
  public let citations: [String]
}

public enum RaceCatalog {
  public static let all: [Race] = [
    Race(
      id: .foregroundHangupMerge, title: "The foreground job's SIGHUP from the shell and from the kernel",
      mechanism:
        "On a hang-up the shell's SIGHUP handler sends SIGHUP to the foreground job and then kills itself; when it dies the kernel sends SIGHUP and SIGCONT to the group that was in the foreground at the hang-up. If the job runs on the other CPU before the shell dies, it takes the shell's SIGHUP on its own; if not, the kernel's SIGHUP merges with the pending one (standard signals do not queue).",
      citations: [
        "drivers/tty/tty_jobctrl.c disassociate_ctty (tty_old_pgrp)", "kernel/signal.c legacy_queue",
        "bash jobs.c hangup_all_jobs; sig.c termsig_handler",
      ]),
    Race(
      id: .ttinRestop, title: "A reader stopped by SIGTTIN, continued by the shell as it leaves",
      mechanism:
        "The shell sends a stopped reader SIGTERM (or SIGHUP) and SIGCONT as it leaves. If the reader runs before the shell has exited, its read of the terminal is a background read from a group that is not yet orphaned: SIGTTIN stops it again, and the kernel's orphaned-group SIGHUP and SIGCONT reach it when the shell exits. If it runs after, its group is orphaned and the read fails with EIO. If it is stopped again only after the kernel checked the group at the shell's exit, nobody continues it.",
      citations: [
        "drivers/tty/n_tty.c n_tty_read → job_control (is_current_pgrp_orphaned)",
        "kernel/exit.c kill_orphaned_pgrp (has_stopped_jobs)", "kernel/signal.c do_signal_stop",
      ]),
    Race(
      id: .ownerCloseVersusReaders, title: "The terminal owner closes the master, or the readers read first",
      mechanism:
        "When the shell exits, sshd or the terminal emulator notices and closes the pty master when it gets the CPU; processes the shell woke just before it died are usually ahead of it and re-enter read() while the terminal is still open (EIO from an orphaned group). If the owner runs first, the terminal is hung up and the read returns end of file.",
      citations: [
        "OpenSSH session.c session_close_by_pid → session_pty_cleanup2", "drivers/tty/tty_io.c hung_up_tty_read",
      ]),
    Race(
      id: .continueSeenBeforeTerminate,
      title: "The shell sees a stopped job continue before it terminates stopped jobs",
      mechanism:
        "In its SIGHUP handler bash sends SIGHUP and SIGCONT to a stopped job, then terminate_stopped_jobs sends SIGTERM and SIGCONT to every job it still records as stopped. A SIGCHLD (WCONTINUED) handled in between would record the job as running, and it would get no SIGTERM.",
      citations: [
        "bash jobs.c hangup_all_jobs, terminate_stopped_jobs, waitchld (WCONTINUED)", "bash sig.c termsig_handler",
      ]),
    typedInput,
  ]

  public static func race(_ id: RaceID) -> Race? { all.first { $0.id == id } }

  static let typedInput = Race(
    id: .typedInputReader, title: "Who reads the typed line: the shell or another reader of the terminal",
    mechanism:
      "A job started with setsid has no controlling terminal but may keep the terminal as its stdin; when it reads, no job-control check stops it, and it waits in read() beside the shell's line editor. A line typed at the prompt goes to whichever read runs first: if the job takes it the shell never sees the `exit`; if the shell does, the job waits on until the terminal hangs up.",
    citations: ["drivers/tty/n_tty.c n_tty_read (tty->read_wait; no job_control check without a controlling terminal)"])
}

/// How often the recorded bash corpus (`Fixtures/recorded/bash-*`, Linux 6.18, two CPUs)
/// took each branch at each race point, counted over every recorded run of the scenarios
/// where the point decides what a catching probe logs: the first recording (2–10 repeats
/// per trace) plus the re-recording of the 118 racy traces with 20 repeats each (part of
/// which ran on a loaded machine, where the shell tends to die first). The first branch of
/// each list is the most common one, and the one the main outcome takes.
enum RaceObservations {
  /// Foreground catching job, hang-up: `SIGHUP(shell) SIGCONT(kernel) SIGHUP(kernel)`
  /// 154 + 117, `SIGCONT(kernel) SIGHUP(shell)` 15 + 79, `SIGHUP(shell) SIGHUP(kernel)
  /// SIGCONT(kernel)` 1 + 2 (and 2 runs of `SIGCONT(kernel) SIGHUP(shell) SIGHUP(kernel)`,
  /// an order none of the branches gives).
  static let foregroundMerge = [
    RaceVariant(.jobsRunFirst, observed: 271, outOf: 370),
    RaceVariant(.shellDiesFirst, observed: 94, outOf: 370),
    RaceVariant(.jobRunsBetweenKernelSignals, observed: 3, outOf: 370),
  ]
  /// SIGTTIN reader in the job table, `kill -HUP` to the shell: stopped again (kernel's
  /// orphaned-group SIGHUP and SIGCONT logged) in 222 of 272 + 261 of 640 runs (148 of the
  /// 300 re-recorded on a quiet machine).
  static let ttinRestopInHandler = [
    RaceVariant(.jobsRunFirst, observed: 483, outOf: 912),
    RaceVariant(.shellDiesFirst, observed: 429, outOf: 912),
  ]
  /// SIGTTIN reader in the job table, `exit`/`logout`/^D: not stopped again in 200 of
  /// 296 + 741 of 1,040 runs; stopped after the orphaned-group check never seen (the
  /// source allows it).
  static let ttinRestopOnExit = [
    RaceVariant(.shellDiesFirst, observed: 941, outOf: 1336),
    RaceVariant(.jobsRunFirst, observed: 395, outOf: 1336),
    RaceVariant(.stopsAfterOrphanCheck, observed: 0, outOf: 1336),
  ]
  /// SIGTTIN readers woken as the shell exits: their read failed with EIO (read before
  /// the owner closed the master) in 313 of 366 + 1,580 of 2,140 runs, returned end of
  /// file in 53 + 560.
  static let ownerClose = [
    RaceVariant(.readersFirst, observed: 1893, outOf: 2506),
    RaceVariant(.ownerFirst, observed: 613, outOf: 2506),
  ]
  /// Stopped catching job, hang-up or `kill -HUP`: SIGTERM reached it in 152 of 152 runs.
  static let continueSeen = [
    RaceVariant(.notSeen, observed: 152, outOf: 152),
    RaceVariant(.seen, observed: 0, outOf: 152),
  ]
}
