/// dash 0.5.12 (herbertx/dash): never signals a job. It refuses the first exit or ^D
/// only for stopped jobs, leaves SIGHUP at its default action (a hang-up or kill -HUP
/// kills it at once) and leaves stopped jobs to the kernel's orphaned-group rule.
enum Dash: JobControlShell {
  static let dialects: [JobShellDialect] = [dash0512]

  static let dash0512 = JobShellDialect(
    version: ShellVersion(
      id: "dash-0.5.12", family: "dash", version: "0.5.12", modelledRelease: "dash 0.5.12 (v0.5.12, 4bbf8721)"),
    caught: [.int, .chld], ignored: [.quit, .term, .tstp, .ttou],
    startLine: .none,
    stoppedJobSetsStatus: true,
    logout: .missing(error: "{argv0}: {line}: logout: not found"),
    leaveLines: LeaveLines(),
    warning: WarnPolicy(
      enabled: .always, stopped: .always, running: .never,
      text: .stoppedFirst(stopped: "You have stopped jobs.", running: "You have stopped jobs.", both: nil),
      counter: WarnCounter(
        setByWarning: 2, countedDownBy: [.leaveWord, .builtin, .foregroundJob, .backgroundJob], jobs: .none),
      // exitcmd returns 0 when stoppedjobs() refuses; a refused ^D runs no command.
      statusAfterWarning: [.exit: 0]),
    exitPasses: [],
    hangupPasses: [],
    hangupResponse: .leave(status: .killedBy(.hup)),
    reclaimOnSignal: .never,
    disown: .missing(error: "{argv0}: {line}: disown: not found"),
    killContinues: .none,
    unsupportedLaunches: [
      .disown:
        "dash has no disown (`-dash: 1: disown: not found`); it never signals a running job, so `cmd &` alone survives it",
      .disownH: "dash has no disown",
      .hup: "the `hup` prefix is tcsh's; dash never signals its jobs",
      .ampersandBang: "`&!` is zsh's",
    ],
    syntax: JobSyntax(),
    rules: JobShellRules(
      jobStart: .dashJobStart, jobStopped: .dashJobStopped, subshell: .dashJobStart, leave: .dashExit,
      endOfFile: .dashEOF, warning: .dashStoppedJobs, logout: .dashExit, exitShell: .dashExitShell,
      sighup: .dashSignals, disown: .dashJobBuiltins, builtins: .dashJobBuiltins, giveTerminal: .dashJobStart,
      launchPrefix: .dashJobStart),
    reapsBackgroundJobsBeforePromptOnly: true,
    // Recorded: dash-0.5.12 ttin-setsid ended by exit or ^D, 3 repeats each.
    typedInput: [
      RaceVariant(.shellReadsFirst, observed: 12, outOf: 12), RaceVariant(.readerTakesInput, observed: 0, outOf: 12),
    ])

  static func dialect(_ version: ShellVersion) -> JobShellDialect { dialect(version, in: dialects) }

  static let family = registration(
    name: "dash", dialects: dialects, defaultVersion: "dash-0.5.12", options: [],
    terms: ShellTerms(
      name: "dash", noHangupMark: "(none)", terminalRecord: "initialpgrp", warnedLeaveRecord: "job_warning to 2",
      hangupFunction: "(none: dash never signals its jobs)", killJobFunction: "killcmd"),
    rules: rules,
    recording: ShellRecording(
      loginArguments: ["-dash"],
      nonLoginArguments: ["dash", "-i"],
      environment: [],
      warnings: ["You have stopped jobs."],
      keyMessages: ["You have stopped jobs."],
      readsAnyway: ["/etc/profile"],
      defaultPath: "/usr/bin/dash",
      environmentFile: "PS1='HUPSIM_PROMPT> '\n",
      versionArguments: [],
      setOption: { name, on in "set \(on ? "-" : "+")o \(name)" }))
}
