import HangupModel

/// Names the processes of one simulation and puts its events into English: the words
/// of the timeline and of `detail` in JSON. The model records typed events only; every
/// sentence about them is made here.
public struct Narrator: Sendable {
  public let outcome: Outcome
  let terms: ShellTerms
  let tty: String
  private let sources: [RuleID: String]
  private let commands: [Int: [CommandChange]]

  public init(_ outcome: Outcome) {
    self.outcome = outcome
    let family = outcome.scenario.shell.shellFamily
    terms = family.terms
    tty = outcome.scenario.os.terminalName
    var sources: [RuleID: String] = [:]
    for event in outcome.events where sources[event.rule] == nil {
      sources[event.rule] = RuleCatalog.rule(event.rule).source(
        kernel: outcome.scenario.os, shell: outcome.scenario.shell)
    }
    self.sources = sources
    commands = Dictionary(grouping: outcome.commandHistory, by: \.pid)
  }

  /// The command a process ran when event `seq` happened.
  func command(_ pid: Int, at seq: Int) -> String? {
    guard let history = commands[pid] else { return nil }
    return history.last(where: { $0.fromSeq <= seq })?.command ?? history.first?.command
  }

  /// The real function or standard behind a rule on the simulated system.
  public func source(_ rule: RuleID) -> String {
    sources[rule] ?? RuleCatalog.rule(rule).source(kernel: outcome.scenario.os, shell: outcome.scenario.shell)
  }

  /// The scenario job a process belongs to (its program, or a launcher it started with).
  public func job(of pid: Int) -> Int? {
    switch outcome.role(of: pid) {
    case .workload(let job, _)?, .launcher(let job)?: return job
    default: return nil
    }
  }

  /// A short label for timelines: `bash`, `job 1 (probe)`, `init`.
  public func label(_ pid: Int, at seq: Int) -> String {
    guard let role = outcome.role(of: pid) else { return "pid \(pid)" }
    let command = self.command(pid, at: seq) ?? "?"
    switch role {
    case .initProcess: return "init"
    case .subreaper: return "subreaper"
    case .host, .server: return command
    case .shell: return terms.name
    case .launcher(let job): return "job \(job) (\(command))"
    case .workload(let job, let index):
      return index == 0 ? "job \(job) (\(command))" : "job \(job) process \(index) (\(command))"
    }
  }

  /// The label of a signal's receiver: a pid or group that is gone is named as such.
  public func targetLabel(_ e: Event) -> String {
    guard let t = e.target else { return "" }
    if e.effect == .noSuchProcess { return t.viaGroup ? "group \(t.pid)" : "pid \(t.pid)" }
    return label(t.pid, at: e.seq)
  }

  /// How a final parent is named in survival tables.
  public func parentLabel(_ p: ProcessOutcome) -> String {
    label(p.finalParentPid, at: outcome.events.count + 1)
  }

  // MARK: - Details

  /// One English sentence for an event (without a final full stop).
  public func detail(_ e: Event) -> String {
    switch e.payload {
    case .signal(let s): return signalDetail(e, s)
    case .delivery(let d): return deliveryDetail(e, d)
    case .user(let u): return userDetail(u)
    case .process(let p): return processDetail(e, p)
    case .terminal(let t): return terminalDetail(e, t)
    case .shell(let s): return shellDetail(e, s)
    case .launcher(let l): return launcherDetail(e, l)
    case .program(let p): return programDetail(e, p)
    case .host(let h): return hostDetail(e, h)
    case .supervisor(let v): return supervisorDetail(e, v)
    }
  }

  func function(_ rule: RuleID) -> String { RuleCatalog.rule(rule).function }

