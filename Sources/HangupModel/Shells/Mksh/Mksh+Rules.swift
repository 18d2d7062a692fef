// The rules mksh's model cites, with mksh's source (MirBSD/mksh R59c; Debian 59c-28+deb12u1).

extension RuleID {
  static let mkshJobStart = RuleID("MKSH-JOB-START")
  static let mkshJobStopped = RuleID("MKSH-JOB-STOPPED")
  static let mkshExit = RuleID("MKSH-EXIT")
  static let mkshEOF = RuleID("MKSH-EOF")
  static let mkshJobsWarning = RuleID("MKSH-JOBS-WARNING")
  static let mkshJExit = RuleID("MKSH-J-EXIT")
  static let mkshExitShell = RuleID("MKSH-QUITENV")
  static let mkshSighup = RuleID("MKSH-SIGHUP-TRAP")
  static let mkshJobBuiltins = RuleID("MKSH-JOB-BUILTINS")
}

extension Mksh {
  static let rules: [Rule] = [
    Rule(
      .mkshJobStart, .shell, "Starting a job",
      "mksh forks the job into its own process group (parent and child call setpgid and, for a foreground job, set the terminal's group); `cmd &` prints `[n] pid`.",
      ja: "ジョブの起動", zh: "启动作业", function: "exchild",
      shellFamily: "mksh", shell: "jobs.c exchild"),
    Rule(
      .mkshJobStopped, .shell, "mksh notices a stopped job",
      "check_job records the stop and moves the job to the front of the job list; mksh takes the terminal back.",
      ja: "mksh がジョブの停止に気づく", zh: "mksh 发现作业已停止", function: "check_job",
      shellFamily: "mksh", shell: "jobs.c check_job, j_waitj"),
    Rule(
      .mkshExit, .shell, "exit (mksh has no logout)",
      "`exit` checks the jobs (c_exitreturn); mksh has no `logout` command.",
      ja: "exit(mksh に logout はない)", zh: "exit(mksh 没有 logout)", function: "c_exitreturn",
      shellFamily: "mksh", shell: "funcs.c c_exitreturn"),
    Rule(
      .mkshEOF, .shell, "End of file at the prompt",
      "^D (or a read that fails after a hang-up) runs the same check as exit.",
      ja: "プロンプトでの EOF(^D)", zh: "提示符下的文件结束(^D)", function: "shell",
      shellFamily: "mksh", shell: "main.c shell (EOF)"),
    Rule(
      .mkshJobsWarning, .shell, "You have stopped/running jobs",
      "The first attempt to leave with a stopped job (or, in a login shell with `set +o nohup`, a running one) prints `You have stopped jobs`, `…running jobs` or `…stopped and running jobs` and sets really_exit; any executed non-blank line clears it.",
      ja: "停止中/実行中のジョブがあるという警告", zh: "有已停止/运行中作业的警告", function: "j_stopped_running",
      shellFamily: "mksh", shell: "jobs.c j_stopped_running; funcs.c c_exitreturn (really_exit); main.c shell"),
    Rule(
      .mkshJExit, .shell, "j_exit",
      "When mksh leaves: SIGHUP then SIGCONT to every stopped job, SIGHUP to the foreground job, and SIGHUP to running jobs only in a login shell with `set +o nohup`; then it sleeps a second.",
      ja: "j_exit(停止中ジョブへの SIGHUP)", zh: "j_exit(向已停止作业发送 SIGHUP)", function: "j_exit",
      shellFamily: "mksh", shell: "jobs.c j_exit"),
    Rule(
      .mkshExitShell, .shell, "mksh leaves",
      "quitenv runs j_exit and exits with the status (129 when the SIGHUP trap ended it).",
      ja: "mksh の終了", zh: "mksh 退出", function: "quitenv",
      shellFamily: "mksh", shell: "main.c quitenv → unwind"),
    Rule(
      .mkshSighup, .shell, "mksh's SIGHUP trap",
      "SIGHUP is a fatal trap: at the next check point mksh leaves without a warning, exit status 129. After a hang-up the prompt's read fails first: with nothing to warn about mksh leaves through end of file (status `$?`); otherwise it writes the warning and then the trap ends it.",
      ja: "mksh の SIGHUP トラップ", zh: "mksh 的 SIGHUP 陷阱", function: "runtrap",
      shellFamily: "mksh", shell: "histrap.c inittraps (TF_FATAL), runtrap; edit.c x_getc"),
    Rule(
      .mkshJobBuiltins, .shell, "bg, fg, jobs and kill",
      "kill to a stopped job sends SIGCONT first for SIGHUP and SIGTERM, then the signal.",
      ja: "bg・fg・jobs・kill", zh: "bg、fg、jobs 与 kill", function: "j_kill",
      shellFamily: "mksh", shell: "jobs.c j_kill, j_resume"),
  ]
}
