/// Every rule the simulator applies. Each event it records names one of these.
///
/// The catalogue is data: `hupsim rules` prints it, and a test checks that every
/// rule an event uses is listed here and that IDs never change.
public enum RuleCatalog {
  public static func rule(_ id: RuleID) -> Rule {
    guard let rule = all.first(where: { $0.id == id }) else {
      preconditionFailure("rule \(id) is not in the catalogue")
    }
    return rule
  }

  public static let all: [Rule] = kernel + terminal + shell + launchers + programs + user
}

extension RuleID {
  // Kernel: signal semantics.
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
  // bash.
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
  // The user.
  public static let userTypes = RuleID("USER-TYPES")
  public static let userControlKey = RuleID("USER-CONTROL-KEY")
  public static let userKill = RuleID("USER-KILL")
  public static let userClosesTerminal = RuleID("USER-CLOSES-TERMINAL")
  public static let userKillsShell = RuleID("USER-KILL-HUP-SHELL")
}

extension RuleCatalog {
  static let kernel: [Rule] = [
    Rule(.kernIgnoredDiscarded, .kernel, "Ignored signals are discarded",
         "A signal whose disposition is SIG_IGN (or SIG_DFL with a default action of ignore, like SIGCONT to a running process) is dropped when it is generated.",
         linux: "kernel/signal.c prepare_signal → sig_ignored", linux26: "kernel/signal.c sig_ignored",
         netbsd: "kern_sig.c psignal (p_sigignore)", posix: "POSIX XSH 2.4.3 Signal Actions (SIG_IGN)"),
    Rule(.kernMergedPending, .kernel, "Standard signals do not queue",
         "A standard signal that is already pending is not queued again; the second one is merged into the first.",
         linux: "kernel/signal.c __send_signal → legacy_queue", linux26: "kernel/signal.c LEGACY_QUEUE",
         netbsd: "kern_sig.c psignal (p_siglist is a set)", posix: "POSIX XSH 2.4.1 (not queued unless SA_SIGINFO realtime)"),
    Rule(.kernStoppedPending, .kernel, "A stopped process keeps signals pending",
         "Any signal but SIGKILL sent to a stopped process stays pending until SIGCONT resumes it.",
         linux: "kernel/signal.c complete_signal → wants_signal (false for a stopped task)",
         linux26: "kernel/signal.c __group_complete_signal → wants_signal",
         netbsd: "kern_sig.c psignal (SSTOP case)", posix: "POSIX XSH 2.4.1 (stopped process: delivery deferred until continued)"),
    Rule(.kernContinueResumes, .kernel, "SIGCONT resumes a stopped process",
         "SIGCONT continues a stopped process whatever its disposition, and discards pending stop signals; it is then queued or dropped like any signal.",
         linux: "kernel/signal.c prepare_signal (SIGCONT branch, wake_up_state)", linux26: "kernel/signal.c handle_stop_signal",
         netbsd: "kern_sig.c psignal (SA_CONT)", posix: "POSIX XSH 2.4.3 (SIGCONT)"),
    Rule(.kernFatalGroupExit, .kernel, "A fatal signal kills a running process at once",
         "A default-fatal signal generated for a running process with nothing else pending starts its exit at once, with that signal as its death signal.",
         linux: "kernel/signal.c complete_signal (sig_fatal → SIGNAL_GROUP_EXIT)",
         linux26: "kernel/signal.c __group_complete_signal (sig_fatal → SIGNAL_GROUP_EXIT)",
         netbsd: "kern_sig.c psignal → issignal at the next return to user mode"),
    Rule(.kernDequeue, .kernel, "Pending signals are taken lowest number first",
         "When a process runs, it dequeues pending signals lowest number first; each handler frame is pushed on the last, so handlers run last-dequeued first. A default-fatal one ends the process at its turn.",
         linux: "kernel/signal.c get_signal → dequeue_signal/next_signal; arch signal frame setup",
         linux26: "kernel/signal.c get_signal_to_deliver → dequeue_signal", netbsd: "kern_sig.c issignal (firstsig) → postsig",
         posix: "POSIX: order of non-realtime signals is unspecified"),
    Rule(.kernExiting, .kernel, "Signals to an exiting process do nothing",
         "A process that is already dying (or a zombie) takes no further signals.",
         linux: "kernel/signal.c prepare_signal (SIGNAL_GROUP_EXIT)", linux26: "kernel/signal.c (exit_state set)",
         netbsd: "kern_sig.c psignal (P_WEXIT)"),
    Rule(.kernNoSuchProcess, .kernel, "No such process",
         "kill/killpg to a process or group that no longer exists fails with ESRCH.",
         linux: "kernel/signal.c kill_pid_info / __kill_pgrp_info (ESRCH)", linux26: "kernel/signal.c kill_pg_info (ESRCH)",
         netbsd: "kern_sig.c sys_kill / killpg1 (ESRCH)", posix: "POSIX kill() ESRCH"),
    Rule(.kernOrphanStopDiscarded, .kernel, "No job-control stops in orphaned groups",
         "SIGTSTP, SIGTTIN and SIGTTOU with the default action are discarded for a member of an orphaned process group.",
         linux: "kernel/signal.c get_signal (is_current_pgrp_orphaned)", linux26: "kernel/signal.c get_signal_to_deliver (is_orphaned_pgrp)",
         netbsd: "kern_sig.c psignal (pg_jobc == 0)", posix: "POSIX XSH 2.4.3 (orphaned process group stop signals)"),
    Rule(.kernExecKeepsIgnored, .kernel, "exec keeps ignored signals",
         "exec resets caught signals to SIG_DFL but keeps SIG_IGN, so an ignore set by a launcher survives into the program.",
         linux: "kernel/signal.c flush_signal_handlers(force_default=0)", linux26: "kernel/signal.c flush_signal_handlers",
         netbsd: "kern_sig.c execsigs", posix: "POSIX XSH exec (signals set to be ignored stay ignored)"),
    Rule(.kernExit, .kernel, "Process exit",
         "The process ends: its fds close, it becomes a zombie and its parent gets SIGCHLD.",
         linux: "kernel/exit.c do_exit", linux26: "kernel/exit.c do_exit", netbsd: "kern_exit.c exit1",
         posix: "POSIX XSH _exit"),
    Rule(.kernReparent, .kernel, "Orphans get a new parent",
         "The children of an exiting process are re-parented to the nearest ancestor marked child subreaper, or to init (pid 1).",
         linux: "kernel/exit.c forget_original_parent → find_new_reaper (PR_SET_CHILD_SUBREAPER)",
         linux26: "kernel/exit.c forget_original_parent (child_reaper)", netbsd: "kern_exit.c exit1 → proc_reparent(initproc)",
         posix: "POSIX XSH _exit (parent process ID set to an implementation-defined process)"),
    Rule(.kernOrphanedGroup, .kernel, "Newly orphaned group with a stopped member",
         "When an exit leaves a process group orphaned and a member is stopped, every member gets SIGHUP and then SIGCONT.",
         linux: "kernel/exit.c exit_notify → kill_orphaned_pgrp (will_become_orphaned_pgrp, has_stopped_jobs)",
         linux26: "kernel/exit.c exit_notify / reparent_thread (will_become_orphaned_pgrp, has_stopped_jobs)",
         netbsd: "kern_proc.c fixjobc → orphanpg", posix: "POSIX XSH _exit (orphaned process group)"),
    Rule(.kernSetsid, .kernel, "setsid starts a new session",
         "setsid() makes the caller leader of a new session and process group with no controlling terminal.",
         linux: "kernel/sys.c ksys_setsid", linux26: "kernel/sys.c sys_setsid", netbsd: "kern_prot.c sys_setsid",
         posix: "POSIX XSH setsid"),
  ]