  private func signalDetail(_ e: Event, _ s: SignalEvent) -> String {
    let name = s.signal.description
    let group = s.target.pgid
    var why: String
    switch s.reason {
    case .hangupLeader(let keeps):
      why =
        keeps
        ? "carrier lost on \(tty): SIGHUP to the session leader only (no SIGCONT; the session keeps the terminal)"
        : "\(tty) hangs up: SIGHUP to the session leader only"
    case .hangupLeaderContinue(let remembered):
      why =
        "then SIGCONT to the session leader"
        + (remembered.map { "; group \($0) is remembered as the foreground group" } ?? "")
    case .leaderExitForeground(let leader, let fg):
      why =
        "\(label(leader, at: e.seq)) was the controlling process: the kernel sends SIGHUP to "
        + (s.target.viaGroup ? "the foreground group \(fg)" : "foreground group \(fg)")
    case .leaderExitOldGroup(let old):
      why = "the terminal hung up earlier: the kernel sends SIGHUP to group \(old), foreground at hang-up"
    case .leaderExitOldGroupContinue:
      why = "then SIGCONT to the same group"
    case .orphanedGroup(let g, let cause, let whole):
      why =
        "group \(g) became orphaned when \(label(cause, at: e.seq)) exited, and has a stopped member"
        + (whole ? ": SIGHUP to every member" : ": SIGHUP")
    case .orphanedGroupContinue(let whole):
      why = whole ? "then SIGCONT to every member" : "then SIGCONT"
    case .controlKey(let key, let fg):
      why = "\(key.rawValue) makes the terminal send \(name) to the foreground group \(fg)"
    case .backgroundRead(let reader, let g):
      why = "\(label(reader, at: e.seq)) reads \(tty) from the background: SIGTTIN to its group \(g)"
    case .host(.closeWindow):
      why = "the terminal window closes: its emulator sends \(name) to the shell's process group \(group)"
    case .host(.childExited):
      why =
        "the emulator's child has exited: it sends \(name) to the child's process group \(group) once more, then closes the master"
    case .shell(let send):
      why = shellSendDetail(e, send, s)
    case .userKill:
      why = "kill -\(s.signal.name) \(s.target.pid)"
    case .brokenPipe:
      why = "a write to a pipe nobody reads: the kernel sends the writer SIGPIPE"
    case .supervisor(.stopUnit(let unit)):
      why = "systemd stops \(unit.rawValue): \(name) to every process left in it"
    case .supervisor(.jenkinsTreeKill):
      why = "Jenkins' ProcessTreeKiller: the build's cookie is in its environment"
    case .supervisor(.githubOrphanCleanup):
      why = "the GitHub Actions runner cleans up orphan processes carrying the job's RUNNER_TRACKING_ID"
    case .supervisor(.wslTeardown):
      why = "the WSL 1 instance is torn down with its last console window"
    }
    switch s.effect {
    case .exiting: why += " — \(label(s.target.pid, at: e.seq)) is already exiting"
    case .continued: why += " — \(label(s.target.pid, at: e.seq)) resumes"
    case .orphanStopDiscarded: why += " — its process group is orphaned"
    case .merged where s.signal != .cont: why += " — \(name) is already pending"
    case .noSuchProcess: why += s.target.viaGroup ? " — the group is gone (ESRCH)" : " — no such process (ESRCH)"
    default: break
    }
    return why
  }

  private func shellSendDetail(_ e: Event, _ send: ShellSend, _ s: SignalEvent) -> String {
    let fn = function(e.rule)
    let name = s.signal.description
    let group = s.target.pgid
    switch send {
    case .hangupJob(let job):
      return "\(fn): killpg(\(group), \(name)) for job \(job)"
    case .continueStoppedJob(let job, let despite):
      return "\(fn): job \(job) is stopped, killpg(\(group), \(name))"
        + (despite ? " — in this release even a \(terms.noHangupMark) job gets it" : "")
    case .terminateStoppedJob(let job):
      return "\(fn): job \(job) is stopped, killpg(\(group), \(name))"
    case .continueTerminatedJob:
      return "\(fn): killpg(\(group), \(name))"
    case .resendToSelf:
      return
        "\(fn) catches \(name) at the prompt, restores \(terms.name)'s handler and re-sends it: kill(getpid(), \(name))"
    case .killSelf:
      return "\(terms.name) resets \(name) to SIG_DFL and sends it to itself"
    case .backgroundJob(let job), .foregroundJob(let job):
      return "\(fn): killpg(\(group), \(name)) for job \(job)"
    case .killBuiltin(let job?):
      return "\(fn): killpg(\(group), \(name)) for job \(job)"
    case .killBuiltin(nil):
      return "\(fn): kill(\(s.target.pid), \(name))"
    case .killBuiltinContinue:
      return "\(terms.killJobFunction): the job is stopped, so SIGCONT follows"
    }
  }

