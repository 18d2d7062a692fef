// The rules fish's model cites, with fish's source (fish-shell/fish-shell at 3.6.0, 4.0.0, 4.8.1).

extension RuleID {
  static let fishJobStart = RuleID("FISH-JOB-START")
  static let fishJobStopped = RuleID("FISH-JOB-STOPPED")
  static let fishExit = RuleID("FISH-EXIT")
  static let fishEOF = RuleID("FISH-EOF")
  static let fishWarning = RuleID("FISH-JOBS-WARNING")
  static let fishExitShell = RuleID("FISH-EXIT-SHELL")
  static let fishHupJobs = RuleID("FISH-HUP-JOBS")
  static let fishSighup = RuleID("FISH-SIGHUP")
  static let fishDisown = RuleID("FISH-DISOWN")
  static let fishJobBuiltins = RuleID("FISH-JOB-BUILTINS")
  static let fishTerminal = RuleID("FISH-TTY-TRANSFER")
}

extension Fish {
  static let rules: [Rule] = [
    Rule(
      .fishJobStart, .shell, "Starting a job",
      "fish starts the job in its own process group (posix_spawn for a background job) and prints nothing for `cmd &`.",
      ja: "ジョブの起動", zh: "启动作业", function: "exec_job",
      shellFamily: "fish", shell: "src/exec.{cpp,rs} exec_job; src/postfork child_setup_process"),
    Rule(
      .fishJobStopped, .shell, "fish notices a stopped job",
      "fish marks the job stopped, prints `fish: Job n, '…' has stopped` and takes the terminal back.",
      ja: "fish がジョブの停止に気づく", zh: "fish 发现作业已停止", function: "process_mark_finished_children",
      shellFamily: "fish", shell: "{src} process_mark_finished_children; share/functions/fish_job_summary.fish"),
    Rule(
      .fishExit, .shell, "exit (fish has no logout)",
      "`exit` ends the top-level reader; fish has no `logout` builtin at all.",
      ja: "exit(fish に logout はない)", zh: "exit(fish 没有 logout)", function: "builtin_exit",
      shellFamily: "fish", shell: "src/builtins/exit builtin_exit; {reader} read_i"),
    Rule(
      .fishEOF, .shell, "End of file at the prompt",
      "^D on an empty line ends the reader like `exit`, with status 0.",
      ja: "プロンプトでの EOF(^D)", zh: "提示符下的文件结束(^D)", function: "delete_or_exit",
      shellFamily: "fish", shell: "{reader} rl::delete_or_exit"),
    Rule(
      .fishWarning, .shell, "There are still jobs active",
      "The first exit with a background or stopped job prints a table of them and does not exit; the next attempt passes, unless a non-empty command line ran in between.",
      ja: "まだジョブが動いているという警告", zh: "仍有作业在运行的警告", function: "try_warn_on_background_jobs",
      shellFamily: "fish",
      shell: "{reader} try_warn_on_background_jobs / check_exit_loop_maybe_warning; {src} print_exit_warning_for_jobs"),
    Rule(
      .fishExitShell, .shell, "fish leaves",
      "After the reader ends: the fish_exit event, hup_jobs, the terminal's group restored, history saved, exit with the last status.",
      ja: "fish の終了", zh: "fish 退出", function: "read_i",
      shellFamily: "fish", shell: "{reader} read_i → hup_jobs; src/fish main"),
    Rule(
      .fishHupJobs, .shell, "hup_jobs",
      "Every job in its own group that is not completed gets SIGHUP, newest first; a stopped job gets SIGCONT too — before the SIGHUP in 3.x, after it from 4.0.",
      ja: "hup_jobs(全ジョブへの SIGHUP)", zh: "hup_jobs(向所有作业发送 SIGHUP)", function: "hup_jobs",
      shellFamily: "fish", shell: "{src} hup_jobs"),
    Rule(
      .fishSighup, .shell, "fish's SIGHUP handler",
      "SIGHUP ends the reader without the jobs warning; fish takes the terminal back from a foreground job, runs hup_jobs and exits (0 before 4.7; from 4.7 it re-raises SIGHUP and dies of it).",
      ja: "fish の SIGHUP ハンドラ", zh: "fish 的 SIGHUP 处理函数", function: "reader_sighup",
      shellFamily: "fish", shell: "{signal} fish_signal_handler → reader_sighup"),
    Rule(
      .fishDisown, .shell, "disown",
      "`disown` takes the job out of the table; a stopped job is sent SIGCONT first.",
      ja: "disown(ジョブ表から外す)", zh: "disown(从作业表移除)", function: "disown_job",
      shellFamily: "fish", shell: "src/builtins/disown disown_job"),
    Rule(
      .fishJobBuiltins, .shell, "bg, fg, jobs and kill",
      "bg and fg continue the job's group; kill is /bin/kill on the pids `jobs -p` prints.",
      ja: "bg・fg・jobs・kill", zh: "bg、fg、jobs 与 kill", function: "builtin_bg",
      shellFamily: "fish", shell: "src/builtins/bg, fg, jobs"),
    Rule(
      .fishTerminal, .shell, "The terminal's foreground group",
      "fish gives the terminal to a foreground job and takes it back when the job stops or ends, or when a signal ends its wait.",
      ja: "端末のフォアグラウンドグループ", zh: "终端的前台进程组", function: "tty_transfer",
      shellFamily: "fish", shell: "{src} tty_transfer_t"),
  ]
}
