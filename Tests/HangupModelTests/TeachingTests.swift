import Foundation
import HangupJSON
import HangupModel
import HangupReport
import HupsimCommand
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Teaching tables, explanations, advice and pictures")
struct TeachingTests {
  static let formats = TableFormat.allCases.map(\.rawValue)
  static let languages = Language.allCases.map(\.rawValue)
  static let presets = TablePreset.allCases.map(\.rawValue)

  static var presetCases: [(String, String, String)] {
    presets.flatMap { p in formats.flatMap { f in languages.map { l in (p, f, l) } } }
  }

  @Test("Golden files: every preset in every format and language", arguments: TeachingTests.presetCases)
  func presetGolden(preset: String, format: String, lang: String) {
    let r = TestSupport.hupsim("table", "--preset", preset, "--format", format, "--lang", lang)
    #expect(r.status == 0, "\(r.stderr)")
    Snapshot.check(
      r.stdout, named: "table-\(preset).\(lang).\(format == "markdown" ? "md" : format == "text" ? "txt" : format)")
  }

  /// The article's own tables (seed 002, CentOS 5 / bash 3.2.25), row by row: SIGHUP, SIGCONT, SIGTERM.
  static let seed002Cells: [String: [[String]]] = [
    "seed002-exit-huponexit-on": [["-", "-", "-"], ["o", "-", "-"], ["-", "o", "o"], ["o", "o", "o"]],
    "seed002-exit-huponexit-off": [["-", "-", "-"], ["-", "-", "-"], ["-", "o", "o"], ["-", "o", "o"]],
    "seed002-sighup": [["-", "-", "-"], ["o", "-", "-"], ["-", "o", "o"], ["o", "o", "o"]],
  ]

  @Test("Every rule title has a Japanese and a Chinese translation, so explanations never fall back to English")
  func ruleTitlesTranslated() {
    for rule in RuleCatalog.all {
      for lang in [Language.ja, .zh] {
        #expect(lang.ruleTitle(rule.id) != rule.title, "\(rule.id) has no \(lang.rawValue) title")
      }
    }
  }