  private func deliveryDetail(_ e: Event, _ d: DeliveryEvent) -> String {
    let who = label(d.target.pid, at: e.seq)
    switch d.effect {
    case .killed: return "\(who) takes the pending \(d.signal): default action terminates it"
    case .orphanStopDiscarded: return "\(who) is in an orphaned group: \(d.signal) does not stop it"
    case .stopped: return "\(who) stops (default action of \(d.signal))"
    case .handlerRan: return "\(who)'s handler for \(d.signal) runs"
    default: return "\(who) takes the pending \(d.signal)"
    }
  }

  private func userDetail(_ u: UserEvent) -> String {
    switch u {
    case .typed(let line): return "the user types `\(line.text)`"
    case .pressed(.endOfFile): return "the user presses ^D at the prompt"
    case .pressed(let key): return "the user presses \(key.rawValue)"
    case .closesTerminal:
      return "the terminal window closes (or the SSH connection drops): the last descriptor of the pty master closes"
    case .killsFromOutside(let signal, let pid):
      return "someone runs `kill -\(signal.name) \(pid)` from another terminal"
    case .killsShell(let signal, let pid): return "someone runs `kill -\(signal.name) \(pid)`; the terminal stays open"
    case .cannotType(let end):
      return "a foreground job holds the terminal: the shell cannot read the user's `\(end.rawValue)`"
    }
  }

  private func processDetail(_ e: Event, _ p: ProcessEvent) -> String {
    switch p {
    case .exited(let pid, let fate):
      return "\(label(pid, at: e.seq)) \(fate == .alive ? "exits" : fate.description)"
    case .reparented(let pid, let parent):
      return "\(label(pid, at: e.seq)) is re-parented to \(label(parent, at: e.seq)) (pid \(parent))"
    case .newSession(let pid):
      return "pid \(pid) calls setsid(): new session \(pid), new group \(pid), no controlling terminal"
    case .orphanedWithoutStopped(let group):
      return "group \(group) is now orphaned, but none of its members is stopped: nothing is sent"
    case .execKeepsIgnored(_, let launcher, let program, let signal):
      return "\(launcher) execs \(program): \(signal) stays ignored"
    }
  }

  private func terminalDetail(_ e: Event, _ t: TerminalEvent) -> String {
    switch t {
    case .hungUpWithoutSession:
      return
        "\(tty) hangs up with no session attached: nobody is signalled; its open descriptors now read end of file and write EIO"
    case .ownerClosesMaster(let owner):
      return "the shell is gone, so its terminal owner (\(label(owner, at: e.seq))) closes the pty master"
    case .revoked:
      return "the kernel revokes every open of \(tty): reads now return end of file, writes fail with EIO"
    case .readWaits(let pid, let own, let noCtty):
      if own { return "\(label(pid, at: e.seq)) waits for input on its own terminal" }
      return "\(label(pid, at: e.seq)) waits for input on \(tty)"
        + (noCtty ? " (it has no controlling terminal, so no job-control check)" : "")
    case .inputTakenBy(let reader, let typed):
      return "\(label(reader, at: e.seq)) is also reading \(tty) and takes the input; \(terms.name) never sees \(typed)"
    case .echoesUnread(let typed):
      return "\(tty) echoes `\(typed)` as it is typed; nobody reads it"
    case .readReturned(let pid, let result, let cause, let reaction):
      let because = cause.map { " (\(readCause($0)))" } ?? ""
      let start = "\(label(pid, at: e.seq))'s read returns \(result.rawValue)\(because); "
      switch reaction {
      case .readsAgain: return start + "it reads again"
      case .keepsGettingIt: return start + "it keeps reading and keeps getting that"
      case .exits(let status): return start + "it exits with status \(status)"
      }
    }
  }

