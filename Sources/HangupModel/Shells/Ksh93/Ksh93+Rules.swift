// The rules ksh93's model cites, with ksh93u+m's source (ksh93/ksh at v1.0.4 and
// v1.0.10; paths under src/cmd/ksh93/).

extension RuleID {
  static let kshJobStart = RuleID("KSH93-JOB-START")
  static let kshJobStopped = RuleID("KSH93-JOB-STOPPED")
  static let kshExit = RuleID("KSH93-EXIT")
  static let kshEOF = RuleID("KSH93-EOF")
  static let kshJobsWarning = RuleID("KSH93-JOBS-WARNING")
  static let kshJobClose = RuleID("KSH93-JOB-CLOSE")
  static let kshJobHup = RuleID("KSH93-JOB-HUP")
  static let kshShDone = RuleID("KSH93-SH-DONE")
  static let kshSighup = RuleID("KSH93-SIGHUP")
  static let kshDisown = RuleID("KSH93-DISOWN")
  static let kshJobBuiltins = RuleID("KSH93-JOB-BUILTINS")
  static let kshTerminal = RuleID("KSH93-TERMINAL")
}

extension Ksh93 {
  static let rules: [Rule] = [
    Rule(
      .kshJobStart, .shell, "Starting a job",
      "ksh93 forks the job into its own process group (parent and child call setpgid; for a foreground job both set the terminal's group); `cmd &` prints `[n]<tab>pid`.",
      ja: "ジョブの起動", zh: "启动作业", function: "_sh_fork",
      shellFamily: "ksh93", shell: "sh/xec.c _sh_fork; sh/jobs.c job_post"),
    Rule(
      .kshJobStopped, .shell, "ksh93 notices a stopped job",
      "job_reap records the stop and moves the job to the front of the list; the shell takes the terminal back (job_reset).",
      ja: "ksh93 がジョブの停止に気づく", zh: "ksh93 发现作业已停止", function: "job_reap",
      shellFamily: "ksh93", shell: "sh/jobs.c job_reap, job_wait, job_reset"),
    Rule(
      .kshExit, .shell, "exit (ksh93 has no logout)",
      "`exit` leaves through exfile → job_close; ksh93 has no `logout` command.",
      ja: "exit(ksh93 に logout はない)", zh: "exit(ksh93 没有 logout)", function: "b_exit",
      shellFamily: "ksh93", shell: "bltins/cflow.c b_exit → sh/main.c exfile → job_close"),
    Rule(
      .kshEOF, .shell, "End of file at the prompt",
      "^D (or a read that fails after a hang-up) goes through job_close; if it passes ksh93 prints a newline and calls sh_done — with status 0 in 1.0.4, `$?` from 1.0.9.",
      ja: "プロンプトでの EOF(^D)", zh: "提示符下的文件结束(^D)", function: "exfile",
      shellFamily: "ksh93", shell: "sh/main.c exfile (EOF) → job_close → sh_done"),
    Rule(
      .kshJobsWarning, .shell, "You have stopped/running jobs",
      "The first attempt to leave with a stopped job (or, in a login shell, a running one — disowned jobs count) prints `You have stopped jobs` or `You have running jobs` and stays; only a foreground job that ends or stops re-arms the check (job_reset clears beenhere).",
      ja: "停止中/実行中のジョブがあるという警告", zh: "有已停止/运行中作业的警告", function: "job_close",
      shellFamily: "ksh93", shell: "sh/jobs.c job_close (beenhere), job_reset; data/msg.c"),
    Rule(
      .kshJobClose, .shell, "job_close",
      "Once it has warned (or the terminal is gone), job_close sends SIGTERM to every stopped job, disowned ones included.",
      ja: "job_close(停止中ジョブへの SIGTERM)", zh: "job_close(向已停止作业发送 SIGTERM)", function: "job_close",
      shellFamily: "ksh93", shell: "sh/jobs.c job_close"),
    Rule(
      .kshJobHup, .shell, "job_hup",
      "An interactive login shell's sh_done sends SIGHUP to every job with a live process that is not disowned, and SIGCONT to a stopped one.",
      ja: "job_hup(ログインシェル終了時の SIGHUP)", zh: "job_hup(登录 shell 退出时的 SIGHUP)", function: "job_hup",
      shellFamily: "ksh93", shell: "sh/fault.c sh_done → sh/jobs.c job_hup, job_unstop"),
    Rule(
      .kshShDone, .shell, "sh_done",
      "ksh93 leaves: job_hup (login shell), job_close, then exit — or, when a signal ended it, kill(getpid(), sig).",
      ja: "sh_done(ksh93 の終了処理)", zh: "sh_done(ksh93 的退出处理)", function: "sh_done",
      shellFamily: "ksh93", shell: "sh/fault.c sh_done"),
    Rule(
      .kshSighup, .shell, "ksh93 and SIGHUP",
      "SIGHUP interrupts the prompt or the wait for a foreground job and is treated as an exit: with the terminal open job_close can warn and keep the shell (taking the terminal back from a foreground job); otherwise sh_done runs and ksh93 kills itself with SIGHUP.",
      ja: "ksh93 と SIGHUP", zh: "ksh93 与 SIGHUP", function: "sh_fault",
      shellFamily: "ksh93", shell: "sh/fault.c sh_fault (SH_SIGDONE) → sh_exit → sh/main.c exfile → job_close / sh_done"
    ),
    Rule(
      .kshDisown, .shell, "disown",
      "`disown` only marks the job P_DISOWN: it stays in the table, still counts for the warning and still gets job_close's SIGTERM if stopped, but job_hup skips it.",
      ja: "disown(P_DISOWN の印)", zh: "disown(P_DISOWN 标记)", function: "b_disown",
      shellFamily: "ksh93", shell: "bltins/jobs.c → sh/jobs.c job_walk (P_DISOWN)"),
    Rule(
      .kshJobBuiltins, .shell, "bg, fg, jobs and kill",
      "kill to a stopped job adds SIGCONT for HUP, TERM and CONT; in 1.0.4 `kill -SIG pid` adds SIGCONT after any signal that does not stop.",
      ja: "bg・fg・jobs・kill", zh: "bg、fg、jobs 与 kill", function: "job_kill",
      shellFamily: "ksh93", shell: "sh/jobs.c job_kill (also_send_sigcont from 1.0.9)"),
    Rule(
      .kshTerminal, .shell, "The terminal's foreground group",
      "ksh93 gives the terminal to a foreground job and takes it back when the job stops or ends (job_reset), or when it warns about a SIGHUP.",
      ja: "端末のフォアグラウンドグループ", zh: "终端的前台进程组", function: "job_reset",
      shellFamily: "ksh93", shell: "sh/jobs.c job_reset; sh/main.c exfile (tcsetpgrp)"),
  ]
}
