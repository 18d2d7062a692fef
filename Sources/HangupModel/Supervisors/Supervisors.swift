// What kills a session from outside the shell and the terminal: systemd-logind stopping
// the session's scope (KillUserProcesses=yes), the user manager stopping when the user's
// last session is gone (no linger), a per-connection sshd unit being stopped, CI
// runners' process-tree killers, and WSL 1 tearing its instance down. They act once the
// session has ended, each with its own rules. Notes: systemd 252 (Debian 12),
// OpenSSH 9.2p1 packaging, Jenkins 2.578, actions/runner 2.336.

/// logind's `KillUserProcesses=`.
public enum LogindPolicy: String, Sendable, CaseIterable {
  /// `no` (Debian, Ubuntu, Arch, Fedora builds): the scope is abandoned, nothing is killed.
  case keep
  /// `yes` (systemd's compiled-in default): the session's scope is stopped at logout.
  case killUserProcesses = "kill-user-processes"
}

/// How sshd was started.
public enum SSHDMode: String, Sendable, CaseIterable {
  /// One long-lived daemon (`ssh.service`, or `ssh.socket` with `Accept=no`).
  case daemon
  /// `ssh.socket` with `Accept=yes`: one `ssh@….service` per connection; without
  /// pam_systemd its cgroup holds everything the connection started.
  case socketActivated = "socket-activated"
}

/// A CI runner whose job ends with a process-tree kill.
public enum CIRunner: String, Sendable, CaseIterable {
  case jenkins
  case githubActions = "github-actions"

  /// The environment assignment that keeps a process out of the killer's reach.
  public var escapeHatch: String {
    switch self {
    case .jenkins: return "BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe"
    case .githubActions: return "RUNNER_TRACKING_ID="
    }
  }
}

/// What a supervisor did, besides the signals it sent.
public enum SupervisorEvent: Sendable {
  /// The login session ended (the sshd process holding logind's session FIFO exited).
  case sessionEnds
  /// logind abandons the scope and, with KillUserProcesses=yes, stops it.
  case stopsUnit(KilledUnit)
  /// logind abandons the scope and kills nothing: the session stays "closing".
  case abandonsScope(leftovers: Int)
  /// The stop timeout passes with processes still in the unit: SIGKILL follows.
  case stopTimeout(KilledUnit, seconds: Int)
  /// The user has lingering enabled: the user manager stays.
  case lingers
  /// The user manager stays: a closing session still holds processes.
  case userManagerStays(leftovers: Int)
  /// The user's last session is gone: after UserStopDelaySec the user manager stops.
  case userManagerStops(delaySeconds: Int)
  /// The CI job or build ends and its runner looks for processes it started.
  case ciJobEnds(CIRunner)
  /// A process escaped the CI killer through its environment.
  case escapesCI(pid: Int, CIRunner)
  /// The last console window closed: WSL 1 tears the instance down.
  case wslTeardown
}

extension RuleID {
  public static let logindSessionEnd = RuleID("LOGIND-SESSION-END")
  public static let logindKillUserProcesses = RuleID("LOGIND-KILL-USER-PROCESSES")
  public static let logindAbandon = RuleID("LOGIND-ABANDON-SCOPE")
  public static let systemdUnitKill = RuleID("SYSTEMD-UNIT-KILL")
  public static let systemdStopTimeout = RuleID("SYSTEMD-STOP-TIMEOUT")
  public static let userManagerStop = RuleID("SYSTEMD-USER-MANAGER-STOP")
  public static let linger = RuleID("LOGIND-LINGER")
  public static let sshdPerConnection = RuleID("SSHD-SOCKET-PER-CONNECTION")
  public static let systemdRun = RuleID("SYSTEMD-RUN")
  public static let screenSession = RuleID("SCREEN-SESSION")
  public static let jenkinsTreeKiller = RuleID("JENKINS-PROCESS-TREE-KILLER")
  public static let githubOrphanCleanup = RuleID("GITHUB-RUNNER-ORPHAN-CLEANUP")
  public static let ciEscape = RuleID("CI-ESCAPE-HATCH")
  public static let wsl1Teardown = RuleID("WSL1-TEARDOWN")
}