  static let terminal: [Rule] = [
    Rule(.ttyHangupLeader, .terminal, "Hang-up signals the session leader",
         "When the last descriptor of the pty master closes, the terminal hangs up: the session leader alone gets SIGHUP (Linux: then SIGCONT, and the foreground group is remembered).",
         linux: "drivers/tty/pty.c pty_close → tty_vhangup → __tty_hangup → tty_signal_session_leader",
         linux26: "drivers/char/pty.c pty_close → tty_vhangup → do_tty_hangup",
         netbsd: "tty_pty.c ptcclose → ttymodem(tp, 0) → psignal(s_leader, SIGHUP)",
         posix: "POSIX XBD 11.1.10 Modem Disconnect"),
    Rule(.ttyHungUpIO, .terminal, "I/O on a hung-up terminal",
         "After a hang-up, reads on the terminal return end of file and writes fail with EIO.",
         linux: "drivers/tty/tty_io.c hung_up_tty_read / hung_up_tty_write", linux26: "drivers/char/tty_io.c hung_up_tty_read / hung_up_tty_write",
         netbsd: "tty_pty.c ptsread/ptswrite (t_oproc cleared); deadfs after revoke", posix: "POSIX XBD 11.1.10"),
    Rule(.ttyLeaderExitForeground, .terminal, "Controlling process exit signals the foreground group",
         "When the session leader exits while it still has its controlling terminal, every process of the foreground group gets SIGHUP, and the session loses the terminal.",
         linux: "drivers/tty/tty_jobctrl.c disassociate_ctty(1) → kill_pgrp(SIGHUP)",
         linux26: "drivers/char/tty_io.c disassociate_ctty(1) → kill_pg(SIGHUP)",
         netbsd: "kern_exit.c exit1 → pgsignal(t_pgrp, SIGHUP, 1); VOP_REVOKE",
         posix: "POSIX XSH _exit (controlling process)"),
    Rule(.ttyLeaderExitOldGroup, .terminal, "Leader exit after a hang-up",
         "If the terminal already hung up, the group that was in the foreground at hang-up time gets SIGHUP then SIGCONT when the session leader exits.",
         linux: "drivers/tty/tty_jobctrl.c disassociate_ctty(1) (tty_old_pgrp)",
         linux26: "drivers/char/tty_io.c disassociate_ctty(1) (tty_old_pgrp)"),
    Rule(.ttyMasterClosedAfterExit, .terminal, "Master closed after the shell left",
         "The terminal emulator or sshd closes the pty master when the shell has exited; the terminal hangs up but no session owns it, so nobody is signalled. Open descriptors become hung up.",
         linux: "drivers/tty/tty_io.c __tty_hangup (tty->session already NULL)", linux26: "drivers/char/tty_io.c do_tty_hangup (tty->session == 0)",
         netbsd: "tty_pty.c ptcclose → ttymodem (no session leader left)", userland: "OpenSSH session.c session_pty_cleanup2"),
    Rule(.ttyInterruptChar, .terminal, "Control characters signal the foreground group",
         "^C, ^Z and ^\\ make the terminal send SIGINT, SIGTSTP or SIGQUIT to every process of the foreground group.",
         linux: "drivers/tty/n_tty.c n_tty_receive_signal_char → isig → kill_pgrp", linux26: "drivers/char/n_tty.c isig → kill_pg",
         netbsd: "tty.c ttyinput → pgsignal(t_pgrp)", posix: "POSIX XBD 11.1.9 Special Characters"),
    Rule(.ttyBackgroundRead, .terminal, "Background read from the terminal",
         "A background process reading its controlling terminal makes the terminal send SIGTTIN to its whole group; the read fails with EIO instead if SIGTTIN is ignored or blocked or the group is orphaned.",
         linux: "drivers/tty/n_tty.c n_tty_read → job_control → __tty_check_change(SIGTTIN)",
         linux26: "drivers/char/n_tty.c job_control", netbsd: "tty.c ttread (isbackground)",
         posix: "POSIX XBD 11.1.4 Terminal Access Control"),
    Rule(.ttyForegroundRead, .terminal, "Read without job-control check",
         "A foreground process, or one that has no controlling terminal, just waits for input; a read blocked when the pty master closes fails with EIO on Linux.",
         linux: "drivers/tty/n_tty.c n_tty_read (TTY_OTHER_CLOSED → EIO)", linux26: "drivers/char/n_tty.c read_chan",
         netbsd: "tty_pty.c ptsread (returns 0 once t_oproc is cleared)"),
  ]

