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

/// A small deterministic generator (SplitMix64) so the fuzz cases are the same every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Random and hostile input for every way into hupsim: command lines, scenario files, trace
/// files and directory trees. Whatever comes in, the answer is output and exit 0 (or 1 for
/// verify), or one short line and exit 64: never a trap, never a hang.
@Suite("Fuzz")
struct FuzzTests {
  /// Words that are hostile on their own: NUL and control bytes, escapes, newlines, a huge
  /// value, a lone `=`, Unicode separators.
  static let hostileWords = [
    "", "-", "--", "=", "--=", "\u{0}", "a\u{0}b", "\u{1B}[31m", "\u{1}", "\u{0B}", "two\nlines", "\r", "\u{7F}",
    "\u{85}",
    "\u{2028}", "é", "ジョブ", String(repeating: "A", count: 300), String(repeating: "x", count: 100_000),
    "--state=\u{0}", "--format=", "--lang=" + String(repeating: "z", count: 5_000), "HUP,\u{0}", ",,", "HUP,,TERM",
  ]

  static let flagWords =
    [
      "--shell", "bash-2.05", "bash-5.3", "zsh", "fish", "--os", "netbsd-1.6", "linux-2.6", "--state", "stopped",
      "ttin", "running",
      "--fg", "--bg", "--nohup", "--setsid", "--disown", "--disown-h", "--subshell", "--tmux", "--exit", "hangup",
      "kill-hup",
      "logout", "eof", "--handles", "HUP,CONT", "TERM", "KILL", "--ignores", "HUP", "--huponexit", "--checkjobs",
      "--no-login",
      "--subreaper", "--format", "json", "svg", "mermaid", "text", "csv", "markdown", "html", "explain", "advise",
      "table", "--rows",
      "state", "--cols", "exit", "--lang", "ja", "zh", "--preset", "seed001", "shells", "--compare", "kernels",
      "--color", "always",
      "--shell-option", "no_hup", "help", "rules", "completions", "bash", "man", "--help", "--version", "--format=json",
      "--lang=ja",
      "x",
    ] + hostileWords

