// The rules tcsh's model cites, with tcsh's source (tcsh-org/tcsh at TCSH6_24_07).

extension RuleID {
  static let tcshJobStart = RuleID("TCSH-JOB-START")
  static let tcshJobStopped = RuleID("TCSH-JOB-STOPPED")
  static let tcshExit = RuleID("TCSH-EXIT")
  static let tcshEOF = RuleID("TCSH-EOF")
  static let tcshSuspendedWarning = RuleID("TCSH-SUSPENDED-WARNING")
  static let tcshLogout = RuleID("TCSH-LOGOUT")
  static let tcshXexit = RuleID("TCSH-XEXIT")
  static let tcshPhup = RuleID("TCSH-PHUP")
  static let tcshJobBuiltins = RuleID("TCSH-JOB-BUILTINS")
  static let tcshTerminal = RuleID("TCSH-TERMINAL")
  static let tcshHupNohup = RuleID("TCSH-HUP-NOHUP")
}

extension Tcsh {
  static let rules: [Rule] = [
    Rule(
      .tcshJobStart, .shell, "Starting a job",
      "tcsh forks the job into its own process group (parent and child call setpgid; the child takes the terminal for a foreground job); `cmd &` prints `[n] pid`.",
      ja: "ジョブの起動", zh: "启动作业", function: "pfork",
      shellFamily: "tcsh", shell: "sh.proc.c pfork, pgetty; palloc; pendjob"),
    Rule(
      .tcshJobStopped, .shell, "tcsh notices a stopped job",
      "pchild records the job as stopped, prints `Suspended` and takes the terminal back.",
      ja: "tcsh がジョブの停止に気づく", zh: "tcsh 发现作业已停止", function: "pchild",
      shellFamily: "tcsh", shell: "sh.proc.c pchild, pjwait"),
    Rule(
      .tcshExit, .shell, "exit and logout",
      "`exit` makes the next read see end of file (the prompt is printed once more, then `logout`); `logout` calls goodbye directly.",
      ja: "exit と logout", zh: "exit 与 logout", function: "doexit",
      shellFamily: "tcsh", shell: "sh.func.c doexit, dologout; sh.c main (\"logout\")"),
    Rule(
      .tcshEOF, .shell, "End of file at the prompt",
      "^D at the prompt prints `logout` (a login shell) or `exit` and leaves.",
      ja: "プロンプトでの EOF(^D)", zh: "提示符下的文件结束(^D)", function: "process",
      shellFamily: "tcsh", shell: "sh.c process; sh.lex.c (EOF)"),
    Rule(
      .tcshSuspendedWarning, .shell, "There are suspended jobs.",
      "Only suspended jobs refuse the first exit, logout or ^D; chkstop is set to 2 and counted down before every line read, and `jobs` keeps it at 2 once set.",
      ja: "停止中のジョブがあるという警告(There are suspended jobs.)", zh: "有已挂起作业的警告(There are suspended jobs.)",
      function: "panystop",
      shellFamily: "tcsh", shell: "sh.proc.c panystop, dojobs; sh.func.c doexit (chkstop); sh.c process"),
    Rule(
      .tcshLogout, .shell, "logout in a non-login shell",
      "`logout` in a shell that is not a login shell prints `Not a login shell.`",
      ja: "ログインシェルでないシェルでの logout", zh: "非登录 shell 中的 logout", function: "islogin",
      shellFamily: "tcsh", shell: "sh.func.c islogin"),
    Rule(
      .tcshXexit, .shell, "xexit",
      "tcsh leaves: jobs started with `hup` get SIGHUP then SIGCONT; every other job, running or stopped, gets nothing from tcsh.",
      ja: "xexit(tcsh の終了処理)", zh: "xexit(tcsh 的退出处理)", function: "xexit",
      shellFamily: "tcsh", shell: "sh.c goodbye → exitstat → xexit"),
    Rule(
      .tcshPhup, .shell, "tcsh's SIGHUP handler",
      "SIGHUP: phup sources the logout files, sends SIGHUP and SIGCONT to the job in the foreground, then xexit(1).",
      ja: "tcsh の SIGHUP ハンドラ(phup)", zh: "tcsh 的 SIGHUP 处理函数(phup)", function: "phup",
      shellFamily: "tcsh", shell: "sh.c phup"),
    Rule(
      .tcshJobBuiltins, .shell, "bg, fg, jobs and kill",
      "The job builtins act on the job's process group; kill sends SIGCONT after SIGHUP or SIGTERM to a stopped job.",
      ja: "bg・fg・jobs・kill", zh: "bg、fg、jobs 与 kill", function: "pkill",
      shellFamily: "tcsh", shell: "sh.proc.c dobg, dofg, dojobs, pkill"),
    Rule(
      .tcshTerminal, .shell, "The terminal's foreground group",
      "The job's child takes the terminal for a foreground job; tcsh takes it back when the job stops or ends.",
      ja: "端末のフォアグラウンドグループ", zh: "终端的前台进程组", function: "pgetty",
      shellFamily: "tcsh", shell: "sh.proc.c pgetty; pjwait"),
    Rule(
      .tcshHupNohup, .shell, "The hup and nohup prefixes",
      "`nohup cmd` makes the child ignore SIGHUP before it execs (no nohup process, no nohup.out); `hup cmd` marks the job to be hung up when tcsh leaves.",
      ja: "hup / nohup 前置詞", zh: "hup / nohup 前缀", function: "donohup",
      shellFamily: "tcsh", shell: "sh.sem.c (nohup/hup prefix) → sh.proc.c pfork; palloc (PHUP)"),
  ]
}
