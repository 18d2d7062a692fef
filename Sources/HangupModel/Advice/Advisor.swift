/// One change to a scenario, and what the simulator says it does.
public struct Remedy: Sendable {
  /// A stable identifier, e.g. `bg-before-leaving`.
  public var id: String
  /// An English title (the presentation layer translates it).
  public var title: String
  /// How big the change is: 1 is one extra command, larger means a different habit or tool.
  public var cost: Int
  /// The scenario with the change applied.
  public var scenario: Scenario
  /// The simulation of the changed scenario.
  public var outcome: Outcome
  /// Whether every job that died in the original scenario now survives.
  public var fixes: Bool
  /// What the rescued jobs still meet on stdin or the terminal.
  public var stillLeaves: [Hazard]
}

/// What to change so that dying jobs survive, smallest change first, each one checked by
/// running the simulator on the changed scenario.
public enum Advisor {
  public struct Advice: Sendable {
    public var original: Outcome
    /// Changes that save every dying job, smallest first.
    public var remedies: [Remedy]
    /// Plausible changes that the simulator shows are not enough here.
    public var notEnough: [Remedy]
  }

  public static func advise(_ scenario: Scenario) throws(ScenarioError) -> Advice {
    let original = try Simulator.run(scenario)
    let dying = original.jobs.filter { !$0.main.survives }.map(\.job)
    guard !dying.isEmpty else { return Advice(original: original, remedies: [], notEnough: []) }
    var remedies: [Remedy] = []
    var notEnough: [Remedy] = []
    for candidate in candidates(scenario, dying: dying) {
      guard let changed = candidate.change(scenario), (try? changed.validate()) != nil,
        let outcome = try? Simulator.run(changed, exploringRaces: false)
      else { continue }
      let fixes = dying.allSatisfy { outcome.jobs[$0 - 1].main.survives }
      let hazards = dying.flatMap { outcome.jobs[$0 - 1].main.hazardKinds }
      var unique: [Hazard] = []
      for h in hazards where !unique.contains(h) { unique.append(h) }
      let remedy = Remedy(
        id: candidate.id, title: candidate.title, cost: candidate.cost, scenario: changed, outcome: outcome,
        fixes: fixes, stillLeaves: unique)
      if fixes { remedies.append(remedy) } else { notEnough.append(remedy) }
    }
    let order = { (a: Remedy, b: Remedy) in a.cost != b.cost ? a.cost < b.cost : a.id < b.id }
    // Two candidates can arrive at the same scenario (nohup for a job already under nohup
    // and & instead of ^Z); keep the smaller one.
    func distinct(_ list: [Remedy]) -> [Remedy] {
      var seen: [String] = []
      return list.sorted(by: order).filter { remedy in
        let key = remedy.scenario.toJSON().compact()
        if seen.contains(key) { return false }
        seen.append(key)
        return true
      }
    }
    return Advice(original: original, remedies: distinct(remedies), notEnough: distinct(notEnough))
  }

  struct Candidate {
    var id: String
    var title: String
    var cost: Int
    var change: (Scenario) -> Scenario?
  }

