/// One bash release line, as data: every exit- and hang-up-relevant difference
/// between bash 2.05 and 5.3 is a field here, read from the bash sources
/// (`bminor/bash`; `Documentation/Decisions.md` lists the commits).
public struct BashDialect: Sendable {
  /// What `hangup_all_jobs` does with a job marked `J_NOHUP` (`disown -h`).
  public enum NohupJobHandling: String, Sendable {
    /// bash 2.05–3.1: no SIGHUP, but a stopped J_NOHUP job still gets SIGCONT.
    case continueIfStopped
    /// bash 3.2 and later: the job is skipped entirely (`continue`).
    case skipEntirely
  }

  /// The condition under which `end_job_control` calls `terminate_stopped_jobs`.
  public enum EndJobControlCondition: String, Sendable {
    /// `if (interactive_shell)`: bash 2.05–4.3 patch 5.
    case interactiveShell = "interactive_shell"
    /// `if (interactive_shell || job_control)`: bash 4.3 patch 6 – 4.4.
    case interactiveShellOrJobControl = "interactive_shell || job_control"
    /// `if (job_control)`: bash 5.0 and later.
    case jobControl = "job_control"
  }

  /// The command-line name, e.g. `bash-5.2`.
  public let id: String
  /// The release line, e.g. `5.2`.
  public let version: String
  /// The exact release whose source the data was read from.
  public let modelledRelease: String
  public let nohupJobs: NohupJobHandling
  public let endJobControl: EndJobControlCondition
  /// bash 3.2+ only records a terminating signal in its handler and does the work at
  /// the next check point; earlier releases work inside the handler.
  public let deferredTerminatingSignals: Bool
  /// `shopt checkjobs` exists (4.0+).
  public let hasCheckjobs: Bool
  /// ^D shifts `last_shell_builtin` before calling `exit_builtin` (5.1+).
  public let eofShiftsBuiltins: Bool
  /// `waitchld` passes `WCONTINUED`, so bash notices a job continued by a signal (2.05b+).
  public let noticesContinuedJobs: Bool
  /// A foreground job stopped by ^Z sets `$?` to 128 + the stop signal (`wait_for`:
  /// `termination_state = 128 + WSTOPSIG`, 3.1+); before, `$?` stays 0.
  public let stoppedJobSetsStatus: Bool
  /// The parent bash gives the terminal to a new foreground job itself (`stop_pipeline` →
  /// `maybe_give_terminal_to`), which also updates its record `terminal_pgrp`. bash 5.3
  /// leaves that to the child (jobs.c: "09/08/2023 - rely on child processes to set the
  /// terminal pgrp"), so while the job runs `terminal_pgrp` still names bash's own group
  /// and `end_job_control` does not take the terminal back.
  public let parentGivesTerminalToForegroundJob: Bool
  /// readline (6.3, bash 4.3+) catches SIGHUP while it reads a line and re-sends it
  /// to the shell after restoring bash's handler.
  public let readlineCatchesSIGHUP: Bool

  /// The function that handles a terminating signal in this release.
  public var signalHandlerFunction: String {
    deferredTerminatingSignals ? "sig.c termsig_sighandler → termsig_handler" : "sig.c termination_unwind_protect"
  }

  /// Looks a dialect up by its command-line name (`bash-5.2`) or version (`5.2`).
  public static func named(_ name: String) -> BashDialect? {
    all.first(where: { $0.id == name || $0.version == name })
  }

  /// The dialect a shell version names (bash versions only).
  public static func of(_ version: ShellVersion) -> BashDialect? {
    guard version.family == "bash" else { return nil }
    if all.indices.contains(version.ordinal), all[version.ordinal].id == version.id { return all[version.ordinal] }
    return named(version.id)
  }

  /// The version as scenarios name it.
  public var shellVersion: ShellVersion {
    ShellVersion(
      id: id, family: "bash", version: version, modelledRelease: modelledRelease,
      citationValues: ["handler": signalHandlerFunction],
      ordinal: BashDialect.all.firstIndex(where: { $0.id == id }) ?? 0)
  }

