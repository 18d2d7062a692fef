/// mksh R59c (MirBSD/mksh, Debian 59c-28+deb12u1): refuses to leave for stopped jobs
/// (and for running ones in a login shell with `set +o nohup`); `j_exit` sends SIGHUP and
/// SIGCONT to stopped jobs, SIGHUP to the foreground job and — only with `+o nohup` in a
/// login shell — to running jobs. SIGHUP is a fatal trap: status 129.
enum Mksh: JobControlShell {
  static let dialects: [JobShellDialect] = [mksh59c]

  /// j_exit: stopped jobs first; running ones only for a login shell with nohup off.
  static let jExit = SignalPass(
    condition: .always,
    selection: JobSelection(stopped: .always, running: .all([.login, .optionOff("nohup")]), foreground: .always),
    order: .stoppedFirst, steps: [.always(.hup), .ifStopped(.cont)], rule: .mkshJExit)

  static let mksh59c = JobShellDialect(
    version: ShellVersion(
      id: "mksh-59c", family: "mksh", version: "59c",
      modelledRelease: "mksh R59c (Debian 59c-28+deb12u1; MirBSD/mksh 322140e0)"),
    caught: [.hup, .int, .quit, .term, .alrm, .chld], ignored: [.tstp, .ttin, .ttou],
    startLine: .numberAndPid(separator: " "),
    stoppedJobSetsStatus: false,
    logout: .missing(error: "E: mksh: logout: inaccessible or not found"),
    leaveLines: LeaveLines(),
    warning: WarnPolicy(
      enabled: .always, stopped: .always, running: .all([.login, .optionOff("nohup")]),
      text: .stoppedFirst(
        stopped: "You have stopped jobs", running: "You have running jobs", both: "You have stopped and running jobs"),
      counter: WarnCounter(setByWarning: 1, countedDownBy: [.builtin, .foregroundJob, .backgroundJob], jobs: .none)),
    exitPasses: [jExit],
    hangupPasses: [jExit],
    hangupResponse: .deferredTrap(status: .fixed(129)),
    reclaimOnSignal: .never,
    disown: .missing(error: "E: mksh: disown: inaccessible or not found"),
    killContinues: .before([.hup, .term]),
    unsupportedLaunches: [
      .disown:
        "mksh has no disown (`E: mksh: disown: inaccessible or not found`); with the nohup option (the default) mksh never hangs up a running job",
      .disownH: "mksh has no disown",
      .hup: "the `hup` prefix is tcsh's; mksh hangs up running jobs itself only with `set +o nohup` in a login shell",
      .ampersandBang: "`&!` is zsh's",
    ],
    syntax: JobSyntax(),
    rules: JobShellRules(
      jobStart: .mkshJobStart, jobStopped: .mkshJobStopped, subshell: .mkshJobStart, leave: .mkshExit,
      endOfFile: .mkshEOF, warning: .mkshJobsWarning, logout: .mkshExit, exitShell: .mkshExitShell,
      sighup: .mkshSighup, disown: .mkshJobBuiltins, builtins: .mkshJobBuiltins, giveTerminal: .mkshJobStart,
      launchPrefix: .mkshJobStart),
    sleepsAfterSignalling: 1,
    // Recorded: catching SIGTTIN readers in mksh-59c, every end: re-stopped before mksh
    // exits in 3 of 24 runs; otherwise their read failed with EIO and no kernel signal came.
    restopDuringSleep: [
      RaceVariant(.shellDiesFirst, observed: 21, outOf: 24), RaceVariant(.jobsRunFirst, observed: 3, outOf: 24),
    ],
    // Recorded: mksh-59c ttin-setsid ended by exit or ^D, 3 repeats each (^D: the shell 6 of 6; exit: 3 of 6).
    typedInput: [
      RaceVariant(.shellReadsFirst, observed: 9, outOf: 12), RaceVariant(.readerTakesInput, observed: 3, outOf: 12),
    ])

  static func dialect(_ version: ShellVersion) -> JobShellDialect { dialect(version, in: dialects) }

  static let family = registration(
    name: "mksh", dialects: dialects, defaultVersion: "mksh-59c", options: [ShellOptionSpec("nohup", default: true)],
    terms: ShellTerms(
      name: "mksh", noHangupMark: "(none)", terminalRecord: "kshpgrp", warnedLeaveRecord: "really_exit",
      hangupFunction: "j_exit", killJobFunction: "j_kill"),
    rules: rules,
    recording: ShellRecording(
      loginArguments: ["-mksh", "+o", "emacs"],
      nonLoginArguments: ["mksh", "-i", "+o", "emacs"],
      environment: [],
      warnings: ["You have stopped jobs", "You have running jobs", "You have stopped and running jobs"],
      keyMessages: ["You have stopped jobs", "You have running jobs", "You have stopped and running jobs"],
      readsAnyway: ["/etc/profile"],
      defaultPath: "/usr/bin/mksh",
      environmentFile: "PS1='HUPSIM_PROMPT> '\n",
      versionArguments: ["-c", "echo $KSH_VERSION"],
      setOption: { name, on in "set \(on ? "-" : "+")o \(name)" }))
}