  static func candidates(_ s: Scenario, dying: [Int]) -> [Candidate] {
    /// The job started anew with `launch`, in the background; a reader still reads.
    func startInBackground(_ job: inout JobSpec, as launch: Launch) {
      job.launch = launch
      job.state = job.state == .ttin ? .ttin : .running
      job.placement = .background
    }
    /// Changes a job not already started with `launch` that way.
    func relaunch(as launch: Launch) -> (inout JobSpec) -> Bool {
      { job in
        guard job.launch != launch else { return false }
        startInBackground(&job, as: launch)
        return true
      }
    }
    func eachDying(_ body: @escaping (inout JobSpec) -> Bool) -> (Scenario) -> Scenario? {
      { scenario in
        var copy = scenario
        var changed = false
        for job in dying where body(&copy.jobs[job - 1]) { changed = true }
        return changed ? copy : nil
      }
    }
    return [
      Candidate(id: "bg-before-leaving", title: "Resume it in the background with `bg` before you leave", cost: 1) {
        scenario in
        var copy = scenario
        let stopped = dying.filter { scenario.jobs[$0 - 1].state != .running }
        guard !stopped.isEmpty else { return nil }
        copy.actions += stopped.map { UserAction.bg(job: $0) }
        return copy
      },
      Candidate(id: "huponexit-off", title: "Turn huponexit off (`shopt -u huponexit`)", cost: 1) { scenario in
        guard scenario.huponexit else { return nil }
        var copy = scenario
        copy.huponexit = false
        return copy
      },
      Candidate(id: "exit-instead-of-closing", title: "Leave with `exit` instead of closing the terminal", cost: 2) {
        scenario in
        guard scenario.end == .hangup || scenario.end == .killHup else { return nil }
        var copy = scenario
        copy.end = .exit
        for i in copy.jobs.indices where copy.jobs[i].placement == .foreground {
          copy.jobs[i].placement = .background
        }
        return copy
      },
      Candidate(
        id: "ampersand-not-ctrl-z", title: "Start it with `&` instead of stopping it with ^Z", cost: 2,
        change: eachDying { job in
          guard job.state == .stopped else { return false }
          job.state = .running
          job.placement = .background
          return true
        }),
      Candidate(
        id: "disown-h", title: "Mark it with `disown -h`", cost: 2,
        change: eachDying { job in
          guard job.launch == .plain else { return false }
          job.launch = .disownH
          return true
        }),
      Candidate(
        id: "disown", title: "Remove it from the job table with `disown`", cost: 2,
        change: eachDying { job in
          guard job.launch == .plain || job.launch == .disownH else { return false }
          job.launch = .disown
          return true
        }),
      Candidate(id: "bg-then-disown", title: "`bg`, then `disown`", cost: 3) { scenario in
        var copy = scenario
        let stopped = dying.filter {
          scenario.jobs[$0 - 1].state == .stopped && [.plain, .disown, .disownH].contains(scenario.jobs[$0 - 1].launch)
        }
        guard !stopped.isEmpty else { return nil }
        for job in stopped {
          copy.jobs[job - 1].launch = .plain
          copy.actions += [.bg(job: job), .disown(job: job, nohupOnly: false)]
        }
        return copy
      },
      Candidate(
        id: "nohup", title: "Start it as `nohup … &`", cost: 3,
        change: eachDying { job in
          guard job.launch != .nohup || job.state != .running || job.placement != .background else { return false }
          startInBackground(&job, as: .nohup)
          return true
        }),
      Candidate(id: "setsid", title: "Start it with `setsid`", cost: 4, change: eachDying(relaunch(as: .setsid))),
      Candidate(
        id: "subshell", title: "Start it in a subshell: `( cmd & )`", cost: 4,
        change: eachDying(relaunch(as: .subshell))),
      Candidate(
        id: "tmux", title: "Run it in a terminal multiplexer (`tmux new-session -d`)", cost: 5,
        change: eachDying(relaunch(as: .tmux))),
      Candidate(id: "job-control", title: "Turn job control on (`set -m`) before starting it", cost: 2) { scenario in
        guard !scenario.jobControl, scenario.session != .sshNoPty, scenario.ci == nil else { return nil }
        var copy = scenario
        copy.jobControl = true
        return copy
      },
      Candidate(
        id: "redirect-output", title: "Redirect its output to a file (`> job.out 2>&1`)", cost: 2,
        change: eachDying { job in
          guard job.stdout == nil || job.stdout == .pipe || job.stdout == .terminal, job.program.writes else {
            return false
          }
          job.stdout = .file
          return true
        }),
      Candidate(
        id: "ci-escape",
        title:
          "Start it with the CI runner's marker changed (`BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe` on Jenkins, `RUNNER_TRACKING_ID=` on GitHub Actions)",
        cost: 2,
        change: { scenario in
          guard scenario.ci != nil else { return nil }
          var copy = scenario
          var changed = false
          for job in dying where !copy.jobs[job - 1].escapesCI {
            copy.jobs[job - 1].escapesCI = true
            changed = true
          }
          return changed ? copy : nil
        }),
      Candidate(
        id: "daemonize",
        title:
          "Let the program detach itself (its daemon option, such as `daemonize yes`), or start it with `setsid -f`",
        cost: 4,
        change: eachDying { job in
          guard job.program.daemonizes == nil || job.program.daemonizes == .setsid || job.program.daemonizes == .setpgid
          else { return false }
          job.program.daemonizes = .daemon
          job.state = job.state == .stopped ? .running : job.state
          job.placement = .background
          return true
        }),
      Candidate(
        id: "systemd-run", title: "Start it as a user service: `systemd-run --user --unit=job cmd`", cost: 5,
        change: eachDying(relaunch(as: .systemdRun))),
      Candidate(
        id: "systemd-run-linger",
        title: "Start it as a user service with `systemd-run --user --unit=job cmd`, after `loginctl enable-linger`",
        cost: 6
      ) { scenario in
        guard !scenario.linger else { return nil }
        var copy = scenario
        copy.linger = true
        var changed = false
        for job in dying where copy.jobs[job - 1].launch != .systemdRun {
          startInBackground(&copy.jobs[job - 1], as: .systemdRun)
          changed = true
        }
        return changed ? copy : nil
      },
    ]
  }
}
