/// GNU bash 2.05 … 5.3: the first shell behind the ``ShellModel`` seam. Version
/// differences are ``BashDialect`` data; the behaviour is in `Bash+Jobs`, `Bash+Exit`
/// and `Bash+Builtins`, and the rules it cites in `Bash+Rules`.
enum Bash: ShellModel {
  static let family = ShellFamily(
    name: "bash",
    versions: BashDialect.all.map(\.shellVersion),
    defaultVersion: "bash-5.2",
    options: [
      ShellOptionSpec("huponexit", default: false),
      ShellOptionSpec(
        "checkjobs", default: false, availableIn: { BashDialect.of($0)?.hasCheckjobs ?? false },
        missingReason: "it was added in bash 4.0"),
    ],
    terms: ShellTerms(
      name: "bash", noHangupMark: "J_NOHUP", terminalRecord: "terminal_pgrp",
      warnedLeaveRecord: "last_shell_builtin to exit_builtin", hangupFunction: "hangup_all_jobs",
      killJobFunction: "kill_pid"),
    rules: Bash.rules,
    citationSummaries: [
      "handler": "sig.c termination_unwind_protect (≤3.1) / sig.c termsig_sighandler → termsig_handler (≥3.2)"
    ],
    recording: ShellRecording(
      loginArguments: ["-bash", "--noprofile", "--norc", "-i"],
      nonLoginArguments: ["bash", "--noprofile", "--norc", "-i"],
      environment: ["PS2=> "],
      warnings: ["There are stopped jobs.", "There are running jobs."],
      keyMessages: [
        "logout", "exit", "There are stopped jobs.", "There are running jobs.",
        "bash: logout: not login shell: use `exit'",
      ],
      defaultPath: "/bin/bash",
      setOption: { name, on in "shopt -\(on ? "s" : "u") \(name)" }),
    unsupportedLaunches: [
      .hup: "the `hup` prefix is tcsh's; bash hangs up jobs itself only with shopt huponexit",
      .ampersandBang: "`&!` is zsh's; in bash type `cmd &` and then `disown`",
    ],
    simulate: { scenario, choices in Bash.simulate(scenario, choices) })

  static func makeState(_ config: ShellConfig, pid: Int) -> BashState {
    var state = BashState(
      dialect: BashDialect.of(config.version) ?? BashDialect.all[BashDialect.all.count - 2],
      login: config.login, huponexit: config.option("huponexit"), checkjobs: config.option("checkjobs"))
    state.pid = pid
    return state
  }

  /// sig.c initialize_shell_signals / initialize_terminating_signals, jobs.c initialize_job_signals.
  static func initialDispositions(_ config: ShellConfig) -> Dispositions {
    var d = Dispositions()
    for s in [Signal.hup, .int, .chld] { d[s] = .caught }
    for s in [Signal.term, .quit, .tstp, .ttin, .ttou] { d[s] = .ignored }
    return d
  }

  static func startJob(_ spec: JobSpec, number: Int, in world: inout World<Bash>) {
    world.bashStartJob(spec, number: number)
  }

  static func run(in world: inout World<Bash>) {
    world.runShell()
  }

  static func childChanged(_ pid: Int, in world: inout World<Bash>) {
    world.shellNoticesChild(pid)
  }

  static func leave(_ end: SessionEnd, in world: inout World<Bash>) -> LeaveAttempt {
    world.shellLeaveCommand(end)
  }

  static func builtin(_ action: UserAction, in world: inout World<Bash>) {
    world.bashBuiltin(action)
  }

  static func waitingForForegroundJob(_ world: World<Bash>) -> Bool {
    world.shell.waitingFor != nil
  }
}
