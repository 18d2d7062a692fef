import Foundation
import HangupJSON
import HangupModel
import HangupReport
import HangupTraces
import HupsimCommand
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a fuzzer and a newcomer found (issue 13), each held by a test: bounded one-line
/// errors, output that survives any byte, a verify that cannot loop, limits that refuse
/// instead of trapping, and a scenario that survives its own round trip.
@Suite("Hostile input")
struct HardeningTests {
  static let huge = String(repeating: "x", count: 100_000)

  /// The executable's own environment where there is one (its file errors are what users see).
  static var environment: CommandEnvironment {
    #if canImport(Glibc)
    return .system
    #else
    return TestSupport.environment
    #endif
  }

  /// An error line: exit 64, nothing on stdout, one line, short.
  static func expectOneLine(_ r: CommandResult, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == 64, "\(context): status \(r.status)", sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, "\(context)", sourceLocation: sourceLocation)
    #expect(
      r.stderr.hasPrefix("hupsim: ") && r.stderr.hasSuffix("\n"), "\(context): \(r.stderr.prefix(200))",
      sourceLocation: sourceLocation)
    #expect(
      r.stderr.dropLast().allSatisfy { $0 != "\n" && $0 != "\r" && $0 != "\u{0}" },
      "\(context): \(r.stderr.prefix(300))",
      sourceLocation: sourceLocation)
    #expect(r.stderr.utf8.count < 2_000, "\(context): \(r.stderr.utf8.count) bytes", sourceLocation: sourceLocation)
  }

  @Test(
    "A 100 KB value is quoted as a bounded prefix with its size, for every kind of message",
    arguments: [
      ["--state", huge], ["--frob" + huge], [huge], ["--handles", huge], ["--handles", "HUP," + huge],
      ["--ignores", huge + ",HUP"],
      ["--shell", huge], ["--os", huge], ["--launch", huge], ["--exit", huge], ["--shell-option", huge],
      ["--login=" + huge],
      ["--scenario", huge], ["explain", "--lang", huge], ["explain", "--format", huge], ["advise", "--format", huge],
      ["table", "--rows", huge, "--cols", "exit"], ["table", "--preset", huge], ["table", "--compare", huge],
      ["table", "--color", huge, "--preset", "seed001"], ["verify", huge], ["verify", "--verbose=" + huge],
      ["completions", huge],
      ["help", huge], ["record", "--repeat", huge], ["record", "--timeout", huge], ["record", "--format", huge],
      ["record", "--shell-path", huge], ["rules", "--format", huge], ["rules", huge],
    ])
  func hugeValues(args: [String]) {
    let r = Hupsim.run(args, environment: HardeningTests.environment)
    HardeningTests.expectOneLine(r, "\(args.map { $0.prefix(20) })")
    #expect(r.stderr.contains("…"), "the value is cut: \(r.stderr.prefix(300))")
    #expect(!r.stderr.contains(String(repeating: "x", count: ErrorText.maxQuotedPath + 1)), "\(r.stderr.prefix(300))")
  }

  @Test(
    "NUL, newlines and other control characters in a value are escaped, and the error is still complete",
    arguments: [
      "a\u{0}b", "two\nlines", "\u{1B}[31mred", "\r", "tab\there", "\u{7F}", "\u{85}", "\u{2028}",
    ])
  func controlCharacters(value: String) {
    for args in [["--state", value], ["--handles", value], ["help", value], ["table", "--preset", value], [value]] {
      let r = Hupsim.run(args, environment: TestSupport.environment)
      HardeningTests.expectOneLine(r, "\(args)")
      // The message goes on after the value: the list of what is valid is there.
      #expect(r.stderr.contains("valid"), "\(r.stderr)")
    }
  }

  @Test("The executable writes every byte: a NUL in a command name no longer cuts text, SVG or mermaid short")
  func nulInOutput() throws {
    let dir = try TestSupport.temporaryDirectory("nul")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try #"{"jobs": [{"command": "a\u0000b", "state": "stopped"}], "exit": "hangup"}"#.write(
      toFile: dir + "/s.json", atomically: true, encoding: .utf8)
    let text = try TestSupport.spawnBounded(TestSupport.hupsimBinary, ["--scenario", dir + "/s.json"])
    #expect(text.status == 0)
    #expect(text.stdout.range(of: Data("`a\u{0}b".utf8)) != nil, "the NUL reaches stdout")
    let report = String(decoding: text.stdout, as: UTF8.self)
    #expect(report.contains("Survival") && report.contains("Rules applied"), "the report goes on after the NUL")
    let svg = try TestSupport.spawnBounded(
      TestSupport.hupsimBinary, ["explain", "--scenario", dir + "/s.json", "--format", "svg"])
    #expect(svg.status == 0)
    #expect(String(decoding: svg.stdout, as: UTF8.self).hasSuffix("</svg>\n"))
    #expect(XMLParser(data: svg.stdout).parse(), "well-formed XML")
    let mermaid = try TestSupport.spawnBounded(
      TestSupport.hupsimBinary, ["explain", "--scenario", dir + "/s.json", "--format", "mermaid"])
    let lines = String(decoding: mermaid.stdout, as: UTF8.self).split(separator: "\n")
    #expect(lines.contains { $0.contains("types `a\\u{0}b") })
    // Byte for byte what the command made: nothing was cut.
    for (output, args) in [
      (text.stdout, [String]()), (svg.stdout, ["explain", "--format", "svg"]),
      (mermaid.stdout, ["explain", "--format", "mermaid"]),
    ] {
      let made = Hupsim.run(args + ["--scenario", dir + "/s.json"], environment: TestSupport.environment).stdout
      #expect(output == Data(made.utf8), "\(args)")
    }
    // An error that quotes a NUL is complete too: closing quote, valid values, newline.
    try #"{"jobs": [{"state": "a\u0000b"}]}"#.write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
    let bad = try TestSupport.spawnBounded(TestSupport.hupsimBinary, ["--scenario", dir + "/bad.json"])
    #expect(bad.status == 64)
    #expect(bad.stderr.hasSuffix("valid: running, stopped, ttin\n"), "\(bad.stderr)")
    #expect(bad.stderr.contains(#""a\u{0}b""#))
  }

  @Test("ESC, ^A and ^K in a command name reach the SVG escaped: it stays well-formed XML")
  func controlCharactersInSVG() throws {
    var job = JobSpec(state: .stopped)
    job.program.name = "a\u{1B}[31mb\u{1}c\u{0B}d\u{FFFF}"
    let outcome = try Simulator.run(Scenario(jobs: [job], end: .hangup))
    for lang in Language.allCases {
      let svg = SequenceDiagram(outcome, language: lang).svg()
      #expect(XMLParser(data: Data(svg.utf8)).parse(), "\(lang): well-formed")
      #expect(svg.contains(#"a\u{1b}[31mb\u{1}c\u{b}d\u{ffff}"#))
      #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
      let mermaid = SequenceDiagram(outcome, language: lang).mermaid()
      #expect(!mermaid.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
  }

  @Test(
    "A value given twice is refused instead of silently losing the first",
    arguments: [
      ["--format", "json", "--format", "text"], ["explain", "--format=json", "--format", "text"],
      ["--state", "stopped", "--state", "running"],
      ["--exit", "exit", "--exit", "hangup"], ["table", "--preset", "seed001", "--lang", "ja", "--lang", "zh"],
      ["--shell", "zsh", "--shell", "bash"], ["record", "--repeat", "2", "--repeat", "3"],
      ["record", "--format", "json", "--format", "json"],
    ])
  func repeatedValues(args: [String]) {
    let r = Hupsim.run(args, environment: TestSupport.environment)
    HardeningTests.expectOneLine(r, "\(args)")
    #expect(r.stderr.contains("is given twice"), "\(r.stderr)")
  }

  @Test("--shell-option may be repeated: it is documented so")
  func repeatableShellOption() {
    let r = TestSupport.hupsim(
      "--shell", "zsh", "--shell-option", "no_hup", "--shell-option", "no_check_jobs", "--format", "json")
    #expect(r.status == 0, "\(r.stderr)")
  }

  @Test("verify walks a folder holding links back up (up -> ..) once, and ends", .timeLimit(.minutes(1)))
  func symlinkLoops() throws {
    let dir = try TestSupport.temporaryDirectory("loops")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fm = FileManager.default
    try fm.createDirectory(atPath: dir + "/a/deeper", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: dir + "/b", withIntermediateDirectories: true)
    // Three ways back: without remembering directories the walk grows exponentially.
    try fm.createSymbolicLink(atPath: dir + "/a/up", withDestinationPath: "..")
    try fm.createSymbolicLink(atPath: dir + "/a/deeper/top", withDestinationPath: "../..")
    try fm.createSymbolicLink(atPath: dir + "/b/up", withDestinationPath: "..")
    try fm.createSymbolicLink(atPath: dir + "/b/self", withDestinationPath: ".")
    try fm.createSymbolicLink(atPath: dir + "/b/to-a", withDestinationPath: "../a")
    let seed = TestSupport.fixtures + "/seeds/seed000-disconnect-background-gets-sighup.json"
    try fm.copyItem(atPath: seed, toPath: dir + "/a/deeper/trace.json")
    #if canImport(Glibc)
    let files = try CommandEnvironment.system.listJSONFiles(dir)
    #expect(files == [dir + "/a/deeper/trace.json"])
    #endif
    let r = try TestSupport.spawnBounded(TestSupport.hupsimBinary, ["verify", dir], timeout: 30)
    #expect(!r.timedOut, "verify did not finish")
    #expect(r.status == 0, "\(r.stderr)")
    let out = String(decoding: r.stdout, as: UTF8.self)
    #expect(
      out.hasPrefix("Conformance of the model to 1 trace\n"), "one trace, named in the singular: \(out.prefix(80))")
    #expect(out.hasSuffix("1 of 1 trace passes (0 with declared divergences); 0 fail.\n"))
  }

  @Test("One job with 9,999 more processes, and 10,000 jobs, ended by a hang-up: simulated, no trap")
  func settleGuardAtTheLimits() throws {
    var job = JobSpec(state: .stopped)
    job.extraProcesses = Array(repeating: ExtraProcess(program: Program(name: "p"), parent: .process(0)), count: 9_999)
    let many = try Simulator.run(Scenario(jobs: [job], end: .hangup))
    #expect(many.jobs[0].processes.count == 10_000)
    #expect(many.complete)
    let jobs = try Simulator.run(Scenario(jobs: Array(repeating: JobSpec(), count: ScenarioLimits.jobs), end: .hangup))
    #expect(jobs.jobs.count == ScenarioLimits.jobs)
    #expect(jobs.complete)
    #expect(jobs.jobs.allSatisfy { !$0.main.survives }, "bash's SIGHUP handler hangs up every job")
  }

  @Test("An extra process's onInterruptedRead and overridesIgnores survive the round trip through --format json")
  func extraProcessRoundTrip() throws {
    let file = """
      {"jobs": [{"command": "a", "reads": true, "ignores": ["HUP"], "processes": [
        {"command": "b", "parent": 0, "reads": true, "onInterruptedRead": "exit", "overridesIgnores": true, "handles": ["HUP"]},
        {"command": "c", "parent": "shell", "reads": true, "onInterruptedRead": "retry"}]}],
       "exit": "hangup"}
      """
    let scenario = try Scenario.fromJSON(file)
    let first = try Simulator.run(scenario)
    let printed = try JSONParser.parse(OutcomeJSON.document(first).rendered())
    let again = try Scenario.fromJSON(try #require(printed["scenario"]))
    #expect(again.toJSON() == scenario.toJSON())
    let processes = try #require(printed["scenario"]?["jobs"]?.arrayValue?.first?["processes"]?.arrayValue)
    #expect(processes[0]["onInterruptedRead"]?.stringValue == "exit")
    #expect(processes[0]["overridesIgnores"]?.boolValue == true)
    #expect(processes[1]["onInterruptedRead"]?.stringValue == "retry")
    #expect(OutcomeJSON.document(try Simulator.run(again)).rendered() == OutcomeJSON.document(first).rendered())
  }

  @Test(
    "JSON: an object with 200,000 keys parses in linear time; duplicates are still found, and errors name bytes safely")
  func jsonObjects() throws {
    let keys = (0..<200_000).map { "\"k\($0)\": 0" }.joined(separator: ",")
    let start = Date()
    let value = try JSONParser.parse("{" + keys + "}")
    #expect(value.objectPairs?.count == 200_000)
    #expect(Date().timeIntervalSince(start) < 20, "quadratic duplicate check")
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{" + keys + ", \"k1999\": 1}") }
    // Strings: runs between escapes are kept whole, escapes decoded in place.
    #expect(
      try JSONParser.parse(#"["plain", "a\u0000b\n\"é\"x\ud83d\ude00y\\", "\t", ""]"#)
        == .array([.string("plain"), .string("a\u{0}b\n\"é\"x😀y\\"), .string("\t"), .string("")]))
    do {
      _ = try JSONParser.parse("{\"a\": \u{0}}")
      Issue.record("a NUL byte parsed")
    } catch {
      #expect(error.message == "unexpected byte 0x00")
    }
    do {
      _ = try JSONParser.parse("{\"\(HardeningTests.huge)\": 1, \"\(HardeningTests.huge)\": 2}")
      Issue.record("a duplicate key parsed")
    } catch {
      #expect(error.message.utf8.count < 200 && error.message.contains("(100000 bytes)"))
    }
  }

  @Test("A 16 MB string in a scenario file is read in one piece and refused by the command-name limit")
  func bigString() throws {
    let dir = try TestSupport.temporaryDirectory("big")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let name = String(repeating: "x", count: 16_000_000)
    try "{\"jobs\": [{\"command\": \"\(name)\"}]}".write(toFile: dir + "/big.json", atomically: false, encoding: .utf8)
    let r = Hupsim.run(["--scenario", dir + "/big.json"], environment: HardeningTests.environment)
    HardeningTests.expectOneLine(r, "16 MB")
    #expect(r.stderr.contains("a command name may have at most 1024 bytes"))
    try String(repeating: " ", count: ScenarioLimits.fileBytes + 1).write(
      toFile: dir + "/huge.json", atomically: false, encoding: .utf8)
    let huge = Hupsim.run(["--scenario", dir + "/huge.json"], environment: HardeningTests.environment)
    HardeningTests.expectOneLine(huge, "over 16 MiB")
    #expect(huge.stderr.contains("at most 16777216 (16 MiB)"))
  }

  @Test("Trace files: bad values are quoted, bounded and on one line")
  func traceFiles() {
    let bad = [
      #"{"schema": "hupsim-trace/1", "id": "x", "kind": "observation", "scenario": {"jobs": [{}]}, "expect": [{"what": "fate", "killedBy": "\#(HardeningTests.huge)"}]}"#,
      #"{"schema": "hupsim-trace/1", "id": "x", "kind": "observation", "scenario": {"jobs": [{}]}, "expect": [{"what": "handled", "signals": ["a\nb"]}]}"#,
      #"{"schema": "hupsim-trace/1", "id": "x", "kind": "observation", "scenario": {"jobs": [{"command": "\u0000"}], "\#(HardeningTests.huge)": 1}}"#,
      "{\"schema\": \u{1}}",
    ]
    for text in bad {
      do {
        _ = try Trace.fromJSON(text, path: String(repeating: "dir/", count: 1_000) + "t.json")
        Issue.record("accepted: \(text.prefix(80))")
      } catch {
        #expect(!error.message.contains("\n") && !error.message.contains("\u{0}"), "\(error.message.prefix(300))")
        #expect(error.message.utf8.count < 2_000, "\(error.message.utf8.count) bytes")
      }
    }
  }

  @Test("record names a shell path that does not exist, rather than blaming its version")
  func recordMissingShell() {
    let r = TestSupport.hupsim("record", "--shell-path", "/opt/bash-3.2/bin/bash", "--state", "stopped")
    HardeningTests.expectOneLine(r, "record")
    #expect(
      r.stderr
        == "hupsim: cannot run the shell '/opt/bash-3.2/bin/bash': No such file or directory; give --shell-path the path of a shell binary\n"
    )
  }
}