  static let shell: [Rule] = [
    Rule(.bashJobStart, .shell, "Starting a job",
         "bash forks the job, puts it in its own process group and, for a foreground job, gives it the terminal.",
         bash: "jobs.c make_child / stop_pipeline / give_terminal_to"),
    Rule(.bashJobStopped, .shell, "bash notices a stopped job",
         "waitchld sees the job stop (WUNTRACED) and marks it JSTOPPED; bash takes the terminal back and reports it.",
         bash: "jobs.c waitchld → set_job_status_and_cleanup; notify_of_job_status"),
    Rule(.bashExitBuiltin, .shell, "The exit builtin",
         "exit prints \"logout\" in a login shell (\"exit\" otherwise) when interactive, then checks for jobs.",
         bash: "builtins/exit.def exit_builtin → exit_or_logout"),
    Rule(.bashEOF, .shell, "End of file at the prompt",
         "^D at an interactive prompt calls the exit builtin (unless ignoreeof).",
         bash: "parse.y handle_eof_input_unit → exit_builtin"),
    Rule(.bashStoppedJobsWarning, .shell, "There are stopped jobs.",
         "An interactive exit or logout with stopped jobs prints \"There are stopped jobs.\" and does not exit; a second exit right after does.",
         bash: "builtins/exit.def exit_or_logout (last_shell_builtin ∈ {exit, logout, jobs})"),
    Rule(.bashRunningJobsWarning, .shell, "There are running jobs.",
         "With shopt checkjobs (4.0+), running jobs also stop the first exit.",
         bash: "builtins/exit.def exit_or_logout (check_jobs_at_exit)"),
    Rule(.bashLogoutNotLogin, .shell, "logout in a non-login shell",
         "logout in a shell that is not a login shell prints an error and does nothing else.",
         bash: "builtins/exit.def logout_builtin"),
    Rule(.bashHuponexit, .shell, "huponexit",
         "An interactive login shell with shopt huponexit hangs up all jobs when it exits.",
         bash: "shell.c exit_shell (interactive_shell && login_shell && hup_on_exit → hangup_all_jobs)"),
    Rule(.bashHangupAllJobs, .shell, "hangup_all_jobs",
         "bash sends SIGHUP to every job's process group, and SIGCONT after it to a stopped job. A disown -h (J_NOHUP) job gets no SIGHUP; up to 3.1 a stopped one still gets SIGCONT, from 3.2 it is skipped.",
         bash: "jobs.c hangup_all_jobs"),
    Rule(.bashTerminateStopped, .shell, "terminate_stopped_jobs",
         "When bash ends job control, every job it recorded as stopped gets SIGTERM and then SIGCONT, whatever its J_NOHUP flag; nohup cannot prevent it.",
         bash: "jobs.c end_job_control → terminate_stopped_jobs"),
    Rule(.bashSighupHandler, .shell, "bash's SIGHUP handler",
         "An interactive bash that gets SIGHUP hangs up all its jobs (no login or huponexit test, the foreground job included), ends job control, and kills itself with SIGHUP.",
         bash: "{handler} → hangup_all_jobs, end_job_control"),
    Rule(.bashReadlineResend, .shell, "readline passes SIGHUP on",
         "While readline reads the command line (bash 4.3+), its handler catches SIGHUP, restores the terminal and bash's handler, and sends the signal to the shell again.",
         bash: "lib/readline/signals.c rl_signal_handler → _rl_handle_signal (kill(getpid(), sig))"),
    Rule(.bashGiveTerminalBack, .shell, "Giving the terminal back",
         "end_job_control makes the shell's original process group the foreground group again, when bash's own record (terminal_pgrp) says another group has the terminal.",
         bash: "jobs.c end_job_control (terminal_pgrp != original_pgrp → give_terminal_to(original_pgrp))"),
    Rule(.bashSelfKill, .shell, "bash kills itself with the signal",
         "After the cleanup, bash resets the signal to SIG_DFL and sends it to itself, so its parent sees it die of that signal.",
         bash: "{handler} (kill(getpid(), sig))"),
    Rule(.bashExitShell, .shell, "exit_shell",
         "bash runs the EXIT trap, hangs up jobs if huponexit applies, ends job control and exits.",
         bash: "shell.c exit_shell → end_job_control"),
    Rule(.bashDisown, .shell, "disown",
         "disown removes the job from the table: bash never signals it again. Disowning a stopped job prints a warning.",
         bash: "builtins/jobs.def disown_builtin → delete_job"),
    Rule(.bashDisownNohup, .shell, "disown -h",
         "disown -h keeps the job but marks it J_NOHUP so hangup_all_jobs sends it no SIGHUP.",
         bash: "builtins/jobs.def disown_builtin → nohup_job (J_NOHUP)"),
    Rule(.bashSubshellAsync, .shell, "( cmd & )",
         "The subshell has no job control: cmd stays in the subshell's process group, its stdin is /dev/null and SIGINT/SIGQUIT are ignored; the subshell exits at once, so cmd is in no job table.",
         bash: "execute_cmd.c execute_in_subshell (without_job_control) / setup_async_signals"),
    Rule(.bashBuiltinBg, .shell, "bg",
         "bg sends SIGCONT to the job's process group and marks it running.",
         bash: "jobs.c start_job (killpg SIGCONT)"),
    Rule(.bashBuiltinFg, .shell, "fg",
         "fg gives the job the terminal and sends SIGCONT.",
         bash: "jobs.c start_job (give_terminal_to, killpg SIGCONT)"),
    Rule(.bashBuiltinKill, .shell, "kill builtin",
         "The kill builtin signals one process or, with %job, the job's group; SIGTERM or SIGHUP to a stopped job is followed by SIGCONT.",
         bash: "builtins/kill.def → jobs.c kill_pid"),
    Rule(.bashBuiltinJobs, .shell, "jobs",
         "Running jobs makes the next exit leave at once even with stopped jobs.",
         bash: "builtins/jobs.def jobs_builtin; exit.def exit_or_logout (last_shell_builtin == jobs)"),
  ]

