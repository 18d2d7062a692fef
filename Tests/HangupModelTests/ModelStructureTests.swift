import Foundation
import HangupJSON
import HangupModel
import HangupReport
import HupsimCommand
import Testing

/// The shape the model promises: every rule reachable, typed events without prose,
/// races reported with their branches, bounded inputs, and no trap from any input.
@Suite("Model structure")
struct ModelStructureTests {
  /// A broad sweep of scenarios: every shell version, system, job state, placement,
  /// launch and end, with and without catching, plus scenarios with actions.
  static func sweep() -> [Scenario] {
    var out: [Scenario] = []
    let programs = [Program(name: "./job"), Program(name: "./job", handles: [.hup, .cont, .term])]
    for version in ShellVersion.all {
      for os in KernelProfile.all {
        let family = version.shellFamily
        // No option changed, then each of the family's options flipped from its default.
        let optionSets: [[String: Bool]] = [[:]] + family.options.map { [$0.name: !$0.defaultValue] }
        for login in [true, false] {
          for options in optionSets {
            let huponexit = options["huponexit"] ?? false
            for state in JobState.allCases {
              for placement in Placement.allCases {
                for launch in Launch.allCases {
                  for end in SessionEnd.allCases {
                    for (p, program) in programs.enumerated() {
                      var job = JobSpec(state: state, placement: placement, launch: launch, program: program)
                      job.program.readsStdin = state == .ttin
                      if p == 1 && launch == .plain { job.inheritedIgnores = [.int] }
                      var s = Scenario(shell: version, os: os, login: login, options: options, jobs: [job], end: end)
                      if p == 1 && huponexit && BashDialect.of(version)?.hasCheckjobs == true { s.checkjobs = true }
                      if (try? s.validate()) != nil { out.append(s) }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    let child = ExtraProcess(program: Program(name: "child", handles: [.hup], readsStdin: true), parent: .process(0))
    let piped = ExtraProcess(program: Program(name: "sink"), parent: .shell)
    let actions: [[UserAction]] = [
      [.interrupt], [.suspend], [.quit], [.jobs], [.suspend, .bg(job: 1)], [.suspend, .fg(job: 1)],
      [.killJob(signal: .term, job: 1)], [.suspend, .killJob(signal: .hup, job: 1)],
      [.kill(signal: .int, job: 1, process: 0, byShell: true)],
      [.kill(signal: .int, job: 1, process: 1, byShell: false)],
      [.disown(job: 1, nohupOnly: false)], [.disown(job: 1, nohupOnly: true)],
      [.disownAll(runningOnly: true, nohupOnly: true)],
      [.disownAll(runningOnly: false, nohupOnly: false)], [.disown(job: 1, nohupOnly: false), .bg(job: 1)],
    ]
    // Every session host, without job control, and the program behaviours.
    for session in SessionKind.allCases {
      for jobControl in [true, false] {
        for end in SessionEnd.allCases {
          for launch in [Launch.plain, .nohup, .setsid] {
            for program in [
              Program(name: "./job", writes: true),
              Program(name: "./job", readsStdin: true, onEndOfFile: .retry, onReadError: .retry),
              Program(name: "./job", handles: [.hup, .pipe], exitsOn: [.hup], writes: true),
            ] {
              for stdout in [nil, OutputTarget.file, .null, session == .sshNoPty ? .pipe : .terminal] {
                var job = JobSpec(launch: launch, program: program)
                job.stdout = stdout
                let reset = ExtraProcess(program: Program(name: "node", resetsSignals: true), parent: .process(0))
                if launch == .nohup { job.extraProcesses = [reset] }
                var s = Scenario(jobs: [job], end: end)
                if stdout == .pipe && launch == .setsid {
                  s.actions = [.kill(signal: .term, job: 1, process: 0, byShell: true)]
                }
                s.session = session
                s.jobControl = jobControl
                if (try? s.validate()) != nil { out.append(s) }
              }
            }
          }
        }
      }
    }
    // Supervisors: logind, linger, per-connection sshd, CI runners, WSL 1, with the launches
    // that escape them.
    for logind in LogindPolicy.allCases {
      for linger in [false, true] {
        for sshd in SSHDMode.allCases {
          for ci in [nil] + CIRunner.allCases.map(Optional.some) {
            for launch in [Launch.plain, .nohup, .tmux, .screen, .systemdRun, .systemdRunScope] {
              for end in [SessionEnd.exit, .hangup] {
                for escape in [false, true] where escape == false || ci != nil {
                  var job = JobSpec(launch: launch)
                  job.escapesCI = escape
                  var s = Scenario(jobs: [job], end: end)
                  s.logind = logind
                  s.linger = linger
                  s.sshd = sshd
                  s.ci = ci
                  if (try? s.validate()) != nil { out.append(s) }
                }
              }
            }
          }
        }
      }
    }
    for form in DaemonForm.allCases {
      for jobControl in [true, false] {
        for end in [SessionEnd.exit, .hangup] {
          var job = JobSpec()
          job.program.daemonizes = form
          job.program.writes = true
          var s = Scenario(jobs: [job], end: end)
          s.jobControl = jobControl
          if (try? s.validate()) != nil { out.append(s) }
        }
      }
    }
    var wsl = Scenario(os: .wsl1, jobs: [JobSpec(launch: .setsid)], end: .exit)
    wsl.subreaper = false
    out.append(wsl)
    let defaults = ShellRegistry.families.compactMap { ShellVersion.named($0.name) }
    for version in defaults {
      for list in actions {
        for placement in Placement.allCases {
          let job = JobSpec(
            placement: placement, program: Program(name: "./job", readsStdin: false), extraProcesses: [child, piped])
          var s = Scenario(shell: version, jobs: [job], actions: list, end: .hangup)
          s.after = [.kill(signal: .term, job: 1, process: 1, byShell: false)]
          if (try? s.validate()) != nil { out.append(s) }
        }
      }
    }
    return out
  }

  /// The broad sweep, simulated once (half a minute) for every test that reads it.
  static let sweepRun = SweepRun(ModelStructureTests.sweep())

  /// Rules no scenario can emit, and why.
  static let unreachable: [RuleID: String] = [:]

  @Test(
    "Every catalogued rule is emitted by some scenario of a broad sweep (or is listed with the reason it cannot be)")
  func everyRuleEmitted() throws {
    let run = ModelStructureTests.sweepRun
    #expect(run.failures.isEmpty, "\(run.failures.prefix(5))")
    let emitted = run.emitted
    for rule in RuleCatalog.all {
      if let reason = ModelStructureTests.unreachable[rule.id] {
        #expect(!emitted.contains(rule.id), "\(rule.id) is listed as unreachable (\(reason)) but was emitted")
      } else {
        #expect(emitted.contains(rule.id), "no scenario of the sweep emits \(rule.id)")
      }
    }
    for rule in emitted { #expect(RuleCatalog.lookup(rule) != nil, "\(rule) is emitted but not catalogued") }
  }

  /// Where an event payload may hold a string: what a person typed, what a program
  /// printed, and names of programs. Anything else would be words made by the model.
  static let dataStrings: Set<String> = ["text", "program", "launcher", "typed", "printed"]

  static func strings(in value: Any, path: String, into out: inout [String]) {
    let mirror = Mirror(reflecting: value)
    if value is String {
      out.append(path)
      return
    }
    for child in mirror.children {
      let label = child.label.map { $0.hasPrefix(".") ? path : $0 } ?? path
      strings(in: child.value, path: label, into: &out)
    }
  }

  @Test("Event payloads are typed data: no string but typed lines, printed lines and program names")
  func payloadsCarryNoProse() throws {
    var seen = Set<String>()
    for scenario in ModelStructureTests.sweep().prefix(4000) {
      let outcome = try Simulator.run(scenario, exploringRaces: false)
      for event in outcome.events {
        var paths: [String] = []
        ModelStructureTests.strings(in: event.payload, path: "printed", into: &paths)
        for path in paths { seen.insert(path) }
      }
    }
    #expect(!seen.isEmpty)
    for path in seen {
      #expect(ModelStructureTests.dataStrings.contains(path), "an event payload carries a string at \(path)")
    }
  }

  @Test("Only the presentation layer and the command line may depend on HangupReport, so nothing else can read words")
  func wordsOnlyInPresentation() throws {
    let manifest = try String(contentsOfFile: TestSupport.repository + "/Package.swift", encoding: .utf8)
    for line in manifest.split(separator: "\n") where line.contains("\"HangupReport\"") && line.contains("name:") {
      let allowed =
        line.contains("name: \"HupsimCommand\"") || line.contains("name: \"HangupReport\"")
        || line.contains("name: \"HangupModelTests\"")
      #expect(allowed, "a target other than the command line depends on HangupReport: \(line)")
    }
    for module in ["HangupModel", "HangupTraces", "HangupRecorder", "HangupInspect"] {
      let dir = TestSupport.repository + "/Sources/" + module
      let files =
        FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        ?? []
      #expect(!files.isEmpty)
      for file in files {
        let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
        #expect(!text.contains("import HangupReport"), "\(module)/\(file) imports the presentation layer")
        #expect(!text.contains("Narrator"), "\(module)/\(file) uses the presentation layer's Narrator")
      }
    }
  }

  @Test(
    "A foreground job at a hang-up meets RACE-FG-HUP-MERGE: JSON lists its branches, the most common first, with counts"
  )
  func foregroundMergeRace() throws {
    let r = TestSupport.hupsim("--fg", "--exit", "hangup", "--handles", "HUP,CONT,TERM", "--format", "json")
    #expect(r.status == 0)
    let doc = try JSONParser.parse(r.stdout)
    let races = try #require(doc["races"]?.arrayValue)
    let race = try #require(races.first { $0["id"]?.stringValue == "RACE-FG-HUP-MERGE" })
    let variants = try #require(race["variants"]?.arrayValue)
    #expect(variants.count == 3)
    let counts = variants.compactMap { $0["observed"]?.intValue }
    #expect(counts == counts.sorted(by: >), "branches are not most common first: \(counts)")
    func handled(_ v: JSONValue) -> [String] {
      (v["jobs"]?.arrayValue?.first?["handled"]?.arrayValue ?? []).compactMap { h in
        guard let s = h["signal"]?.stringValue, let f = h["from"]?.stringValue else { return nil }
        return s + " " + f
      }
    }
    #expect(handled(variants[0]) == ["SIGHUP shell", "SIGCONT kernel", "SIGHUP kernel"])
    #expect(handled(variants[1]) == ["SIGCONT kernel", "SIGHUP shell"])
    let explain = TestSupport.hupsim("explain", "--fg", "--exit", "hangup", "--handles", "HUP,CONT,TERM")
    #expect(explain.stdout.contains("RACE-FG-HUP-MERGE"))
    let words = explain.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    #expect(words.contains("Most common — the jobs run before the shell dies (271 of 370 recorded runs)"))
  }

  @Test("A scenario without a race lists none")
  func noRace() throws {
    let outcome = try Simulator.run(Scenario(jobs: [JobSpec()], end: .exit))
    #expect(outcome.races.isEmpty)
  }

  @Test("10,000 jobs run; 10,001 are refused with the limit named")
  func scale() throws {
    let many = Scenario(jobs: Array(repeating: JobSpec(), count: ScenarioLimits.jobs), end: .exit)
    let outcome = try Simulator.run(many)
    #expect(outcome.jobs.count == ScenarioLimits.jobs)
    #expect(outcome.jobs.allSatisfy { $0.main.survives })
    #expect(outcome.complete)
    let tooMany = Scenario(jobs: Array(repeating: JobSpec(), count: ScenarioLimits.jobs + 1), end: .exit)
    #expect(throws: ScenarioError.self) { try Simulator.run(tooMany) }
    do {
      _ = try Simulator.run(tooMany)
    } catch {
      #expect(error.message.contains("at most 10000 jobs"))
    }
  }

  @Test("Inputs over the limits: one line naming the limit, exit 64")
  func limits() {
    let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    let path = NSTemporaryDirectory() + "hupsim-deep-\(getpid()).json"
    try? deep.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = TestSupport.hupsim("--scenario", path)
    #expect(r.status == 64)
    #expect(r.stderr.contains("deeper than 64 levels"), "\(r.stderr)")
    let long = String(repeating: "x", count: 5000)
    let s = Scenario(jobs: [JobSpec(program: Program(name: long))])
    #expect(throws: ScenarioError.self) { try s.validate() }
  }
}

/// What the events of a set of scenarios cite: each distinct (shell, system, actor, rule,
/// effect rule) once, with the first scenario that cited it.
struct SweepRun: Sendable {
  struct Citation: Hashable, Sendable {
    var shell: String
    var os: KernelProfile.ID
    var actor: Actor
    var rule: RuleID
    var effectRule: RuleID?
  }

  var citations: [Citation: Scenario] = [:]
  /// Scenarios whose events are not numbered 1, 2, 3, … in order.
  var misnumbered: [String] = []
  /// Scenarios the simulator refused.
  var failures: [String] = []

  /// Every rule an event or its effect cited.
  var emitted: Set<RuleID> { Set(citations.keys.flatMap { [$0.rule] + ($0.effectRule.map { [$0] } ?? []) }) }

  init(_ scenarios: [Scenario]) {
    for scenario in scenarios {
      let outcome: Outcome
      do {
        outcome = try Simulator.run(scenario, exploringRaces: false)
      } catch {
        failures.append("\(scenario.shell) \(scenario.end): \(error.message)")
        continue
      }
      if !outcome.events.indices.allSatisfy({ outcome.events[$0].seq == $0 + 1 }) {
        misnumbered.append("\(scenario.shell) \(scenario.os.id.rawValue) \(scenario.end)")
      }
      for event in outcome.events {
        let citation = Citation(
          shell: scenario.shell.id, os: scenario.os.id, actor: event.from, rule: event.rule,
          effectRule: event.effectRule)
        if citations[citation] == nil { citations[citation] = scenario }
      }
    }
  }
}
