// The rules busybox ash's model cites, with busybox's source (shell/ash.c at 1_35_0).

extension RuleID {
  static let ashJobStart = RuleID("ASH-JOB-START")
  static let ashJobStopped = RuleID("ASH-JOB-STOPPED")
  static let ashExit = RuleID("ASH-EXIT")
  static let ashEOF = RuleID("ASH-EOF")
  static let ashStoppedJobs = RuleID("ASH-STOPPED-JOBS")
  static let ashExitShell = RuleID("ASH-EXITSHELL")
  static let ashSignals = RuleID("ASH-SETSIGNAL")
  static let ashJobBuiltins = RuleID("ASH-JOB-BUILTINS")
}

extension BusyboxAsh {
  static let rules: [Rule] = [
    Rule(
      .ashJobStart, .shell, "Starting a job",
      "ash forks the job; the child puts itself in its own process group and, for a foreground job, takes the terminal. `cmd &` prints nothing.",
      ja: "ジョブの起動", zh: "启动作业", function: "forkchild",
      shellFamily: "busybox-ash", shell: "shell/ash.c forkshell → forkchild / forkparent"),
    Rule(
      .ashJobStopped, .shell, "ash notices a stopped job",
      "dowait records the stop; waitforjob takes the terminal back.",
      ja: "ash がジョブの停止に気づく", zh: "ash 发现作业已停止", function: "dowait",
      shellFamily: "busybox-ash", shell: "shell/ash.c dowait, waitforjob"),
    Rule(
      .ashExit, .shell, "exit (ash has no logout)",
      "`exit` checks stoppedjobs; ash has no `logout` command.",
      ja: "exit(ash に logout はない)", zh: "exit(ash 没有 logout)", function: "exitcmd",
      shellFamily: "busybox-ash", shell: "shell/ash.c exitcmd"),
    Rule(
      .ashEOF, .shell, "End of file at the prompt",
      "^D at the prompt prints a newline and leaves like exit if stoppedjobs lets it.",
      ja: "プロンプトでの EOF(^D)", zh: "提示符下的文件结束(^D)", function: "cmdloop",
      shellFamily: "busybox-ash", shell: "shell/ash.c cmdloop (EOF)"),
    Rule(
      .ashStoppedJobs, .shell, "You have stopped jobs.",
      "With a stopped job the first exit or ^D prints `You have stopped jobs.`; every line other than EOF halves job_warning, so only an immediate second attempt passes. Running jobs never warn.",
      ja: "停止中のジョブがあるという警告", zh: "有已停止作业的警告", function: "stoppedjobs",
      shellFamily: "busybox-ash", shell: "shell/ash.c stoppedjobs (job_warning); cmdloop"),
    Rule(
      .ashExitShell, .shell, "ash leaves without signalling its jobs",
      "exitshell runs the EXIT trap, gives the terminal back to the original group and exits: no job is ever signalled by ash.",
      ja: "ash はジョブにシグナルを送らずに終了する", zh: "ash 退出时不向作业发送信号", function: "exitshell",
      shellFamily: "busybox-ash", shell: "shell/ash.c exitshell → setjobctl(0)"),
    Rule(
      .ashSignals, .shell, "ash leaves SIGHUP at its default action",
      "An interactive ash forces SIGHUP to SIG_DFL (even if it started ignored) and ignores SIGQUIT, SIGTERM, SIGTSTP and SIGTTOU: a hang-up or kill -HUP kills it at once.",
      ja: "ash は SIGHUP を既定動作にする", zh: "ash 将 SIGHUP 设为默认动作", function: "setsignal",
      shellFamily: "busybox-ash", shell: "shell/ash.c procargs (signal(SIGHUP, SIG_DFL)), setsignal"),
    Rule(
      .ashJobBuiltins, .shell, "bg, fg, jobs and kill",
      "kill sends only the signal to the job's group: a stopped job stays stopped with it pending.",
      ja: "bg・fg・jobs・kill", zh: "bg、fg、jobs 与 kill", function: "killcmd",
      shellFamily: "busybox-ash", shell: "shell/ash.c killcmd, fg_bgcmd"),
  ]
}
