import Foundation
import HangupInspect
import HangupJSON
import HangupModel
import HangupReport
import HupsimCommand
import Testing

/// Hand-made observations of a session, so every branch of `hupsim check` can be held to
/// what the model says without a live system.
enum Sessions {
  static let terminal = 136 << 8 | 4  // /dev/pts/4

  static func bash(_ version: String = "bash-5.2") -> ShellIdentity {
    ShellIdentity(
      pid: 100, executableName: "bash", versionLine: "GNU bash, version 5.2.15(1)-release",
      version: ShellVersion.named(version)!, match: .exact, login: true)
  }

  static func leader(
    _ arguments: [String] = ["-bash"], tpgid: Int = 100, cgroup: ControlGroup = .other(path: "/"),
    ignored: SignalMask = SignalMask(numbers: [3, 15, 20, 21, 22]), executable: String = "/usr/bin/bash"
  ) -> ProcessSnapshot {
    ProcessSnapshot(
      pid: 100, ppid: 90, pgid: 100, sid: 100, ttyNumber: terminal, tpgid: tpgid, state: .sleeping, name: "bash",
      arguments: arguments, executable: executable, uid: 1000, ignored: ignored,
      caught: SignalMask(numbers: [1, 2, 17]),
      streams: tty(), controlGroup: cgroup, environment: [:])
  }

  static func tty() -> [StandardStream] {
    (0...2).map { StandardStream(fd: $0, target: .terminal(path: "/dev/pts/4", session: true), access: .readWrite) }
  }

  static func job(
    _ pid: Int, pgid: Int? = nil, ppid: Int = 100, state: ObservedState = .sleeping, name: String = "sleep",
    ignored: [Int] = [], caught: [Int] = [], streams: [StandardStream]? = nil, cgroup: ControlGroup = .other(path: "/"),
    environment: [String: String] = [:], reads: Bool = false, tpgid: Int = 100, sid: Int = 100,
    tty: Int = terminal, uid: Int = 1000
  ) -> ProcessSnapshot {
    ProcessSnapshot(
      pid: pid, ppid: ppid, pgid: pgid ?? pid, sid: sid, ttyNumber: tty, tpgid: tty == 0 ? -1 : tpgid, state: state,
      name: name, arguments: [name, "300"], executable: "/usr/bin/" + name, uid: uid,
      ignored: SignalMask(numbers: ignored), caught: SignalMask(numbers: caught), streams: streams ?? Sessions.tty(),
      controlGroup: cgroup, environment: environment, readsTerminal: reads)
  }

  static let host = ProcessSnapshot(
    pid: 90, ppid: 1, pgid: 90, sid: 90, name: "sshd", arguments: ["sshd: alice@pts/4"],
    executable: "/usr/sbin/sshd", uid: 0)
  static let initProcess = ProcessSnapshot(pid: 1, ppid: 0, pgid: 1, sid: 1, name: "systemd", arguments: ["/sbin/init"])

  static func observation(
    _ processes: [ProcessSnapshot], leader: ProcessSnapshot = leader(), shell: ShellIdentity = bash(),
    system: SystemFacts = SystemFacts(kernelRelease: "6.1.0"), caller: Caller? = nil
  ) -> Observation {
    Observation(
      processes: [initProcess, host, leader] + processes, shells: [shell], userNames: [1000: "alice", 0: "root"],
      system: system, caller: caller)
  }

  static func check(_ obs: Observation, _ pid: Int, _ settings: CheckSettings = CheckSettings()) throws -> ProcessCheck
  {
    try #require(Checker.check(obs, targets: [pid], settings: settings).first)
  }
}

extension ProcessCheck {
  func verdict(_ end: SessionEnd) -> Verdict? { ends.first { $0.end == end }?.verdict }
  func end(_ end: SessionEnd) -> EndCheck? { ends.first { $0.end == end } }
}

@Suite("hupsim check: from observation to verdicts")
struct CheckTests {
  // MARK: - Reading /proc's formats

  @Test("Signal masks decode /proc/PID/status hex, and name the signals the model does not know")
  func signalMasks() throws {
    let mask = try #require(SignalMask(hex: "0000000000004003"))
    #expect(mask.numbers == [1, 2, 15])
    #expect(mask.modelled == [.hup, .int, .term])
    #expect(SignalMask(hex: "zz") == nil && SignalMask(hex: "") == nil && SignalMask(hex: "00000000000000000") == nil)
    #expect(SignalMask(hex: "8000000000000000")?.numbers == [64])
    #expect([16, 30, 32, 34, 40].map(SignalMask.name) == ["STKFLT", "PWR", "SIG32", "RTMIN", "RTMIN+6"])
  }