  private func supervisorDetail(_ e: Event, _ v: SupervisorEvent) -> String {
    switch v {
    case .sessionEnds:
      return "the login session ends: the sshd process holding logind's session FIFO has exited"
    case .stopsUnit(let unit):
      switch unit {
      case .sessionScope:
        return "KillUserProcesses=yes: logind stops session-N.scope, and systemd kills every process left in it"
      case .sshConnection:
        return "the connection's ssh@.service unit stops: systemd kills every process left in its cgroup"
      case .userManager: return "user@UID.service stops: systemd stops every user unit and scope under it"
      }
    case .abandonsScope(let leftovers):
      return leftovers == 0
        ? "KillUserProcesses=no: logind abandons the session's scope, which is empty"
        : "KillUserProcesses=no: logind only abandons the session's scope; \(leftovers) process\(leftovers == 1 ? "" : "es") stay, and the session stays \"closing\""
    case .stopTimeout(let unit, let seconds):
      return "\(seconds) s pass (TimeoutStopSec) with processes still in \(unit.rawValue): SIGKILL follows"
    case .lingers:
      return "the user lingers (loginctl enable-linger): user@UID.service stays, with its units"
    case .userManagerStays(let leftovers):
      return "user@UID.service stays: the closing session still holds \(leftovers) process\(leftovers == 1 ? "" : "es")"
    case .userManagerStops(let delay):
      return
        "the user's last session is gone and there is no linger: after UserStopDelaySec (\(delay) s) user@UID.service stops"
    case .ciJobEnds(let ci):
      return ci == .jenkins
        ? "the Jenkins build ends: the ProcessTreeKiller looks for processes carrying the build's cookie"
        : "the GitHub Actions job ends: the runner looks for orphan processes carrying the job's RUNNER_TRACKING_ID"
    case .escapesCI(let pid, let ci):
      return "\(label(pid, at: e.seq)) was started with `\(ci.escapeHatch)`: the runner's killer does not match it"
    case .wslTeardown:
      return "the last console window closed: WSL 1 tears the whole instance down, every Linux process with it"
    }
  }

  private func hostDetail(_ e: Event, _ h: HostEvent) -> String {
    switch h {
    case .windowCloses:
      return
        "the user closes the terminal window: the emulator will send SIGHUP to the shell's process group and keep the pty master open"
    case .givesPipes:
      return
        "sshd runs the command as `shell -c` in a new session without a terminal: its stdin, stdout and stderr are pipes to sshd"
    case .keepsTerminalOpen:
      return
        "the terminal stays open after the shell exits: \(tty) does not hang up, so survivors keep a working terminal"
    case .closesPipes(let stdin, let output):
      switch (stdin, output) {
      case (true, true):
        return
          "sshd closes its ends of the command's pipes: reads of stdin now end, writes to stdout or stderr get SIGPIPE"
      case (true, false): return "sshd closes the stdin pipe (reads now end) and keeps reading stdout and stderr"
      default: return "sshd closes its read ends of stdout and stderr: writes to them now get SIGPIPE"
      }
    case .waitsForOutput(let holders):
      return "ssh does not return: " + holders.map { label($0, at: e.seq) }.joined(separator: ", ")
        + (holders.count == 1 ? " still holds" : " still hold") + " the stdout/stderr pipe"
    case .clientDetaches:
      return
        "the ssh connection drops: only the tmux client exits; the tmux server and the pane's terminal go on, and nothing reaches the pane"
    case .closesPane:
      return "the pane's shell exited: tmux closes the pane's pty master"
    }
  }

