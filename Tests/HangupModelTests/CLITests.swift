import Foundation
import HangupJSON
import HangupModel
import HupsimCommand
import Testing

@Suite("hupsim command line")
struct CLITests {
  @Test("The design card's example: stopped nohup job at logout dies of SIGTERM from terminate_stopped_jobs")
  func stoppedNohupLogoutJSON() throws {
    let r = TestSupport.hupsim("--state", "stopped", "--nohup", "--exit", "logout", "--format", "json")
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    let doc = try JSONParser.parse(r.stdout)
    let messages = doc["messages"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(messages.contains("There are stopped jobs."))
    let job = try #require(doc["jobs"]?.arrayValue?.first)
    #expect(job["job"]?.intValue == 1)
    #expect(job["survives"]?.boolValue == false)
    #expect(job["killedBy"]?.stringValue == "SIGTERM")
    let delivered = (job["delivered"]?.arrayValue ?? []).map {
      ($0["signal"]?.stringValue ?? "", $0["from"]?.stringValue ?? "")
    }
    let fromShell = delivered.filter { $0.1 == "shell" }.map(\.0)
    #expect(fromShell == ["SIGTERM", "SIGCONT"])
    for event in doc["events"]?.arrayValue ?? [] {
      #expect(event["seq"]?.intValue != nil)
      #expect(["kernel", "terminal", "shell", "user"].contains(event["from"]?.stringValue ?? ""))
      #expect((event["rule"]?.stringValue ?? "").isEmpty == false)
      #expect(event["signal"] != nil && event["to"] != nil && event["effect"] != nil)
      if let signal = event["signal"]?.stringValue { #expect(signal.hasPrefix("SIG")) }
    }
    let terminate = (doc["events"]?.arrayValue ?? []).filter { $0["rule"]?.stringValue == "BASH-TERMINATE-STOPPED" }
    #expect(terminate.map { $0["signal"]?.stringValue ?? "" } == ["SIGTERM", "SIGCONT"])
    #expect(terminate.allSatisfy { ($0["source"]?.stringValue ?? "").contains("terminate_stopped_jobs") })
  }

  @Test("--format json fills in every default of the scenario")
  func defaultsFilledIn() throws {
    let doc = try JSONParser.parse(TestSupport.hupsim("--format", "json").stdout)
    let s = try #require(doc["scenario"])
    #expect(s["shell"]?.stringValue == "bash-5.2")
    #expect(s["os"]?.stringValue == "linux")
    #expect(s["login"]?.boolValue == true)
    #expect(s["huponexit"]?.boolValue == false)
    #expect(s["exit"]?.stringValue == "exit")
    let job = try #require(s["jobs"]?.arrayValue?.first)
    #expect(job["state"]?.stringValue == "running")
    #expect(job["placement"]?.stringValue == "bg")
    #expect(job["launch"]?.stringValue == "plain")
    // The scenario object is itself a valid scenario file.
    #expect(try Scenario.fromJSON(s).toJSON() == s)
  }

  @Test(
    "Bad input exits 64 with one line naming the problem and the valid choices",
    arguments: [
      (["--frobnicate"], "unknown option '--frobnicate'"),
      (["--state", "sleeping"], "unknown value 'sleeping' for --state; valid: running, stopped, ttin"),
      (["--state"], "--state needs a value"),
      (["--exit", "exit", "--fg"], "--fg with --exit exit"),
      (["--state", "stopped", "--fg"], "--state stopped --fg"),
      (["--handles", "HUP,SIGWHAT"], "unknown signal 'SIGWHAT' in --handles; valid: HUP"),
      (["--shell", "bash-6.0"], "unknown value 'bash-6.0' for --shell; valid: bash, bash-2.05"),
      (["--os", "windows"], "unknown value 'windows' for --os; valid: linux, linux-2.6, netbsd-1.6"),
      (["--nohup", "--setsid"], "--nohup and --setsid both choose how the job is launched"),
      (["--bg", "--fg"], "--bg and --fg contradict each other"),
      (["--format", "xml"], "unknown value 'xml' for --format"),
      (["--scenario", "/nonexistent/file.json"], "cannot read '/nonexistent/file.json'"),
      (["--scenario", "x.json", "--state", "stopped"], "cannot be combined with --scenario"),
      (["frobnicate"], "unknown command 'frobnicate'"),
      (["--subreaper", "--os", "linux-2.6"], "child subreaper needs --os linux"),
    ])
  func badInput(args: [String], mentions: String) {
    let r = TestSupport.hupsim(args)
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains(mentions), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }

  @Test("A malformed scenario file is a usage error naming the file and the field")
  func malformedScenarioFile() throws {
    let path = NSTemporaryDirectory() + "hupsim-bad-\(getpid()).json"
    try #"{"jobs": [{"launch": "teleport"}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = TestSupport.hupsim("--scenario", path)
    #expect(r.status == 64)
    #expect(r.stderr.contains(path))
    #expect(
      r.stderr.contains("launch: unknown value \"teleport\"; valid: plain, nohup, setsid, disown, disown-h, subshell"))
  }

  @Test("logout in a non-login shell is bash's own behaviour, not a usage error")
  func logoutNonLogin() {
    let r = TestSupport.hupsim("--exit", "logout", "--no-login")
    #expect(r.status == 0)
    #expect(r.stdout.contains("bash: logout: not login shell: use `exit'"))
    #expect(r.stdout.contains("did not exit"))
  }

  @Test("Same input, byte-identical output, also across separate processes")
  func deterministic() throws {
    let args = ["--state", "stopped", "--exit", "hangup", "--handles", "HUP,CONT,TERM", "--format", "json"]
    #expect(TestSupport.hupsim(args).stdout == TestSupport.hupsim(args).stdout)
    let a = try TestSupport.spawn(TestSupport.hupsimBinary, args)
    let b = try TestSupport.spawn(TestSupport.hupsimBinary, args)
    #expect(a.status == 0)
    #expect(a.stdout == b.stdout)
    #expect(a.stdout == TestSupport.hupsim(args).stdout)
  }

  @Test("The executable exits 64 and writes the error to stderr")
  func binaryUsageError() throws {
    let r = try TestSupport.spawn(TestSupport.hupsimBinary, ["--state", "nope"])
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "hupsim: unknown value 'nope' for --state; valid: running, stopped, ttin\n")
  }

