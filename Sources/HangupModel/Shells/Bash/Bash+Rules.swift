// The rules bash's model cites, with bash's source (bminor/bash) per release.

extension RuleID {
  public static let bashJobStart = RuleID("BASH-JOB-START")
  public static let bashJobStopped = RuleID("BASH-JOB-STOPPED")
  public static let bashExitBuiltin = RuleID("BASH-EXIT-BUILTIN")
  public static let bashEOF = RuleID("BASH-EOF")
  public static let bashStoppedJobsWarning = RuleID("BASH-STOPPED-JOBS-WARNING")
  public static let bashRunningJobsWarning = RuleID("BASH-RUNNING-JOBS-WARNING")
  public static let bashLogoutNotLogin = RuleID("BASH-LOGOUT-NOT-LOGIN")
  public static let bashHuponexit = RuleID("BASH-HUPONEXIT")
  public static let bashHangupAllJobs = RuleID("BASH-HANGUP-ALL-JOBS")
  public static let bashTerminateStopped = RuleID("BASH-TERMINATE-STOPPED")
  public static let bashSighupHandler = RuleID("BASH-SIGHUP-HANDLER")
  public static let bashReadlineResend = RuleID("BASH-READLINE-SIGHUP")
  public static let bashGiveTerminalBack = RuleID("BASH-GIVE-TERMINAL-BACK")
  public static let bashSelfKill = RuleID("BASH-SELF-KILL")
  public static let bashExitShell = RuleID("BASH-EXIT-SHELL")
  public static let bashDisown = RuleID("BASH-DISOWN")
  public static let bashDisownNohup = RuleID("BASH-DISOWN-H")
  public static let bashSubshellAsync = RuleID("BASH-SUBSHELL-ASYNC")
  public static let bashBuiltinBg = RuleID("BASH-BG")
  public static let bashBuiltinFg = RuleID("BASH-FG")
  public static let bashBuiltinKill = RuleID("BASH-KILL-BUILTIN")
  public static let bashBuiltinJobs = RuleID("BASH-JOBS-BUILTIN")
}

