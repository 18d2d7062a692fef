/// busybox ash 1.35.0 (mirror/busybox shell/ash.c, Debian's `deb` build with job
/// control): dash's design — never signals a job, warns only for stopped jobs, and an
/// interactive ash forces SIGHUP to its default action even when it started ignored.
enum BusyboxAsh: JobControlShell {
  static let dialects: [JobShellDialect] = [ash135]

  static let ash135 = JobShellDialect(
    version: ShellVersion(
      id: "busybox-ash-1.35", family: "busybox-ash", version: "1.35",
      modelledRelease: "busybox 1.35.0 ash (1_35_0, e512aeb0; Debian 1:1.35.0-4+deb12u1)"),
    caught: [.int, .chld], ignored: [.quit, .term, .tstp, .ttou],
    startLine: .none,
    stoppedJobSetsStatus: true,
    logout: .missing(error: "{argv0}: logout: not found"),
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
    disown: .missing(error: "{argv0}: disown: not found"),
    killContinues: .none,
    unsupportedLaunches: [
      .disown:
        "busybox ash has no disown (`-sh: disown: not found`); it never signals a running job, so `cmd &` alone survives it",
      .disownH: "busybox ash has no disown",
      .hup: "the `hup` prefix is tcsh's; ash never signals its jobs",
      .ampersandBang: "`&!` is zsh's",
    ],
    syntax: JobSyntax(),
    rules: JobShellRules(
      jobStart: .ashJobStart, jobStopped: .ashJobStopped, subshell: .ashJobStart, leave: .ashExit,
      endOfFile: .ashEOF, warning: .ashStoppedJobs, logout: .ashExit, exitShell: .ashExitShell,
      sighup: .ashSignals, disown: .ashJobBuiltins, builtins: .ashJobBuiltins, giveTerminal: .ashJobStart,
      launchPrefix: .ashJobStart),
    reapsBackgroundJobsBeforePromptOnly: true)

  static func dialect(_ version: ShellVersion) -> JobShellDialect { dialect(version, in: dialects) }

  static let family = registration(
    name: "busybox-ash", dialects: dialects, defaultVersion: "busybox-ash-1.35", options: [],
    terms: ShellTerms(
      name: "ash", noHangupMark: "(none)", terminalRecord: "initialpgrp", warnedLeaveRecord: "job_warning to 2",
      hangupFunction: "(none: ash never signals its jobs)", killJobFunction: "killcmd"),
    rules: rules,
    recording: ShellRecording(
      loginArguments: ["-sh"],
      nonLoginArguments: ["sh", "-i"],
      environment: [],
      warnings: ["You have stopped jobs."],
      keyMessages: ["You have stopped jobs."],
      readsAnyway: ["/etc/profile"],
      defaultPath: "/usr/bin/busybox",
      environmentFile: "PS1='HUPSIM_PROMPT> '\n",
      versionArguments: ["--help"],
      setOption: { name, on in "set \(on ? "-" : "+")o \(name)" }))
}