  @Test("Help and version go to stdout with status 0, and every help example runs")
  func helpAndExamples() throws {
    let help = TestSupport.hupsim("--help")
    #expect(help.status == 0)
    #expect(help.stdout.contains("--state running|stopped|ttin"))
    #expect(TestSupport.hupsim("--version").stdout.hasPrefix("hupsim "))
    for line in help.stdout.split(separator: "\n")
    where line.trimmingCharacters(in: .whitespaces).hasPrefix("hupsim --") {
      let args = line.trimmingCharacters(in: .whitespaces).split(separator: " ").dropFirst().map(String.init)
      #expect(TestSupport.hupsim(args).status == 0, "example failed: \(line)")
    }
    for command in ["rules", "verify", "record", "simulate", "explain", "advise", "table", "man", "completions"] {
      let r = TestSupport.hupsim("help", command)
      #expect(r.status == 0 && r.stdout.contains("EXAMPLES"))
      #expect(TestSupport.hupsim(command, "--help").stdout == r.stdout || command == "simulate" || command == "man")
      // Every example of the commands that do not touch the system runs as shown.
      guard ["explain", "advise", "table", "rules", "verify"].contains(command) else { continue }
      let examples = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        .drop { !$0.hasPrefix("EXAMPLES") }.dropFirst().prefix { !$0.isEmpty }
      #expect(!examples.isEmpty)
      for example in examples {
        let args = example.trimmingCharacters(in: .whitespaces).split(separator: " ").dropFirst().map(String.init)
        let run = TestSupport.hupsim(
          args.map { $0 == "Fixtures" || $0 == "Fixtures/seeds" ? TestSupport.fixtures + "/seeds" : $0 })
        #expect(run.status == 0, "example failed: \(example)")
      }
    }
  }

  @Test("The text report has a timeline with rules, the shell's output and a survival table")
  func textReport() {
    let r = TestSupport.hupsim("--state", "stopped", "--nohup", "--exit", "logout")
    #expect(r.stdout.contains("Timeline"))
    #expect(r.stdout.contains("[BASH-TERMINATE-STOPPED, KERN-SIG-STOPPED-PENDING]"))
    #expect(r.stdout.contains("There are stopped jobs."))
    #expect(r.stdout.contains("killed by SIGTERM"))
    #expect(r.stdout.contains("jobs.c end_job_control → terminate_stopped_jobs"))
    #expect(r.stdout.contains("PID  PPID  PGID   SID  TPGID  STAT  COMMAND"))
  }

  @Test("Tables are coloured only when asked or on a terminal")
  func colour() {
    let plain = TestSupport.hupsim("table", "--preset", "seed001")
    #expect(!plain.stdout.contains("\u{1B}["))
    let coloured = TestSupport.hupsim("table", "--preset", "seed001", "--color", "always")
    #expect(coloured.stdout.contains("\u{1B}[31m") && coloured.stdout.contains("\u{1B}[32m"))
    #expect(TestSupport.hupsim("table", "--preset", "seed001", "--color", "sometimes").status == 64)
  }

  @Test("rules lists every rule with its sources")
  func rules() throws {
    let r = TestSupport.hupsim("rules", "--format", "json")
    let rules = try #require(try JSONParser.parse(r.stdout).arrayValue)
    #expect(rules.count == RuleCatalog.all.count)
    #expect(Set(RuleCatalog.all.map(\.id)).count == RuleCatalog.all.count)
  }
}
