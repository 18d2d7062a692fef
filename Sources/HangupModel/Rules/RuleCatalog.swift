/// Every rule the simulator applies. Each event it records names one of these.
///
/// The catalogue is data: `hupsim rules` prints it, and a test checks that every
/// rule an event uses is listed here and that IDs never change.
public enum RuleCatalog {
  /// The rule with this ID; every ID the model emits is catalogued (a test holds it so).
  public static func rule(_ id: RuleID) -> Rule {
    guard let rule = byID[id] else { preconditionFailure("rule \(id) is not in the catalogue") }
    return rule
  }

  /// The rule with this ID, if catalogued.
  public static func lookup(_ id: RuleID) -> Rule? { byID[id] }

  /// Every rule: the kernel's, the terminal's, the launchers', the programs', the user's,
  /// then each registered shell's.
  public static let all: [Rule] =
    kernel + terminal + hosts + supervisors + launchers + programs + daemons + user
    + ShellRegistry.families.flatMap(\.rules) + ScriptShell.rules

  private static let byID: [RuleID: Rule] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}

extension RuleID {
  // Kernel: signal semantics.
  public static let kernQueued = RuleID("KERN-SIG-QUEUED")
  public static let kernIgnoredDiscarded = RuleID("KERN-SIG-IGNORED")
  public static let kernMergedPending = RuleID("KERN-SIG-MERGED")
  public static let kernStoppedPending = RuleID("KERN-SIG-STOPPED-PENDING")
  public static let kernContinueResumes = RuleID("KERN-SIGCONT-RESUMES")
  public static let kernFatalGroupExit = RuleID("KERN-FATAL-GROUP-EXIT")
  public static let kernDequeue = RuleID("KERN-DEQUEUE-ORDER")
  public static let kernExiting = RuleID("KERN-SIG-TO-EXITING")
  public static let kernNoSuchProcess = RuleID("KERN-ESRCH")
  public static let kernOrphanStopDiscarded = RuleID("KERN-ORPHAN-STOP-DISCARD")
  public static let kernExecKeepsIgnored = RuleID("KERN-EXEC-KEEPS-IGNORED")
  // Kernel: processes and sessions.
  public static let kernExit = RuleID("KERN-EXIT")
  public static let kernReparent = RuleID("KERN-REPARENT")
  public static let kernOrphanedGroup = RuleID("KERN-ORPHANED-PGRP")
  public static let kernSetsid = RuleID("KERN-SETSID")
  // Terminal driver.
  public static let ttyHangupLeader = RuleID("TTY-HANGUP-LEADER")
  public static let ttyHungUpIO = RuleID("TTY-HUNGUP-IO")
  public static let ttyLeaderExitForeground = RuleID("TTY-LEADER-EXIT-FG")
  public static let ttyLeaderExitOldGroup = RuleID("TTY-LEADER-EXIT-OLD-PGRP")
  public static let ttyMasterClosedAfterExit = RuleID("TTY-MASTER-CLOSED-NO-SESSION")
  public static let ttyInterruptChar = RuleID("TTY-ISIG")
  public static let ttyBackgroundRead = RuleID("TTY-BG-READ")
  public static let ttyForegroundRead = RuleID("TTY-FG-READ")
  public static let ttyEcho = RuleID("TTY-ECHO")
  // Launchers.
  public static let nohupIgnoresHangup = RuleID("NOHUP-IGNORE-HUP")
  public static let nohupStdin = RuleID("NOHUP-STDIN")
  public static let nohupOutput = RuleID("NOHUP-OUTPUT")
  public static let setsidFork = RuleID("SETSID-FORK")
  public static let inheritedIgnore = RuleID("PROG-INHERITED-IGNORE")
  public static let tmuxPane = RuleID("TMUX-PANE")
  // The job's program.
  public static let progHandler = RuleID("PROG-HANDLER")
  public static let progFork = RuleID("PROG-FORK")
  public static let progReadResult = RuleID("PROG-READ")
  public static let progResetsSignals = RuleID("PROG-RESETS-SIGNALS")
  public static let progExitsOn = RuleID("PROG-EXITS-ON-SIGNAL")
  public static let progWrite = RuleID("PROG-WRITE")
  // The user.
  public static let userTypes = RuleID("USER-TYPES")
  public static let userControlKey = RuleID("USER-CONTROL-KEY")
  public static let userKill = RuleID("USER-KILL")
  public static let userClosesTerminal = RuleID("USER-CLOSES-TERMINAL")
  public static let userKillsShell = RuleID("USER-KILL-HUP-SHELL")
}