  #if canImport(Glibc)
  @Test("/proc/PID/stat: comm may hold spaces and parentheses; the fields after the last ) are read")
  func statLines() throws {
    let fields = (0..<45).map { String($0 + 100) }.joined(separator: " ")
    let line = try #require(
      ProcReader.parseStat("4242 (my (odd) name) T 100 4242 100 34820 100 4194560 " + fields + "\n", pid: 4242))
    #expect(
      line.name == "my (odd) name" && line.state == .stopped && line.ppid == 100 && line.pgid == 4242 && line.sid == 100
    )
    #expect(line.tty == 34820 && line.tpgid == 100 && line.flags == 4_194_560 && line.startTime == 112)
    #expect(ProcReader.parseStat("4242 (short) S 1 2", pid: 4242) == nil)
    #expect(ProcReader.parseStat("garbage", pid: 1) == nil)
  }
  #endif

  @Test("The controlling terminal's path: from a descriptor on it, else decoded from tty_nr")
  func terminalPaths() {
    var p = Sessions.job(200, streams: [])
    #expect(p.terminalPath == "/dev/pts/4")
    p.ttyNumber = 4 << 8 | 2
    #expect(p.terminalPath == "/dev/tty2")
    p.ttyNumber = 137 << 8 | 3
    #expect(p.terminalPath == "/dev/pts/259")
    p.ttyNumber = 0
    #expect(p.terminalPath == nil)
  }

  @Test("cgroups: a logind session scope, the user's manager, a system service, anything else")
  func controlGroups() {
    #expect(
      ControlGroup.parse("0::/user.slice/user-1000.slice/session-3.scope\n")
        == .sessionScope(id: "3", path: "/user.slice/user-1000.slice/session-3.scope"))
    #expect(
      ControlGroup.parse("12:pids:/\n1:name=systemd:/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope\n")
        == .userManager(uid: 1000, path: "/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope"))
    #expect(
      ControlGroup.parse("0::/system.slice/cron.service\n")
        == .systemService(unit: "cron.service", path: "/system.slice/cron.service"))
    #expect(ControlGroup.parse("0::/\n") == .other(path: "/"))
    #expect(ControlGroup.parse("") == .unknown)
  }

  @Test("logind.conf, its drop-ins in order, and who it kills (root is excluded by default)")
  func logindConfiguration() {
    let facts = LogindConfig.parse(
      [
        ("/etc/systemd/logind.conf", "[Login]\n#KillUserProcesses=yes\nKillUserProcesses=no\n"),
        ("/etc/systemd/logind.conf.d/10-kill.conf", "[Login]\nKillUserProcesses=yes\n[Other]\nKillUserProcesses=no\n"),
        ("/usr/lib/systemd/logind.conf.d/20-users.conf", "[Login]\nKillExcludeUsers=\nKillExcludeUsers=bob\n"),
      ], running: true)
    #expect(facts.killUserProcesses)
    #expect(facts.killUserProcessesSetIn == "/etc/systemd/logind.conf.d/10-kill.conf")
    #expect(facts.killExcludeUsers == ["bob"])
    #expect(facts.killsSessions(of: "root") && !facts.killsSessions(of: "bob"))
    let defaults = LogindConfig.parse([("/etc/systemd/logind.conf", "[Login]\n")], running: true)
    #expect(
      !defaults.killUserProcesses && defaults.killUserProcessesSetIn == nil && defaults.killExcludeUsers == ["root"])
    var only = LogindConfig.parse([("/x", "[Login]\nKillUserProcesses=on\nKillOnlyUsers=alice\n")], running: true)
    #expect(only.killsSessions(of: "alice") && !only.killsSessions(of: "carol"))
    only.running = false
    #expect(!only.killsSessions(of: "alice"))
  }

  @Test("`jobs -l` listings: bash's with a pipeline's continuation line, zsh's and dash's")
  func jobsListings() {
    let bash =
      "[1]   4242 Running                 sleep 300 &\n[2]-  4250 Running                 yes\n       4251                       | cat &\n[3]+  4260 Stopped                 vim\n"
    #expect(JobsListing.numbers(bash) == [4242: 1, 4250: 2, 4251: 2, 4260: 3])
    #expect(
      JobsListing.numbers("[1]  + 5001 running    sleep 300\n[2]  - 5002 suspended  vim\n") == [5001: 1, 5002: 2])
    #expect(JobsListing.numbers("[1] + 6001 Running                    sleep 300\n") == [6001: 1])
    #expect(JobsListing.numbers("garbage\n[x] 12\n").isEmpty)
  }

  @Test(
    "Shell versions: the release a version line names, else the nearest older modelled one",
    arguments: [
      ("bash", "GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)", "bash-5.2", VersionMatch.exact),
      ("bash", "GNU bash, version 2.05b.0(1)-release (i386)", "bash-2.05b", .exact),
      ("bash", "GNU bash, version 2.05.0(1)-release", "bash-2.05", .exact),
      ("bash", "GNU bash, version 4.4.20(1)-release", "bash-4.4", .exact),
      ("bash", "GNU bash, version 5.9.0(1)-release", "bash-5.3", .nearest),
      ("zsh", "zsh 5.9 (x86_64-debian-linux-gnu)", "zsh-5.9", .exact),
      ("ksh93", "Version AJM 93u+m/1.0.10 2024-08-01", "ksh93-1.0.10", .exact),
      ("ksh93", "Version AJM 93u+m/1.0.6 2023-06-13", "ksh93-1.0.4", .nearest),
      ("mksh", "@(#)MIRBSD KSH R59 2023/04/29 +Debian", "mksh-59c", .exact),
      ("fish", "fish, version 3.7.1", "fish-3.6", .nearest),
      ("fish", "fish, version 4.0.2", "fish-4.0", .exact),
      ("tcsh", "tcsh 6.24.07 (Astron) 2022-12-21 (x86_64-unknown-linux)", "tcsh-6.24", .exact),
      ("busybox-ash", "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.", "busybox-ash-1.35", .exact),
    ])
  func shellVersions(family: String, line: String, expected: String, match: VersionMatch) throws {
    let f = try #require(ShellRegistry.family(named: family))
    let (version, how) = ShellIdentification.version(of: f, line: line)
    #expect(version.id == expected)
    #expect(how == match)
  }

  @Test("Which executables are shells, login shells, or `sh -c` runners")
  func shellNames() throws {
    #expect(ShellIdentification.family(executable: "bash", argv0: "-bash")?.name == "bash")
    #expect(ShellIdentification.family(executable: "ksh", argv0: "ksh")?.name == "ksh93")
    #expect(ShellIdentification.family(executable: "busybox", argv0: "-sh")?.name == "busybox-ash")
    #expect(ShellIdentification.family(executable: "busybox", argv0: "ls") == nil)
    #expect(ShellIdentification.family(executable: "python3", argv0: "python3") == nil)
    #expect(
      ShellIdentification.version(of: try #require(ShellRegistry.family(named: "dash")), line: nil) == (
        ShellVersion.named("dash-0.5.12")!, .familyDefault
      ))
    #expect(ShellIdentification.isLogin(arguments: ["-bash"]))
    #expect(
      ShellIdentification.isLogin(arguments: ["bash", "-l"])
        && ShellIdentification.isLogin(arguments: ["zsh", "--login"]))
    #expect(!ShellIdentification.isLogin(arguments: ["bash", "--noprofile", "--norc", "-i"]))
    #expect(ShellIdentification.runsCommandString(arguments: ["sh", "-c", "sleep 1"]))
    #expect(!ShellIdentification.runsCommandString(arguments: ["bash", "--noprofile", "-i"]))
  }

  // MARK: - Verdicts

  @Test(
    "A plain background job: a hang-up kills it (SIGHUP from bash); exit spares it unless huponexit, shown both ways; disown -h saves it"
  )
  func plainBackgroundJob() throws {
    let check = try Sessions.check(Sessions.observation([Sessions.job(200)]), 200)
    #expect(check.attachment == .job(shell: 100))
    #expect(check.scenario?.jobs.first?.launch == .plain)
    #expect(check.verdict(.exit)?.survives == true)
    let hangup = try #require(check.verdict(.hangup))
    #expect(!hangup.survives && hangup.killedBy == .hup && hangup.killer?.from == .shell)
    #expect(hangup.rules.first == "BASH-HANGUP-ALL-JOBS")
    let ifOn = check.end(.exit)?.alternatives.first { $0.subject == .shellOption("huponexit") }
    #expect(ifOn?.value == "on" && ifOn?.verdict.survives == false && ifOn?.verdict.killedBy == .hup)
    let ifDisowned = check.end(.hangup)?.alternatives.first { $0.subject == .jobTable && $0.value == "disowned" }
    #expect(ifDisowned?.verdict.survives == true)
    #expect(check.assumptions.contains { $0.subject == .jobTable && $0.alternatives == ["disowned", "disown-h"] })
    let remedies = check.remedies.map(\.kind)
    #expect(Array(remedies.prefix(2)) == [.disownH, .disown])
    #expect(check.remedies.first { $0.kind == .disownH }?.saves == [.hangup, .killHup])
    #expect(remedies.contains(.exitInsteadOfClosing))
  }

  @Test("Settled on the command line: huponexit on and disown -h — the assumptions are gone and the verdicts follow")
  func settledByFlags() throws {
    let obs = Sessions.observation([Sessions.job(200)])
    let check = try Sessions.check(obs, 200, CheckSettings(shellOptions: ["huponexit": true], jobTable: .disownH))
    #expect(!check.assumptions.contains { $0.subject == .jobTable || $0.subject == .shellOption("huponexit") })
    #expect(check.findings.contains { $0.subject == .jobTable && $0.value == "disown-h" && $0.source == .flag })
    // bash 5.2 sends no SIGHUP to a J_NOHUP job, at exit with huponexit or at a hang-up.
    #expect(check.ends.allSatisfy { $0.verdict?.survives == true })
    #expect(check.remedies.isEmpty)
  }

  @Test(
    "GNU nohup's mark (HUP ignored, stdin reopened write-only on /dev/null) makes it a nohup job, which survives everything"
  )
  func nohupJob() throws {
    let streams = [
      StandardStream(fd: 0, target: .devNull, access: .writeOnly),
      StandardStream(fd: 1, target: .file(path: "/home/a/nohup.out"), access: .writeOnly),
      StandardStream(fd: 2, target: .file(path: "/home/a/nohup.out"), access: .writeOnly),
    ]
    let check = try Sessions.check(Sessions.observation([Sessions.job(200, ignored: [1], streams: streams)]), 200)
    #expect(check.scenario?.jobs.first?.launch == .nohup)
    #expect(check.ends.allSatisfy { $0.verdict?.survives == true })
    #expect(check.verdict(.hangup)?.hazards.contains(.stdinEBADF) == true)
  }

  @Test("A stopped job dies at every end; bg alone saves it only when leaving by exit, bg then disown everywhere")
  func stoppedJob() throws {
    let check = try Sessions.check(Sessions.observation([Sessions.job(200, state: .stopped)]), 200)
    #expect(check.scenario?.jobs.first?.state == .stopped)
    #expect(check.ends.allSatisfy { $0.verdict?.survives == false })
    let bg = try #require(check.remedies.first { $0.kind == .bg })
    #expect(bg.saves == [.exit, .logout, .eof] && bg.stillDies == [.hangup, .killHup])
    let bgDisown = try #require(check.remedies.first { $0.kind == .bgDisown })
    #expect(bgDisown.stillDies.isEmpty)
    #expect(check.remedies.map(\.kind).prefix(2) == [.bgDisownH, .bgDisown])
  }

  @Test(
    "A stopped job that was reading the terminal: stopped by ^Z or by SIGTTIN is an assumption, settled by --stopped-by"
  )
  func stoppedReader() throws {
    let obs = Sessions.observation([Sessions.job(200, state: .stopped, reads: true)])
    let check = try Sessions.check(obs, 200)
    #expect(
      check.assumptions.contains { $0.subject == .stopSignal && $0.assumed == "stopped" && $0.alternatives == ["ttin"] }
    )
    #expect(check.scenario?.jobs.first?.program.readsStdin == true)
    let settled = try Sessions.check(obs, 200, CheckSettings(stopState: .ttin))
    #expect(settled.scenario?.jobs.first?.state == .ttin)
    #expect(!settled.assumptions.contains { $0.subject == .stopSignal })
  }

  @Test("A foreground job: exit, logout and ^D cannot be typed; ^Z, bg, disown -h is the remedy")
  func foregroundJob() throws {
    let leader = Sessions.leader(tpgid: 200)
    let check = try Sessions.check(Sessions.observation([Sessions.job(200, tpgid: 200)], leader: leader), 200)
    #expect(check.scenario?.jobs.first?.placement == .foreground)
    for end in [SessionEnd.exit, .logout, .eof] {
      guard case .failure(.foregroundJobHoldsTerminal(200))? = check.end(end)?.result else {
        Issue.record("\(end) should be impossible with a foreground job")
        continue
      }
    }
    #expect(check.verdict(.hangup)?.survives == false)
    #expect(!check.assumptions.contains { $0.subject == .jobTable })
    let remedy = try #require(check.remedies.first { $0.kind == .suspendBgDisownH })
    #expect(remedy.saves.contains(.hangup))
  }

  @Test("( cmd & ) leaves it in an orphaned group: the shell cannot reach it, it survives")
  func orphanedGroup() throws {
    let sleeper = Sessions.job(
      210, pgid: 205, ppid: 1, ignored: [2, 3],
      streams: [StandardStream(fd: 0, target: .devNull, access: .readOnly)] + Array(Sessions.tty().dropFirst()))
    let check = try Sessions.check(Sessions.observation([sleeper]), 210)
    #expect(check.attachment == .orphanedGroup(shell: 100))
    #expect(check.scenario?.jobs.first?.launch == .subshell)
    #expect(check.ends.allSatisfy { $0.verdict?.survives == true })
    #expect(!check.assumptions.contains { $0.subject == .jobTable })
  }

  @Test("setsid: a session of its own without a terminal; the caller's shell is the one that ends")
  func ownSession() throws {
    let detached = Sessions.job(300, ppid: 1, sid: 300, tty: 0)
    let caller = Caller(pid: 400, ppid: 100, pgid: 400, sid: 100)
    let check = try Sessions.check(Sessions.observation([detached], caller: caller), 300)
    #expect(check.attachment == .noTerminal)
    #expect(check.scenario?.jobs.first?.launch == .setsid)
    #expect(check.scenario?.shell.id == "bash-5.2")
    #expect(!check.assumptions.contains { $0.subject == .sessionShell })
    #expect(check.ends.allSatisfy { $0.verdict?.survives == true })
    // Without a caller in a shell, bash 5.2 stands in, and says so.
    let alone = try Sessions.check(Sessions.observation([detached]), 300)
    #expect(alone.assumptions.contains { $0.subject == .sessionShell && $0.assumed == "bash-5.2" })
  }

  @Test("Under a tmux server: the tmux launch, and it survives every end of the session you leave")
  func underTmux() throws {
    let server = ProcessSnapshot(
      pid: 500, ppid: 1, pgid: 500, sid: 500, name: "tmux: server", arguments: ["tmux", "new-session", "-d"],
      executable: "/usr/bin/tmux", uid: 1000)
    let pane = Sessions.job(510, ppid: 500, sid: 510, tty: 136 << 8 | 9)
    let check = try Sessions.check(
      Sessions.observation([server, pane], caller: Caller(pid: 400, ppid: 100, pgid: 400, sid: 100)), 510)
    #expect(check.attachment == .multiplexer(kind: .tmux, server: 500))
    #expect(check.scenario?.jobs.first?.launch == .tmux)
    #expect(check.ends.allSatisfy { $0.verdict?.survives == true })
    // A screen server is the model's screen launch.
    let screen = ProcessSnapshot(
      pid: 500, ppid: 1, pgid: 500, sid: 500, name: "screen", arguments: ["SCREEN", "-dmS", "job"],
      executable: "/usr/bin/screen", uid: 1000)
    let underScreen = try Sessions.check(
      Sessions.observation([screen, pane], caller: Caller(pid: 400, ppid: 100, pgid: 400, sid: 100)), 510)
    #expect(underScreen.scenario?.jobs.first?.launch == .screen)
    #expect(underScreen.ends.allSatisfy { $0.verdict?.survives == true })
  }

  @Test("A job of a shell in a tmux pane: a tmux-pane session, where a hang-up only detaches the client")
  func insideTmuxPane() throws {
    let server = ProcessSnapshot(
      pid: 50, ppid: 1, pgid: 50, sid: 50, name: "tmux: server", arguments: ["tmux"],
      executable: "/usr/bin/tmux", uid: 1000)
    var leader = Sessions.leader()
    leader.ppid = 50
    let obs = Observation(
      processes: [Sessions.initProcess, server, leader, Sessions.job(200)], shells: [Sessions.bash()],
      userNames: [1000: "alice"])
    let check = try Sessions.check(obs, 200)
    #expect(check.attachment == .job(shell: 100))
    #expect(check.scenario?.session == .tmuxPane)
    #expect(check.caveats.contains(.insideMultiplexer(kind: .tmux, server: 50)))
    #expect(check.verdict(.hangup)?.survives == true)
    #expect(check.verdict(.killHup)?.survives == false)
    #expect(CheckReport.json(check)["observed"]?["multiplexer"]?["pid"]?.intValue == 50)
  }

  @Test("A program that leads its terminal's session itself is not modelled, and the note says the kernel hangs it up")
  func leaderWithoutShell() throws {
    let python = ProcessSnapshot(
      pid: 100, ppid: 90, pgid: 100, sid: 100, ttyNumber: Sessions.terminal, tpgid: 100, name: "python3",
      arguments: ["python3", "train.py"], executable: "/usr/bin/python3", uid: 1000, streams: Sessions.tty())
    let check = try Sessions.check(Observation(processes: [Sessions.initProcess, Sessions.host, python]), 100)
    #expect(check.attachment == .terminalWithoutShell(leader: 100))
    #expect(check.caveats.contains(.leadsTerminalSession))
    #expect(CheckReport.text(check).contains("TTY-HANGUP-LEADER"))
    #expect(check.remedies.isEmpty)
  }

  @Test(
    "logind with KillUserProcesses=yes: the scenario says so and the model's supervisor kills the nohup job — not root's, not with logind off"
  )
  func logindKills() throws {
    let scope = ControlGroup.sessionScope(id: "7", path: "/user.slice/user-1000.slice/session-7.scope")
    let nohupStreams =
      [StandardStream(fd: 0, target: .devNull, access: .writeOnly)]
      + (1...2).map { StandardStream(fd: $0, target: .file(path: "/home/alice/nohup.out"), access: .writeOnly) }
    var system = SystemFacts(
      kernelRelease: "6.1.0",
      logind: LogindFacts(
        running: true, killUserProcesses: true,
        killUserProcessesSetIn: "/etc/systemd/logind.conf"))
    let job = Sessions.job(200, ignored: [1], streams: nohupStreams, cgroup: scope)
    let obs = Sessions.observation([job], leader: Sessions.leader(cgroup: scope), system: system)
    let check = try Sessions.check(obs, 200)
    #expect(check.scenario?.logind == .killUserProcesses)
    let exit = try #require(check.verdict(.exit))
    #expect(!exit.survives && exit.killedBy == .term && exit.killer?.from == .systemd)
    #expect(exit.rules.contains("LOGIND-KILL-USER-PROCESSES") && exit.rules.contains("SYSTEMD-UNIT-KILL"))
    #expect(CheckReport.text(check).contains("exit      dies: SIGTERM from systemd"))
    let nextTime = try #require(check.remedies.first { $0.kind == .systemdRunNextTime })
    #expect(nextTime.simulated && nextTime.stillDies.isEmpty)
    // It ignores SIGTERM too, and the scope's SIGHUP: SIGKILL when the stop timeout passes.
    let stubborn = Sessions.job(200, ignored: [1, 15], streams: nohupStreams, cgroup: scope)
    let stubbornCheck = try Sessions.check(
      Sessions.observation([stubborn], leader: Sessions.leader(cgroup: scope), system: system), 200)
    #expect(stubbornCheck.verdict(.exit)?.killedBy == .kill)
    #expect(stubbornCheck.verdict(.exit)?.rules.contains("SYSTEMD-STOP-TIMEOUT") == true)
    // root is in KillExcludeUsers by default.
    let rootJob = Sessions.job(200, ignored: [1], streams: nohupStreams, cgroup: scope, uid: 0)
    let rootCheck = try Sessions.check(
      Sessions.observation([rootJob], leader: Sessions.leader(cgroup: scope), system: system), 200)
    #expect(rootCheck.scenario?.logind == .keep && rootCheck.verdict(.exit)?.survives == true)
    system.logind.running = false
    #expect(
      try Sessions.check(Sessions.observation([job], leader: Sessions.leader(cgroup: scope), system: system), 200)
        .verdict(.exit)?.survives == true)
  }

  @Test("A systemd-run --user service dies with the user manager when the last session closes, unless the user lingers")
  func userManager() throws {
    let scope = ControlGroup.sessionScope(id: "7", path: "/user.slice/user-1000.slice/session-7.scope")
    let manager = ControlGroup.userManager(
      uid: 1000, path: "/user.slice/user-1000.slice/user@1000.service/app.slice/run-u9.service")
    let service = Sessions.job(600, ppid: 1, streams: [], cgroup: manager, sid: 600, tty: 0)
    var system = SystemFacts(kernelRelease: "6.1.0", logind: LogindFacts(running: true, otherSessions: 0))
    let caller = Caller(pid: 400, ppid: 100, pgid: 400, sid: 100)
    let check = try Sessions.check(
      Sessions.observation([service], leader: Sessions.leader(cgroup: scope), system: system, caller: caller), 600)
    #expect(check.scenario?.jobs.first?.launch == .systemdRun)
    let hangup = try #require(check.verdict(.hangup))
    #expect(!hangup.survives && hangup.killer?.from == .systemd && hangup.rules.contains("SYSTEMD-USER-MANAGER-STOP"))
    #expect(check.remedies.contains { $0.kind == .enableLinger && $0.simulated && $0.stillDies.isEmpty })
    system.logind.lingering = true
    #expect(
      try Sessions.check(
        Sessions.observation([service], leader: Sessions.leader(cgroup: scope), system: system, caller: caller), 600
      )
      .verdict(.hangup)?.survives == true)
    // Another session keeps the user manager up, as lingering would.
    system.logind.lingering = false
    system.logind.otherSessions = 1
    let other = try Sessions.check(
      Sessions.observation([service], leader: Sessions.leader(cgroup: scope), system: system, caller: caller), 600)
    #expect(other.verdict(.hangup)?.survives == true && other.caveats.contains(.otherLogindSessions(1)))
  }

  @Test(
    "Who holds the terminal: sshd, a terminal window, a tmux pane, or — when the parent says nothing — an assumption both ways"
  )
  func sessionHosts() throws {
    #expect(try Sessions.check(Sessions.observation([Sessions.job(200)]), 200).scenario?.session == .ssh)
    let xterm = ProcessSnapshot(
      pid: 90, ppid: 1, pgid: 90, sid: 90, name: "xterm", arguments: ["xterm"], executable: "/usr/bin/xterm")
    let window = Observation(
      processes: [Sessions.initProcess, xterm, Sessions.leader(), Sessions.job(200)], shells: [Sessions.bash()])
    let windowCheck = try Sessions.check(window, 200)
    #expect(windowCheck.scenario?.session == .terminal)
    #expect(!windowCheck.assumptions.contains { $0.subject == .sessionHost })
    let python = ProcessSnapshot(
      pid: 90, ppid: 1, pgid: 90, sid: 90, name: "python3", arguments: ["python3", "pty.py"],
      executable: "/usr/bin/python3")
    let unknown = Observation(
      processes: [Sessions.initProcess, python, Sessions.leader(), Sessions.job(200)], shells: [Sessions.bash()])
    let unknownCheck = try Sessions.check(unknown, 200)
    #expect(unknownCheck.scenario?.session == .ssh)
    #expect(unknownCheck.assumptions.contains { $0.subject == .sessionHost && $0.alternatives == ["terminal"] })
    #expect(try Sessions.check(unknown, 200, CheckSettings(session: .terminal)).scenario?.session == .terminal)
  }

  @Test(
    "Writing to the terminal later and a handler that shuts down are assumptions, shown both ways, settled by flags")
  func programAssumptions() throws {
    let obs = Sessions.observation([Sessions.job(200, caught: [1])])
    let check = try Sessions.check(obs, 200)
    #expect(check.assumptions.contains { $0.subject == .writes && $0.assumed == "no" })
    #expect(check.assumptions.contains { $0.subject == .handlerExits && $0.assumed == "keeps-running" })
    // bash hangs it up; its handler runs and it lives on, unless the handler exits.
    #expect(check.verdict(.hangup)?.survives == true)
    let ifExits = check.end(.hangup)?.alternatives.first { $0.subject == .handlerExits }
    #expect(ifExits?.verdict.fate == .exited(status: 0))
    // After exit sshd closes the terminal: a later write fails with EIO and ends it.
    let ifWrites = check.end(.exit)?.alternatives.first { $0.subject == .writes }
    #expect(ifWrites?.verdict.survives == false)
    let settled = try Sessions.check(obs, 200, CheckSettings(writes: false, handlerExits: true))
    #expect(!settled.assumptions.contains { $0.subject == .writes || $0.subject == .handlerExits })
    #expect(settled.verdict(.hangup)?.fate == .exited(status: 0))
  }

  @Test("`jobs -l` settles the table: an unlisted child of the shell was disowned; a listed one gets its job number")
  func jobsListingSettles() throws {
    let obs = Sessions.observation([Sessions.job(200), Sessions.job(210)])
    let listing = CheckSettings(jobsListing: [200: 3])
    let listed = try Sessions.check(obs, 200, listing)
    #expect(listed.shellJobNumber == 3)
    #expect(listed.assumptions.contains { $0.subject == .jobTable && $0.alternatives == ["disown-h"] })
    let unlisted = try Sessions.check(obs, 210, listing)
    #expect(
      unlisted.findings.contains { $0.subject == .jobTable && $0.value == "disowned" && $0.source == .jobsListing })
    #expect(unlisted.verdict(.hangup)?.survives == true)
    #expect(CheckReport.text(listed).contains("disown -h %3"))
  }

  @Test("$BASHOPTS settles huponexit: hupsim's own when the shell ran it, else the job's from when it started")
  func bashopts() throws {
    let caller = Caller(pid: 400, ppid: 100, pgid: 400, sid: 100, bashopts: "checkwinsize:cmdhist:huponexit")
    let check = try Sessions.check(Sessions.observation([Sessions.job(200)], caller: caller), 200)
    #expect(
      check.findings.contains {
        $0.subject == .shellOption("huponexit") && $0.value == "on" && $0.source == .callerBASHOPTS
      })
    #expect(check.verdict(.exit)?.survives == false)
    let fromJob = try Sessions.check(
      Sessions.observation([Sessions.job(200, environment: ["BASHOPTS": "cmdhist"])]), 200)
    #expect(
      fromJob.findings.contains {
        $0.subject == .shellOption("huponexit") && $0.value == "off" && $0.source == .jobBASHOPTS(pid: 200)
      })
  }

  @Test(
    "zsh's options are assumptions at their defaults; setopt nohup (--shell-option no_hup) spares a running job at exit"
  )
  func zshOptions() throws {
    let zsh = ShellIdentity(
      pid: 100, executableName: "zsh", versionLine: "zsh 5.9", version: ShellVersion.named("zsh-5.9")!,
      match: .exact, login: true)
    let obs = Sessions.observation(
      [Sessions.job(200)], leader: Sessions.leader(["-zsh"], executable: "/usr/bin/zsh"), shell: zsh)
    let check = try Sessions.check(obs, 200)
    #expect(check.assumptions.contains { $0.subject == .shellOption("hup") && $0.assumed == "on" })
    #expect(check.verdict(.exit)?.survives == false)
    #expect(
      check.end(.exit)?.alternatives.contains { $0.subject == .shellOption("hup") && $0.verdict.survives } == true)
    #expect(check.assumptions.first { $0.subject == .jobTable }?.alternatives == ["disowned"])
    let settled = try Sessions.check(obs, 200, CheckSettings(shellOptions: ["hup": false]))
    #expect(settled.verdict(.exit)?.survives == true)
  }

  @Test("Caveats: the shell ignores SIGHUP, a CI runner's marker, WSL 1, blocked signals")
  func caveats() throws {
    let leader = Sessions.leader(ignored: SignalMask(numbers: [1, 3, 15, 20, 21, 22]))
    var job = Sessions.job(200, environment: ["GITHUB_ACTIONS": "true"])
    job.blocked = SignalMask(numbers: [1])
    let obs = Sessions.observation([job], leader: leader, system: SystemFacts(kernelRelease: "4.4.0-19041-Microsoft"))
    let check = try Sessions.check(obs, 200)
    #expect(check.caveats.contains(.shellIgnoresHangup(shell: 100)))
    #expect(check.caveats.contains(.ciRunner(marker: "GITHUB_ACTIONS")))
    #expect(check.caveats.contains(.wsl1))
    #expect(check.caveats.contains(.blocksSignals([1])))
  }

  @Test("A shell's pid stands for its session's other processes; a session led by a non-shell is not modelled")
  func shellPidAndNonShell() throws {
    let obs = Sessions.observation([Sessions.job(200), Sessions.job(210, state: .stopped)])
    #expect(Checker.check(obs, targets: [100], settings: CheckSettings()).map(\.pid) == [200, 210])
    let script = ProcessSnapshot(
      pid: 100, ppid: 90, pgid: 100, sid: 100, ttyNumber: Sessions.terminal, tpgid: 100, name: "python3",
      arguments: ["python3", "train.py"], executable: "/usr/bin/python3", uid: 1000)
    let lone = Observation(processes: [Sessions.initProcess, Sessions.host, script, Sessions.job(200)])
    let check = try Sessions.check(lone, 200)
    #expect(check.attachment == .terminalWithoutShell(leader: 100))
    #expect(
      check.ends.allSatisfy {
        if case .failure(.noShell(100)) = $0.result { return true }; return false
      })
  }

  @Test("A shell hupsim does not model is checked as bash 5.2's, and the check says so")
  func unknownShell() throws {
    let xonsh = ShellIdentity(
      pid: 100, executableName: "xonsh", versionLine: nil, version: Scenario.defaultShell,
      match: .unknownShell, login: false)
    let obs = Sessions.observation(
      [Sessions.job(200)], leader: Sessions.leader(["xonsh"], executable: "/usr/bin/xonsh"), shell: xonsh)
    let check = try Sessions.check(obs, 200)
    #expect(check.attachment == .job(shell: 100))
    #expect(check.assumptions.contains { $0.subject == .shellRelease && $0.assumed == "bash-5.2" })
    #expect(CheckReport.text(check).contains("the shell (xonsh) is not one hupsim models; it is modelled as bash-5.2"))
  }

  @Test("A command line's control characters are escaped in text, so printing it cannot drive the terminal")
  func escapesControlCharacters() throws {
    var job = Sessions.job(200)
    job.arguments = ["evil", "\u{1b}]0;pwned\u{07}", "\u{1b}[2J"]
    let text = CheckReport.text(try Sessions.check(Sessions.observation([job]), 200))
    #expect(!text.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 })
    #expect(text.contains("evil \\u{1b}]0;pwned\\u{7} \\u{1b}[2J"))
  }

  @Test(
    "The whole session is one scenario: every job, the foreground one last, pipelines and children as the job's processes"
  )
  func wholeSession() throws {
    var pipeA = Sessions.job(300, name: "yes")
    pipeA.arguments = ["yes"]
    var pipeB = Sessions.job(301, pgid: 300, name: "cat")
    pipeB.arguments = ["cat"]
    let child = Sessions.job(302, pgid: 300, ppid: 301, name: "sh")
    let leader = Sessions.leader(tpgid: 250)
    let obs = Sessions.observation(
      [Sessions.job(200), Sessions.job(250, tpgid: 250), pipeA, pipeB, child], leader: leader)
    let check = try Sessions.check(obs, 302)
    let scenario = try #require(check.scenario)
    #expect(scenario.jobs.map(\.placement) == [.background, .background, .foreground])
    #expect(check.job == 2 && check.processIndex == 2)
    #expect(scenario.jobs[1].extraProcesses.map(\.parent) == [.shell, .process(1)])
    #expect(throws: Never.self) { try scenario.validate() }
  }

  @Test("Text and JSON are deterministic and the JSON has the documented shape")
  func presentation() throws {
    let obs = Sessions.observation([Sessions.job(200), Sessions.job(210, state: .stopped)])
    let checks = Checker.check(obs, targets: [200, 210], settings: CheckSettings())
    let again = Checker.check(obs, targets: [200, 210], settings: CheckSettings())
    #expect(CheckReport.text(checks) == CheckReport.text(again))
    #expect(CheckReport.json(checks, asArray: true).rendered() == CheckReport.json(again, asArray: true).rendered())
    let doc = CheckReport.json([checks[0]], asArray: false)
    for key in ["pid", "observed", "assumptions", "ends", "remedies", "scenario"] { #expect(doc[key] != nil, "\(key)") }
    let ends = try #require(doc["ends"]?.arrayValue)
    #expect(ends.compactMap { $0["end"]?.stringValue } == ["exit", "logout", "eof", "hangup", "kill-hup"])
    let hangup = try #require(ends.first { $0["end"]?.stringValue == "hangup" })
    #expect(
      hangup["survives"]?.boolValue == false && hangup["killedBy"]?.stringValue == "SIGHUP"
        && hangup["by"]?.stringValue == "shell")
    #expect(hangup["delivered"]?.arrayValue?.first?["rule"]?.stringValue == "BASH-HANGUP-ALL-JOBS")
    #expect(hangup["rules"]?.arrayValue?.isEmpty == false)
    // The scenario is a valid scenario file: `hupsim explain --scenario` can replay it.
    let scenario = try #require(doc["scenario"])
    #expect(try Scenario.fromJSON(scenario).toJSON() == scenario)
    let text = CheckReport.text(checks[0])
    #expect(text.contains("hangup    dies: SIGHUP from the shell (bash)"))
    #expect(text.contains("[BASH-HANGUP-ALL-JOBS]"))
  }
}

