import CHangupLinux
import Foundation
import HangupJSON
import HangupModel
import HangupProcFS
import HangupRecorder
import Testing

/// These tests run the real /bin/bash on a pseudo-terminal through `hupsim record`.
/// They use scenarios whose outcome does not depend on a race, and run one at a time.
@Suite("Recorder (real bash)", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
struct RecorderTests {
  /// Processes still carrying the marker of a recorder that has exited.
  static func leftovers(recorder pid: Int32) -> [String] {
    let needle = Data("HUPSIM_RECORD_ID=\(pid)-".utf8)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> String? in
      guard Int(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/environ"),
        data.range(of: needle) != nil
      else { return nil }
      let cmd = (try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8)) ?? "?"
      return "\(entry) \(cmd.replacingOccurrences(of: "\0", with: " "))"
    }
  }

  /// Waits until the recorder has a shell and a probe running (at most 10 s): the probe
  /// runs as `./job`.
  static func waitUntilRecording(_ recorder: Int32) {
    let deadline = Date().addingTimeInterval(10)
    func probeRuns() -> Bool { leftovers(recorder: recorder).contains { $0.contains("./job") } }
    while Date() < deadline && !probeRuns() {
      usleep(20_000)
    }
    #expect(probeRuns(), "the recording never started")
  }

  /// Waits until the recorder's probe has detached itself (at most 10 s): a `./job` with
  /// no controlling terminal (tty_nr 0 after setsid) whose parent is the recorder, the
  /// subreaper that adopts it once the process it forked from has exited.
  static func waitUntilDetached(_ recorder: Int32) {
    let detached = SessionRecorderTests.eventually {
      leftovers(recorder: recorder).contains { entry in
        guard entry.contains("./job"), let pid = entry.split(separator: " ").first.flatMap({ Int32($0) }),
          let stat = ProcFS.statFields(pid)
        else { return false }
        // Field 4 the parent, field 7 the controlling terminal (0: none).
        return stat[4] == "\(recorder)" && stat[7] == "0"
      }
    }
    #expect(detached, "the probe never detached itself")
  }

  /// Waits until every guard (`hupsim-probe --guard`) of the recorder `recorder` has
  /// exited, at most `seconds`: each guard is waited on through a pidfd, so the wait ends
  /// when the guard does, not after a fixed time. A guard removes the run's folder and
  /// kills what is left before it exits, so after this there is nothing left to wait for.
  static func waitForGuards(of recorder: Int32, seconds: Int32 = 60) {
    let needle = "--guard HUPSIM_RECORD_ID=\(recorder)-"
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    let guards = entries.compactMap { entry -> Int32? in
      guard let pid = Int32(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else {
        return nil
      }
      return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ").contains(needle)
        ? pid : nil
    }
    for pid in guards {
      let fd = CHangupLinux_pidfd_open(pid)
      guard fd >= 0 else { continue }  // already gone
      defer { close(fd) }
      var events = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      while poll(&events, 1, seconds * 1000) < 0 && errno == EINTR {}
    }
  }

  /// Starts `hupsim record` in a process group of its own (so the whole group can be
  /// killed without touching the test runner), with its own TMPDIR.
  static func startRecorderInOwnGroup(_ args: [String], tmp: String) -> pid_t? {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = tmp
    let argv = ([TestSupport.hupsimBinary, "record"] + args).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    return posix_spawn(&pid, TestSupport.hupsimBinary, &actions, &attributes, argv, envp) == 0 ? pid : nil
  }

  static func temporaryDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "hupsim-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Starts `hupsim record` with its own TMPDIR so its temporary files can be checked.
  static func startRecorder(_ args: [String], tmp: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: TestSupport.hupsimBinary)
    process.arguments = ["record"] + args
    var env = ProcessInfo.processInfo.environment
    env["TMPDIR"] = tmp
    process.environment = env
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    return process
  }

  @Test(
    "The design card's recording: a stopped default job dies of SIGTERM after \"There are stopped jobs.\", and the model agrees"
  )
  func stoppedExit() throws {
    let r = try TestSupport.spawn(
      TestSupport.hupsimBinary, ["record", "--state", "stopped", "--exit", "exit", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let doc = try JSONParser.parse(r.stdout)
    #expect(doc["model"]?["passed"]?.boolValue == true)
    let expectations = doc["trace"]?["expect"]?.arrayValue ?? []
    #expect(expectations.contains { $0["what"]?.stringValue == "fate" && $0["killedBy"]?.stringValue == "SIGTERM" })
    #expect(
      expectations.contains { e in
        e["what"]?.stringValue == "messages"
          && (e["contains"]?.arrayValue ?? []).contains(.string("There are stopped jobs."))
      })
    let run = try #require(doc["trace"]?["recording"]?["runs"]?.arrayValue?.first)
    #expect(run["transcript"]?.stringValue?.contains("There are stopped jobs.") == true)
    #expect(doc["trace"]?["system"]?["shell"]?.stringValue?.contains("GNU bash") == true)
  }

  @Test(
    "More real recordings agree with the model",
    arguments: [
      ["--exit", "hangup", "--handles", "HUP,CONT,TERM"],
      ["--state", "stopped", "--nohup", "--exit", "logout"],
      ["--huponexit", "--exit", "exit"],
      ["--state", "stopped", "--disown", "--exit", "exit", "--handles", "HUP,CONT,TERM"],
      ["--setsid", "--exit", "kill-hup"],
      ["--no-login", "--exit", "logout"],
    ])
  func agrees(args: [String]) throws {
    let r = try TestSupport.spawn(TestSupport.hupsimBinary, ["record"] + args)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("The model agrees with the recording."))
  }

  @Test("A forced timeout leaves no process and no temporary file behind")
  func timeoutCleansUp() throws {
    let tmp = try RecorderTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let recorder = try RecorderTests.startRecorder(
      ["--state", "stopped", "--exit", "exit", "--timeout", "0.3"], tmp: tmp)
    recorder.waitUntilExit()
    #expect(recorder.terminationStatus == 70)
    #expect(RecorderTests.leftovers(recorder: recorder.processIdentifier).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
  }

  @Test("SIGINT to the recorder mid-run kills and reaps everything it started and removes its files")
  func interruptCleansUp() throws {
    let tmp = try RecorderTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let recorder = try RecorderTests.startRecorder(
      ["--state", "stopped", "--exit", "hangup", "--handles", "HUP,CONT,TERM", "--repeat", "10"], tmp: tmp)
    RecorderTests.waitUntilRecording(recorder.processIdentifier)
    kill(recorder.processIdentifier, SIGINT)
    recorder.waitUntilExit()
    #expect(recorder.terminationStatus == 128 + SIGINT)
    #expect(RecorderTests.leftovers(recorder: recorder.processIdentifier).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
  }

  @Test(
    "SIGKILL to the recorder's whole process group mid-run: its guard kills the shell and a nohup job that would outlive it, and removes its files"
  )
  func killedRecorderCleansUp() throws {
    let tmp = try RecorderTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    // A nohup job that catches everything survives the hang-up the recorder's death causes.
    let recorder = try #require(
      RecorderTests.startRecorderInOwnGroup(
        ["--nohup", "--exit", "exit", "--handles", "HUP,CONT,TERM", "--repeat", "10"], tmp: tmp))
    RecorderTests.waitUntilRecording(recorder)
    // Like `timeout -s KILL` or `kill -KILL -PGID`: nothing in the recorder's group survives.
    kill(-recorder, SIGKILL)
    var status: Int32 = 0
    while waitpid(recorder, &status, 0) < 0 && errno == EINTR {}
    #expect(status & 0x7f == SIGKILL)
    // The guard works asynchronously once the kernel has closed the recorder's pipe.
    RecorderTests.waitForGuards(of: recorder)
    #expect(RecorderTests.leftovers(recorder: recorder).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
  }

  @Test("A shell that never exits (logout refused) is killed at the end of the run, with its jobs")
  func shellThatStays() throws {
    let tmp = try RecorderTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let recorder = try RecorderTests.startRecorder(["--no-login", "--exit", "logout", "--state", "stopped"], tmp: tmp)
    recorder.waitUntilExit()
    #expect(recorder.terminationStatus == 0)
    #expect(RecorderTests.leftovers(recorder: recorder.processIdentifier).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
  }

  /// One recording per other shell (each installed by .ci/run): a stopped job and a typed
  /// exit, the shell's own warning, and the model agreeing.
  @Test(
    "Each other shell, driven for real, warns in its own words and agrees with the model",
    arguments: [
      ("zsh", "/usr/bin/zsh", "zsh: you have suspended jobs."),
      ("ksh93", "/usr/bin/ksh93", "You have stopped jobs"),
      ("mksh", "/usr/bin/mksh", "You have stopped jobs"),
      ("dash", "/usr/bin/dash", "You have stopped jobs."),
      ("fish", "/usr/bin/fish", "There are still jobs active:"),
      ("tcsh", "/usr/bin/tcsh", "There are suspended jobs."),
      ("busybox-ash", "/usr/bin/busybox", "You have stopped jobs."),
    ])
  func otherShells(shell: String, path: String, warning: String) throws {
    guard FileManager.default.isExecutableFile(atPath: path) else {
      Issue.record("\(path) is not installed; .ci/run installs it")
      return
    }
    let r = try TestSupport.spawn(
      TestSupport.hupsimBinary,
      [
        "record", "--shell", shell, "--state", "stopped", "--exit", "exit",
        "--format", "json",
      ])
    #expect(r.status == 0, "\(r.stdout.prefix(2000))\(r.stderr)")
    let doc = try JSONParser.parse(r.stdout)
    #expect(doc["model"]?["passed"]?.boolValue == true)
    let expectations = doc["trace"]?["expect"]?.arrayValue ?? []
    #expect(
      expectations.contains { e in
        e["what"]?.stringValue == "messages" && (e["contains"]?.arrayValue ?? []).contains(.string(warning))
      })
    #expect(expectations.contains { $0["what"]?.stringValue == "fate" && $0["killedBy"]?.stringValue == "SIGHUP" })
  }

  /// Issue 14: the probe detaches itself for real and the recorder follows the process
  /// that went on, which is no longer in the job's group or session, to its fate, then
  /// ends and reaps it by pid.
  @Test(
    "A program that detaches itself (double fork, daemon(3)) is followed to its fate, and ended and reaped by pid",
    arguments: [
      "double-fork", "daemon",
    ])
  func detachedIsFollowedAndReaped(form: String) throws {
    let tmp = try RecorderTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let process = try RecorderTests.startRecorder(
      [
        "--daemonizes", form, "--exit", "hangup", "--handles", "HUP,CONT,TERM",
        "--format", "json",
      ], tmp: tmp)
    let output = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
    let errors = (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
    process.waitUntilExit()
    let stdout = String(decoding: output, as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(stdout.prefix(3000))\(String(decoding: errors, as: UTF8.self))")
    let doc = try JSONParser.parse(stdout)
    #expect(doc["model"]?["passed"]?.boolValue == true)
    let run = try #require(doc["trace"]?["recording"]?["runs"]?.arrayValue?.first)
    let probe = try #require(run["probes"]?.arrayValue?.first)
    let detached = try #require(probe["detached"])
    let pid = try #require(probe["pid"]?.intValue)
    let from = try #require(detached["from"]?.intValue)
    let recorder = try #require(run["recorderPid"]?.intValue)
    #expect(detached["form"]?.stringValue == form)
    #expect(detached["result"]?.stringValue == "ok")
    #expect(pid != from, "the record follows the process that went on, not the one the shell started")
    // The shell may reap it before the recorder has opened a pidfd on it (a loaded machine):
    // then how it ended is unknown, but it is never alive or killed.
    #expect(["exited 0", "ended, status unknown"].contains(detached["fromFate"]?.stringValue ?? ""))
    if form == "double-fork" {
      let via = try #require(detached["via"]?.intValue)
      #expect(via != pid && via != from)
      #expect(detached["viaFate"]?.stringValue == "exited 0")
    }
    // ppid pgid sid tpgid right after the calls: a session and group of its own, no terminal.
    let after = (detached["after"]?.stringValue ?? "").split(separator: " ").map(String.init)
    #expect(after.count == 4)
    if after.count == 4 {
      #expect(after[2] != (probe["start"]?.stringValue ?? "").split(separator: " ").dropFirst(2).first.map(String.init))
      #expect(after[3] == "-1")
      if form == "daemon" { #expect(after[1] == String(pid) && after[2] == String(pid)) }
      if form == "double-fork" {
        #expect(after[2] != String(pid), "the double fork's daemon does not lead its session")
      }
    }
    // No signal reached it, it outlived the hang-up, and its parent became the recorder,
    // the child subreaper above the session.
    #expect(probe["signals"]?.arrayValue?.isEmpty == true)
    #expect(probe["fate"]?.stringValue == "alive, parent \(recorder)")
    let expectations = doc["trace"]?["expect"]?.arrayValue ?? []
    #expect(
      expectations.contains {
        $0["what"]?.stringValue == "finalParent" && $0["contains"]?.arrayValue == [.string("subreaper")]
      })
    #expect(doc["trace"]?["scenario"]?["jobs"]?.arrayValue?.first?["daemonizes"]?.stringValue == form)
    // How it detached, from the logged facts, is an expectation the model meets.
    let steps: [JSONValue] =
      form == "daemon"
      ? [.string("fork, the parent exits"), .string("setsid: a new session"), .string("stdio to /dev/null")]
      : [
        .string("fork, the parent exits"), .string("setsid: a new session"),
        .string("fork again, the first child exits"),
        .string("stdio to /dev/null"),
      ]
    #expect(expectations.contains { $0["what"]?.stringValue == "detached" && $0["contains"]?.arrayValue == steps })
    // Ended and reaped: the pid is gone (no zombie either), nothing of the run is left.
    #expect(
      !FileManager.default.fileExists(atPath: "/proc/\(pid)/stat")
        || RecorderTests.startedBefore(pid: pid, recorder: recorder))
    #expect(RecorderTests.leftovers(recorder: Int32(recorder)).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
  }

  /// Whether `pid` now names a process that is not the recorder's daemon (a reused pid):
  /// its parent is not the recorder that has exited.
  static func startedBefore(pid: Int, recorder: Int) -> Bool {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let paren = text.lastIndex(of: ")")
    else {
      return true
    }
    let fields = text[text.index(after: paren)...].split(separator: " ")
    return fields.count > 1 && fields[1] != Substring(String(recorder))
  }

  @Test("SIGINT to the recorder while a detached daemon runs: the daemon is ended and reaped too")
  func interruptEndsDaemon() throws {
    let tmp = try RecorderTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let recorder = try RecorderTests.startRecorder(
      ["--daemonizes", "daemon", "--exit", "exit", "--handles", "HUP,CONT,TERM", "--repeat", "10"], tmp: tmp)
    RecorderTests.waitUntilRecording(recorder.processIdentifier)
    // The probe has detached: its daemon runs outside the job, re-parented to the recorder.
    RecorderTests.waitUntilDetached(recorder.processIdentifier)
    kill(recorder.processIdentifier, SIGINT)
    recorder.waitUntilExit()
    #expect(recorder.terminationStatus == 128 + SIGINT)
    #expect(RecorderTests.leftovers(recorder: recorder.processIdentifier).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
  }

  @Test("SIGKILL to the recorder's process group while a double-forked daemon runs: the guard ends it too")
  func killedRecorderEndsDaemon() throws {
    let tmp = try RecorderTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let recorder = try #require(
      RecorderTests.startRecorderInOwnGroup(
        ["--daemonizes", "double-fork", "--exit", "exit", "--handles", "HUP,CONT,TERM", "--repeat", "10"], tmp: tmp))
    RecorderTests.waitUntilRecording(recorder)
    RecorderTests.waitUntilDetached(recorder)
    // The daemon is in a session of its own, outside the recorder's group: only the guard
    // (the run's marker, and the pid the recorder named to it) can end it now.
    kill(-recorder, SIGKILL)
    var status: Int32 = 0
    while waitpid(recorder, &status, 0) < 0 && errno == EINTR {}
    let settled = Date().addingTimeInterval(10)
    while Date() < settled
      && (!RecorderTests.leftovers(recorder: recorder).isEmpty
        || !((try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []).isEmpty)
    {
      usleep(20_000)
    }
    #expect(RecorderTests.leftovers(recorder: recorder).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
  }

  @Test("record rejects what it cannot run with a usage error")
  func recordUsage() throws {
    #expect(TestSupport.hupsim("record", "--os", "netbsd-1.6").status == 64)
    #expect(TestSupport.hupsim("record", "--repeat", "0").status == 64)
    #expect(TestSupport.hupsim("record", "--timeout", "-1").status == 64)
  }
}

