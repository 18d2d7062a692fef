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

  @Test("Every event of a broad sweep names a catalogued rule and a source", arguments: SessionEnd.allCases)
  func sweep(end: SessionEnd) throws {
    for launch in Launch.allCases {
      for state in JobState.allCases {
        for profile in KernelProfile.all {
          let job = JobSpec(state: state, launch: launch, program: Program(name: "./job", handles: [.hup, .cont, .term], readsStdin: state == .ttin))
          guard let outcome = try? Simulator.run(Scenario(os: profile, jobs: [job], end: end)) else { continue }
          for event in outcome.events {
            #expect(RuleCatalog.all.contains { $0.id == event.rule })
            #expect(event.seq > 0)
          }
          #expect(outcome.events.map(\.seq) == Array(1...outcome.events.count))
        }
      }
    }
  }
}