  @Test("Random command lines end in 0 or 64, never a trap; errors are one short line")
  func commandLines() {
    var rng = SplitMix64(state: 0x5EED)
    for _ in 0..<2500 {
      let count = rng.below(7)
      let args = (0..<count).map { _ in rng.pick(FuzzTests.flagWords) }
      let r = TestSupport.hupsim(args)
      #expect(r.status == 0 || r.status == 64, "\(args.map { $0.prefix(30) }) → \(r.status)")
      if r.status == 64 {
        #expect(r.stdout.isEmpty)
        #expect(
          r.stderr.dropLast().allSatisfy { $0 != "\n" && $0 != "\r" && $0 != "\u{0}" },
          "\(args.map { $0.prefix(30) }): \(r.stderr.prefix(300))")
        #expect(r.stderr.utf8.count < 2_000, "\(args.map { $0.prefix(30) }): error of \(r.stderr.utf8.count) bytes")
      }
    }
  }

  @Test("The executable answers hostile command lines as the library does, byte for byte")
  func commandLinesThroughTheBinary() throws {
    var rng = SplitMix64(state: 0xB17E)
    for _ in 0..<40 {
      // argv cannot carry NUL: the kernel ends each argument there.
      let words = FuzzTests.flagWords.filter { !$0.contains("\u{0}") }
      let args = (0..<(1 + rng.below(5))).map { _ in rng.pick(words) }
      let r = try TestSupport.spawnBounded(TestSupport.hupsimBinary, args, timeout: 60)
      let expected = TestSupport.hupsim(args)
      #expect(!r.timedOut)
      #expect(r.status == expected.status, "\(args.map { $0.prefix(30) })")
      #expect(r.stdout == Data(expected.stdout.utf8), "\(args.map { $0.prefix(30) })")
      #expect(r.stderr == expected.stderr)
    }
  }

  static func randomString(_ rng: inout SplitMix64) -> String {
    rng.pick([
      "running", "stopped", "ttin", "fg", "bg", "nohup", "shell", "HUP", "SIGTERM", "kill", "exit", "hangup", "ctrl-z",
      "bash-4.4", "zsh", "netbsd-1.6", "\\u0000", "a\\u0000b", "\\u001b[31m", "\\u0001\\u000b", "\\n", "\\ud83d\\ude00",
      "x",
      String(repeating: "y", count: 2_000), "retry", "exit", "other", "observation", "claim", "handled", "fate",
    ])
  }

  static func randomValue(_ rng: inout SplitMix64, depth: Int, keys: [String]) -> String {
    switch rng.below(depth > 3 ? 4 : 7) {
    case 0: return rng.pick(["true", "false", "null", "0", "-1", "3", "99999999999", "1.5", "1e400", "-0"])
    case 1: return "\"" + randomString(&rng) + "\""
    case 2: return "[]"
    case 3: return "{}"
    case 4:
      return "["
        + (0..<rng.below(4)).map { _ in randomValue(&rng, depth: depth + 1, keys: keys) }.joined(separator: ",") + "]"
    default:
      var used: Set<String> = []
      return "{"
        + (0..<rng.below(5)).compactMap { _ in
          let key = rng.pick(keys)
          guard used.insert(key).inserted else { return nil }
          return "\"\(key)\":" + randomValue(&rng, depth: depth + 1, keys: keys)
        }.joined(separator: ",") + "}"
    }
  }

  static let scenarioKeys = [
    "jobs", "state", "placement", "launch", "handles", "ignores", "reads", "processes", "parent", "command", "actions",
    "do", "job",
    "signal", "process", "by", "after", "exit", "shell", "os", "login", "huponexit", "checkjobs", "subreaper",
    "onInterruptedRead",
    "overridesIgnores", "session", "shellOptions", "\\u0000", "x\\u001b",
  ]

  /// Raw bytes spliced into JSON text: they make it invalid, and the error must say so safely.
  static func corrupt(_ text: String, _ rng: inout SplitMix64) -> String {
    guard rng.below(4) == 0, !text.isEmpty else { return text }
    var scalars = Array(text.unicodeScalars)
    let byte = rng.pick([0x00, 0x01, 0x1B, 0x0B, 0x7F, 0x85] as [UInt8])
    scalars.insert(Unicode.Scalar(byte), at: rng.below(scalars.count))
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars)
    return out
  }

  @Test("Random scenario files, raw control bytes included, are simulated or refused in one line, never a trap")
  func scenarioFiles() throws {
    var rng = SplitMix64(state: 0xF11E)
    var simulated = 0
    for _ in 0..<2000 {
      var text = FuzzTests.randomValue(&rng, depth: 0, keys: FuzzTests.scenarioKeys)
      if rng.below(3) == 0 {
        text =
          #"{"jobs": [{"state": "stopped"}], "exit": "hangup", "actions": "#
          + FuzzTests.randomValue(&rng, depth: 1, keys: FuzzTests.scenarioKeys) + "}"
      }
      if rng.below(3) == 0 {
        text =
          #"{"jobs": [{"processes": "# + FuzzTests.randomValue(&rng, depth: 2, keys: FuzzTests.scenarioKeys) + "}]}"
      }
      text = FuzzTests.corrupt(text, &rng)
      let scenario: Scenario
      do throws(ScenarioError) {
        scenario = try Scenario.fromJSON(text)
      } catch {
        #expect(
          !error.message.contains("\n") && !error.message.contains("\u{0}"),
          "\(text.prefix(200)): \(error.message.prefix(300))")
        #expect(error.message.utf8.count < 2_000)
        continue
      }
      let outcome: Outcome
      do throws(ScenarioError) {
        outcome = try Simulator.run(scenario)
      } catch {
        #expect(!error.message.contains("\n") && error.message.utf8.count < 2_000, "\(error.message.prefix(300))")
        continue
      }
      simulated += 1
      _ = TextReport.render(outcome)
      let json = OutcomeJSON.document(outcome).rendered()
      // What --format json prints is itself a scenario that gives the same result.
      let again = try Scenario.fromJSON(try #require(try JSONParser.parse(json)["scenario"]))
      #expect(OutcomeJSON.document(try Simulator.run(again)).rendered() == json, "\(text.prefix(300))")
      #expect(XMLParserCheck.wellFormed(SequenceDiagram(outcome).svg()), "\(text.prefix(300))")
    }
    #expect(simulated > 50)
  }

  @Test("Random trace files are checked or refused in one line, never a trap")
  func traceFiles() throws {
    var rng = SplitMix64(state: 0x7EACE)
    let keys =
      FuzzTests.scenarioKeys + [
        "schema", "id", "title", "kind", "scenario", "expect", "what", "signals", "variants", "survives", "killedBy",
        "exitStatus",
        "contains", "absent", "only", "calls", "counts", "oneOf", "compare", "divergences", "expectation", "model",
        "reason", "from",
        "source", "system", "notes",
      ]
    var checked = 0
    for _ in 0..<1500 {
      let expect =
        "["
        + (0..<rng.below(3)).map { _ in
          "{\"what\": \"\(rng.pick(Expectation.What.allCases.map(\.rawValue) + ["bogus"]))\", \"job\": \(rng.below(3)), "
            + "\"signals\": [\"\(rng.pick(["HUP", "CONT", "TERM", "bogus", "\\u0000"]))\"], "
            + "\"\(rng.pick(keys))\": \(FuzzTests.randomValue(&rng, depth: 2, keys: keys))}"
        }.joined(separator: ",") + "]"
      var text =
        "{\"schema\": \"hupsim-trace/1\", \"id\": \"\(FuzzTests.randomString(&rng))\", \"kind\": \"\(rng.pick(["observation", "claim", "x"]))\", "
        + "\"scenario\": {\"jobs\": [{\"state\": \"\(rng.pick(["stopped", "running", "ttin"]))\"}], \"exit\": \"\(rng.pick(["hangup", "exit", "logout"]))\"}, "
        + "\"expect\": \(expect), \"\(rng.pick(keys))\": \(FuzzTests.randomValue(&rng, depth: 1, keys: keys))}"
      if rng.below(5) == 0 { text = FuzzTests.randomValue(&rng, depth: 0, keys: keys) }
      text = FuzzTests.corrupt(text, &rng)
      do throws(TraceFormatError) {
        let trace = try Trace.fromJSON(text, path: "fuzz/" + String(repeating: "d/", count: rng.below(200)) + "t.json")
        let result = TraceChecker.check(trace)
        for r in result.results { #expect(!r.model.isEmpty || !r.observed.isEmpty || r.status == .agrees) }
        checked += 1
      } catch {
        #expect(
          !error.message.contains("\n") && !error.message.contains("\u{0}"),
          "\(text.prefix(200)): \(error.message.prefix(300))")
        #expect(error.message.utf8.count < 2_000)
      }
    }
    #expect(checked > 20)
  }

  #if canImport(Glibc)
  @Test(
    "Random directory trees full of symbolic links (loops, links up, to themselves, dangling) list each trace once, and end",
    .timeLimit(.minutes(1)))
  func directoryTrees() throws {
    var rng = SplitMix64(state: 0xD1E)
    let fm = FileManager.default
    for round in 0..<25 {
      let root = try TestSupport.temporaryDirectory("tree\(round)")
      defer { try? fm.removeItem(atPath: root) }
      var dirs = [root]
      var files: [String] = []
      for i in 0..<(2 + rng.below(6)) {
        let dir = rng.pick(dirs) + "/d\(i)"
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        dirs.append(dir)
      }
      for i in 0..<(1 + rng.below(4)) {
        let file = rng.pick(dirs) + "/t\(i).json"
        try "{}".write(toFile: file, atomically: true, encoding: .utf8)
        files.append(file)
      }
      // Links inside the tree (never above its root): up, to itself, across, to nowhere.
      let inner = Array(dirs.dropFirst())
      for i in 0..<(2 + rng.below(6)) {
        let target = rng.pick(["..", ".", "/nonexistent", rng.pick(dirs), "l\(i)", "l\(i + 1)"])
        try? fm.createSymbolicLink(atPath: rng.pick(inner) + "/l\(i)", withDestinationPath: target)
      }
      let listed = try CommandEnvironment.system.listJSONFiles(root)
      // Every file is found once (possibly by a path through a link): each directory is walked once.
      #expect(listed.count == files.count, "round \(round): \(listed)")
      let real = Set(listed.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
      #expect(real == Set(files.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }), "round \(round)")
      let r = try TestSupport.spawnBounded(TestSupport.hupsimBinary, ["verify", root], timeout: 30)
      #expect(!r.timedOut && r.status == 64, "round \(round): \(r.stderr)")
      #expect(r.stderr.hasPrefix("hupsim: ") && r.stderr.filter { $0 == "\n" }.count == 1)
    }
  }
  #endif
}

/// Well-formedness of XML (Foundation's parser lives in FoundationXML on Linux).
enum XMLParserCheck {
  static func wellFormed(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
  }
}