extension Bash {
  static let rules: [Rule] = [
    Rule(
      .bashJobStart, .shell, "Starting a job",
      "bash forks the job, puts it in its own process group and, for a foreground job, gives it the terminal.",
      ja: "ジョブの起動", zh: "启动作业",
      shellFamily: "bash", shell: "jobs.c make_child / stop_pipeline / give_terminal_to"),
    Rule(
      .bashJobStopped, .shell, "bash notices a stopped job",
      "waitchld sees the job stop (WUNTRACED) and marks it JSTOPPED; bash takes the terminal back and reports it.",
      ja: "bash がジョブの停止に気づく", zh: "bash 发现作业已停止",
      shellFamily: "bash", shell: "jobs.c waitchld → set_job_status_and_cleanup; notify_of_job_status"),
    Rule(
      .bashExitBuiltin, .shell, "The exit builtin",
      "exit prints \"logout\" in a login shell (\"exit\" otherwise) when interactive, then checks for jobs.",
      ja: "exit 組み込みコマンド", zh: "exit 内建命令",
      shellFamily: "bash", shell: "builtins/exit.def exit_builtin → exit_or_logout"),
    Rule(
      .bashEOF, .shell, "End of file at the prompt",
      "^D at an interactive prompt calls the exit builtin (unless ignoreeof).",
      ja: "プロンプトでの EOF(^D)", zh: "提示符下的文件结束(^D)",
      shellFamily: "bash", shell: "parse.y handle_eof_input_unit → exit_builtin"),
    Rule(
      .bashStoppedJobsWarning, .shell, "There are stopped jobs.",
      "An interactive exit or logout with stopped jobs prints \"There are stopped jobs.\" and does not exit; a second exit right after does.",
      ja: "停止中のジョブがあるという警告(There are stopped jobs.)", zh: "有已停止作业的警告(There are stopped jobs.)",
      shellFamily: "bash", shell: "builtins/exit.def exit_or_logout (last_shell_builtin ∈ {exit, logout, jobs})"),
    Rule(
      .bashRunningJobsWarning, .shell, "There are running jobs.",
      "With shopt checkjobs (4.0+), running jobs also stop the first exit.",
      ja: "実行中のジョブがあるという警告(There are running jobs.)", zh: "有运行中作业的警告(There are running jobs.)",
      shellFamily: "bash", shell: "builtins/exit.def exit_or_logout (check_jobs_at_exit)"),
    Rule(
      .bashLogoutNotLogin, .shell, "logout in a non-login shell",
      "logout in a shell that is not a login shell prints an error and does nothing else.",
      ja: "ログインシェルでないシェルでの logout", zh: "非登录 shell 中的 logout",
      shellFamily: "bash", shell: "builtins/exit.def logout_builtin"),
    Rule(
      .bashHuponexit, .shell, "huponexit",
      "An interactive login shell with shopt huponexit hangs up all jobs when it exits.",
      ja: "huponexit(終了時に全ジョブへ SIGHUP)", zh: "huponexit(退出时向所有作业发送 SIGHUP)", function: "exit_shell",
      shellFamily: "bash",
      shell: "shell.c exit_shell (interactive_shell && login_shell && hup_on_exit → hangup_all_jobs)"),
    Rule(
      .bashHangupAllJobs, .shell, "hangup_all_jobs",
      "bash sends SIGHUP to every job's process group, and SIGCONT after it to a stopped job. A disown -h (J_NOHUP) job gets no SIGHUP; up to 3.1 a stopped one still gets SIGCONT, from 3.2 it is skipped.",
      ja: "hangup_all_jobs(全ジョブへの SIGHUP)", zh: "hangup_all_jobs(向所有作业发送 SIGHUP)", function: "hangup_all_jobs",
      shellFamily: "bash", shell: "jobs.c hangup_all_jobs"),
    Rule(
      .bashTerminateStopped, .shell, "terminate_stopped_jobs",
      "When bash ends job control, every job it recorded as stopped gets SIGTERM and then SIGCONT, whatever its J_NOHUP flag; nohup cannot prevent it.",
      ja: "terminate_stopped_jobs(停止中のジョブへの SIGTERM と SIGCONT)",
      zh: "terminate_stopped_jobs(向已停止作业发送 SIGTERM 和 SIGCONT)", function: "terminate_stopped_jobs",
      shellFamily: "bash", shell: "jobs.c end_job_control → terminate_stopped_jobs"),
    Rule(
      .bashSighupHandler, .shell, "bash's SIGHUP handler",
      "An interactive bash that gets SIGHUP hangs up all its jobs (no login or huponexit test, the foreground job included), ends job control, and kills itself with SIGHUP.",
      ja: "bash の SIGHUP ハンドラ", zh: "bash 的 SIGHUP 处理函数", function: "termsig_handler",
      shellFamily: "bash", shell: "{handler} → hangup_all_jobs, end_job_control"),
    Rule(
      .bashReadlineResend, .shell, "readline passes SIGHUP on",
      "While readline reads the command line (bash 4.3+), its handler catches SIGHUP, restores the terminal and bash's handler, and sends the signal to the shell again.",
      ja: "readline が SIGHUP を bash に送り直す", zh: "readline 将 SIGHUP 转交给 bash", function: "readline",
      shellFamily: "bash", shell: "lib/readline/signals.c rl_signal_handler → _rl_handle_signal (kill(getpid(), sig))"),
    Rule(
      .bashGiveTerminalBack, .shell, "Giving the terminal back",
      "end_job_control makes the shell's original process group the foreground group again, when bash's own record (terminal_pgrp) says another group has the terminal.",
      ja: "端末をシェル自身に戻す", zh: "把终端交还给 shell 自己", function: "end_job_control",
      shellFamily: "bash",
      shell: "jobs.c end_job_control (terminal_pgrp != original_pgrp → give_terminal_to(original_pgrp))"),
    Rule(
      .bashSelfKill, .shell, "bash kills itself with the signal",
      "After the cleanup, bash resets the signal to SIG_DFL and sends it to itself, so its parent sees it die of that signal.",
      ja: "bash が同じシグナルで自分自身を終了させる", zh: "bash 用同一信号终止自己",
      shellFamily: "bash", shell: "{handler} (kill(getpid(), sig))"),
    Rule(
      .bashExitShell, .shell, "exit_shell",
      "bash runs the EXIT trap, hangs up jobs if huponexit applies, ends job control and exits.",
      ja: "exit_shell(シェルの終了処理)", zh: "exit_shell(shell 的退出处理)", function: "exit_shell",
      shellFamily: "bash", shell: "shell.c exit_shell → end_job_control"),
    Rule(
      .bashDisown, .shell, "disown",
      "disown removes the job from the table: bash never signals it again. Disowning a stopped job prints a warning.",
      ja: "disown(ジョブテーブルから外す)", zh: "disown(从作业表中移除)", function: "delete_all_jobs",
      shellFamily: "bash", shell: "builtins/jobs.def disown_builtin → delete_job"),
    Rule(
      .bashDisownNohup, .shell, "disown -h",
      "disown -h keeps the job but marks it J_NOHUP so hangup_all_jobs sends it no SIGHUP.",
      ja: "disown -h(J_NOHUP を付ける)", zh: "disown -h(设置 J_NOHUP)", function: "nohup_all_jobs",
      shellFamily: "bash", shell: "builtins/jobs.def disown_builtin → nohup_job (J_NOHUP)"),
    Rule(
      .bashSubshellAsync, .shell, "( cmd & )",
      "The subshell has no job control: cmd stays in the subshell's process group, its stdin is /dev/null and SIGINT/SIGQUIT are ignored; the subshell exits at once, so cmd is in no job table.",
      ja: "( cmd & )(サブシェルからのバックグラウンド起動)", zh: "( cmd & )(在子 shell 中后台启动)",
      shellFamily: "bash", shell: "execute_cmd.c execute_in_subshell (without_job_control) / setup_async_signals"),
    Rule(
      .bashBuiltinBg, .shell, "bg",
      "bg sends SIGCONT to the job's process group and marks it running.",
      ja: "bg(バックグラウンドで再開)", zh: "bg(在后台继续运行)", function: "bg",
      shellFamily: "bash", shell: "jobs.c start_job (killpg SIGCONT)"),
    Rule(
      .bashBuiltinFg, .shell, "fg",
      "fg gives the job the terminal and sends SIGCONT.",
      ja: "fg(フォアグラウンドに戻す)", zh: "fg(切换到前台)", function: "fg",
      shellFamily: "bash", shell: "jobs.c start_job (give_terminal_to, killpg SIGCONT)"),
    Rule(
      .bashBuiltinKill, .shell, "kill builtin",
      "The kill builtin signals one process or, with %job, the job's group; SIGTERM or SIGHUP to a stopped job is followed by SIGCONT.",
      ja: "kill 組み込みコマンド", zh: "kill 内建命令", function: "kill",
      shellFamily: "bash", shell: "builtins/kill.def → jobs.c kill_pid"),
    Rule(
      .bashBuiltinJobs, .shell, "jobs",
      "Running jobs makes the next exit leave at once even with stopped jobs.",
      ja: "jobs(ジョブ一覧)", zh: "jobs(列出作业)",
      shellFamily: "bash", shell: "builtins/jobs.def jobs_builtin; exit.def exit_or_logout (last_shell_builtin == jobs)"
    ),
  ]

}
