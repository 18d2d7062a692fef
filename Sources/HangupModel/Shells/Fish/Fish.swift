/// fish 3.6 (C++) and fish 4.x (Rust), fish-shell/fish-shell: warns about any background
/// job, then `hup_jobs` hangs up every job, newest first — SIGCONT before SIGHUP to a
/// stopped job in 3.x, SIGHUP before SIGCONT from 4.0 (6c944debe); from 4.7 (b99ae291d)
/// fish dies of the SIGHUP it caught instead of exiting 0.
enum Fish: JobControlShell {
  static let dialects: [JobShellDialect] = [fish36, fish40, fish47]

  static let fish36 = make(
    id: "fish-3.6", version: "3.6", release: "fish 3.6.0 (af833a70)", ordinal: 0,
    steps: [.ifStopped(.cont), .always(.hup)], hangupStatus: .lastStatus,
    citations: ["src": "src/proc.cpp", "reader": "src/reader.cpp", "signal": "src/signal.cpp"])
  static let fish40 = make(
    id: "fish-4.0", version: "4.0", release: "fish 4.0.0 (eb336889)", ordinal: 1,
    steps: [.always(.hup), .ifStopped(.cont)], hangupStatus: .lastStatus,
    citations: ["src": "src/proc.rs", "reader": "src/reader.rs", "signal": "src/signal.rs"])
  static let fish47 = make(
    id: "fish-4.7", version: "4.7", release: "fish 4.7 (b99ae291d; read at 4.8.1, acdaf2fb)", ordinal: 2,
    steps: [.always(.hup), .ifStopped(.cont)], hangupStatus: .killedBy(.hup),
    citations: ["src": "src/proc.rs", "reader": "src/reader/reader.rs", "signal": "src/signal.rs"])

  private static func make(
    id: String, version: String, release: String, ordinal: Int, steps: [JobSignalStep],
    hangupStatus: EndStatus, citations: [String: String]
  ) -> JobShellDialect {
    let hupJobs = SignalPass(
      condition: .always, selection: JobSelection(stopped: .always, running: .always, foreground: .always),
      order: .newestFirst, steps: steps, rule: .fishHupJobs)
    return JobShellDialect(
      version: ShellVersion(
        id: id, family: "fish", version: version, modelledRelease: release, citationValues: citations,
        ordinal: ordinal),
      caught: [.hup, .term, .int, .chld], ignored: [.quit, .tstp, .ttin, .ttou],
      startLine: .none,
      stoppedJobSetsStatus: false,
      logout: .missing(error: "fish: Unknown command: logout"),
      endOfFileStatus: .fixed(0),
      leaveLines: LeaveLines(),
      warning: WarnPolicy(
        enabled: .always, stopped: .always, running: .always, text: .jobTable,
        counter: WarnCounter(setByWarning: 1, countedDownBy: [.builtin, .foregroundJob, .backgroundJob], jobs: .none)),
      exitPasses: [hupJobs],
      hangupPasses: [hupJobs],
      hangupResponse: .leave(status: hangupStatus),
      reclaimOnSignal: .beforeSignalling,
      disown: .removes(
        stoppedWarning: "disown: job {job} ('{text}') was stopped and has been signalled to continue.",
        continuesStopped: true),
      killContinues: .none,
      unsupportedLaunches: [
        .subshell:
          "fish has no subshells: `( … )` is a command substitution (`fish: command substitutions not allowed here`); `fish -c 'cmd &'` is the nearest form",
        .disownH: "fish's disown has no -h: the job leaves the table",
        .hup: "the `hup` prefix is tcsh's; fish hangs up every job itself when it leaves",
        .ampersandBang: "`&!` is zsh's; in fish type `cmd &` and then `disown`",
      ],
      syntax: JobSyntax(jobSpec: .fishPidOf),
      rules: JobShellRules(
        jobStart: .fishJobStart, jobStopped: .fishJobStopped, subshell: .fishJobStart, leave: .fishExit,
        endOfFile: .fishEOF, warning: .fishWarning, logout: .fishExit, exitShell: .fishExitShell,
        sighup: .fishSighup, disown: .fishDisown, builtins: .fishJobBuiltins, giveTerminal: .fishTerminal,
        launchPrefix: .fishJobStart),
      // Recorded: a foreground catching job took fish's SIGHUP on its own, 3 of 3 runs.
      finishesUpAfterSignalling: true,
      // Recorded: fish-3.6 ttin-setsid ended by exit or ^D, 3 repeats each: the reader took the line every time.
      typedInput: [
        RaceVariant(.readerTakesInput, observed: 12, outOf: 12), RaceVariant(.shellReadsFirst, observed: 0, outOf: 12),
      ])
  }

  static func dialect(_ version: ShellVersion) -> JobShellDialect { dialect(version, in: dialects) }

  static let family = registration(
    name: "fish", dialects: dialects, defaultVersion: "fish-3.6", options: [],
    terms: ShellTerms(
      name: "fish", noHangupMark: "disowned", terminalRecord: "the terminal owner",
      warnedLeaveRecord: "did_warn_for_bg_jobs",
      hangupFunction: "hup_jobs", killJobFunction: "job_t::signal"),
    rules: rules,
    recording: ShellRecording(
      loginArguments: ["-fish", "--no-config", "-C", "function fish_prompt; printf 'HUPSIM_PROMPT> '; end"],
      nonLoginArguments: ["fish", "--no-config", "-i", "-C", "function fish_prompt; printf 'HUPSIM_PROMPT> '; end"],
      environment: [],
      warnings: ["There are still jobs active:"],
      keyMessages: [
        "There are still jobs active:", "A second attempt to exit will terminate them.",
        "fish: Unknown command: logout",
      ],
      defaultPath: "/usr/bin/fish",
      setOption: { name, _ in "# fish has no option \(name)" }),
    citationSummaries: [
      "src": "src/proc.cpp (3.x) / src/proc.rs (4.x)", "reader": "src/reader.cpp (3.x) / src/reader.rs (4.x)",
      "signal": "src/signal.cpp (3.x) / src/signal.rs (4.x)",
    ])
}