  @Test("table --preset seed002 --shell bash-3.2 --format json yields exactly the article's cells")
  func seed002Bash32() throws {
    let r = TestSupport.hupsim("table", "--preset", "seed002", "--shell", "bash-3.2", "--format", "json")
    let tables = try #require(try JSONParser.parse(r.stdout)["tables"]?.arrayValue)
    #expect(tables.count == 3)
    for table in tables {
      let id = try #require(table["id"]?.stringValue)
      let rows = (table["rows"]?.arrayValue ?? []).map { row in
        (row["cells"]?.arrayValue ?? []).map { $0["text"]?.stringValue ?? "" }
      }
      #expect(rows == TeachingTests.seed002Cells[id], "\(id)")
      #expect(
        table["columns"]?.arrayValue?.dropFirst().map { $0.stringValue ?? "" } == ["SIGHUP", "SIGCONT", "SIGTERM"])
    }
  }

  @Test("--shell bash-2.05 shows its difference: a stopped J_NOHUP job also gets SIGCONT from hangup_all_jobs")
  func seed002Bash205() throws {
    let r = TestSupport.hupsim("table", "--preset", "seed002", "--shell", "bash-2.05", "--format", "json")
    let tables = try #require(try JSONParser.parse(r.stdout)["tables"]?.arrayValue)
    let cell = { (id: String) -> JSONValue? in
      tables.first(where: { $0["id"]?.stringValue == id })?["rows"]?.arrayValue?[2]["cells"]?.arrayValue?[1]
    }
    for id in ["seed002-exit-huponexit-on", "seed002-sighup"] {
      #expect(cell(id)?["text"]?.stringValue == "o*")
      #expect(cell(id)?["count"]?.intValue == 2)
      #expect(cell(id)?["rules"] == .strings(["BASH-HANGUP-ALL-JOBS", "BASH-TERMINATE-STOPPED"]))
    }
    #expect(cell("seed002-exit-huponexit-off")?["text"]?.stringValue == "o")
    let text = TestSupport.hupsim("table", "--preset", "seed002", "--shell", "bash-2.05").stdout
    #expect(text.contains("o* = bash 2.05–3.1"))
  }

  @Test("seed001: the six rows with row C corrected and explained")
  func seed001() throws {
    let r = TestSupport.hupsim("table", "--preset", "seed001", "--format", "json")
    let table = try #require(try JSONParser.parse(r.stdout)["tables"]?.arrayValue?.first)
    let rows = table["rows"]?.arrayValue ?? []
    #expect(rows.count == 6)
    let agree = rows.map { $0["cells"]?.arrayValue?[1]["agreesWithArticle"]?.boolValue }
    #expect(agree == [true, true, false, true, true, true])
    #expect(rows[2]["cells"]?.arrayValue?[1]["killedBy"]?.stringValue == "SIGHUP")
    #expect((table["notes"]?.arrayValue ?? []).contains { ($0.stringValue ?? "").hasPrefix("Row C corrected") })
    let ja = TestSupport.hupsim("table", "--preset", "seed001", "--lang", "ja").stdout
    #expect(ja.contains("行 C を訂正"))
    #expect(ja.contains("フォアグラウンド"))
  }

  @Test("seed003 and seed004 come out of the simulator")
  func seed003And004() throws {
    let t3 = try #require(
      try JSONParser.parse(TestSupport.hupsim("table", "--preset", "seed003", "--format", "json").stdout)["tables"]?
        .arrayValue?.first)
    let survives = (t3["rows"]?.arrayValue ?? []).map { $0["cells"]?.arrayValue?[1]["survives"]?.boolValue }
    #expect(survives == [false, true, true, true])
    let sends = (t3["rows"]?.arrayValue ?? []).map { $0["cells"]?.arrayValue?[0]["bashSendsSIGHUP"]?.boolValue }
    #expect(sends == [true, false, true, false])
    let t4 = try #require(
      try JSONParser.parse(TestSupport.hupsim("table", "--preset", "seed004", "--format", "json").stdout)["tables"]?
        .arrayValue?.first)
    let receivers = (t4["rows"]?.arrayValue ?? []).map { $0["cells"]?.arrayValue?[0]["receivers"]?.intValue }
    #expect(receivers == [2, 1])
  }

  @Test("Comparison tables name where the answer changes and why")
  func comparisons() throws {
    let shells = TestSupport.hupsim(
      "table", "--compare", "shells", "--state", "stopped", "--disown-h", "--huponexit",
      "--handles", "HUP,CONT,TERM")
    #expect(shells.status == 0)
    let lines = shells.stdout.split(separator: "\n")
    let b32 = try #require(lines.first { $0.contains("bash-3.2 ") })
    #expect(b32.contains("hangup_all_jobs skips J_NOHUP jobs entirely (3.2)"))
    #expect(lines.first { $0.contains("bash-3.1 ") }?.contains("SIGCONT, SIGTERM, SIGCONT") == true)
    let kernels = TestSupport.hupsim("table", "--compare", "kernels", "--state", "stopped", "--exit", "hangup")
    #expect(kernels.stdout.contains("NetBSD 1.6"))
    #expect(kernels.stdout.contains("killed by SIGHUP") && kernels.stdout.contains("killed by SIGTERM"))
  }

  @Test("A generic table crosses any dimensions; impossible cells say n/a with the reason")
  func generic() throws {
    let r = TestSupport.hupsim("table", "--rows", "state,launch", "--cols", "exit", "--format", "json")
    #expect(r.status == 0)
    let table = try #require(try JSONParser.parse(r.stdout)["tables"]?.arrayValue?.first)
    let rows = table["rows"]?.arrayValue ?? []
    #expect(rows.count == JobState.allCases.count * Launch.allCases.count)
    let stoppedSetsid = try #require(rows.first { $0["label"] == .strings(["stopped", "setsid"]) })
    #expect(stoppedSetsid["cells"]?.arrayValue?.first?["possible"]?.boolValue == false)
    Snapshot.check(
      TestSupport.hupsim("table", "--rows", "state,launch", "--cols", "exit").stdout,
      named: "table-generic-state-launch-exit.txt")
    #expect(TestSupport.hupsim("table", "--rows", "state", "--cols", "state").status == 64)
    #expect(TestSupport.hupsim("table", "--rows", "colour", "--cols", "exit").status == 64)
    #expect(TestSupport.hupsim("table").status == 64)
  }

  @Test("explain names the warning, terminate_stopped_jobs' SIGTERM then SIGCONT, and why nohup does not help")
  func explainStoppedNohup() throws {
    let r = TestSupport.hupsim("explain", "--state", "stopped", "--nohup", "--exit", "logout")
    #expect(r.status == 0)
    let text = r.stdout
    #expect(text.contains("There are stopped jobs."))
    #expect(text.contains("BASH-STOPPED-JOBS-WARNING"))
    let term = try #require(text.firstRange(of: "sends SIGTERM to job 1"))
    let cont = try #require(text.firstRange(of: "sends SIGCONT to job 1"))
    #expect(term.lowerBound < cont.lowerBound)
    #expect(text.contains("jobs.c end_job_control → terminate_stopped_jobs"))
    #expect(text.contains("nohup only makes the job ignore SIGHUP"))
    // The heading says "Verdict" once; the sentence under it does not say it again.
    #expect(text.contains("\nVerdict\n  job 1 (`nohup ./job`) is killed by SIGTERM.\n"))
    #expect(!text.contains("Verdict:"))
    #expect(text.contains("PID  PPID  PGID   SID  TPGID  STAT  COMMAND"))
    for lang in ["en", "ja", "zh"] {
      for format in ["text", "markdown", "json"] {
        let out = TestSupport.hupsim(
          "explain", "--state", "stopped", "--nohup", "--exit", "logout", "--lang", lang, "--format", format)
        Snapshot.check(
          out.stdout,
          named:
            "explain-stopped-nohup-logout.\(lang).\(format == "markdown" ? "md" : format == "text" ? "txt" : "json")")
      }
    }
  }

  @Test("advise proposes bg first for a stopped nohup job, and every remedy is verified by simulation")
  func advise() throws {
    let r = TestSupport.hupsim("advise", "--state", "stopped", "--nohup", "--exit", "logout", "--format", "json")
    let doc = try JSONParser.parse(r.stdout)
    let remedies = try #require(doc["remedies"]?.arrayValue)
    #expect(remedies.first?["id"]?.stringValue == "bg-before-leaving")
    #expect(remedies.contains { $0["id"]?.stringValue == "ampersand-not-ctrl-z" })
    for remedy in remedies {
      #expect(remedy["fixes"]?.boolValue == true)
      #expect((remedy["jobs"]?.arrayValue ?? []).allSatisfy { $0["survives"]?.boolValue == true })
      // Re-simulate the remedy's own scenario: it must really save the job.
      let scenario = try Scenario.fromJSON(try #require(remedy["scenario"]))
      #expect(try Simulator.run(scenario).mainFate == .alive)
    }
    let costs = remedies.compactMap { $0["cost"]?.intValue }
    #expect(costs == costs.sorted())
    for lang in ["en", "ja", "zh"] {
      Snapshot.check(
        TestSupport.hupsim("advise", "--state", "stopped", "--nohup", "--exit", "logout", "--lang", lang).stdout,
        named: "advise-stopped-nohup-logout.\(lang).txt")
    }
  }

  @Test("advise knows what is not enough: disown without bg leaves a stopped job to the orphaned-group rule")
  func adviseNotEnough() throws {
    let r = TestSupport.hupsim("advise", "--state", "stopped", "--disown", "--exit", "exit", "--format", "json")
    let doc = try JSONParser.parse(r.stdout)
    #expect((doc["remedies"]?.arrayValue ?? []).contains { $0["id"]?.stringValue == "bg-then-disown" })
    #expect((doc["notEnough"]?.arrayValue ?? []).contains { $0["id"]?.stringValue == "bg-before-leaving" })
    let ok = TestSupport.hupsim("advise", "--exit", "exit")
    #expect(ok.stdout.contains("Nothing to fix"))
  }

  @Test("Mermaid and SVG pictures of the scenario")
  func pictures() throws {
    let args = ["explain", "--state", "stopped", "--nohup", "--exit", "logout"]
    let mermaid = TestSupport.hupsim(args + ["--format", "mermaid"]).stdout
    #expect(mermaid.hasPrefix("sequenceDiagram\n"))
    #expect(mermaid.contains("B->>J1_0: SIGTERM [BASH-TERMINATE-STOPPED] pending-stopped"))
    #expect(!mermaid.contains(";"))
    Snapshot.check(mermaid, named: "picture-stopped-nohup-logout.mmd")
    let svg = TestSupport.hupsim(args + ["--format", "svg"]).stdout
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(!svg.contains("<script") && !svg.contains("href=\"http"))
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse(), "the SVG is well-formed XML")
    #expect(svg.contains("SIGTERM [BASH-TERMINATE-STOPPED]"))
    Snapshot.check(svg, named: "picture-stopped-nohup-logout.svg")
    #expect(TestSupport.hupsim("--state", "stopped", "--exit", "hangup", "--format", "svg").stdout.hasPrefix("<svg"))
  }

  @Test("Every catalogue entry has a Japanese and a Chinese translation, with the English key's placeholders")
  func translations() {
    let placeholder = /\{[A-Za-z]+\}/
    for entry in Language.catalogue {
      let names = Set(entry.english.matches(of: placeholder).map { String($0.output) })
      for (lang, text) in [("ja", entry.ja), ("zh", entry.zh)] {
        let what = "\(lang) for \(entry.english.debugDescription): \(text.debugDescription)"
        #expect(text.contains { !$0.isWhitespace }, "\(what) is empty")
        #expect(Set(text.matches(of: placeholder).map { String($0.output) }) == names, "\(what) has other placeholders")
        #expect(!TeachingTests.hasWords(entry.english) || text != entry.english, "\(what) is left in English")
      }
    }
    let ja = TestSupport.hupsim("explain", "--exit", "hangup", "--lang", "ja").stdout
    #expect(ja.contains("結論"))
    let zh = TestSupport.hupsim("table", "--preset", "seed003", "--lang", "zh").stdout
    #expect(zh.contains("会话"))
    #expect(TestSupport.hupsim("table", "--preset", "seed001", "--lang", "fr").status == 64)
  }

  /// Whether an English text has words to translate, beyond names and code: two words
  /// of letters once placeholders and `code` are taken out.
  static func hasWords(_ english: String) -> Bool {
    let prose = english.replacing(/\{[A-Za-z]+\}|`[^`]*`/, with: " ")
    return prose.matches(of: /\b[A-Za-z]{2,}\b/).count >= 2
  }

  @Test("Every string the reports translate is in the catalogue, so no Japanese or Chinese text falls back to English")
  func translatedStringsCatalogued() throws {
    let keys = Set(Language.catalogue.map(\.english))
    // `t("…")`, `format("…", …)` and their `cond ? "…" : "…"` forms, in the presentation layer's source.
    let call = try Regex(
      #"(?:\bt|\bformat)\(\s*(?:[^"()]*?\?\s*)?"((?:[^"\\\n]|\\.)*)"(?:\s*:\s*"((?:[^"\\\n]|\\.)*)")?"#
    )
    .wordBoundaryKind(.simple)
    let folder = TestSupport.repository + "/Sources/HangupReport"
    var seen = 0
    for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".swift") {
      let source = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
      for match in source.matches(of: call) {
        for index in 1...2 {
          guard let literal = match.output[index].substring, !literal.isEmpty else { continue }
          let key = String(literal).replacing("\\\"", with: "\"").replacing("\\\\", with: "\\")
          seen += 1
          #expect(keys.contains(key), "\(file): \(key.debugDescription) is not in the catalogue")
        }
      }
    }
    #expect(seen > 100, "the scan found \(seen) translated strings")
  }

  @Test("The man page in the repository is what `hupsim man` generates")
  func manPage() throws {
    let kept = try String(contentsOfFile: TestSupport.repository + "/hupsim.1", encoding: .utf8)
    #expect(kept == TestSupport.hupsim("man").stdout, "regenerate with: swift run hupsim man > hupsim.1")
    #expect(kept.contains(".TH HUPSIM 1"))
    for command in ["table", "explain", "advise", "record", "verify"] {
      #expect(kept.contains(".SH \(command.uppercased())"))
    }
  }

  @Test("Completion scripts are generated for bash, zsh and fish", arguments: ["bash", "zsh", "fish"])
  func completions(shell: String) throws {
    let r = TestSupport.hupsim("completions", shell)
    #expect(r.status == 0)
    #expect(r.stdout.contains(shell == "fish" ? "-l state" : "--state"))
    #expect(r.stdout.contains("seed002"))
  }

  static let completionShellsInstalled = ["bash", "zsh", "fish"].allSatisfy {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0)
  }

  @Test(
    "Completion scripts parse in their shells (skipped unless bash, zsh and fish are installed, as CI installs them)",
    .enabled(if: TeachingTests.completionShellsInstalled), arguments: ["bash", "zsh", "fish"])
  func completionsParse(shell: String) throws {
    let path = NSTemporaryDirectory() + "hupsim-completion-\(getpid()).\(shell)"
    try TestSupport.hupsim("completions", shell).stdout.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let check = try TestSupport.spawn("/usr/bin/" + shell, ["-n", path])
    #expect(check.status == 0, "\(check.stderr)")
  }

  @Test(
    "The SVG renders in a real browser (headless Chromium, when installed)",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
  func svgInBrowser() throws {
    let svg = TestSupport.hupsim("explain", "--state", "stopped", "--nohup", "--exit", "logout", "--format", "svg")
      .stdout
    let dir = NSTemporaryDirectory() + "hupsim-svg-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try svg.write(toFile: dir + "/picture.svg", atomically: true, encoding: .utf8)
    // The page loads the SVG file as an image and, inline, measures what the browser laid out.
    let page = """
      <!DOCTYPE html><html><body>
      <img id="img" src="picture.svg">
      \(svg)
      <script>
      const img = document.getElementById('img');
      function report() {
        const svg = document.querySelector('body > svg');
        const texts = svg.querySelectorAll('text');
        let drawn = 0;
        texts.forEach(t => { if (t.getBBox().width > 0) drawn++; });
        const box = svg.getBBox();
        document.body.setAttribute('data-result', JSON.stringify({
          imageWidth: img.naturalWidth, imageHeight: img.naturalHeight,
          texts: texts.length, drawn: drawn, width: Math.round(box.width), height: Math.round(box.height)}));
      }
      if (img.complete) report(); else { img.onload = report; img.onerror = report; }
      </script></body></html>
      """
    try page.write(toFile: dir + "/page.html", atomically: true, encoding: .utf8)
    let r = try TestSupport.spawn(
      "/usr/bin/chromium",
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--virtual-time-budget=5000",
        "--dump-dom", "file://" + dir + "/page.html",
      ])
    let marker = try #require(
      r.stdout.firstRange(of: "data-result=\""), "chromium printed no result: \(r.stderr.prefix(500))")
    let rest = r.stdout[marker.upperBound...]
    let json = String(rest.prefix { $0 != "\"" }).replacingOccurrences(of: "&quot;", with: "\"")
    let result = try JSONParser.parse(json)
    #expect((result["imageWidth"]?.intValue ?? 0) > 500, "the SVG file loads as an image")
    #expect((result["texts"]?.intValue ?? 0) > 20)
    #expect(result["drawn"]?.intValue == result["texts"]?.intValue, "every label is laid out")
    #expect((result["width"]?.intValue ?? 0) > 500 && (result["height"]?.intValue ?? 0) > 300)
  }
}
