/// zsh 5.9 (zsh-users/zsh): warns about running and suspended jobs, sends SIGHUP to
/// running jobs (oldest first) when it leaves and on SIGHUP, leaves stopped jobs to the
/// kernel. Its releases are ``JobShellDialect`` values; the engine is `Shells/JobShell`.
enum Zsh: JobControlShell {
  static let dialects: [JobShellDialect] = [zsh59]

  static let zsh59 = JobShellDialect(
    version: ShellVersion(id: "zsh-5.9", family: "zsh", version: "5.9", modelledRelease: "zsh 5.9 (zsh-5.9, 73d31738)"),
    caught: [.hup, .int, .chld], ignored: [.term, .quit, .tstp, .ttin, .ttou],
    startLine: .numberAndPid(separator: " "),
    stoppedJobSetsStatus: true,
    logout: .builtin(nonLoginError: "logout: not login shell"),
    leaveLines: LeaveLines(),
    warning: WarnPolicy(
      enabled: .option("check_jobs"), stopped: .always, running: .option("check_running_jobs"),
      text: .lowestJob(stopped: "zsh: you have suspended jobs.", running: "zsh: you have running jobs."),
      counter: WarnCounter(
        setByWarning: 2, countedDownBy: [.leaveWord, .builtin, .foregroundJob, .backgroundJob], jobs: .arms),
      // The refused `exit` is a command whose status is 0; a refused ^D runs no command.
      statusAfterWarning: [.exit: 0, .logout: 0]),
    exitPasses: [killrunjobs],
    hangupPasses: [killrunjobs],
    hangupResponse: .leave(status: .fixed(1)),
    reclaimOnSignal: .never,
    disown: .removes(
      stoppedWarning: "disown: warning: job is suspended, use `kill -CONT -{pgid}' to resume", continuesStopped: false),
    killContinues: .after([.hup, .int, .quit, .term, .usr1, .usr2, .alrm, .pipe]),
    unsupportedLaunches: [
      .disownH: "zsh's disown has no -h: `disown` takes the job out of the table (or start it with `&!`)",
      .hup: "the `hup` prefix is tcsh's; zsh hangs up running jobs itself (setopt HUP, the default)",
    ],
    syntax: JobSyntax(jobSpec: .percent, backgroundDisowned: "&!"),
    rules: JobShellRules(
      jobStart: .zshJobStart, jobStopped: .zshJobStopped, subshell: .zshSubshell, leave: .zshExit,
      endOfFile: .zshEOF, warning: .zshCheckJobs, logout: .zshLogoutNotLogin, exitShell: .zshZexit,
      sighup: .zshSighup, disown: .zshDisown, builtins: .zshJobBuiltins, giveTerminal: .zshAttachTTY,
      launchPrefix: .zshDisownAmp),
    // Recorded: zsh-5.9 ttin-setsid ended by exit or ^D, both option sets, 3 repeats each.
    typedInput: [
      RaceVariant(.shellReadsFirst, observed: 22, outOf: 24), RaceVariant(.readerTakesInput, observed: 2, outOf: 24),
    ])

  /// `killrunjobs`: SIGHUP to every running job but the shell's own group, oldest first,
  /// when the HUP option is set; stopped jobs are skipped.
  static let killrunjobs = SignalPass(
    condition: .option("hup"),
    selection: JobSelection(stopped: .never, running: .always, foreground: .always),
    order: .oldestFirst, steps: [.always(.hup)], rule: .zshKillRunJobs)

  static func dialect(_ version: ShellVersion) -> JobShellDialect { dialect(version, in: dialects) }

  static let family = registration(
    name: "zsh", dialects: dialects, defaultVersion: "zsh-5.9",
    options: [
      ShellOptionSpec("hup", default: true), ShellOptionSpec("check_jobs", default: true),
      ShellOptionSpec("check_running_jobs", default: true),
    ],
    terms: ShellTerms(
      name: "zsh", noHangupMark: "disowned", terminalRecord: "mypgrp", warnedLeaveRecord: "stopmsg to 2",
      hangupFunction: "killrunjobs", killJobFunction: "killjb"),
    rules: rules,
    recording: ShellRecording(
      loginArguments: ["-zsh", "-f", "+o", "promptsp", "+o", "promptcr"],
      nonLoginArguments: ["zsh", "-f", "+o", "promptsp", "+o", "promptcr", "-i"],
      environment: [],
      warnings: ["zsh: you have suspended jobs.", "zsh: you have running jobs."],
      keyMessages: ["zsh: you have suspended jobs.", "zsh: you have running jobs.", "logout: not login shell"],
      readsAnyway: ["/etc/zsh/zshenv"],
      defaultPath: "/usr/bin/zsh",
      setupLines: ["unset zle_bracketed_paste"],
      versionArguments: ["--version"],
      setOption: { name, on in "setopt \(on ? "" : "no_")\(name)" }))
}
