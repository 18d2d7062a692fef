import Foundation
import HangupJSON
import HangupModel
import HangupReport
import HupsimCommand
import Testing

/// The rough edges a daily user touches (issue 13), each held by a test.
@Suite("Everyday edges")
struct PolishTests {
  @Test("help knows every command, help itself included, and --version is in the help")
  func helpAndVersion() {
    let help = TestSupport.hupsim("help", "help")
    #expect(help.status == 0)
    #expect(help.stdout.hasPrefix("hupsim help — "))
    #expect(TestSupport.hupsim("help", "--help").stdout == help.stdout)
    #expect(TestSupport.hupsim("help", "table", "extra").status == 64)
    let main = TestSupport.hupsim("--help").stdout
    #expect(main.contains("--version, -V"))
    #expect(main.contains("  help         describe hupsim or one of its commands"))
    #expect(main.contains("mermaid|svg"))
    // Prose and options fit 90 columns; examples stay whole, to be copied.
    for line in main.split(separator: "\n") where !line.hasPrefix("  hupsim ") { #expect(line.count <= 90, "\(line)") }
  }

  @Test("--version names the release and the commit it was built from")
  func version() throws {
    let line = TestSupport.hupsim("--version").stdout
    #expect(line == "hupsim \(Hupsim.version) (commit \(Hupsim.commit ?? "unknown"))\n")
    // A plain `swift build` is not told the commit.
    let binary = try TestSupport.spawn(TestSupport.hupsimBinary, ["--version"])
    #expect(
      binary.stdout.range(of: #"^hupsim \d+\.\d+\.\d+ \(commit [0-9a-z.-]+\)\n$"#, options: .regularExpression) != nil,
      "\(binary.stdout)")
    #expect(TestSupport.hupsim("--version", "x").status == 64)
  }

  @Test("Every exit status is decided in one place and documented in the help and the man page")
  func exitStatuses() {
    let main = TestSupport.hupsim("--help").stdout
    let man = TestSupport.hupsim("man").stdout
    for status in [
      ExitStatus.success, ExitStatus.disagrees, ExitStatus.usage, ExitStatus.recordingFailed,
      ExitStatus.cannotWriteOutput, ExitStatus.outputFailed,
    ] {
      #expect(main.contains("\n  \(status) "), "help lacks \(status)")
      #expect(man.contains(".B \(status)\n"), "man page lacks \(status)")
    }
    #expect(main.contains("128+N"))
    #expect(TestSupport.hupsim("help", "record").stdout.contains("73 the trace could not be written to --out"))
  }

  @Test(
    "--color always colours each toned cell once, and the text under the colour is the plain table",
    arguments: [
      ["--preset", "seed001"], ["--preset", "seed002"], ["--preset", "shells"], ["--rows", "state", "--cols", "exit"],
      ["--compare", "kernels", "--state", "stopped"],
    ])
  func colour(args: [String]) throws {
    let coloured = TestSupport.hupsim(["table"] + args + ["--color", "always"]).stdout
    let plain = TestSupport.hupsim(["table"] + args).stdout
    #expect(!coloured.contains("m\u{1B}[3"), "an escape right after another: a cell wrapped twice")
    #expect(!coloured.contains("\u{1B}[0m\u{1B}[0m"))
    let stripped = coloured.replacing(#/\x1B\[[0-9]+m/#, with: "")
    #expect(stripped == plain)
    // Every cell with a tone is coloured, once.
    if args[0] == "--preset", let preset = TablePreset(rawValue: args[1]) {
      let cells = Tables.preset(preset, shell: nil, os: nil, lang: .en).flatMap(\.rows).flatMap { $0 }
      let toned = cells.filter { $0.tone != .neutral && !$0.text.isEmpty }.count
      #expect(toned > 0)
      #expect(coloured.components(separatedBy: "\u{1B}[0m").count - 1 == toned)
    }
  }

  @Test(
    "CSV is one rectangle: a header row, then rows that name their table; no title rows, no blank rows",
    arguments: ["seed002", "seed001", "shells"], ["en", "ja"])
  func csvRectangle(preset: String, lang: String) {
    let csv = TestSupport.hupsim("table", "--preset", preset, "--format", "csv", "--lang", lang).stdout
    let records = PolishTests.parseCSV(csv)
    #expect(records.count > 2)
    #expect(Set(records.map(\.count)).count == 1, "every record has the same number of fields")
    #expect(records[0][0] == (lang == "en" ? "table" : "表"))
    #expect(records.dropFirst().allSatisfy { $0[0].hasPrefix(preset) })
    #expect(!csv.contains("\r\n\r\n"))
    if preset == "seed002" {
      #expect(Set(records.dropFirst().map { $0[0] }).count == 3, "three tables, told apart by the first column")
    }
  }

  /// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
  static func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          if let next = chars.next() {
            if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        record.append(field); field = ""
      } else if c == "\r\n" || c == "\n" {
        record.append(field); field = ""
        records.append(record); record = []
      } else {
        field.append(c)
      }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
  }

  @Test("explain: wrapped step lines line up under the step's text, in every language", arguments: ["en", "ja", "zh"])
  func wrappedSteps(lang: String) {
    let text = TestSupport.hupsim("explain", "--state", "stopped", "--nohup", "--exit", "logout", "--lang", lang).stdout
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("  1. ") }) else {
      Issue.record("no steps")
      return
    }
    var indent = 0
    var continued = 0
    for line in lines[start...] {
      if line.isEmpty { break }
      if let match = line.firstMatch(of: #/^  (\d+)\. /#) {
        indent = 2 + match.output.1.count + 2
      } else if !line.hasPrefix("     [") {
        continued += 1
        #expect(line.hasPrefix(String(repeating: " ", count: indent)) && line.dropFirst(indent).first != " ", "\(line)")
      }
    }
    #expect(continued > 0, "some step wraps")
  }

  @Test(
    "Japanese and Chinese tell nohup's steps with their detail: stdin reopened write-only, reads fail with EBADF",
    arguments: ["ja", "zh"])
  func nohupStepsLocalized(lang: String) throws {
    let doc = try JSONParser.parse(
      TestSupport.hupsim(
        "explain", "--state", "stopped", "--nohup", "--exit", "logout", "--lang", lang, "--format", "json"
      ).stdout)
    let steps = try #require(doc["steps"]?.arrayValue)
    func text(_ rule: String) -> String { steps.first { $0["rule"]?.stringValue == rule }?["text"]?.stringValue ?? "" }
    #expect(text("NOHUP-STDIN").contains("EBADF") && text("NOHUP-STDIN").contains("/dev/null"))
    #expect(text("NOHUP-OUTPUT").contains("nohup.out"))
    #expect(text("NOHUP-IGNORE-HUP").contains("SIG_IGN"))
    #expect(text("KERN-EXEC-KEEPS-IGNORED").contains("./job"))
  }

  @Test("explain's pictures follow --lang, and a process's end is noted once", arguments: ["mermaid", "svg"])
  func pictures(format: String) {
    let args = ["explain", "--state", "stopped", "--nohup", "--exit", "logout", "--format", format]
    let en = TestSupport.hupsim(args).stdout
    #expect(en.components(separatedBy: "killed by SIGTERM").count == 2, "noted once")
    let ja = TestSupport.hupsim(args + ["--lang", "ja"]).stdout
    #expect(ja != en)
    #expect(ja.contains("SIGTERM で終了") && ja.contains("ジョブ 1"))
    #expect(ja.components(separatedBy: "SIGTERM で終了").count == 2)
    #expect(!ja.contains("killed by"))
    #expect(TestSupport.hupsim(args + ["--lang", "zh"]).stdout.contains("被 SIGTERM 终止"))
    // The plain timeline has no --lang: it says where --lang goes instead of ignoring it.
    let simulate = TestSupport.hupsim("--state", "stopped", "--lang", "ja", "--format", format)
    #expect(simulate.status == 64)
    #expect(simulate.stderr.contains("--lang goes with explain, advise and table"))
  }

  @Test(
    "The man page renders with groff -ww silently and fits 80 columns",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff")))
  func manRenders() throws {
    let dir = try TestSupport.temporaryDirectory("man")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try TestSupport.hupsim("man").stdout.write(toFile: dir + "/hupsim.1", atomically: true, encoding: .utf8)
    let check = try TestSupport.spawn("/usr/bin/groff", ["-man", "-Tutf8", "-ww", "-z", dir + "/hupsim.1"])
    #expect(check.status == 0)
    #expect(check.stderr.isEmpty, "groff warns: \(check.stderr)")
    let page = try TestSupport.spawn(
      "/usr/bin/groff", ["-man", "-Tutf8", "-ww", "-P", "-cbou", "-rLL=80n", dir + "/hupsim.1"])
    #expect(page.stderr.isEmpty)
    let lines = page.stdout.split(separator: "\n")
    #expect(lines.count > 200)
    for line in lines { #expect(line.count <= 80, "\(line.count) columns: \(line)") }
    #expect(page.stdout.contains("EXIT STATUS") && page.stdout.contains("--version"))
  }
}