@Suite("Transcript parsing")
struct TranscriptTests {
  let bashKeys = Scenario.defaultShell.shellFamily.recording.keyMessages

  @Test("Echoes of typed lines are not output; bash's own `exit` line after an echoed `exit` is")
  func nonLoginExit() {
    let transcript =
      "HUPSIM_PROMPT> ./job\n^Z\n[1]+  Stopped                 ./job\nHUPSIM_PROMPT> exit\nexit\nThere are stopped jobs.\nHUPSIM_PROMPT> exit\nexit\n"
    #expect(
      TraceBuilder.keyMessagesPrinted(in: transcript, typed: ["./job", "exit", "exit"], keyMessages: bashKeys)
        == ["exit", "There are stopped jobs.", "exit"])
  }

  @Test("An echo pushed to its own line by asynchronous output is still an echo")
  func asyncOutput() {
    let transcript =
      "HUPSIM_PROMPT> nohup ./job &\n[1] 23169\nHUPSIM_PROMPT> nohup: ignoring input and appending output to 'nohup.out'\nexit\nlogout\n"
    #expect(
      TraceBuilder.keyMessagesPrinted(in: transcript, typed: ["nohup ./job &", "exit"], keyMessages: bashKeys) == [
        "logout"
      ])
  }

  @Test("The transcript is what a terminal shows: escapes dropped, carriage returns overwrite, redraws collapse")
  func terminalRendering() {
    // fish's end-of-line mark, then the prompt over it, then a line redrawn while typed.
    let fish = Array("\u{23CE}       \r\u{23CE} \rHUPSIM_PROMPT> ex\rHUPSIM_PROMPT> exit\r\n".utf8)
    #expect(TerminalText.render(fish) == "HUPSIM_PROMPT> exit\n")
    // zsh's bracketed paste around a prompt; busybox's cursor-position query.
    let zsh = Array("\rHUPSIM_PROMPT> \u{1B}[?2004hexit\u{1B}[?2004l\r\r\n".utf8)
    #expect(TerminalText.render(zsh) == "HUPSIM_PROMPT> exit\n")
    let busybox = Array("HUPSIM_PROMPT> \u{1B}[6n".utf8)
    #expect(TerminalText.render(busybox) == "HUPSIM_PROMPT> ")
    // An OSC title and a bell vanish; text after them stays.
    #expect(TerminalText.render(Array("\u{1B}]0;title\u{07}ok\u{07}\n".utf8)) == "ok\n")
  }

  @Test("An echo after a line that took the prompt into its middle is still an echo")
  func promptInsideOutput() {
    let transcript =
      "HUPSIM_PROMPT> nohup ./job &\n[1] 29365\nnohup: HUPSIM_PROMPT> ignoring input and appending output to 'nohup.out'\nexit\nlogout\n"
    #expect(
      TraceBuilder.keyMessagesPrinted(in: transcript, typed: ["nohup ./job &", "exit"], keyMessages: bashKeys) == [
        "logout"
      ])
  }

  @Test("^D is not echoed: the logout after the prompt is bash's output")
  func eof() {
    let transcript = "HUPSIM_PROMPT> ./job &\n[1] 5\nHUPSIM_PROMPT> logout\n"
    #expect(TraceBuilder.keyMessagesPrinted(in: transcript, typed: ["./job &"], keyMessages: bashKeys) == ["logout"])
  }
}
