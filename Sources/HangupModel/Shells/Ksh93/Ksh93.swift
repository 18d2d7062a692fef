/// ksh93u+m 1.0.4 and 1.0.10 (ksh93/ksh): `job_close` sends SIGTERM to stopped jobs
/// (disowned ones too) once it has warned; a login shell's `sh_done` then hangs up every
/// job that is not disowned (`job_hup`), with SIGCONT to stopped ones. SIGHUP with the
/// terminal open is an exit attempt that can warn; 1.0.4 leaves ^D with status 0.
enum Ksh93: JobControlShell {
  static let dialects: [JobShellDialect] = [ksh104, ksh1010]

  /// job_close: SIGTERM to every stopped job, disowned ones included, before anything else.
  static let jobClose = SignalPass(
    condition: .always,
    selection: JobSelection(stopped: .always, running: .never, foreground: .never, includesDisowned: true),
    order: .newestFirst, steps: [.always(.term)], rule: .kshJobClose, stepByStep: true)
  /// sh_done → job_hup (login shell): SIGHUP to every job not disowned, SIGCONT to stopped ones.
  static let jobHup = SignalPass(
    condition: .login, selection: JobSelection(stopped: .always, running: .always, foreground: .always),
    order: .newestFirst, steps: [.always(.hup), .ifStopped(.cont)], rule: .kshJobHup)

  static let ksh104 = make(
    id: "ksh93-1.0.4", version: "1.0.4", release: "ksh93u+m 1.0.4 (v1.0.4, d4503c15)", ordinal: 0,
    eofStatus: .fixed(0), pidKillAddsContinue: true)
  static let ksh1010 = make(
    id: "ksh93-1.0.10", version: "1.0.10", release: "ksh93u+m 1.0.10 (v1.0.10, f0999ab7)", ordinal: 1,
    eofStatus: .lastStatus, pidKillAddsContinue: false)

  private static func make(
    id: String, version: String, release: String, ordinal: Int, eofStatus: EndStatus,
    pidKillAddsContinue: Bool
  ) -> JobShellDialect {
    JobShellDialect(
      version: ShellVersion(id: id, family: "ksh93", version: version, modelledRelease: release, ordinal: ordinal),
      caught: [.hup, .int, .chld, .term, .quit], ignored: [.tstp, .ttin, .ttou],
      startLine: .numberAndPid(separator: "\t"),
      stoppedJobSetsStatus: false,
      logout: .missing(error: "{argv0}: logout: not found"),
      endOfFileStatus: eofStatus,
      leaveLines: LeaveLines(),
      warning: WarnPolicy(
        enabled: .always, stopped: .always, running: .login, countsDisowned: true,
        text: .stoppedFirst(stopped: "You have stopped jobs", running: "You have running jobs", both: nil),
        counter: WarnCounter(setByWarning: 1, countedDownBy: [.foregroundJob], jobs: .none)),
      exitPasses: [jobClose, jobHup],
      hangupPasses: [jobClose, jobHup],
      hangupResponse: .exitAttempt(afterHangupAtPrompt: eofStatus),
      reclaimOnSignal: .never,
      disown: .marks,
      killContinues: .after([.hup, .term, .cont]),
      pidKillAddsContinue: pidKillAddsContinue,
      unsupportedLaunches: [
        .disownH:
          "ksh93's disown has no -h: it already only keeps the job from being hung up (the job stays in the table)",
        .hup: "the `hup` prefix is tcsh's; a login ksh93 hangs up its jobs itself",
        .ampersandBang: "`&!` is zsh's; in ksh93 type `cmd &` and then `disown`",
      ],
      syntax: JobSyntax(),
      rules: JobShellRules(
        jobStart: .kshJobStart, jobStopped: .kshJobStopped, subshell: .kshJobStart, leave: .kshExit,
        endOfFile: .kshEOF, warning: .kshJobsWarning, logout: .kshExit, exitShell: .kshShDone,
        sighup: .kshSighup, disown: .kshDisown, builtins: .kshJobBuiltins, giveTerminal: .kshTerminal,
        launchPrefix: .kshJobStart),
      subshellKeepsJobControl: true,
      // Recorded: ksh93-1.0.4 ttin-setsid ended by exit or ^D, 3 repeats each.
      typedInput: [
        RaceVariant(.shellReadsFirst, observed: 11, outOf: 12), RaceVariant(.readerTakesInput, observed: 1, outOf: 12),
      ])
  }

  static func dialect(_ version: ShellVersion) -> JobShellDialect { dialect(version, in: dialects) }

  static let family = registration(
    name: "ksh93", dialects: dialects, defaultVersion: "ksh93-1.0.4", options: [],
    terms: ShellTerms(
      name: "ksh93", noHangupMark: "P_DISOWN", terminalRecord: "job.mypgid", warnedLeaveRecord: "beenhere",
      hangupFunction: "job_hup", killJobFunction: "job_kill"),
    rules: rules,
    recording: ShellRecording(
      loginArguments: ["-ksh", "+o", "emacs"],
      nonLoginArguments: ["ksh", "-i", "+o", "emacs"],
      environment: [],
      warnings: ["You have stopped jobs", "You have running jobs"],
      keyMessages: ["You have stopped jobs", "You have running jobs"],
      readsAnyway: ["/etc/profile"],
      defaultPath: "/usr/bin/ksh93",
      environmentFile: "PS1='HUPSIM_PROMPT> '\n",
      versionArguments: ["-c", "echo ${.sh.version}"],
      setOption: { name, on in "set \(on ? "-" : "+")o \(name)" }))
}