extension RuleCatalog {
  static let kernel: [Rule] = [
    Rule(
      .kernQueued, .kernel, "A signal is queued for a running process",
      "A signal that is neither ignored nor already pending is added to the process's pending set and the process is woken; it acts when the process next runs.",
      ja: "実行中のプロセスにシグナルが保留される", zh: "信号挂起在正在运行的进程上",
      linux: "kernel/signal.c __send_signal → sigaddset, complete_signal → signal_wake_up",
      linux26: "kernel/signal.c __group_send_sig_info → __group_complete_signal",
      netbsd: "kern_sig.c psignal (sigaddset p_siglist, setrunnable)", posix: "POSIX XSH 2.4.1 (pending signals)"),
    Rule(
      .kernIgnoredDiscarded, .kernel, "Ignored signals are discarded",
      "A signal whose disposition is SIG_IGN (or SIG_DFL with a default action of ignore, like SIGCONT to a running process) is dropped when it is generated.",
      ja: "無視されたシグナルは破棄される", zh: "被忽略的信号会被丢弃",
      linux: "kernel/signal.c prepare_signal → sig_ignored", linux26: "kernel/signal.c sig_ignored",
      netbsd: "kern_sig.c psignal (p_sigignore)", posix: "POSIX XSH 2.4.3 Signal Actions (SIG_IGN)"),
    Rule(
      .kernMergedPending, .kernel, "Standard signals do not queue",
      "A standard signal that is already pending is not queued again; the second one is merged into the first.",
      ja: "標準シグナルはキューに溜まらない", zh: "标准信号不排队",
      linux: "kernel/signal.c __send_signal → legacy_queue", linux26: "kernel/signal.c LEGACY_QUEUE",
      netbsd: "kern_sig.c psignal (p_siglist is a set)",
      posix: "POSIX XSH 2.4.1 (not queued unless SA_SIGINFO realtime)"),
    Rule(
      .kernStoppedPending, .kernel, "A stopped process keeps signals pending",
      "Any signal but SIGKILL sent to a stopped process stays pending until SIGCONT resumes it.",
      ja: "停止中のプロセスではシグナルが保留される", zh: "已停止的进程会挂起信号",
      linux: "kernel/signal.c complete_signal → wants_signal (false for a stopped task)",
      linux26: "kernel/signal.c __group_complete_signal → wants_signal",
      netbsd: "kern_sig.c psignal (SSTOP case)",
      posix: "POSIX XSH 2.4.1 (stopped process: delivery deferred until continued)"),
    Rule(
      .kernContinueResumes, .kernel, "SIGCONT resumes a stopped process",
      "SIGCONT continues a stopped process whatever its disposition, and discards pending stop signals; it is then queued or dropped like any signal.",
      ja: "SIGCONT は停止中のプロセスを再開させる", zh: "SIGCONT 使已停止的进程继续运行",
      linux: "kernel/signal.c prepare_signal (SIGCONT branch, wake_up_state)",
      linux26: "kernel/signal.c handle_stop_signal",
      netbsd: "kern_sig.c psignal (SA_CONT)", posix: "POSIX XSH 2.4.3 (SIGCONT)"),
    Rule(
      .kernFatalGroupExit, .kernel, "A fatal signal kills a running process at once",
      "A default-fatal signal generated for a running process with nothing else pending starts its exit at once, with that signal as its death signal.",
      ja: "致命的なシグナルは実行中のプロセスを即座に終了させる", zh: "致命信号会立即终止正在运行的进程",
      linux: "kernel/signal.c complete_signal (sig_fatal → SIGNAL_GROUP_EXIT)",
      linux26: "kernel/signal.c __group_complete_signal (sig_fatal → SIGNAL_GROUP_EXIT)",
      netbsd: "kern_sig.c psignal → issignal at the next return to user mode"),
    Rule(
      .kernDequeue, .kernel, "Pending signals are taken lowest number first",
      "When a process runs, it dequeues pending signals lowest number first; each handler frame is pushed on the last, so handlers run last-dequeued first. A default-fatal one ends the process at its turn.",
      ja: "保留中のシグナルは番号の小さい順に処理される", zh: "挂起的信号按编号从小到大处理",
      linux: "kernel/signal.c get_signal → dequeue_signal/next_signal; arch signal frame setup",
      linux26: "kernel/signal.c get_signal_to_deliver → dequeue_signal",
      netbsd: "kern_sig.c issignal (firstsig) → postsig",
      posix: "POSIX XSH 2.4.1 (the order of pending non-realtime signals is unspecified)"),
    Rule(
      .kernExiting, .kernel, "Signals to an exiting process do nothing",
      "A process that is already dying (or a zombie) takes no further signals.",
      ja: "終了中のプロセスへのシグナルは効果がない", zh: "发给正在退出的进程的信号不起作用",
      linux: "kernel/signal.c prepare_signal (SIGNAL_GROUP_EXIT)", linux26: "kernel/signal.c (exit_state set)",
      netbsd: "kern_sig.c psignal (P_WEXIT)"),
    Rule(
      .kernNoSuchProcess, .kernel, "No such process",
      "kill/killpg to a process or group that no longer exists fails with ESRCH.",
      ja: "該当するプロセスがない(ESRCH)", zh: "没有这个进程(ESRCH)",
      linux: "kernel/signal.c kill_pid_info / __kill_pgrp_info (ESRCH)",
      linux26: "kernel/signal.c kill_pg_info (ESRCH)",
      netbsd: "kern_sig.c sys_kill / killpg1 (ESRCH)", posix: "POSIX XSH kill [ESRCH]"),
    Rule(
      .kernOrphanStopDiscarded, .kernel, "No job-control stops in orphaned groups",
      "SIGTSTP, SIGTTIN and SIGTTOU with the default action are discarded for a member of an orphaned process group.",
      ja: "孤児プロセスグループではジョブ制御による停止が起きない", zh: "孤儿进程组中不会发生作业控制停止",
      linux: "kernel/signal.c get_signal (is_current_pgrp_orphaned)",
      linux26: "kernel/signal.c get_signal_to_deliver (is_orphaned_pgrp)",
      netbsd: "kern_sig.c psignal (pg_jobc == 0)", posix: "POSIX XSH 2.4.3 (orphaned process group stop signals)"),
    Rule(
      .kernExecKeepsIgnored, .kernel, "exec keeps ignored signals",
      "exec resets caught signals to SIG_DFL but keeps SIG_IGN, so an ignore set by a launcher survives into the program.",
      ja: "exec しても無視設定は引き継がれる", zh: "exec 后被忽略的信号仍保持忽略",
      linux: "kernel/signal.c flush_signal_handlers(force_default=0)", linux26: "kernel/signal.c flush_signal_handlers",
      netbsd: "kern_sig.c execsigs", posix: "POSIX XSH exec (signals set to be ignored stay ignored)"),
    Rule(
      .kernExit, .kernel, "Process exit",
      "The process ends: its fds close, it becomes a zombie and its parent gets SIGCHLD.",
      ja: "プロセスの終了", zh: "进程退出",
      linux: "kernel/exit.c do_exit", linux26: "kernel/exit.c do_exit", netbsd: "kern_exit.c exit1",
      posix: "POSIX XSH _exit"),
    Rule(
      .kernReparent, .kernel, "Orphans get a new parent",
      "The children of an exiting process are re-parented to the nearest ancestor marked child subreaper, or to init (pid 1).",
      ja: "孤児プロセスに新しい親が付く", zh: "孤儿进程获得新的父进程",
      linux: "kernel/exit.c forget_original_parent → find_new_reaper (PR_SET_CHILD_SUBREAPER)",
      linux26: "kernel/exit.c forget_original_parent (child_reaper)",
      netbsd: "kern_exit.c exit1 → proc_reparent(initproc)",
      posix: "POSIX XSH _exit (parent process ID set to an implementation-defined process)"),
    Rule(
      .kernOrphanedGroup, .kernel, "Newly orphaned group with a stopped member",
      "When an exit leaves a process group orphaned and a member is stopped, every member gets SIGHUP and then SIGCONT.",
      ja: "停止中のメンバーを持つプロセスグループが新たに孤児になる", zh: "含有已停止成员的进程组新成为孤儿进程组",
      linux: "kernel/exit.c exit_notify → kill_orphaned_pgrp (will_become_orphaned_pgrp, has_stopped_jobs)",
      linux26: "kernel/exit.c exit_notify / reparent_thread (will_become_orphaned_pgrp, has_stopped_jobs)",
      netbsd: "kern_proc.c fixjobc → orphanpg", posix: "POSIX XSH _exit (orphaned process group)"),
    Rule(
      .kernSetsid, .kernel, "setsid starts a new session",
      "setsid() makes the caller leader of a new session and process group with no controlling terminal.",
      ja: "setsid が新しいセッションを作る", zh: "setsid 创建新会话",
      linux: "kernel/sys.c ksys_setsid", linux26: "kernel/sys.c sys_setsid", netbsd: "kern_prot.c sys_setsid",
      posix: "POSIX XSH setsid"),
  ]

