// The rules dash's model cites, with dash's source (herbertx/dash at v0.5.12).

extension RuleID {
  static let dashJobStart = RuleID("DASH-JOB-START")
  static let dashJobStopped = RuleID("DASH-JOB-STOPPED")
  static let dashExit = RuleID("DASH-EXIT")
  static let dashEOF = RuleID("DASH-EOF")
  static let dashStoppedJobs = RuleID("DASH-STOPPED-JOBS")
  static let dashExitShell = RuleID("DASH-EXITSHELL")
  static let dashSignals = RuleID("DASH-SETSIGNAL")
  static let dashJobBuiltins = RuleID("DASH-JOB-BUILTINS")
}

extension Dash {
  static let rules: [Rule] = [
    Rule(
      .dashJobStart, .shell, "Starting a job",
      "dash forks the job; the child puts itself in its own process group and, for a foreground job, takes the terminal. `cmd &` prints nothing.",
      ja: "ジョブの起動", zh: "启动作业", function: "forkchild",
      shellFamily: "dash", shell: "jobs.c forkshell → forkchild / forkparent"),
    Rule(
      .dashJobStopped, .shell, "dash notices a stopped job",
      "dowait records the stop; waitforjob takes the terminal back.",
      ja: "dash がジョブの停止に気づく", zh: "dash 发现作业已停止", function: "dowait",
      shellFamily: "dash", shell: "jobs.c dowait, waitforjob"),
    Rule(
      .dashExit, .shell, "exit (dash has no logout)",
      "`exit` checks stoppedjobs and raises EXEXIT; dash has no `logout` command.",
      ja: "exit(dash に logout はない)", zh: "exit(dash 没有 logout)", function: "exitcmd",
      shellFamily: "dash", shell: "main.c exitcmd"),
    Rule(
      .dashEOF, .shell, "End of file at the prompt",
      "^D at the prompt leaves like exit if stoppedjobs lets it.",
      ja: "プロンプトでの EOF(^D)", zh: "提示符下的文件结束(^D)", function: "cmdloop",
      shellFamily: "dash", shell: "main.c cmdloop (EOF)"),
    Rule(
      .dashStoppedJobs, .shell, "You have stopped jobs.",
      "With a stopped job the first exit or ^D prints `You have stopped jobs.` and sets job_warning to 2; every line read other than EOF counts it down, so only an immediate second attempt passes. Running jobs never warn.",
      ja: "停止中のジョブがあるという警告", zh: "有已停止作业的警告", function: "stoppedjobs",
      shellFamily: "dash", shell: "jobs.c stoppedjobs (job_warning); main.c cmdloop"),
    Rule(
      .dashExitShell, .shell, "dash leaves without signalling its jobs",
      "exitshell runs the EXIT trap, puts the terminal back to the original group (setjobctl(0)) and exits: no job is ever signalled by dash.",
      ja: "dash はジョブにシグナルを送らずに終了する", zh: "dash 退出时不向作业发送信号", function: "exitshell",
      shellFamily: "dash", shell: "trap.c exitshell → jobs.c setjobctl(0)"),
    Rule(
      .dashSignals, .shell, "dash leaves SIGHUP at its default action",
      "An interactive dash catches SIGINT and ignores SIGQUIT, SIGTERM, SIGTSTP and SIGTTOU, but leaves SIGHUP at SIG_DFL: a hang-up or kill -HUP kills it at once, before it could do anything for its jobs.",
      ja: "dash は SIGHUP を既定動作のままにする", zh: "dash 将 SIGHUP 保持为默认动作", function: "setsignal",
      shellFamily: "dash", shell: "trap.c setsignal"),
    Rule(
      .dashJobBuiltins, .shell, "bg, fg, jobs and kill",
      "kill sends only the signal to the job's group: a stopped job stays stopped with it pending.",
      ja: "bg・fg・jobs・kill", zh: "bg、fg、jobs 与 kill", function: "killcmd",
      shellFamily: "dash", shell: "jobs.c killcmd, fgcmd/bgcmd"),
  ]
}
