import HangupModel
import Testing

@Suite("bash dialects")
struct BashTests {
  static let versions = [
    "2.05", "2.05b", "3.0", "3.1", "3.2", "4.0", "4.1", "4.2", "4.3", "4.4", "5.0", "5.1", "5.2", "5.3",
  ]

  /// Whether `version` is `first` or a later release.
  static func release(_ version: String, from first: String) -> Bool {
    (versions.firstIndex(of: version) ?? -1) >= (versions.firstIndex(of: first) ?? Int.max)
  }

  @Test(
    "Every release from 2.05 to 5.3 is modelled, and simulating it shows each change where bash made it",
    arguments: BashTests.versions)
  func releases(version: String) throws {
    let shell = try #require(ShellVersion.named("bash-" + version))
    #expect(ShellVersion.named(version)?.id == shell.id)
    let from = { (first: String) in BashTests.release(version, from: first) }
    func run(
      _ job: JobSpec, huponexit: Bool = false, checkjobs: Bool = false, actions: [UserAction] = [],
      _ end: SessionEnd
    ) throws -> Outcome {
      var s = Scenario(shell: shell, huponexit: huponexit, jobs: [job], end: end)
      s.checkjobs = checkjobs
      s.actions = actions
      return try Simulator.run(s)
    }
    // 2.05b: waitchld passes WCONTINUED, so whether bash sees the job hangup_all_jobs
    // continued before terminate_stopped_jobs is a race.
    let hangup = try run(TestSupport.job(.stopped, handles: [.hup, .cont, .term]), .hangup)
    #expect(hangup.races.contains { $0.id == .continueSeenBeforeTerminate } == from("2.05b"))
    // 3.1: ^Z leaves $? at 148, which ^D then exits with.
    #expect(try run(TestSupport.job(.stopped), .eof).shellFate == .exited(status: from("3.1") ? 148 : 0))
    // 3.2: hangup_all_jobs skips a J_NOHUP job instead of continuing it, and the SIGHUP
    // handler only records the signal (termsig_sighandler) for termsig_handler to act on.
    let marked = try run(TestSupport.job(.stopped, .disownH), huponexit: true, .exit)
    #expect(marked.shellSent == (from("3.2") ? ["SIGTERM", "SIGCONT"] : ["SIGCONT", "SIGTERM", "SIGCONT"]))
    let deferred = hangup.events.contains {
      if case .shell(.caughtSignal(.hup, deferred: true)) = $0.payload { true } else { false }
    }
    #expect(deferred == from("3.2"))
    // 4.0: shopt checkjobs.
    if from("4.0") {
      #expect(try run(TestSupport.job(), checkjobs: true, .exit).messages.contains("There are running jobs."))
    } else {
      #expect(throws: ScenarioError.self) { try run(TestSupport.job(), checkjobs: true, .exit) }
    }
    // 4.3: readline catches SIGHUP at the prompt and sends it to bash again.
    #expect(
      try run(TestSupport.job(), .hangup).shellKillCalls()
        == (from("4.3") ? ["SIGHUP self", "SIGHUP -job1", "SIGHUP self"] : ["SIGHUP -job1", "SIGHUP self"]))
    // 5.1: ^D shifts the builtins, so after `jobs` it leaves without the stopped-jobs warning.
    let eof = try run(TestSupport.job(.stopped), actions: [.jobs], .eof)
    #expect(eof.messages.contains("There are stopped jobs.") == !from("5.1"))
    // 5.3: the child gives a foreground job the terminal, so bash does not take it back
    // and the kernel's SIGHUP at bash's exit reaches the job too.
    let foreground = try run(TestSupport.job(fg: true, handles: [.hup, .cont, .term]), .killHup)
    #expect(
      foreground.jobs[0].main.delivered.map { "\($0.signal) \($0.from)" }
        == (from("5.3") ? ["SIGHUP shell", "SIGHUP terminal"] : ["SIGHUP shell"]))
  }

  @Test(
    "Stopped J_NOHUP job with huponexit: 2.05-3.1 send SIGCONT from hangup_all_jobs, 3.2+ skip the job there",
    arguments: ["2.05", "2.05b", "3.0", "3.1", "3.2", "4.4", "5.2"])
  func nohupFlagHandling(version: String) throws {
    let o = try TestSupport.run(
      TestSupport.scenario(shell: "bash-" + version, huponexit: true, TestSupport.job(.stopped, .disownH), end: .exit))
    let old = ["2.05", "2.05b", "3.0", "3.1"].contains(version)
    #expect(o.shellSent == (old ? ["SIGCONT", "SIGTERM", "SIGCONT"] : ["SIGTERM", "SIGCONT"]))
    let rules = o.events.filter { $0.from == .shell && $0.kind == .signal }.map(\.rule)
    #expect(rules.contains(.bashHangupAllJobs) == old)
  }

  @Test("exit path: huponexit applies only to interactive login shells")
  func huponexitLoginOnly() throws {
    let login = try TestSupport.run(TestSupport.scenario(huponexit: true, TestSupport.job(), end: .exit))
    #expect(login.shellSent == ["SIGHUP"])
    #expect(login.mainFate == .killed(by: .hup))
    let nonLogin = try TestSupport.run(
      TestSupport.scenario(login: false, huponexit: true, TestSupport.job(), end: .exit))
    #expect(nonLogin.shellSent.isEmpty)
    #expect(nonLogin.mainFate == .alive)
  }

  @Test("SIGHUP path hangs up every job, foreground and background, with no login or huponexit test")
  func sighupPathAllJobs() throws {
    for fg in [false, true] {
      let o = try TestSupport.run(TestSupport.scenario(login: false, TestSupport.job(fg: fg), end: .hangup))
      #expect(o.shellSent == ["SIGHUP"])
      #expect(o.mainFate == .killed(by: .hup))
    }
  }

  @Test(
    "kill -HUP with a foreground job: 5.3 leaves the terminal to the job (its child set the group), so the kernel's SIGHUP reaches it too",
    arguments: ["2.05", "3.2", "4.4", "5.2", "5.3"])
  func foregroundTerminalAtSighup(version: String) throws {
    let o = try TestSupport.run(
      TestSupport.scenario(
        shell: "bash-" + version, TestSupport.job(fg: true, handles: [.hup, .cont, .term]), end: .killHup))
    let got = o.jobs[0].main.delivered.map { "\($0.signal) \($0.from)" }
    #expect(got == (version == "5.3" ? ["SIGHUP shell", "SIGHUP terminal"] : ["SIGHUP shell"]))
    let tookBack = o.events.contains {
      if case .shell(.givesTerminal(_, true, _)) = $0.payload { return true } else { return false }
    }
    #expect(tookBack == (version != "5.3"))
  }

  @Test(
    "SIGHUP path: a SIGTTIN reader continued by bash reads again and is stopped again before bash dies, so the orphaned-group SIGHUP and SIGCONT follow; on exit it is not"
  )
  func sighupPathReaderStopsAgain() throws {
    let job = TestSupport.job(.ttin, handles: [.hup, .cont, .term])
    let o = try TestSupport.run(TestSupport.scenario(job, end: .killHup))
    #expect(
      o.jobs[0].main.delivered.filter { $0.phase == .end }.map { "\($0.signal) \($0.from)" }
        == ["SIGHUP shell", "SIGCONT shell", "SIGTERM shell", "SIGTTIN terminal", "SIGHUP kernel", "SIGCONT kernel"])
    // Continued in an orphaned group, its next read fails with EIO and it exits 1.
    #expect(o.mainFate == .exited(status: 1))
    // On the exit path bash dies right after terminate_stopped_jobs: the reader's next
    // read comes from an orphaned group and fails with EIO at once.
    let exit = try TestSupport.run(TestSupport.scenario(job, end: .exit))
    #expect(
      exit.jobs[0].main.delivered.filter { $0.phase == .end }.map { "\($0.signal) \($0.from)" }
        == ["SIGTERM shell", "SIGCONT shell"])
    #expect(exit.mainFate == .exited(status: 1))
  }

  @Test("Stopped jobs at exit: warning, then SIGTERM and SIGCONT on the second exit; nohup does not help")
  func stoppedNohupLogout() throws {
    let o = try TestSupport.run(TestSupport.scenario(TestSupport.job(.stopped, .nohup), end: .logout))
    #expect(o.messages.contains("There are stopped jobs."))
    #expect(o.shellSent == ["SIGTERM", "SIGCONT"])
    #expect(o.mainFate == .killed(by: .term))
    #expect(o.shellFate == .exited(status: 1))
  }

  @Test("^D keeps $? of the last command (148 after ^Z); a typed exit leaves with 1 after the warning")
  func eofStatus() throws {
    let eof = try TestSupport.run(TestSupport.scenario(TestSupport.job(.stopped), end: .eof))
    #expect(eof.shellFate == .exited(status: 148))
    let exit = try TestSupport.run(TestSupport.scenario(TestSupport.job(.stopped), end: .exit))
    #expect(exit.shellFate == .exited(status: 1))
    // Before 3.1 a job stopped by ^Z left $? at 0 (wait_for gained 128 + WSTOPSIG in 3.1).
    let old = try TestSupport.run(TestSupport.scenario(shell: "bash-3.0", TestSupport.job(.stopped), end: .eof))
    #expect(old.shellFate == .exited(status: 0))
  }

  @Test("`exit` prints logout in a login shell and exit otherwise; `logout` prints nothing itself")
  func exitMessages() throws {
    #expect(try TestSupport.run(TestSupport.scenario(TestSupport.job(), end: .exit)).messages.contains("logout"))
    #expect(
      try TestSupport.run(TestSupport.scenario(login: false, TestSupport.job(), end: .exit)).messages.contains("exit"))
    let logout = try TestSupport.run(TestSupport.scenario(TestSupport.job(), end: .logout))
    #expect(!logout.messages.contains("logout"))
  }

  @Test("logout in a non-login shell is refused and the session goes on")
  func logoutNonLogin() throws {
    let o = try TestSupport.run(TestSupport.scenario(login: false, TestSupport.job(.stopped), end: .logout))
    #expect(o.messages == ["[1]+  Stopped                 ./job", "bash: logout: not login shell: use `exit'"])
    #expect(!o.sessionEnded)
    #expect(o.mainFate == .alive)
  }

  @Test(
    "end_job_control terminates stopped jobs in every release: its condition changed (interactive_shell; || job_control from 4.3 patch 6; job_control from 5.0), but an interactive shell with job control meets each one",
    arguments: BashTests.versions)
  func endJobControlCondition(version: String) throws {
    let shell = try #require(ShellVersion.named("bash-" + version))
    for end in [SessionEnd.exit, .killHup] {
      let s = Scenario(
        shell: shell, login: false, jobs: [TestSupport.job(.stopped, handles: [.hup, .cont, .term])], end: end)
      let o = try Simulator.run(s)
      let terminated = o.events.filter { $0.rule == .bashTerminateStopped }.compactMap(\.signal)
      #expect(terminated == [.term, .cont], "\(end)")
    }
  }

  @Test("readline (bash 4.3+) re-sends SIGHUP at the prompt, but not while a foreground job runs")
  func readlineResend() throws {
    let new = try TestSupport.run(TestSupport.scenario(shell: "bash-5.2", TestSupport.job(), end: .hangup))
    #expect(new.shellKillCalls() == ["SIGHUP self", "SIGHUP -job1", "SIGHUP self"])
    let old = try TestSupport.run(TestSupport.scenario(shell: "bash-4.2", TestSupport.job(), end: .hangup))
    #expect(old.shellKillCalls() == ["SIGHUP -job1", "SIGHUP self"])
    let fg = try TestSupport.run(TestSupport.scenario(shell: "bash-5.2", TestSupport.job(fg: true), end: .hangup))
    #expect(fg.shellKillCalls() == ["SIGHUP -job1", "SIGHUP self"])
  }

  @Test("checkjobs (4.0+): running jobs stop the first exit too, and the jobs are listed")
  func checkjobs() throws {
    var s = TestSupport.scenario(TestSupport.job(), end: .exit)
    s.checkjobs = true
    let o = try TestSupport.run(s)
    #expect(o.messages.contains("There are running jobs."))
    #expect(o.messages.contains("[1]+  Running                 ./job &"))
    s.shell = try #require(ShellVersion.named("bash-3.2"))
    #expect(throws: ScenarioError.self) { try Simulator.run(s) }
  }

  @Test("jobs before exit: no warning, the stopped job still gets SIGTERM and SIGCONT")
  func jobsThenExit() throws {
    var s = TestSupport.scenario(TestSupport.job(.stopped), end: .exit)
    s.actions = [.jobs]
    let o = try TestSupport.run(s)
    #expect(!o.messages.contains("There are stopped jobs."))
    #expect(o.shellSent == ["SIGTERM", "SIGCONT"])
  }

  @Test("disown of a stopped job warns; disown -h keeps it in the table")
  func disown() throws {
    let o = try TestSupport.run(TestSupport.scenario(TestSupport.job(.stopped, .disown), end: .exit))
    #expect(o.messages.contains("-bash: warning: deleting stopped job 1 with process group 1002"))
    #expect(!o.messages.contains("There are stopped jobs."))
    let h = try TestSupport.run(TestSupport.scenario(TestSupport.job(.stopped, .disownH), end: .exit))
    #expect(h.messages.contains("There are stopped jobs."))
  }

  @Test("A setsid launcher's job stays in bash's table as dead until the next prompt: killpg finds no group")
  func deadJobESRCH() throws {
    let o = try TestSupport.run(TestSupport.scenario(TestSupport.job(.running, .setsid), end: .hangup))
    let esrch = try #require(o.events.first { $0.rule == .bashHangupAllJobs && $0.kind == .signal })
    #expect(esrch.effect == .noSuchProcess)
  }
}