  func readCause(_ cause: ReadCause) -> String {
    switch cause {
    case .nohupStdin: return "stdin is /dev/null opened write-only by nohup"
    case .notTerminal: return "stdin is not the terminal"
    case .hungUp: return "\(tty) has hung up"
    case .backgroundTTINIgnored: return "a background read with SIGTTIN ignored"
    case .backgroundOrphaned: return "a background read from an orphaned process group"
    case .pipeClosed: return "sshd closed the stdin pipe"
    }
  }

  private func shellDetail(_ e: Event, _ s: ShellEvent) -> String {
    let sh = terms.name
    switch s {
    case .printed(let line, _):
      return "\(sh) prints \"\(line)\""
    case .forkedJob(let pid, let group, let form):
      switch form {
      case .ownGroup: return "\(sh) forks pid \(pid) and puts it in its own process group \(group)"
      case .launcher(.setsid): return "\(sh) forks pid \(pid) (setsid) in its own process group \(group)"
      case .launcher(.tmux): return "\(sh) forks the tmux client, pid \(pid), as a foreground job"
      case .launcher(.subshell): return "\(sh) forks the subshell, pid \(pid), as a foreground job in group \(group)"
      case .launcher(let other): return "\(sh) forks pid \(pid) (\(other.rawValue)) in its own process group \(group)"
      case .pipelineMember: return "\(sh) forks pipeline member pid \(pid) into group \(group)"
      case .shellGroup:
        return "\(sh) forks pid \(pid) in its own process group \(group) (no job control: no group of its own)"
      }
    case .givesTerminal(let group, let own, let reason):
      let why: String
      switch reason {
      case .foregroundJob: why = "a foreground job"
      case .jobStopped: why = "the foreground job stopped"
      case .jobFinished: why = "the foreground job finished"
      case .endJobControl: why = "\(function(e.rule)) restores the original process group"
      case .fg: why = "fg"
      case .leaving: why = "it is leaving"
      }
      return "\(sh) makes \(own ? "its own group" : "group \(group)") the foreground group of \(tty) (\(why))"
    case .childTakesTerminal(let group):
      return
        "the job's process makes its group \(group) the foreground group of \(tty); \(sh) \(outcome.scenario.shell.version) leaves this to the child, so \(sh)'s \(terms.terminalRecord) still names its own group"
    case .keepsForegroundGroup(let group):
      return
        "\(function(e.rule)): \(sh)'s \(terms.terminalRecord) already names its own group (the job's child took the terminal), so it does not call give_terminal_to; group \(group) keeps \(tty)"
    case .recordsStopped(let job, _):
      return "\(sh) sees job \(job) stop and records it as stopped"
    case .leaveBuiltinRuns(let end):
      return "\(sh) runs its `\(end.rawValue)` builtin (\(function(e.rule)))"
    case .endOfFileRunsExit:
      return "end of file at the prompt: \(sh) runs the exit builtin"
    case .leavesWithoutWarning(let reason):
      let previous =
        reason == .previousWasJobs
        ? "`jobs`" : "the `exit`/`logout` that warned (it set \(terms.warnedLeaveRecord))"
      return "no warning this time: the previous command was \(previous), so \(sh) leaves at once"
    case .exitPath(let status):
      return "\(sh) runs \(function(e.rule))(\(status))"
    case .hangupOnExit(let applies):
      return applies
        ? "huponexit is on and this is an interactive login shell: \(sh) hangs up all jobs"
        : "huponexit is on, but this is not a login shell: \(function(e.rule)) does not hang up the jobs"
    case .noJobsToHangUp:
      return "\(function(e.rule)): the job table is empty"
    case .skipsMarkedJob(let job, _, let stillContinues):
      return stillContinues
        ? "\(function(e.rule)) sends no SIGHUP to job \(job): it is marked \(terms.noHangupMark) (disown -h)"
        : "\(function(e.rule)) skips job \(job): it is marked \(terms.noHangupMark) (disown -h)"
    case .caughtSignal(let signal, let deferred):
      return "\(sh) got \(signal): "
        + (deferred
          ? "the handler records it and \(function(e.rule)) runs at the next check point"
          : "the handler does the work at once")
    case .marksNoHangup(let job, _, let scope):
      guard let scope else {
        return
          "\(sh) marks job \(job) \(terms.noHangupMark): it stays in the job table but \(terms.hangupFunction) will send it no SIGHUP"
      }
      return
        "\(sh) marks job \(job) \(terms.noHangupMark) (\(function(e.rule))\(scope == .running ? "(running only)" : ""))"
    case .forgetsJob(let job, _, let scope):
      guard let scope else { return "\(sh) removes job \(job) from its job table: it will never signal it again" }
      return
        "\(sh) removes job \(job) from its job table (\(function(e.rule))\(scope == .running ? "(running only)" : ""))"
    case .leavesSignalAtDefault(let signal):
      return
        "\(sh) leaves \(signal) at its default action (\(function(e.rule))): when it comes, the kernel kills \(sh) at once and none of \(sh)'s code runs for its jobs"
    case .finishesUpBeforeExit:
      return
        "\(function(e.rule)): \(sh) still runs its exit handlers, restores the terminal and saves its history before it exits, so the foreground job it signalled runs first"
    case .sleepsAfterSignalling(let seconds):
      return
        "\(function(e.rule)): having signalled its jobs, \(sh) sleeps \(seconds) s before it exits, so they run first"
    case .warningLostToHangup:
      return
        "\(sh) writes its warning about the jobs, but \(tty) has hung up: the write fails with EIO and nothing shows"
    case .runsWithoutJobControl:
      return
        "\(sh) runs a command string without job control: no job table, no warnings, default signal actions, and its commands stay in its own process group"
    case .scriptEnds(let status):
      return "the command string ends: \(sh) exits with status \(status) and signals nothing"
    case .startsDisowned(let pid):
      return "`&!` starts pid \(pid) disowned: it never enters \(sh)'s job table, so \(sh) will never signal it"
    case .marksHangupAtExit(let job, _):
      return "the `hup` prefix marks job \(job): \(sh) will send it SIGHUP and SIGCONT when it leaves"
    case .listsJobs(let count):
      return count == 1 ? "\(sh) lists its one job" : "\(sh) lists its \(count) jobs"
    case .noSuchJob(let job):
      return "\(sh) has no job for scenario job \(job) any more"
    case .signalActsAsExit(let signal):
      return "\(sh) got \(signal): \(function(e.rule)) treats it as an attempt to exit"
    case .readFailsAfterHangup:
      return "the terminal hung up: \(sh)'s read fails, so it takes its end-of-file path"
    case .foregroundJobToBackground(let job):
      return "\(sh) stops waiting for job \(job), which runs on in the background"
    }
  }

