#if canImport(Glibc)
import Foundation
import Glibc
import HangupJSON
import HangupModel
import Testing

/// `hupsim check` on real shells: start jobs the ways people do, ask hupsim what each end
/// would do to each, end the session for real, and hold every prediction to what happened.
@Suite(
  "hupsim check on real shells", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
struct CheckLiveTests {
  /// What `hupsim check PID --format json` predicts for one end.
  struct Prediction: CustomStringConvertible {
    var survives: Bool
    var killedBy: String?
    /// The other values of the assumptions that change the answer, and the answer then.
    var otherwise: [(assumption: String, value: String, survives: Bool)]
    var document: JSONValue

    var description: String { survives ? "survives" : "dies" + (killedBy.map { " (\($0))" } ?? "") }
  }

  /// Runs the built `hupsim check` on one pid and reads its verdict for `end`.
  static func predict(_ pid: Int32, end: String, flags: [String] = []) throws -> Prediction {
    let r = try TestSupport.spawn(TestSupport.hupsimBinary, ["check", String(pid), "--format", "json"] + flags)
    guard r.status == 0 else { throw LiveShellError("hupsim check \(pid) exited \(r.status): \(r.stderr)") }
    let doc = try JSONParser.parse(r.stdout)
    guard doc["pid"]?.intValue == Int(pid), let ends = doc["ends"]?.arrayValue,
      let row = ends.first(where: { $0["end"]?.stringValue == end }), row["checked"]?.boolValue == true,
      let survives = row["survives"]?.boolValue
    else { throw LiveShellError("no checked \(end) verdict for \(pid) in:\n\(r.stdout.prefix(3000))") }
    let otherwise = (row["otherwise"]?.arrayValue ?? []).compactMap { alt -> (String, String, Bool)? in
      guard let a = alt["assumption"]?.stringValue, let v = alt["value"]?.stringValue,
        let s = alt["survives"]?.boolValue
      else { return nil }
      return (a, v, s)
    }
    return Prediction(survives: survives, killedBy: row["killedBy"]?.stringValue, otherwise: otherwise, document: doc)
  }

  /// Requires reality to match the prediction: alive or not, and the fatal signal when the
  /// kernel still knows it.
  static func expectCameTrue(
    _ name: String, _ prediction: Prediction, _ fate: LiveShell.Fate,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      prediction.survives == fate.survives, "\(name): predicted \(prediction), really \(fate)",
      sourceLocation: sourceLocation)
    if case .killed(let number) = fate, let predicted = prediction.killedBy {
      let real = Signal.parse(String(number))?.description ?? "signal \(number)"
      #expect(predicted == real, "\(name): predicted \(predicted), really \(real)", sourceLocation: sourceLocation)
    }
  }

  /// Starts `command` in the foreground and stops it with ^Z.
  static func startStopped(_ shell: LiveShell, _ command: String, _ arguments: [String], excluding: [Int32] = []) throws
    -> Int32
  {
    shell.type(command)
    var pid: Int32?
    try shell.waitFor("\(command) to start") {
      pid = shell.markedProcesses().first { $0.arguments == arguments && !excluding.contains($0.pid) }?.pid
      return pid != nil
    }
    shell.settle(200)
    try shell.suspend()
    _ = try shell.pid(of: arguments, excluding: excluding)
    return pid!
  }

  @Test(
    "Done when: a login bash with `sleep 300 &`, `nohup sleep 300 … &` and a ^Z'd `sleep 300`: check predicts that a hang-up kills the first and third and spares the second, and closing the pty does exactly that"
  )
  func doneWhen() throws {
    let shell = try LiveShell("bash")
    defer { shell.cleanUp() }
    try shell.typeAndWait("sleep 300 &")
    let plain = try shell.pid(of: ["sleep", "300"])
    try shell.typeAndWait("nohup sleep 300 >/dev/null 2>&1 &")
    let nohup = try shell.pid(of: ["sleep", "300"], excluding: [plain])
    let stopped = try CheckLiveTests.startStopped(shell, "sleep 300", ["sleep", "300"], excluding: [plain, nohup])

    let predictions = try [plain, nohup, stopped].map { try CheckLiveTests.predict($0, end: "hangup") }
    #expect(predictions.map(\.survives) == [false, true, false])
    #expect(predictions[0].killedBy == "SIGHUP")

    shell.closeTerminal()
    shell.awaitFates(dying: [plain, stopped])
    for (name, pid, prediction) in zip3(
      ["sleep 300 &", "nohup sleep 300 &", "sleep 300 ^Z"], [plain, nohup, stopped], predictions)
    {
      CheckLiveTests.expectCameTrue(name, prediction, shell.fate(pid))
    }
    #expect(shell.fate(plain) != .alive && shell.fate(stopped) != .alive && shell.fate(nohup) == .alive)
  }

  /// One way of starting a job: what to type, the process to look for, and the flags that
  /// settle what /proc cannot show.
  struct Start: Sendable, CustomStringConvertible {
    var typed: String
    var arguments: [String]
    var settle: [String] = []
    var stopped = false
    var needs: String?
    var description: String { typed }
  }

  static let bashStarts: [Start] = [
    Start(typed: "sleep 301 &", arguments: ["sleep", "301"]),
    Start(typed: "nohup sleep 302 >/dev/null 2>&1 &", arguments: ["sleep", "302"]),
    Start(typed: "setsid sleep 303 &", arguments: ["sleep", "303"]),
    Start(typed: "sleep 304 & disown $!", arguments: ["sleep", "304"], settle: ["--disowned"]),
    Start(typed: "sleep 305 & disown -h $!", arguments: ["sleep", "305"], settle: ["--disown-h"]),
    Start(typed: "( sleep 306 & )", arguments: ["sleep", "306"]),
    Start(typed: "(trap '' HUP; exec sleep 307) &", arguments: ["sleep", "307"]),
    Start(typed: "tmux -f /dev/null new-session -d 'sleep 308'", arguments: ["sleep", "308"], needs: "/usr/bin/tmux"),
    Start(typed: "sleep 309", arguments: ["sleep", "309"], stopped: true),
  ]

  /// Starts every job in one session, checks each, ends the session and compares.
  static func run(shell name: String, starts: [Start], end: String) throws {
    let shell = try LiveShell(name)
    defer { shell.cleanUp() }
    var started: [(Start, Int32)] = []
    for start in starts {
      if let needs = start.needs, !FileManager.default.isExecutableFile(atPath: needs) { continue }
      if start.stopped {
        started.append((start, try startStopped(shell, start.typed, start.arguments)))
      } else {
        try shell.typeAndWait(start.typed)
        started.append((start, try shell.pid(of: start.arguments)))
      }
    }
    var predictions: [Prediction] = []
    for (start, pid) in started {
      let settled = try predict(pid, end: end, flags: start.settle)
      if !start.settle.isEmpty {
        // Without the flag, the assumption is listed and the settled answer is among its outcomes.
        let unsettled = try predict(pid, end: end)
        let answers = [unsettled.survives] + unsettled.otherwise.filter { $0.assumption == "job-table" }.map(\.survives)
        #expect(
          answers.contains(settled.survives),
          "\(name) `\(start.typed)` \(end): the unsettled check does not offer \(settled)")
      }
      predictions.append(settled)
    }
    if end == "hangup" { shell.closeTerminal() } else { try shell.leave(end) }
    shell.awaitFates(dying: zip(started, predictions).filter { !$0.1.survives }.map { $0.0.1 })
    for ((start, pid), prediction) in zip(started, predictions) {
      if ProcessInfo.processInfo.environment["HUPSIM_CHECK_VERBOSE"] != nil {
        print("TRACE \(name) \(end) `\(start.typed)`: predicted \(prediction), really \(shell.fate(pid))")
      }
      expectCameTrue("\(name) `\(start.typed)` at \(end)", prediction, shell.fate(pid))
    }
  }

  @Test("bash: every way of starting a job, checked, then the session really ends", arguments: ["exit", "hangup"])
  func bashEveryStart(end: String) throws {
    try CheckLiveTests.run(shell: "bash", starts: CheckLiveTests.bashStarts, end: end)
  }

  @Test(
    "zsh: plain, nohup, &!, disown, ( & ) and ^Z, checked, then the session really ends",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh")), arguments: ["exit", "hangup"])
  func zsh(end: String) throws {
    try CheckLiveTests.run(
      shell: "zsh",
      starts: [
        Start(typed: "sleep 311 &", arguments: ["sleep", "311"]),
        Start(typed: "nohup sleep 312 >/dev/null 2>&1 &", arguments: ["sleep", "312"]),
        Start(typed: "sleep 313 &!", arguments: ["sleep", "313"], settle: ["--disowned"]),
        Start(typed: "sleep 314 & disown", arguments: ["sleep", "314"], settle: ["--disowned"]),
        Start(typed: "( sleep 315 & )", arguments: ["sleep", "315"]),
        Start(typed: "sleep 316", arguments: ["sleep", "316"], stopped: true),
      ], end: end)
  }

  @Test(
    "dash: plain, nohup, ( & ), trap '' HUP and ^Z, checked, then the session really ends",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dash")), arguments: ["exit", "hangup"])
  func dash(end: String) throws {
    try CheckLiveTests.run(
      shell: "dash",
      starts: [
        Start(typed: "sleep 321 &", arguments: ["sleep", "321"]),
        Start(typed: "nohup sleep 322 >/dev/null 2>&1 &", arguments: ["sleep", "322"]),
        Start(typed: "( sleep 323 & )", arguments: ["sleep", "323"]),
        Start(typed: "(trap '' HUP; exec sleep 324) &", arguments: ["sleep", "324"]),
        Start(typed: "sleep 325", arguments: ["sleep", "325"], stopped: true),
      ], end: end)
  }

  @Test(
    "ksh93, mksh, fish, tcsh and busybox ash: plain, nohup and ^Z, checked, then the terminal really closes",
    arguments: [
      ("ksh93", "/usr/bin/ksh93"), ("mksh", "/usr/bin/mksh"), ("fish", "/usr/bin/fish"), ("tcsh", "/usr/bin/tcsh"),
      ("busybox-ash", "/usr/bin/busybox"),
    ])
  func otherShells(shell: String, path: String) throws {
    guard FileManager.default.isExecutableFile(atPath: path) else {
      Issue.record("\(path) is not installed; .ci/run installs it")
      return
    }
    // ksh93 has sleep as a builtin: name the program; tcsh spells the redirection its own way.
    let sleep = shell == "ksh93" ? "/bin/sleep" : "sleep"
    try CheckLiveTests.run(
      shell: shell,
      starts: [
        Start(typed: "\(sleep) 371 &", arguments: [sleep, "371"]),
        Start(
          typed: shell == "tcsh" ? "nohup sleep 372 >& /dev/null &" : "nohup \(sleep) 372 >/dev/null 2>&1 &",
          arguments: [sleep, "372"]),
        Start(typed: "\(sleep) 374", arguments: [sleep, "374"], stopped: true),
      ], end: "hangup")
  }

  @Test(
    "`export BASHOPTS` settles huponexit: check reads it from the job's environment, predicts SIGHUP at exit, and exit really kills it"
  )
  func huponexitFromBASHOPTS() throws {
    let shell = try LiveShell("bash")
    defer { shell.cleanUp() }
    try shell.typeAndWait("shopt -s huponexit; export BASHOPTS")
    try shell.typeAndWait("sleep 331 &")
    let pid = try shell.pid(of: ["sleep", "331"])
    let prediction = try CheckLiveTests.predict(pid, end: "exit")
    #expect(!prediction.survives && prediction.killedBy == "SIGHUP")
    let findings = prediction.document["findings"]?.arrayValue ?? []
    #expect(findings.contains { $0["subject"]?.stringValue == "huponexit" && $0["value"]?.stringValue == "on" })
    #expect(
      !(prediction.document["assumptions"]?.arrayValue ?? []).contains { $0["subject"]?.stringValue == "huponexit" })
    try shell.leave()
    shell.awaitFates(dying: [pid])
    CheckLiveTests.expectCameTrue("sleep 331 & with huponexit", prediction, shell.fate(pid))
  }

  @Test("A foreground job: exit cannot be typed while it holds the terminal; a hang-up kills it, as predicted")
  func foregroundJob() throws {
    let shell = try LiveShell("bash")
    defer { shell.cleanUp() }
    shell.type("sleep 361")
    let pid = try shell.pid(of: ["sleep", "361"])
    shell.settle(200)
    let prediction = try CheckLiveTests.predict(pid, end: "hangup")
    let ends = prediction.document["ends"]?.arrayValue ?? []
    for end in ["exit", "logout", "eof"] {
      #expect(
        ends.first { $0["end"]?.stringValue == end }?["checked"]?.boolValue == false, "\(end) should not be possible")
    }
    #expect(prediction.document["observed"]?["foreground"]?.boolValue == true)
    #expect(!prediction.survives)
    shell.closeTerminal()
    shell.awaitFates(dying: [pid])
    CheckLiveTests.expectCameTrue("sleep 361 in the foreground", prediction, shell.fate(pid))
  }

  @Test(
    "zsh with setopt nohup, settled by --shell-option no_hup: a running job survives exit, as predicted",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh")))
  func zshNoHup() throws {
    let shell = try LiveShell("zsh")
    defer { shell.cleanUp() }
    try shell.typeAndWait("setopt nohup")
    try shell.typeAndWait("sleep 362 &")
    let pid = try shell.pid(of: ["sleep", "362"])
    let unsettled = try CheckLiveTests.predict(pid, end: "exit")
    #expect(
      !unsettled.survives && unsettled.otherwise.contains { $0.assumption == "hup" && $0.value == "off" && $0.survives }
    )
    let prediction = try CheckLiveTests.predict(pid, end: "exit", flags: ["--shell-option", "no_hup"])
    #expect(prediction.survives)
    try shell.leave()
    shell.awaitFates(dying: [])
    CheckLiveTests.expectCameTrue("zsh setopt nohup; sleep 362 &", prediction, shell.fate(pid))
  }

  @Test(
    "Inside the shell: `jobs -l | hupsim check --jobs -` checks every job of the session, numbers them, knows the disowned one, and the hang-up bears it out"
  )
  func fromInsideTheShell() throws {
    let shell = try LiveShell("bash")
    defer { shell.cleanUp() }
    try shell.typeAndWait("sleep 341 &")
    let plain = try shell.pid(of: ["sleep", "341"])
    try shell.typeAndWait("sleep 342 & disown $!")
    let disowned = try shell.pid(of: ["sleep", "342"])
    let stopped = try CheckLiveTests.startStopped(shell, "sleep 343", ["sleep", "343"])
    // Short enough for one line of the terminal (the shell runs in its folder).
    try shell.typeAndWait("jobs -l | hupsim check --jobs - --format json >c.json 2>&1")
    let written = try String(contentsOfFile: shell.directory + "/c.json", encoding: .utf8)
    let doc = try JSONParser.parse(written)
    let checks = try #require(doc.arrayValue, "\(written.prefix(2000))")
    func check(_ pid: Int32) -> JSONValue? { checks.first { $0["pid"]?.intValue == Int(pid) } }
    #expect(Set(checks.compactMap { $0["pid"]?.intValue }) == Set([plain, disowned, stopped].map(Int.init)))
    #expect(check(plain)?["observed"]?["jobNumber"]?.intValue == 1)
    #expect(check(stopped)?["observed"]?["jobNumber"]?.intValue != nil)
    let disownedFindings = check(disowned)?["findings"]?.arrayValue ?? []
    #expect(
      disownedFindings.contains { $0["subject"]?.stringValue == "job-table" && $0["value"]?.stringValue == "disowned" })
    func hangup(_ pid: Int32) -> Bool? {
      check(pid)?["ends"]?.arrayValue?.first { $0["end"]?.stringValue == "hangup" }?["survives"]?.boolValue
    }
    #expect(hangup(plain) == false && hangup(disowned) == true && hangup(stopped) == false)
    shell.closeTerminal()
    shell.awaitFates(dying: [plain, stopped])
    #expect(shell.fate(plain) != .alive && shell.fate(stopped) != .alive && shell.fate(disowned) == .alive)
  }
}

func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
  zip(a, zip(b, c)).map { ($0.0, $0.1.0, $0.1.1) }
}
#endif
