/// tcsh 6.24.07 (tcsh-org/tcsh): refuses to leave only for suspended jobs, and hangs up
/// only the jobs started with its `hup` prefix (and, on SIGHUP, the foreground job);
/// stopped jobs are left to the kernel; `nohup` is its own prefix.
enum Tcsh: JobControlShell {
  static let dialects: [JobShellDialect] = [tcsh624]

  /// xexit: jobs started with `hup` get SIGHUP then SIGCONT, newest first.
  static let hupJobs = SignalPass(
    condition: .always,
    selection: JobSelection(stopped: .always, running: .always, foreground: .always, onlyMarkedHangup: true),
    order: .newestFirst, steps: [.always(.hup), .always(.cont)], rule: .tcshXexit)
  /// phup: the job with a process in the foreground gets SIGHUP then SIGCONT.
  static let foregroundJob = SignalPass(
    condition: .always, selection: JobSelection(stopped: .never, running: .never, foreground: .always),
    order: .newestFirst, steps: [.always(.hup), .always(.cont)], rule: .tcshPhup)

  static let tcsh624 = JobShellDialect(
    version: ShellVersion(
      id: "tcsh-6.24", family: "tcsh", version: "6.24", modelledRelease: "tcsh 6.24.07 (TCSH6_24_07, 5fa26b19)"),
    caught: [.hup, .int, .chld], ignored: [.term, .quit, .tstp, .ttin, .ttou],
    startLine: .numberAndPid(separator: " "),
    stoppedJobSetsStatus: false,
    logout: .builtin(nonLoginError: "Not a login shell."),
    leaveLines: LeaveLines(login: [.exit: "logout", .eof: "logout"], nonLogin: [.exit: "exit", .eof: "exit"]),
    warning: WarnPolicy(
      enabled: .always, stopped: .always, running: .never,
      text: .stoppedFirst(stopped: "There are suspended jobs.", running: "There are suspended jobs.", both: nil),
      counter: WarnCounter(
        setByWarning: 2, countedDownBy: [.leaveWord, .endOfFile, .builtin, .foregroundJob, .backgroundJob],
        jobs: .keepsArmed),
      statusAfterWarning: [.eof: 1]),
    exitPasses: [hupJobs],
    hangupPasses: [foregroundJob, hupJobs],
    hangupResponse: .leave(status: .fixed(1)),
    reclaimOnSignal: .never,
    disown: .missing(error: "disown: Command not found."),
    killContinues: .after([.hup, .term]),
    nohupBuiltin: true,
    unsupportedLaunches: [
      .disown:
        "tcsh has no disown (`disown: Command not found.`); start the job with `nohup` or leave it running: tcsh never hangs up running jobs",
      .disownH: "tcsh has no disown (`disown: Command not found.`)",
      .ampersandBang: "`&!` is zsh's; tcsh has no disowned start",
    ],
    syntax: JobSyntax(),
    rules: JobShellRules(
      jobStart: .tcshJobStart, jobStopped: .tcshJobStopped, subshell: .tcshJobStart, leave: .tcshExit,
      endOfFile: .tcshEOF, warning: .tcshSuspendedWarning, logout: .tcshLogout, exitShell: .tcshXexit,
      sighup: .tcshPhup, disown: .tcshJobBuiltins, builtins: .tcshJobBuiltins, giveTerminal: .tcshTerminal,
      launchPrefix: .tcshHupNohup),
    // tcsh gives background commands a group of their own even in a subshell (pgetty).
    subshellKeepsJobControl: true,
    // Recorded: tcsh-6.24 ttin-setsid ended by exit or ^D, 3 repeats each.
    typedInput: [
      RaceVariant(.shellReadsFirst, observed: 12, outOf: 12), RaceVariant(.readerTakesInput, observed: 0, outOf: 12),
    ],
    // Recorded: catching SIGTTIN readers continued by the kernel at tcsh's exit (exit, logout,
    // ^D, kill -HUP): their read returned end of file (sshd closed first) in 14 of 24 runs.
    raceOverrides: [
      .ownerCloseVersusReaders: [
        RaceVariant(.ownerFirst, observed: 14, outOf: 24),
        RaceVariant(.readersFirst, observed: 10, outOf: 24),
      ]
    ],
    // Recorded: readers tcsh itself continued (a `hup` job) when it left by `logout`: end of file 3 of 3.
    raceOverridesAfterLogout: [
      .ownerCloseVersusReaders: [
        RaceVariant(.ownerFirst, observed: 3, outOf: 3),
        RaceVariant(.readersFirst, observed: 0, outOf: 3),
      ]
    ])

  static func dialect(_ version: ShellVersion) -> JobShellDialect { dialect(version, in: dialects) }

  static let family = registration(
    name: "tcsh", dialects: dialects, defaultVersion: "tcsh-6.24", options: [],
    terms: ShellTerms(
      name: "tcsh", noHangupMark: "PHUP", terminalRecord: "tpgrp", warnedLeaveRecord: "chkstop to 2",
      hangupFunction: "xexit", killJobFunction: "pkill"),
    rules: rules,
    recording: ShellRecording(
      loginArguments: ["-tcsh", "-f"],
      nonLoginArguments: ["tcsh", "-f", "-i"],
      environment: [],
      warnings: ["There are suspended jobs."],
      keyMessages: ["There are suspended jobs.", "logout", "exit", "Not a login shell."],
      readsAnyway: ["/etc/csh.logout"],
      defaultPath: "/usr/bin/tcsh",
      setupLines: ["set prompt='HUPSIM_PROMPT> '"],
      setOption: { name, _ in "# tcsh has no option \(name)" }))
}