  static let launchers: [Rule] = [
    Rule(.nohupIgnoresHangup, .launcher, "nohup ignores SIGHUP",
         "nohup sets SIGHUP to SIG_IGN and execs the command, which inherits the ignore. It leaves SIGTERM and every other signal alone.",
         netbsd: "usr.bin/nohup/nohup.c signal(SIGHUP, SIG_IGN)", userland: "coreutils src/nohup.c signal(SIGHUP, SIG_IGN)"),
    Rule(.nohupStdin, .launcher, "nohup and standard input",
         "GNU nohup (5.90+) reopens a terminal stdin on /dev/null write-only, so the command's reads fail with EBADF; NetBSD's nohup leaves stdin on the terminal.",
         netbsd: "usr.bin/nohup/nohup.c (stdin untouched)", userland: "coreutils src/nohup.c (fd_reopen(STDIN_FILENO, \"/dev/null\", O_WRONLY))"),
    Rule(.nohupOutput, .launcher, "nohup output",
         "A terminal stdout goes to nohup.out and a terminal stderr follows it.",
         netbsd: "usr.bin/nohup/nohup.c dofile", userland: "coreutils src/nohup.c (nohup.out, O_APPEND)"),
    Rule(.setsidFork, .launcher, "setsid forks when it leads a group",
         "setsid(1) forks if it is a process-group leader (always, as a job); the parent exits at once and the child calls setsid() and execs the command.",
         userland: "util-linux sys-utils/setsid.c (getpgrp() == getpid() → fork)"),
    Rule(.tmuxPane, .launcher, "A terminal multiplexer's pane",
         "tmux runs a daemonized server in its own session; each pane is a new session on a pseudo-terminal the server holds open, so the login session's end never reaches it.",
         userland: "tmux proc.c proc_fork_and_daemon (daemon(3)); spawn.c spawn_pane (fdforkpty)"),
    Rule(.inheritedIgnore, .launcher, "Inherited ignore",
         "The job starts with these signals already ignored (trap '' SIG in a parent, or a wrapper), and exec keeps them ignored.",
         linux: "kernel/signal.c flush_signal_handlers", netbsd: "kern_sig.c execsigs", posix: "POSIX XSH exec"),
  ]

  static let programs: [Rule] = [
    Rule(.progHandler, .program, "The program's handler runs",
         "The job's program caught the signal: its handler runs and it carries on."),
    Rule(.progFork, .program, "The program forks",
         "The program creates a child in its own process group (fork keeps the group and dispositions)."),
    Rule(.progReadResult, .program, "The program reads standard input",
         "What the job's read() returns, and what the program does about it (EOF → exit 0, error → exit 1, EINTR → read again)."),
  ]

  static let user: [Rule] = [
    Rule(.userTypes, .user, "The user types a command",
         "A command line typed at the shell's prompt."),
    Rule(.userControlKey, .user, "The user presses a control key",
         "^C, ^Z or ^D typed on the terminal."),
    Rule(.userKill, .user, "kill from elsewhere",
         "kill(1) run from another terminal sends one signal to one process.",
         posix: "POSIX XSH kill"),
    Rule(.userClosesTerminal, .user, "The terminal goes away",
         "The terminal window is closed or the SSH connection drops: the last descriptor of the pty master closes."),
    Rule(.userKillsShell, .user, "SIGHUP sent to the shell",
         "Someone runs kill -HUP on the shell while the terminal stays open."),
  ]
}