  private func launcherDetail(_ e: Event, _ l: LauncherEvent) -> String {
    switch l {
    case .nohupIgnoresHangup: return "nohup sets SIGHUP to SIG_IGN"
    case .nohupBuiltin:
      return
        "\(terms.name)'s own nohup prefix: the child sets SIGHUP to SIG_IGN before it execs (no nohup process, no nohup.out)"
    case .nohupReopensStdin:
      return "stdin is the terminal, so nohup reopens it on /dev/null write-only: reads will fail with EBADF"
    case .nohupLeavesStdin: return "NetBSD's nohup leaves stdin on the terminal"
    case .nohupRedirectsOutput: return "stdout is the terminal, so output goes to nohup.out"
    case .setsidForks(let child):
      return "setsid leads its process group, so it forks pid \(child); the parent will exit at once"
    case .setsidInPlace(let pid):
      return
        "setsid (pid \(pid)) does not lead a process group (no job control), so it does not fork: it calls setsid() and execs the command in place"
    case .tmuxServer(let pid):
      return "the tmux server (pid \(pid)) runs as a daemon in its own session, outside the login session"
    case .tmuxPane(let pid):
      return
        "tmux starts pid \(pid) in a new pane: its own session \(pid) and its own terminal, which the server keeps open"
    case .subshellAsync(let pid, let group):
      return
        "the subshell has no job control: pid \(pid) stays in group \(group), stdin is /dev/null, SIGINT and SIGQUIT are ignored"
    case .systemdRunScope(let pid):
      return
        "systemd-run --user --scope runs pid \(pid) in place, in a new scope of the user manager: it is no longer in the login session's scope"
    case .systemdRunService(let pid, let manager):
      return
        "systemd-run --user asks the user manager to start the command: pid \(pid) is a child of \(label(manager, at: e.seq)), in its own session, with no terminal, outside the login session's scope"
    case .screenServer(let pid):
      return "the screen server (pid \(pid)) runs as a daemon in its own session, outside the login session"
    case .subshellWithJobControl(let pid):
      return
        "the subshell keeps job control: pid \(pid) leads a process group of its own, keeps the terminal as stdin and ignores nothing"
    case .asyncWithoutJobControl(let pid):
      return
        "without job control the background command pid \(pid) stays in the shell's group, with SIGINT and SIGQUIT ignored and stdin on /dev/null"
    }
  }

