// Programs that detach themselves: glibc daemon(3), the double fork, setsid() and
// setpgid() in place. What follows (the shell sees its job end, the daemon is re-parented,
// nothing reaches it) comes from the kernel rules already modelled.

/// What a detaching program did.
public enum DaemonStep: Sendable, Equatable {
  /// It forked the daemon child and the parent exited at once.
  case forked(child: Int)
  /// `setsid()` made it a session leader without a terminal.
  case newSession
  /// `setsid()` failed with EPERM: it already leads its process group (a job leader).
  case setsidFails
  /// The first child forked the daemon (double fork) and exits.
  case forkedAgain(child: Int)
  /// stdin, stdout and stderr now point at /dev/null.
  case stdioToDevNull
  /// `setpgid(0, 0)`: a group of its own, same session, same terminal.
  case ownGroup(group: Int)
  /// `setpgid(0, 0)` changed nothing: it already leads its group.
  case alreadyLeadsGroup
}

extension RuleID {
  public static let progDaemon = RuleID("PROG-DAEMON")
  public static let progDoubleFork = RuleID("PROG-DOUBLE-FORK")
  public static let progSetsid = RuleID("PROG-SETSID")
  public static let progSetpgid = RuleID("PROG-SETPGID")
}

extension RuleCatalog {
  static let daemons: [Rule] = [
    Rule(
      .progDaemon, .program, "The program daemonizes itself (daemon(3))",
      "glibc daemon(): fork, the parent _exit(0)s, the child calls setsid() (a new session with no terminal), chdir(\"/\"), and unless asked not to points stdin, stdout and stderr at /dev/null. The shell sees its job end at once.",
      ja: "プログラムが自分でデーモン化する(daemon(3))", zh: "程序自行守护进程化(daemon(3))",
      linux: "kernel/sys.c ksys_setsid", userland: "glibc 2.36 misc/daemon.c daemon"),
    Rule(
      .progDoubleFork, .program, "The classic double fork",
      "fork, setsid() in the child, fork again and let the first child exit: the daemon is in a new session but not its leader, so opening a terminal can never make it its controlling terminal.",
      ja: "古典的な二重 fork", zh: "经典的两次 fork",
      linux: "kernel/sys.c ksys_setsid; drivers/tty/tty_io.c tty_open (O_NOCTTY, session leader only)",
      posix:
        "POSIX XBD 11.1.3 The Controlling Terminal (only a session leader acquires one); W. R. Stevens, APUE 13.3 Coding Rules (daemon_init)"
    ),
    Rule(
      .progSetsid, .program, "setsid() in place",
      "setsid() without forking: it fails with EPERM when the caller already leads a process group — as every job leader of a shell with job control does — and then the program carries on as a plain job.",
      ja: "その場での setsid()", zh: "原地调用 setsid()",
      linux: "kernel/sys.c ksys_setsid (pgid == pid → -EPERM)", netbsd: "kern_prot.c sys_setsid (EPERM)",
      posix: "POSIX XSH setsid [EPERM]"),
    Rule(
      .progSetpgid, .program, "setpgid(0, 0)",
      "setpgid(0, 0) puts the process in a group of its own in the same session: it keeps the terminal, the shell's killpg of the job misses it, and it is only in the foreground group if that is its group.",
      ja: "setpgid(0, 0)(自分のプロセスグループへ)", zh: "setpgid(0, 0)(进入自己的进程组)",
      linux: "kernel/sys.c SYSCALL_DEFINE2(setpgid)", posix: "POSIX XSH setpgid"),
  ]
}

extension World {
  /// dup2 of /dev/null over stdin, stdout and stderr. Where all three already point there
  /// (a job started `< /dev/null > /dev/null 2>&1`) nothing changes, and nothing is told.
  private mutating func pointStdioAtDevNull(_ pid: Int, _ rule: RuleID) {
    let already = self[pid].stdin == .devNull && self[pid].stdout == .devNull
    self[pid].stdin = .devNull
    self[pid].stdout = .devNull
    if !already { note(.program(.detaches(pid: pid, .stdioToDevNull)), from: .user, rule, about: pid) }
  }

  /// The program of `pid` (scenario job `job`, process `index`) detaches itself.
  /// Returns the pid that goes on as the job's process.
  @discardableResult
  mutating func daemonize(_ pid: Int, job: Int, index: Int, form: DaemonForm) -> Int {
    switch form {
    case .daemon, .daemonKeepStdio:
      let child = forkFromProcess(pid, role: .workload(job: job, index: index))
      self[pid].role = .launcher(job: job)
      note(.program(.detaches(pid: pid, .forked(child: child))), from: .user, .progDaemon, about: child)
      startNewSession(child)
      note(.program(.detaches(pid: child, .newSession)), from: .kernel, .progDaemon, about: child)
      if form == .daemon { pointStdioAtDevNull(child, .progDaemon) }
      wake(child)
      exitProcess(pid, fate: .exited(status: 0))
      return child
    case .doubleFork:
      let first = forkFromProcess(pid, role: .launcher(job: job))
      self[pid].role = .launcher(job: job)
      note(.program(.detaches(pid: pid, .forked(child: first))), from: .user, .progDoubleFork, about: first)
      exitProcess(pid, fate: .exited(status: 0))
      startNewSession(first)
      note(.program(.detaches(pid: first, .newSession)), from: .kernel, .progDoubleFork, about: first)
      let daemon = forkFromProcess(first, role: .workload(job: job, index: index))
      note(.program(.detaches(pid: first, .forkedAgain(child: daemon))), from: .user, .progDoubleFork, about: daemon)
      pointStdioAtDevNull(daemon, .progDoubleFork)
      wake(daemon)
      exitProcess(first, fate: .exited(status: 0))
      return daemon
    case .setsid:
      if self[pid].pgid == pid {
        note(.program(.detaches(pid: pid, .setsidFails)), from: .kernel, .progSetsid, about: pid)
      } else {
        startNewSession(pid)
        note(.program(.detaches(pid: pid, .newSession)), from: .kernel, .progSetsid, about: pid)
      }
      return pid
    case .setpgid:
      if self[pid].pgid == pid {
        note(.program(.detaches(pid: pid, .alreadyLeadsGroup)), from: .kernel, .progSetpgid, about: pid)
      } else {
        self[pid].pgid = pid
        note(.program(.detaches(pid: pid, .ownGroup(group: pid))), from: .kernel, .progSetpgid, about: pid)
      }
      return pid
    }
  }
}