@Suite("hupsim check: the command line")
struct CheckCommandTests {
  @Test(
    "Bad pids and job specs: one line naming the value and what is valid, exit 64",
    arguments: [
      (["check", "abc"], "'abc' is not a process id"),
      (["check", "0"], "'0' is not a process id; pids are 1…4194304"),
      (["check", "-5"], "'-5' is not a process id"),
      (["check", "99999999999999999999"], "is not a process id"),
      (["check", "%1"], "%1 names a job of your shell"),
      (["check", "%x"], "'%x' is not a job"),
      (["check", "--format", "xml", "1"], "unknown value 'xml' for --format"),
      (["check", "--stopped-by", "kill"], "unknown value 'kill' for --stopped-by"),
      (["check", "--disowned", "--in-table"], "--disowned and --in-table contradict"),
      (["check", "--frob"], "unknown option '--frob'"),
      (["check", "--shell", "bash-9"], "unknown value 'bash-9' for --shell"),
    ])
  func badArguments(args: [String], message: String) {
    let r = TestSupport.hupsim(args)
    #expect(r.status == 64, "\(args): \(r.stderr)")
    #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
    #expect(r.stdout.isEmpty)
  }

  @Test("A huge argument is quoted as a bounded prefix")
  func boundedQuote() {
    let r = TestSupport.hupsim(["check", String(repeating: "x", count: 100_000)])
    #expect(r.status == 64 && r.stderr.utf8.count < 300, "\(r.stderr.prefix(400))")
  }

