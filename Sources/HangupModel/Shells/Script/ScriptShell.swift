/// A shell without job control running a command string: `sh -c 'cmd &'`, `ssh -t host
/// 'cmd &'`, `ssh host 'cmd'`, a script, an interactive shell after `set +m`. Any shell
/// family behaves the same here (POSIX 2.9.3.1): a background command stays in the
/// shell's process group, with SIGINT and SIGQUIT ignored and stdin on /dev/null; there
/// is no job table, no warning, and nothing is sent to the jobs when the shell leaves.
/// The kernel does the rest: the shell's group is the terminal's foreground group, so
/// the controlling process's exit sends the jobs SIGHUP.
enum ScriptShell: ShellModel {
  struct State: Sendable {
    var pid = 0
    var lastStatus = 0
    /// The pid of the foreground command the shell waits for.
    var waitingFor: Int?
  }

  static let family = ShellFamily(
    name: "sh -c", versions: [], defaultVersion: "", options: [],
    terms: ShellTerms(
      name: "the shell", noHangupMark: "(none)", terminalRecord: "(none)", warnedLeaveRecord: "(none)",
      hangupFunction: "(none)", killJobFunction: "kill"),
    rules: rules, citationSummaries: [:],
    recording: ShellRecording(
      loginArguments: ["sh", "-c"], nonLoginArguments: ["sh", "-c"], environment: [], warnings: [],
      keyMessages: [], defaultPath: "/bin/sh", setOption: { _, _ in "" }),
    unsupportedLaunches: [:], simulate: { scenario, choices in ScriptShell.simulate(scenario, choices) })

  static func makeState(_ config: ShellConfig, pid: Int) -> State { State(pid: pid) }

  /// A non-interactive shell leaves every signal at its default action.
  static func initialDispositions(_ config: ShellConfig) -> Dispositions { Dispositions() }

  static func started(in world: inout World<ScriptShell>) {
    world.note(.shell(.runsWithoutJobControl), from: .shell, .scriptNoJobControl, about: world.shellPid)
  }

  static func startJob(_ spec: JobSpec, number: Int, in world: inout World<ScriptShell>) {
    world.note(.user(.typed(TypedLine(spec.commandLine, purpose: .startJob(job: number)))), from: .user, .userTypes)
    let rules = JobStartRules(
      fork: .scriptAsync, subshell: .scriptAsync, sameGroupAsShell: true,
      asyncWithoutJobControl: !spec.typedInForeground)
    let launched = world.launchJob(spec, number: number, rules: rules)
    if spec.typedInForeground && spec.launch != .subshell && spec.launch != .tmux && spec.launch != .setsid {
      world.state.waitingFor = launched.leader
    }
    world.settle()
    world.finishLaunch(spec, launched)
  }

  static func run(in world: inout World<ScriptShell>) {
    world.deliverPending(world.shellPid)
  }

  static func childChanged(_ pid: Int, in world: inout World<ScriptShell>) {
    guard world.state.waitingFor == pid, !world.isLive(pid) else { return }
    world.state.waitingFor = nil
    switch world.process(pid)?.fate ?? .alive {
    case .killed(let signal): world.state.lastStatus = 128 + world.profile.number(of: signal)
    case .exited(let status): world.state.lastStatus = status
    case .alive: break
    }
  }

  /// The command string (or script) ends: the shell exits with the last status.
  static func leave(_ end: SessionEnd, in world: inout World<ScriptShell>) -> LeaveAttempt {
    world.note(.shell(.scriptEnds(status: world.state.lastStatus)), from: .shell, .scriptEnds, about: world.shellPid)
    world.exitProcess(world.shellPid, fate: .exited(status: world.state.lastStatus))
    return .exited
  }

  static func builtin(_ action: UserAction, in world: inout World<ScriptShell>) {
    guard case .kill(let signal, let job, let index, _) = action, let pid = world.pid(job: job, process: index) else {
      return
    }
    world.note(
      .user(.typed(TypedLine("kill -\(signal.name) \(pid)", purpose: .kill(signal: signal, job: job, process: index)))),
      from: .user, .userTypes)
    world.send(signal, to: pid, from: .shell, sender: world.shellPid, rule: .scriptKill, .shell(.killBuiltin(job: nil)))
    world.settle()
  }

  static func waitingForForegroundJob(_ world: World<ScriptShell>) -> Bool { world.state.waitingFor != nil }
}

extension World where Shell == ScriptShell {
  /// The script shell's state (named so it reads as what it is).
  var state: ScriptShell.State {
    get { shell }
    set { shell = newValue }
  }
}

extension RuleID {
  public static let scriptNoJobControl = RuleID("SH-NO-JOB-CONTROL")
  public static let scriptAsync = RuleID("SH-ASYNC-NO-JOB-CONTROL")
  public static let scriptEnds = RuleID("SH-SCRIPT-ENDS")
  public static let scriptKill = RuleID("SH-KILL")
}

extension ScriptShell {
  static let rules: [Rule] = [
    Rule(
      .scriptNoJobControl, .shell, "A shell without job control",
      "A shell running a command string or script (`sh -c`, `ssh host 'cmd'`, `set +m`) has no job control: no job table, no warnings at exit, every signal at its default action, and its commands stay in its own process group.",
      ja: "ジョブ制御のないシェル", zh: "没有作业控制的 shell",
      userland: "bash jobs.c (job_control = 0: no setpgid, no give_terminal_to)",
      posix: "POSIX XCU 2.11 Signals and Error Handling; set -m"),
    Rule(
      .scriptAsync, .shell, "An asynchronous command without job control",
      "`cmd &` without job control stays in the shell's process group — which is the terminal's foreground group — with SIGINT and SIGQUIT ignored and stdin on /dev/null.",
      ja: "ジョブ制御なしの非同期コマンド", zh: "没有作业控制时的异步命令",
      userland: "bash execute_cmd.c execute_command_internal (asynchronous: setup_async_signals, /dev/null stdin)",
      posix: "POSIX XCU 2.9.3.1 Asynchronous Lists"),
    Rule(
      .scriptEnds, .shell, "The command string ends",
      "The shell reaches the end of its command string or script and exits with the last status; it signals nothing.",
      ja: "コマンド文字列の終わり", zh: "命令字符串结束",
      posix: "POSIX XCU sh (exit status of the last command)"),
    Rule(
      .scriptKill, .shell, "kill in a script",
      "The kill builtin sends the signal to the process named.",
      ja: "スクリプト内の kill", zh: "脚本中的 kill",
      posix: "POSIX XCU kill"),
  ]
}