  static let terminal: [Rule] = [
    Rule(
      .ttyHangupLeader, .terminal, "Hang-up signals the session leader",
      "When the last descriptor of the pty master closes, the terminal hangs up: the session leader alone gets SIGHUP (Linux: then SIGCONT, and the foreground group is remembered).",
      ja: "ハングアップでセッションリーダーにシグナルが送られる", zh: "挂断时向会话首进程发送信号",
      linux: "drivers/tty/pty.c pty_close → tty_vhangup → __tty_hangup → tty_signal_session_leader",
      linux26: "drivers/char/pty.c pty_close → tty_vhangup → do_tty_hangup",
      netbsd: "tty_pty.c ptcclose → ttymodem(tp, 0) → psignal(s_leader, SIGHUP)",
      posix: "POSIX XBD 11.1.10 Modem Disconnect"),
    Rule(
      .ttyHungUpIO, .terminal, "I/O on a hung-up terminal",
      "After a hang-up, reads on the terminal return end of file and writes fail with EIO.",
      ja: "ハングアップした端末への入出力", zh: "对已挂断终端的读写",
      linux: "drivers/tty/tty_io.c hung_up_tty_read / hung_up_tty_write",
      linux26: "drivers/char/tty_io.c hung_up_tty_read / hung_up_tty_write",
      netbsd: "tty_pty.c ptsread/ptswrite (t_oproc cleared); deadfs after revoke", posix: "POSIX XBD 11.1.10"),
    Rule(
      .ttyLeaderExitForeground, .terminal, "Controlling process exit signals the foreground group",
      "When the session leader exits while it still has its controlling terminal, every process of the foreground group gets SIGHUP, and the session loses the terminal.",
      ja: "制御プロセスの終了でフォアグラウンドのプロセスグループにシグナルが送られる", zh: "控制进程退出时向前台进程组发送信号",
      linux: "drivers/tty/tty_jobctrl.c disassociate_ctty(1) → kill_pgrp(SIGHUP)",
      linux26: "drivers/char/tty_io.c disassociate_ctty(1) → kill_pg(SIGHUP)",
      netbsd: "kern_exit.c exit1 → pgsignal(t_pgrp, SIGHUP, 1); VOP_REVOKE",
      posix: "POSIX XSH _exit (controlling process)"),
    Rule(
      .ttyLeaderExitOldGroup, .terminal, "Leader exit after a hang-up",
      "If the terminal already hung up, the group that was in the foreground at hang-up time gets SIGHUP then SIGCONT when the session leader exits.",
      ja: "ハングアップ後のセッションリーダーの終了", zh: "挂断后会话首进程退出",
      linux: "drivers/tty/tty_jobctrl.c disassociate_ctty(1) (tty_old_pgrp)",
      linux26: "drivers/char/tty_io.c disassociate_ctty(1) (tty_old_pgrp)"),
    Rule(
      .ttyMasterClosedAfterExit, .terminal, "Master closed after the shell left",
      "The terminal emulator or sshd closes the pty master when the shell has exited; the terminal hangs up but no session owns it, so nobody is signalled. Open descriptors become hung up.",
      ja: "シェル終了後に擬似端末の master が閉じられる", zh: "shell 退出后伪终端 master 被关闭",
      linux: "drivers/tty/tty_io.c __tty_hangup (tty->session already NULL)",
      linux26: "drivers/char/tty_io.c do_tty_hangup (tty->session == 0)",
      netbsd: "tty_pty.c ptcclose → ttymodem (no session leader left)",
      userland: "OpenSSH session.c session_pty_cleanup2"),
    Rule(
      .ttyInterruptChar, .terminal, "Control characters signal the foreground group",
      "^C, ^Z and ^\\ make the terminal send SIGINT, SIGTSTP or SIGQUIT to every process of the foreground group.",
      ja: "制御文字でフォアグラウンドのプロセスグループにシグナルが送られる", zh: "控制字符向前台进程组发送信号",
      linux: "drivers/tty/n_tty.c n_tty_receive_signal_char → isig → kill_pgrp",
      linux26: "drivers/char/n_tty.c isig → kill_pg",
      netbsd: "tty.c ttyinput → pgsignal(t_pgrp)", posix: "POSIX XBD 11.1.9 Special Characters"),
    Rule(
      .ttyBackgroundRead, .terminal, "Background read from the terminal",
      "A background process reading its controlling terminal makes the terminal send SIGTTIN to its whole group; the read fails with EIO instead if SIGTTIN is ignored or blocked or the group is orphaned.",
      ja: "バックグラウンドからの端末読み込み", zh: "后台进程读取终端",
      linux: "drivers/tty/n_tty.c n_tty_read → job_control → __tty_check_change(SIGTTIN)",
      linux26: "drivers/char/n_tty.c job_control", netbsd: "tty.c ttread (isbackground)",
      posix: "POSIX XBD 11.1.4 Terminal Access Control"),
    Rule(
      .ttyEcho, .terminal, "The terminal echoes what the user types",
      "With ECHO set (canonical mode, as a shell leaves the terminal for a foreground job) the line discipline echoes each typed character as it arrives, whether or not anyone reads it.",
      ja: "端末は入力された文字をエコーする", zh: "终端回显用户输入的字符",
      linux: "drivers/tty/n_tty.c n_tty_receive_char (L_ECHO → echo_char, commit_echoes)",
      linux26: "drivers/char/n_tty.c n_tty_receive_char (L_ECHO → echo_char)",
      netbsd: "tty.c ttyinput (ECHO → ttyecho)", posix: "POSIX XBD 11.2.5 Local Modes (ECHO)"),
    Rule(
      .ttyForegroundRead, .terminal, "Read without job-control check",
      "A foreground process, or one that has no controlling terminal, just waits for input; a read blocked when the pty master closes fails with EIO on Linux.",
      ja: "ジョブ制御のチェックを受けない読み込み", zh: "不受作业控制检查的读取",
      linux: "drivers/tty/n_tty.c n_tty_read (TTY_OTHER_CLOSED → EIO)", linux26: "drivers/char/n_tty.c read_chan",
      netbsd: "tty_pty.c ptsread (returns 0 once t_oproc is cleared)"),
  ]