  public static let all: [BashDialect] = [
    dialect(
      "2.05", "2.05 (28ef6c31)", nohup: .continueIfStopped, ejc: .interactiveShell, deferred: false,
      checkjobs: false, eofShift: false, continued: false, stopStatus: false, parentTerminal: true, readline: false),
    dialect(
      "2.05b", "2.05b (7117c2d2)", nohup: .continueIfStopped, ejc: .interactiveShell, deferred: false,
      checkjobs: false, eofShift: false, continued: true, stopStatus: false, parentTerminal: true, readline: false),
    dialect(
      "3.0", "3.0.16 (eb873671)", nohup: .continueIfStopped, ejc: .interactiveShell, deferred: false,
      checkjobs: false, eofShift: false, continued: true, stopStatus: false, parentTerminal: true, readline: false),
    dialect(
      "3.1", "3.1 (95732b49)", nohup: .continueIfStopped, ejc: .interactiveShell, deferred: false,
      checkjobs: false, eofShift: false, continued: true, stopStatus: true, parentTerminal: true, readline: false),
    dialect(
      "3.2", "3.2.48 (f1be666c)", nohup: .skipEntirely, ejc: .interactiveShell, deferred: true,
      checkjobs: false, eofShift: false, continued: true, stopStatus: true, parentTerminal: true, readline: false),
    dialect(
      "4.0", "4.0.38 (89a92869)", nohup: .skipEntirely, ejc: .interactiveShell, deferred: true,
      checkjobs: true, eofShift: false, continued: true, stopStatus: true, parentTerminal: true, readline: false),
    dialect(
      "4.1", "4.1 (0001803f)", nohup: .skipEntirely, ejc: .interactiveShell, deferred: true,
      checkjobs: true, eofShift: false, continued: true, stopStatus: true, parentTerminal: true, readline: false),
    dialect(
      "4.2", "4.2.45 (f281b8f4)", nohup: .skipEntirely, ejc: .interactiveShell, deferred: true,
      checkjobs: true, eofShift: false, continued: true, stopStatus: true, parentTerminal: true, readline: false),
    dialect(
      "4.3", "4.3.46 (30a978b7)", nohup: .skipEntirely, ejc: .interactiveShellOrJobControl, deferred: true,
      checkjobs: true, eofShift: false, continued: true, stopStatus: true, parentTerminal: true, readline: true),
    dialect(
      "4.4", "4.4.19 (b0776d8c)", nohup: .skipEntirely, ejc: .interactiveShellOrJobControl, deferred: true,
      checkjobs: true, eofShift: false, continued: true, stopStatus: true, parentTerminal: true, readline: true),
    dialect(
      "5.0", "5.0.18 (36f2c406)", nohup: .skipEntirely, ejc: .jobControl, deferred: true,
      checkjobs: true, eofShift: false, continued: true, stopStatus: true, parentTerminal: true, readline: true),
    dialect(
      "5.1", "5.1.16 (9439ce09)", nohup: .skipEntirely, ejc: .jobControl, deferred: true,
      checkjobs: true, eofShift: true, continued: true, stopStatus: true, parentTerminal: true, readline: true),
    dialect(
      "5.2", "5.2.37 (c5c97b37)", nohup: .skipEntirely, ejc: .jobControl, deferred: true,
      checkjobs: true, eofShift: true, continued: true, stopStatus: true, parentTerminal: true, readline: true),
    dialect(
      "5.3", "5.3.9 (637f5c86)", nohup: .skipEntirely, ejc: .jobControl, deferred: true,
      checkjobs: true, eofShift: true, continued: true, stopStatus: true, parentTerminal: false, readline: true),
  ]

  private static func dialect(
    _ version: String, _ release: String, nohup: NohupJobHandling, ejc: EndJobControlCondition,
    deferred: Bool, checkjobs: Bool, eofShift: Bool, continued: Bool, stopStatus: Bool, parentTerminal: Bool,
    readline: Bool
  ) -> BashDialect {
    BashDialect(
      id: "bash-" + version, version: version, modelledRelease: "bash " + release, nohupJobs: nohup,
      endJobControl: ejc, deferredTerminatingSignals: deferred, hasCheckjobs: checkjobs,
      eofShiftsBuiltins: eofShift, noticesContinuedJobs: continued, stoppedJobSetsStatus: stopStatus,
      parentGivesTerminalToForegroundJob: parentTerminal, readlineCatchesSIGHUP: readline)
  }
}
