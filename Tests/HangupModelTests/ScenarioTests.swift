import HangupJSON
import HangupModel
import Testing

@Suite("Scenarios")
struct ScenarioTests {
  @Test(
    "Impossible combinations are rejected with one line naming the problem and what is valid",
    arguments: [
      (JobSpec(state: .stopped, placement: .foreground), SessionEnd.hangup, "--state stopped --fg"),
      (JobSpec(placement: .foreground), SessionEnd.exit, "--fg with --exit exit"),
      (JobSpec(placement: .foreground), SessionEnd.eof, "--fg with --exit eof"),
      (JobSpec(placement: .foreground, launch: .disown), SessionEnd.hangup, "--launch disown --fg"),
      (JobSpec(state: .stopped, launch: .setsid), SessionEnd.exit, "--state stopped --launch setsid"),
      (JobSpec(state: .stopped, launch: .subshell), SessionEnd.exit, "--state stopped --launch subshell"),
      (JobSpec(state: .stopped, program: Program(name: "./job", handles: [.tstp])), SessionEnd.exit, "SIGTSTP"),
      (JobSpec(program: Program(name: "./job", handles: [.kill])), SessionEnd.exit, "SIGKILL"),
    ])
  func impossible(job: JobSpec, end: SessionEnd, mentions: String) {
    let s = Scenario(jobs: [job], end: end)
    do {
      try s.validate()
      Issue.record("expected \(mentions) to be rejected")
    } catch {
      #expect(error.message.contains(mentions))
      #expect(!error.message.contains("\n"))
    }
  }

  @Test("Real shell behaviour is not an error: logout in a non-login shell simulates")
  func logoutIsNotAnError() throws {
    let s = Scenario(login: false, jobs: [JobSpec()], end: .logout)
    try s.validate()
  }

  @Test("A subreaper needs Linux 3.4+")
  func subreaperNeedsLinux() {
    let s = Scenario(os: .linux26, subreaper: true)
    #expect(throws: ScenarioError.self) { try s.validate() }
  }

  @Test("The scenario JSON round-trips, every default filled in")
  func roundTrip() throws {
    var s = Scenario(
      shell: try #require(ShellVersion.named("bash-3.2")), os: .linux26, huponexit: true,
      jobs: [
        JobSpec(state: .stopped, launch: .disownH, program: Program(name: "./a", handles: [.hup])),
        JobSpec(launch: .nohup),
      ], end: .hangup)
    s.actions = [.jobs, .kill(signal: .int, job: 2, process: 0, byShell: false)]
    let text = s.toJSON().rendered()
    let back = try Scenario.fromJSON(text)
    #expect(back.toJSON() == s.toJSON())
    #expect(back.jobs[0].launch == .disownH)
    #expect(back.shell.id == "bash-3.2")
  }

  @Test(
    "Malformed scenario files name the field and the valid values",
    arguments: [
      ("{", "not valid JSON"),
      ("[]", "expected an object"),
      (#"{"jobs": []}"#, "at least one job"),
      (
        #"{"jobs": [{"state": "sleeping"}]}"#,
        "scenario.jobs[0].state: unknown value \"sleeping\"; valid: running, stopped, ttin"
      ),
      (#"{"jobs": [{}], "shell": "csh"}"#, "valid: bash, bash-2.05"),
      (#"{"jobs": [{"handles": ["SIGFOO"]}]}"#, "unknown signal \"SIGFOO\""),
      (#"{"jobs": [{}], "colour": "red"}"#, "unknown field \"colour\""),
      (#"{"jobs": [{}], "actions": [{"do": "dance"}]}"#, "unknown action \"dance\""),
      (#"{"jobs": [{}], "login": "yes"}"#, "expected true or false"),
    ])
  func malformed(text: String, mentions: String) {
    do {
      _ = try Scenario.fromJSON(text)
      Issue.record("expected an error mentioning \(mentions)")
    } catch {
      #expect(error.message.contains(mentions), "\(error.message)")
    }
  }

  @Test("JSON writer and reader agree, keep key order and escape control characters")
  func json() throws {
    let value = JSONValue.object([("b", .int(1)), ("a", .string("x\"\n\u{01}")), ("c", .array([.bool(true), .null]))])
    let text = value.rendered()
    #expect(try JSONParser.parse(text) == value)
    #expect(text.contains("\\u0001"))
    #expect(text.firstRange(of: "\"b\"")!.lowerBound < text.firstRange(of: "\"a\"")!.lowerBound)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"a\": 1,}") }
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"a\": 1, \"a\": 2}") }
  }
}