  static let launchers: [Rule] = [
    Rule(
      .nohupIgnoresHangup, .launcher, "nohup ignores SIGHUP",
      "nohup sets SIGHUP to SIG_IGN and execs the command, which inherits the ignore. It leaves SIGTERM and every other signal alone.",
      ja: "nohup が SIGHUP を無視に設定する", zh: "nohup 将 SIGHUP 设为忽略",
      netbsd: "usr.bin/nohup/nohup.c signal(SIGHUP, SIG_IGN)", userland: "coreutils src/nohup.c signal(SIGHUP, SIG_IGN)"
    ),
    Rule(
      .nohupStdin, .launcher, "nohup and standard input",
      "GNU nohup (5.90+) reopens a terminal stdin on /dev/null write-only, so the command's reads fail with EBADF; NetBSD's nohup leaves stdin on the terminal.",
      ja: "nohup と標準入力", zh: "nohup 与标准输入",
      netbsd: "usr.bin/nohup/nohup.c (stdin untouched)",
      userland: "coreutils src/nohup.c (fd_reopen(STDIN_FILENO, \"/dev/null\", O_WRONLY))"),
    Rule(
      .nohupOutput, .launcher, "nohup output",
      "A terminal stdout goes to nohup.out and a terminal stderr follows it.",
      ja: "nohup の出力先", zh: "nohup 的输出",
      netbsd: "usr.bin/nohup/nohup.c dofile", userland: "coreutils src/nohup.c (nohup.out, O_APPEND)"),
    Rule(
      .setsidFork, .launcher, "setsid forks when it leads a group",
      "setsid(1) forks if it is a process-group leader (always, as a job); the parent exits at once and the child calls setsid() and execs the command.",
      ja: "setsid はプロセスグループリーダーなら fork する", zh: "setsid 是进程组组长时会 fork",
      userland: "util-linux sys-utils/setsid.c (getpgrp() == getpid() → fork)"),
    Rule(
      .tmuxPane, .launcher, "A terminal multiplexer's pane",
      "tmux runs a daemonized server in its own session; each pane is a new session on a pseudo-terminal the server holds open, so the login session's end never reaches it.",
      ja: "端末マルチプレクサのペイン", zh: "终端复用器的窗格",
      userland: "tmux proc.c proc_fork_and_daemon (daemon(3)); spawn.c spawn_pane (fdforkpty)"),
    Rule(
      .inheritedIgnore, .launcher, "Inherited ignore",
      "The job starts with these signals already ignored (trap '' SIG in a parent, or a wrapper), and exec keeps them ignored.",
      ja: "引き継がれた無視設定", zh: "继承的忽略设置",
      linux: "kernel/signal.c flush_signal_handlers", netbsd: "kern_sig.c execsigs", posix: "POSIX XSH exec"),
  ]