extension RuleCatalog {
  static let supervisors: [Rule] = [
    Rule(
      .logindSessionEnd, .host, "The login session ends",
      "logind ends an ssh session when the sshd process that opened it through PAM exits (it holds the session's FIFO): when the connection drops, or when the shell has exited and sshd finishes.",
      ja: "ログインセッションの終了", zh: "登录会话结束",
      userland:
        "systemd 252 src/login/logind-session.c session_dispatch_fifo → session_stop; OpenSSH sshd monitor (pam_systemd)"
    ),
    Rule(
      .logindKillUserProcesses, .host, "logind stops the session's scope",
      "With KillUserProcesses=yes (and the user not in KillExcludeUsers=, which defaults to root) logind stops session-N.scope: every process left in it — nohup'd, setsid'd, disowned, tmux and screen servers — is killed.",
      ja: "logind がセッションのスコープを停止する", zh: "logind 停止会话的 scope",
      userland:
        "systemd 252 src/login/logind-session.c session_stop_scope; logind-core.c manager_shall_kill; logind.conf(5) KillUserProcesses=, KillExcludeUsers="
    ),
    Rule(
      .logindAbandon, .host, "logind abandons the scope",
      "With KillUserProcesses=no (Debian's default) logind only abandons the scope: nothing is killed and the session stays \"closing\" while processes remain in it.",
      ja: "logind がスコープを放棄する", zh: "logind 放弃该 scope",
      userland: "systemd 252 src/login/logind-session.c session_stop_scope (manager_abandon_scope); logind.conf(5)"),
    Rule(
      .systemdUnitKill, .host, "systemd stops a unit's processes",
      "Stopping a unit sends SIGTERM to every process in its cgroup and SIGCONT right after, then SIGHUP where the unit has SendSIGHUP=yes (logind's session scopes do).",
      ja: "systemd がユニットのプロセスを停止する", zh: "systemd 停止单元的进程",
      userland:
        "systemd 252 src/core/unit.c unit_kill_context (cg_kill_recursive, CG_SIGCONT, send_sighup); systemd.kill(5)"),
    Rule(
      .systemdStopTimeout, .host, "The stop timeout passes",
      "Processes still in the unit when TimeoutStopSec= passes (DefaultTimeoutStopSec, 90 s) get SIGKILL (FinalKillSignal=).",
      ja: "停止のタイムアウト", zh: "停止超时",
      userland:
        "systemd 252 src/core/scope.c scope_dispatch_timer / service.c (SIGKILL, FinalKillSignal=); systemd.kill(5), systemd-system.conf(5) DefaultTimeoutStopSec="
    ),
    Rule(
      .userManagerStop, .host, "The user manager stops",
      "When the user's last session is gone and UserStopDelaySec= (10 s) has passed without lingering, user@UID.service stops, and with it every systemd-run --user unit and scope.",
      ja: "ユーザーマネージャーの停止", zh: "用户管理器停止",
      userland:
        "systemd 252 src/login/logind-user.c user_may_gc / user_stop; units/user@.service (KillMode=mixed); logind.conf(5) UserStopDelaySec="
    ),
    Rule(
      .linger, .host, "Lingering",
      "With `loginctl enable-linger` the user manager is started at boot and kept after the last session: user units survive logout.",
      ja: "linger(ユーザーマネージャーの常駐)", zh: "linger(用户管理器常驻)",
      userland: "systemd 252 src/login/logind-user.c user_may_gc (user_check_linger_file); loginctl(1) enable-linger"),
    Rule(
      .sshdPerConnection, .host, "A socket-activated sshd per connection",
      "With ssh.socket Accept=yes each connection is an ssh@….service; without pam_systemd everything the connection started stays in its cgroup, and when the connection ends the unit is stopped (SIGTERM and SIGCONT, SIGKILL after the timeout).",
      ja: "接続ごとのソケット起動 sshd", zh: "按连接套接字激活的 sshd",
      userland:
        "Debian openssh (≤ 1:8.4p1) debian/systemd/ssh@.service; systemd.socket(5) Accept=; systemd.kill(5) KillMode=control-group"
    ),
    Rule(
      .systemdRun, .launcher, "systemd-run",
      "`systemd-run --user --unit` has the user manager start the command as a service (no terminal, not in the login session's scope); `--scope` runs it in place in a new scope of the user manager. Both outlive the session's scope, and die with the user manager unless the user lingers.",
      ja: "systemd-run(ユーザーマネージャー配下で起動)", zh: "systemd-run(在用户管理器下启动)",
      userland: "systemd 252 src/run/run.c start_transient_service / start_transient_scope; systemd-run(1)"),
    Rule(
      .screenSession, .launcher, "A detached screen session",
      "`screen -dmS name cmd` forks a screen server in its own session that runs cmd on a pseudo-terminal of its own, like tmux.",
      ja: "デタッチした screen セッション", zh: "分离的 screen 会话",
      userland: "GNU screen 4.9 screen.c main (-d -m: fork, setsid); window.c OpenDevice"),
    Rule(
      .jenkinsTreeKiller, .host, "Jenkins' ProcessTreeKiller",
      "At the end of a build Jenkins kills every process on the agent whose initial environment carries the build's cookie (JENKINS_NODE_COOKIE, or BUILD_ID and the job's variables) and their descendants: SIGTERM, children first, then it waits up to 5 s; core Jenkins sends no SIGKILL.",
      ja: "Jenkins の ProcessTreeKiller", zh: "Jenkins 的 ProcessTreeKiller",
      userland:
        "jenkinsci/jenkins core/src/main/java/hudson/util/ProcessTree.java killAll, UnixProcess.kill (destroy, SoftKillWaitSeconds); workflow-durable-task-step JENKINS_NODE_COOKIE"
    ),
    Rule(
      .githubOrphanCleanup, .host, "GitHub Actions' orphan cleanup",
      "At the end of a job the runner kills, with SIGKILL at once, every process started during the job whose initial environment holds the job's RUNNER_TRACKING_ID.",
      ja: "GitHub Actions の孤児プロセス掃除", zh: "GitHub Actions 的孤儿进程清理",
      userland:
        "actions/runner src/Runner.Worker/JobExtension.cs FinalizeJob (\"Cleaning up orphan processes\", RUNNER_TRACKING_ID)"
    ),
    Rule(
      .ciEscape, .host, "Escaping the CI killer",
      "A process started with the CI marker changed (BUILD_ID=dontKillMe / JENKINS_NODE_COOKIE=dontKillMe for Jenkins, RUNNER_TRACKING_ID= for GitHub Actions) does not match and is left alone.",
      ja: "CI のプロセス掃除から逃れる", zh: "躲过 CI 的进程清理",
      userland: "Jenkins wiki ProcessTreeKiller (BUILD_ID=dontKillMe); actions/runner RUNNER_TRACKING_ID"),
    Rule(
      .wsl1Teardown, .host, "WSL 1 tears its instance down",
      "Before Windows 10 1803, closing the last bash.exe console window ended the whole WSL 1 instance: every Linux process, nohup'd, setsid'd or under tmux, was gone (not gracefully; no signal a process could catch).",
      ja: "WSL 1 のインスタンス終了", zh: "WSL 1 实例销毁",
      userland: "Microsoft WSL blog \"Background Task Support in WSL\" (build 17046, 2017); WSL issue #1554"),
  ]
}