  #if os(Linux)
  /// A pid no process has now.
  static func freePid() -> Int {
    let max =
      (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)).flatMap {
        Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
      } ?? 32768
    return (2...max).reversed().first { !FileManager.default.fileExists(atPath: "/proc/\($0)") } ?? max
  }

  @Test("A pid no process has: one line, exit 64")
  func noSuchProcess() {
    let pid = CheckCommandTests.freePid()
    let r = TestSupport.hupsim(["check", String(pid)])
    #expect(
      r.status == 64
        && r.stderr
          == "hupsim: no process has pid \(pid) (it may have exited); give the pid of a running process (see `ps -o pid,stat,cmd`)\n"
    )
  }

  @Test(
    "A kernel thread: one line, exit 64",
    .enabled(if: (try? String(contentsOfFile: "/proc/2/stat", encoding: .utf8))?.contains("(kthreadd)") == true))
  func kernelThread() {
    let r = TestSupport.hupsim(["check", "2"])
    #expect(r.status == 64 && r.stderr.contains("pid 2 is a kernel thread ('kthreadd')"), "\(r.stderr)")
  }

  @Test("A thread's id names its process instead: one line, exit 64")
  func thread() throws {
    let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").compactMap(Int.init)
    let tid = try #require(tasks.first { $0 != Int(getpid()) }, "the test process has one thread")
    let r = TestSupport.hupsim(["check", String(tid)])
    #expect(
      r.status == 64
        && r.stderr == "hupsim: pid \(tid) is a thread of process \(getpid()), not a process; check \(getpid())\n",
      "\(r.stderr)")
  }

  @Test("A zombie has already exited: one line, exit 1")
  func zombie() throws {
    var pid: pid_t = 0
    var argv: [UnsafeMutablePointer<CChar>?] = [strdup("true"), nil]
    defer { argv.forEach { free($0) } }
    #expect(posix_spawn(&pid, "/bin/true", nil, nil, &argv, environ) == 0)
    defer {
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
    // Wait until it is a zombie (it exits at once; nobody reaps it until the defer).
    var info = siginfo_t()
    #expect(waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == 0)
    let r = TestSupport.hupsim(["check", String(pid)])
    #expect(r.status == 1 && r.stderr.contains("has already exited; it is a zombie"), "\(r.stderr)")
  }

  @Test(
    "Another user's process cannot be read: one line, exit 64",
    .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
  func otherUser() throws {
    // hupsim as nobody, asked about pid 1 (root's).
    let r = try TestSupport.spawn(
      "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", TestSupport.hupsimBinary, "check", "1"])
    // nobody cannot run the build
    guard !r.stderr.contains("Permission denied") && r.status != 126 && r.status != 127 else { return }
    #expect(r.status == 64 && r.stderr.contains("pid 1 belongs to another user (uid 0)"), "\(r.status) \(r.stderr)")
  }

  @Test("%N needs the shell's `jobs -l`; a job it does not list is an error naming the ones it does")
  func jobSpecs() throws {
    let file = NSTemporaryDirectory() + "hupsim-check-jobs-\(getpid()).txt"
    try "[1]+  \(getpid()) Running                 swift test &\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let r = TestSupport.hupsim(["check", "--jobs", file, "%7"])
    #expect(r.status == 64 && r.stderr.contains("%7 is not in the `jobs -l` listing; it lists %1"), "\(r.stderr)")
    let ok = TestSupport.hupsim(["check", "--jobs", file, "%1", "--format", "json"])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(try JSONParser.parse(ok.stdout)["pid"]?.intValue == Int(getpid()))
  }

  @Test("Random command lines end in 0, 1 or 64, never a trap; errors are one short line")
  func fuzz() {
    var rng = SplitMix64(state: 0xC4EC)
    let words = [
      "check", "check", "1", "2", String(getpid()), "0", "-1", "%1", "%", "--jobs", "/dev/null", "--format", "json",
      "text",
      "--huponexit", "--shell-option", "hup", "no_huponexit", "--disowned", "--disown-h", "--in-table", "--stopped-by",
      "ttin", "--shell", "zsh", "", "\u{1b}[31m", "4194305", String(CheckCommandTests.freePid()),
    ]
    for _ in 0..<120 {
      let args = ["check"] + (0..<rng.below(5)).map { _ in rng.pick(words) }
      let r = TestSupport.hupsim(args)
      #expect([0, 1, 64].contains(r.status), "\(args) → \(r.status) \(r.stderr)")
      if r.status != 0 {
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.utf8.count < 2_000, "\(args): \(r.stderr)")
      }
    }
  }
  #endif

  @Test("help and the man page describe check")
  func help() {
    let r = TestSupport.hupsim("check", "--help")
    #expect(r.status == 0 && r.stdout.contains("USAGE") && r.stdout.contains("--disown-h"))
    #expect(TestSupport.hupsim("--help").stdout.contains("check"))
    #expect(TestSupport.hupsim("man").stdout.contains("check"))
  }
}
