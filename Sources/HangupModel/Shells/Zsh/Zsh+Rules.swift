// The rules zsh's model cites, with zsh's source (zsh-users/zsh at zsh-5.9).

extension RuleID {
  static let zshJobStart = RuleID("ZSH-JOB-START")
  static let zshJobStopped = RuleID("ZSH-JOB-STOPPED")
  static let zshSubshell = RuleID("ZSH-SUBSHELL-ASYNC")
  static let zshExit = RuleID("ZSH-EXIT")
  static let zshEOF = RuleID("ZSH-EOF")
  static let zshCheckJobs = RuleID("ZSH-CHECKJOBS")
  static let zshLogoutNotLogin = RuleID("ZSH-LOGOUT-NOT-LOGIN")
  static let zshZexit = RuleID("ZSH-ZEXIT")
  static let zshKillRunJobs = RuleID("ZSH-KILLRUNJOBS")
  static let zshSighup = RuleID("ZSH-SIGHUP")
  static let zshDisown = RuleID("ZSH-DISOWN")
  static let zshJobBuiltins = RuleID("ZSH-JOB-BUILTINS")
  static let zshAttachTTY = RuleID("ZSH-ATTACHTTY")
  static let zshDisownAmp = RuleID("ZSH-DISOWN-AMP")
}

extension Zsh {
  static let rules: [Rule] = [
    Rule(
      .zshJobStart, .shell, "Starting a job",
      "zsh forks the job; the child puts itself in its own process group and, for a foreground job, takes the terminal; `cmd &` prints `[n] pid`.",
      ja: "ジョブの起動", zh: "启动作业", function: "spawnjob",
      shellFamily: "zsh", shell: "Src/exec.c execcmd → entersubsh (setpgrp, attachtty); Src/jobs.c spawnjob"),
    Rule(
      .zshJobStopped, .shell, "zsh notices a stopped job",
      "The SIGCHLD handler records the job as suspended, prints `zsh: suspended`, and takes the terminal back.",
      ja: "zsh がジョブの停止に気づく", zh: "zsh 发现作业已停止", function: "update_job",
      shellFamily: "zsh", shell: "Src/jobs.c update_job / printjob"),
    Rule(
      .zshSubshell, .shell, "An asynchronous command in a subshell",
      "`( cmd & )`: the subshell has no job control, so cmd stays in the subshell's group with SIGINT and SIGQUIT ignored.",
      ja: "サブシェル内の非同期コマンド", zh: "子 shell 中的异步命令", function: "entersubsh",
      shellFamily: "zsh", shell: "Src/exec.c entersubsh (ESUB_ASYNC, MONITOR off in the subshell)"),
    Rule(
      .zshExit, .shell, "exit and logout",
      "`exit` and, in a login shell, `logout` call zexit; a non-empty command line first counts stopmsg down.",
      ja: "exit と logout", zh: "exit 与 logout", function: "bin_break",
      shellFamily: "zsh", shell: "Src/builtin.c bin_break (BIN_EXIT, BIN_LOGOUT) → zexit; Src/init.c loop (stopmsg--)"),
    Rule(
      .zshEOF, .shell, "End of file at the prompt",
      "^D at the prompt calls zexit directly, without counting stopmsg down (unless IGNORE_EOF).",
      ja: "プロンプトでの EOF(^D)", zh: "提示符下的文件结束(^D)", function: "loop",
      shellFamily: "zsh", shell: "Src/init.c loop (EOF → zexit(0, ZEXIT_NORMAL))"),
    Rule(
      .zshCheckJobs, .shell, "You have running/suspended jobs",
      "With MONITOR and CHECK_JOBS, the first exit with jobs in the table prints `zsh: you have suspended jobs.` or `…running jobs.` (the lowest-numbered job decides; running jobs only with CHECK_RUNNING_JOBS), sets stopmsg to 2 and does not exit; `jobs` also sets it.",
      ja: "実行中/停止中のジョブがあるという警告", zh: "有运行中/已挂起作业的警告", function: "checkjobs",
      shellFamily: "zsh", shell: "Src/builtin.c zexit → checkjobs (stopmsg); Src/jobs.c bin_fg (jobs: stopmsg = 2)"),
    Rule(
      .zshLogoutNotLogin, .shell, "logout in a non-login shell",
      "`logout` in a shell that is not a login shell prints `logout: not login shell` and returns 1.",
      ja: "ログインシェルでないシェルでの logout", zh: "非登录 shell 中的 logout", function: "bin_break",
      shellFamily: "zsh", shell: "Src/builtin.c bin_break (BIN_LOGOUT, !islogin)"),
    Rule(
      .zshZexit, .shell, "zexit",
      "zsh leaves: killrunjobs when MONITOR is on, the zlogout files (not with -f), the EXIT trap, release_pgrp, exit.",
      ja: "zexit(zsh の終了処理)", zh: "zexit(zsh 的退出处理)", function: "zexit",
      shellFamily: "zsh", shell: "Src/builtin.c zexit"),
    Rule(
      .zshKillRunJobs, .shell, "killrunjobs",
      "With the HUP option (the default), SIGHUP to every running job's group, oldest job first; stopped jobs and disowned ones get nothing.",
      ja: "killrunjobs(実行中ジョブへの SIGHUP)", zh: "killrunjobs(向运行中的作业发送 SIGHUP)", function: "killrunjobs",
      shellFamily: "zsh", shell: "Src/signals.c killrunjobs"),
    Rule(
      .zshSighup, .shell, "zsh's SIGHUP handler",
      "SIGHUP (a hang-up or kill -HUP) makes zsh leave without the jobs check: killrunjobs(1), which includes the foreground job, then exit(1).",
      ja: "zsh の SIGHUP ハンドラ", zh: "zsh 的 SIGHUP 处理函数", function: "zhandler",
      shellFamily: "zsh", shell: "Src/signals.c zhandler (SIGHUP → zexit(SIGHUP, ZEXIT_SIGNAL))"),
    Rule(
      .zshDisown, .shell, "disown",
      "`disown %n` takes the job out of the table; a suspended job stays suspended (with a warning) unless AUTO_CONTINUE.",
      ja: "disown(ジョブ表から外す)", zh: "disown(从作业表移除)", function: "bin_fg",
      shellFamily: "zsh", shell: "Src/jobs.c bin_fg (BIN_DISOWN) → deletejob"),
    Rule(
      .zshJobBuiltins, .shell, "bg, fg, jobs and kill",
      "The job builtins act on the job's process group; kill sends SIGCONT after any non-stop signal to a suspended job.",
      ja: "bg・fg・jobs・kill", zh: "bg、fg、jobs 与 kill", function: "bin_fg",
      shellFamily: "zsh", shell: "Src/jobs.c bin_fg, bin_kill"),
    Rule(
      .zshAttachTTY, .shell, "The terminal's foreground group",
      "zsh gives the terminal to a foreground job and takes it back when the job stops or ends.",
      ja: "端末のフォアグラウンドグループ", zh: "终端的前台进程组", function: "attachtty",
      shellFamily: "zsh", shell: "Src/jobs.c attachtty; update_job"),
    Rule(
      .zshDisownAmp, .shell, "cmd &!",
      "`cmd &!` (or `&|`) starts the job disowned: it never enters the job table, prints nothing, and zsh never signals it.",
      ja: "cmd &!(切り離して起動)", zh: "cmd &!(脱离作业表启动)", function: "execlist",
      shellFamily: "zsh", shell: "Src/parse.c par_sublist (Z_DISOWN); Src/exec.c execlist"),
  ]
}
