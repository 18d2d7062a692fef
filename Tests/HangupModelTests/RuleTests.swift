import HangupModel
import HangupReport
import Testing

@Suite("Rules")
struct RuleTests {
  @Test("Rule IDs are unique and never change (golden list)")
  func stableIDs() {
    let ids = RuleCatalog.all.map(\.id.rawValue).sorted()
    #expect(Set(ids).count == ids.count)
    Snapshot.check(ids.joined(separator: "\n") + "\n", named: "rule-ids.txt")
  }

  @Test("Every kernel, terminal, shell and launcher rule cites a real function or standard")
  func citations() {
    for rule in RuleCatalog.all where [.kernel, .terminal, .shell, .launcher].contains(rule.component) {
      #expect(!rule.allSources.isEmpty, "\(rule.id) has no source")
    }
    for rule in RuleCatalog.all where rule.component == .kernel || rule.component == .terminal {
      let sources = rule.allSources.map(\.0)
      #expect(sources.contains("Linux 6.x"), "\(rule.id) has no Linux citation")
    }
    for rule in RuleCatalog.all {
      for (system, citation) in rule.allSources {
        #expect(
          RuleTests.isCitation(citation, system: system), "\(rule.id) cites \(system) as \(citation.debugDescription)")
      }
    }
  }

  @Test("Every shell rule's citation is complete for every release of its shell (no placeholder left)")
  func citationsFilled() {
    for family in ShellRegistry.families {
      for version in family.versions {
        for rule in family.rules {
          let source = rule.source(kernel: .linux, shell: version)
          #expect(!source.isEmpty, "\(rule.id) has no source for \(version)")
          #expect(
            source.firstMatch(of: /\{[A-Za-z_]+\}/) == nil, "\(rule.id) leaves a placeholder for \(version): \(source)")
        }
      }
    }
  }

  /// What a citation looks like: POSIX's are a volume and section or interface
  /// (`POSIX XSH 2.4.1`, `POSIX XBD 11.1.10`, `POSIX XCU kill`); the others name a source
  /// file (`kernel/signal.c`, `jobs.c`, `exit.def`, `Src/jobs.c`), a repository path, a
  /// manual page section (`logind.conf(5)`) or, for closed systems, a published document
  /// with a locator (a URL or an issue number).
  static func isCitation(_ citation: String, system: String) -> Bool {
    if system == "POSIX" {
      return citation.firstMatch(of: /^POSIX (XSH|XBD|XCU|XRAT) \S/) != nil
    }
    let file = /[\w@}-]\.([a-z]{1,7}|\{[a-z,]+\})\b/
    let path = /\w\/\w/
    let manual = /[\w.-]\(\d[a-z]*\)/
    let document = /https?:\/\/|#\d+/
    return citation.firstMatch(of: file) != nil || citation.firstMatch(of: path) != nil
      || citation.firstMatch(of: manual) != nil || citation.firstMatch(of: document) != nil
  }

  @Test("Citations follow the simulated system: the SIGHUP handler's name changes at bash 3.2")
  func citationsPerSystem() throws {
    let rule = RuleCatalog.rule(.bashSighupHandler)
    func bash(_ id: String) throws -> ShellVersion { try #require(ShellVersion.named(id)) }
    #expect(rule.source(kernel: .linux, shell: try bash("bash-3.1")).contains("termination_unwind_protect"))
    #expect(rule.source(kernel: .linux, shell: try bash("bash-3.2")).contains("termsig_handler"))
    let hangup = RuleCatalog.rule(.ttyHangupLeader)
    #expect(hangup.source(kernel: .netbsd16, shell: try bash("bash-2.05")).contains("ttymodem"))
    #expect(hangup.source(kernel: .linux, shell: try bash("bash-5.2")).contains("tty_signal_session_leader"))
    #expect(hangup.source(kernel: .linux26, shell: try bash("bash-3.2")).contains("do_tty_hangup"))
  }

  /// Which parts of the system each actor may act for: the kernel runs programs' handlers
  /// and reads and the terminal driver's checks; the user starts launchers and programs and
  /// acts on a host (closes xterm's window, detaches the tmux client); the terminal's
  /// master closes when a host lets go of it; hosts and supervisors act for their own rules.
  static let actsFor: [Actor: Set<Component>] = [
    .kernel: [.kernel, .terminal, .program], .terminal: [.terminal, .host], .shell: [.shell],
    .user: [.user, .launcher, .program, .host], .host: [.host], .systemd: [.host], .ci: [.host], .wsl: [.host],
  ]

  /// The parts of the real system whose rules must cite a source on every simulated
  /// system (the user and the job's own program have none).
  static let cited: Set<Component> = [.kernel, .terminal, .shell, .launcher, .host]

  @Test("Every event of a broad sweep names a rule of the part that acted, with a source on the simulated system")
  func sweep() throws {
    let run = ModelStructureTests.sweepRun
    #expect(run.failures.isEmpty, "\(run.failures.prefix(5))")
    #expect(run.misnumbered.isEmpty, "events not numbered 1, 2, 3, …: \(run.misnumbered.prefix(5))")
    for (citation, scenario) in run.citations {
      let rule = try #require(RuleCatalog.lookup(citation.rule), "\(citation.rule) is not catalogued")
      let family = scenario.shell.shellFamily
      let what =
        "\(scenario.shell) \(scenario.os.id.rawValue) \(scenario.end): \(citation.actor) cites \(rule.id) (\(rule.component))"
      #expect(RuleTests.actsFor[citation.actor]?.contains(rule.component) == true, "\(what)")
      let otherShell = ShellRegistry.families.first { $0 !== family && $0.rules.contains { $0.id == rule.id } }
      #expect(otherShell == nil, "\(what), a rule of \(otherShell?.name ?? "")")
      if RuleTests.cited.contains(rule.component) {
        #expect(!rule.source(kernel: scenario.os, shell: scenario.shell).isEmpty, "\(what), which has no source there")
      }
      if let effectRule = citation.effectRule {
        #expect(RuleCatalog.lookup(effectRule)?.component == .kernel, "\(what); its effect cites \(effectRule)")
      }
    }
  }
}