  private func programDetail(_ e: Event, _ p: ProgramEvent) -> String {
    switch p {
    case .installsHandlers(let pid, let signals):
      return "\(label(pid, at: e.seq)) installs handlers for \(signals.map(\.description).joined(separator: ", "))"
    case .startsWithIgnored(let pid, let signals):
      return "\(label(pid, at: e.seq)) starts with \(signals.map(\.description).joined(separator: ", ")) ignored"
    case .forks(let parent, let child):
      return "\(label(parent, at: e.seq)) forks pid \(child) in its own group"
    case .resetsDispositions(let pid, let signals):
      return signals.isEmpty
        ? "\(label(pid, at: e.seq)) resets every signal disposition to the default at start (nothing was ignored)"
        : "\(label(pid, at: e.seq)) resets every signal disposition to the default at start: \(signals.map(\.description).joined(separator: ", ")) no longer ignored"
    case .exitsOnSignal(let pid, let signal):
      return "\(label(pid, at: e.seq))'s handler for \(signal) runs its shutdown path: it exits with status 0"
    case .detaches(let pid, let step):
      let who = label(pid, at: e.seq)
      switch step {
      case .forked(let child): return "\(who) forks pid \(child) and exits at once: the shell sees its job end"
      case .newSession: return "\(who) calls setsid(): a new session and group of its own, with no controlling terminal"
      case .setsidFails:
        return
          "\(who) calls setsid(): EPERM, it already leads its process group (the shell made it a group leader); it carries on as a plain job"
      case .forkedAgain(let child):
        return
          "\(who) forks pid \(child) and exits: the daemon is not a session leader, so it can never get a controlling terminal"
      case .stdioToDevNull: return "\(who) points stdin, stdout and stderr at /dev/null"
      case .ownGroup(let group):
        return "\(who) calls setpgid(0, 0): group \(group) of its own, same session, same terminal"
      case .alreadyLeadsGroup: return "\(who) calls setpgid(0, 0): nothing changes, it already leads its group"
      }
    case .writes(let pid, let result):
      switch result {
      case .eio:
        return "\(label(pid, at: e.seq)) writes to its stdout, the hung-up terminal: EIO, and it exits with status 1"
      case .sigpipe:
        return
          "\(label(pid, at: e.seq)) writes to its stdout, a pipe nobody reads any more: the kernel sends it SIGPIPE"
      case .epipe:
        return
          "\(label(pid, at: e.seq)) writes to its stdout, a pipe nobody reads any more: EPIPE (SIGPIPE is not at its default), and it exits with status 1"
      }
    }
  }
}