  static let programs: [Rule] = [
    Rule(
      .progHandler, .program, "The program's handler runs",
      "The job's program caught the signal: its handler runs and it carries on.",
      ja: "プログラムのシグナルハンドラが動く", zh: "程序的信号处理函数运行"),
    Rule(
      .progFork, .program, "The program forks",
      "The program creates a child in its own process group (fork keeps the group and dispositions).",
      ja: "プログラムが fork する", zh: "程序 fork 子进程"),
    Rule(
      .progResetsSignals, .program, "The program resets its signal dispositions",
      "node resets every inherited SIG_IGN at start-up, and libuv resets signals 1–31 to SIG_DFL in every child it spawns: nohup's SIGHUP ignore does not survive them.",
      ja: "プログラムがシグナルの扱いを既定に戻す", zh: "程序把信号处理重置为默认",
      userland:
        "libuv src/unix/process.c uv__process_child_init (signal reset loop); node src/node.cc ResetSignalHandlers"),
    Rule(
      .progExitsOn, .program, "The program shuts down on the signal",
      "The program's handler for the signal runs its shutdown path and exits (Go's signal.Notify, node's process.on): a handler installed over an inherited SIG_IGN defeats nohup.",
      ja: "プログラムがシグナルで終了処理をする", zh: "程序收到信号后关闭自身",
      userland: "Go os/signal Notify (replaces an inherited SIG_IGN); node process.on('SIGHUP')"),
    Rule(
      .progWrite, .program, "The program writes to its stdout",
      "A write to a hung-up terminal fails with EIO; a write to a pipe nobody reads makes the kernel send the writer SIGPIPE (EPIPE if SIGPIPE is ignored or caught). The program exits on a failed write.",
      ja: "プログラムが標準出力に書き込む", zh: "程序写标准输出",
      linux:
        "drivers/tty/tty_io.c hung_up_tty_write (-EIO); fs/pipe.c pipe_write (send_sig(SIGPIPE, current, 0), -EPIPE)",
      posix: "POSIX XSH write [EPIPE], [EIO]"),
    Rule(
      .progReadResult, .program, "The program reads standard input",
      "What the job's read() returns, and what the program does about it (EOF → exit 0, error → exit 1, EINTR → read again).",
      ja: "プログラムが標準入力を読む", zh: "程序读取标准输入"),
  ]

  static let user: [Rule] = [
    Rule(
      .userTypes, .user, "The user types a command",
      "A command line typed at the shell's prompt.",
      ja: "ユーザーがコマンドを入力する", zh: "用户输入命令"),
    Rule(
      .userControlKey, .user, "The user presses a control key",
      "^C, ^Z or ^D typed on the terminal.",
      ja: "ユーザーが制御キーを押す", zh: "用户按下控制键"),
    Rule(
      .userKill, .user, "kill from elsewhere",
      "kill(1) run from another terminal sends one signal to one process.",
      ja: "別の端末からの kill", zh: "从别处执行 kill",
      posix: "POSIX XSH kill"),
    Rule(
      .userClosesTerminal, .user, "The terminal goes away",
      "The terminal window is closed or the SSH connection drops: the last descriptor of the pty master closes.",
      ja: "端末が消える", zh: "终端消失"),
    Rule(
      .userKillsShell, .user, "SIGHUP sent to the shell",
      "Someone runs kill -HUP on the shell while the terminal stays open.",
      ja: "シェルに SIGHUP が送られる", zh: "向 shell 发送 SIGHUP"),
  ]
}
