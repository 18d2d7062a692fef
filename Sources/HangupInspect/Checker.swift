import HangupModel

/// Checks live processes: builds each one's scenario from the observation, simulates
/// every way the session can end, and tries the remedies that work on a running process.
///
/// ```swift
/// let observation = try ProcReader().observe([4242], caller: caller)
/// let checks = Checker.check(observation, targets: [4242], settings: CheckSettings())
/// checks[0].ends.first { $0.end == .hangup }?.verdict?.survives
/// ```
public enum Checker {
  /// One check per target, in the order given; a session's shell stands for every
  /// process of its session.
  public static func check(_ observation: Observation, targets: [Int], settings: CheckSettings) -> [ProcessCheck] {
    var out: [ProcessCheck] = []
    for pid in expand(observation, targets: targets) {
      if let check = check(observation, target: pid, settings: settings) { out.append(check) }
    }
    return out
  }

  /// The targets with each session-leading shell replaced by its session's other processes.
  public static func expand(_ obs: Observation, targets: [Int]) -> [Int] {
    var out: [Int] = []
    for pid in targets {
      guard let p = obs.process(pid) else { continue }
      if p.isSessionLeader, obs.shell(leader: pid) != nil, SessionPlanner.isInteractiveShell(p, obs) {
        let callerGroup = obs.caller.flatMap { $0.sid == p.sid ? $0.pgid : nil }
        for member in obs.members(ofSession: p.sid)
        where member.pid != pid && member.pgid != callerGroup && member.pgid != p.pgid {
          if !out.contains(member.pid) { out.append(member.pid) }
        }
      } else if !out.contains(pid) {
        out.append(pid)
      }
    }
    return out
  }

  /// The processes `hupsim check` with no pid looks at: the caller's session, without its
  /// leader and without the caller's own process group.
  public static func callerSessionTargets(_ obs: Observation) -> [Int] {
    guard let caller = obs.caller else { return [] }
    return obs.members(ofSession: caller.sid).filter { $0.pid != caller.sid && $0.pgid != caller.pgid }.map(\.pid)
  }

  static func check(_ obs: Observation, target: Int, settings: CheckSettings) -> ProcessCheck? {
    guard let process = obs.process(target), let plan = SessionPlanner.plan(obs, target: target, settings: settings)
    else {
      return nil
    }
    var ends: [EndCheck] = []
    for end in SessionEnd.allCases {
      ends.append(endCheck(end, plan: plan, obs: obs, process: process))
    }
    let remedies = remedyChecks(plan: plan, ends: ends, obs: obs, process: process)
    var assumptions = plan.assumptions
    if let logindAssumption = lastSessionAssumption(obs, plan: plan) { assumptions.append(logindAssumption) }
    let scenario: Scenario? = plan.unmodelled == nil ? plan.scenario(plan.choices, end: .hangup) : nil
    return ProcessCheck(
      pid: target, process: process, attachment: plan.attachment, shell: plan.shell, scenario: scenario,
      job: plan.job, processIndex: plan.processIndex, shellJobNumber: plan.shellJobNumber,
      assumptions: assumptions, findings: plan.findings, caveats: plan.caveats, ends: ends,
      remedies: remedies, observation: obs)
  }

  // MARK: - Ends

  static func endCheck(_ end: SessionEnd, plan: Plan, obs: Observation, process: ProcessSnapshot) -> EndCheck {
    if let reason = plan.unmodelled { return EndCheck(end: end, result: .failure(reason), alternatives: [], races: []) }
    if end.isTypedAtPrompt, let holder = plan.foregroundHolder {
      return EndCheck(
        end: end, result: .failure(.foregroundJobHoldsTerminal(pgid: holder)), alternatives: [], races: [])
    }
    let main: Outcome
    do {
      main = try Simulator.run(plan.scenario(plan.choices, end: end))
    } catch {
      return EndCheck(end: end, result: .failure(.notModelled(error.message)), alternatives: [], races: [])
    }
    let verdict = self.verdict(main, plan: plan, obs: obs, process: process)
    var alternatives: [AlternativeVerdict] = []
    for assumption in plan.assumptions {
      for value in assumption.alternatives {
        let choices = plan.choices.with(assumption.subject, value)
        guard choices != plan.choices,
          let outcome = try? Simulator.run(plan.scenario(choices, end: end), exploringRaces: false)
        else { continue }
        let other = self.verdict(outcome, plan: plan, obs: obs, process: process)
        // Only a different answer to "does it survive?" counts; another killer is detail.
        if other.survives != verdict.survives || other.stopped != verdict.stopped {
          alternatives.append(AlternativeVerdict(subject: assumption.subject, value: value, verdict: other))
        }
      }
    }
    var races: [RaceVerdict] = []
    for race in main.races {
      let fates = race.variants.map { variant in
        (
          variant.variant,
          variant.jobs.first { $0.job == plan.job && $0.index == plan.processIndex }?.fate ?? verdict.fate
        )
      }
      if fates.contains(where: { $0.1.isAlive != fates[0].1.isAlive }) {
        races.append(RaceVerdict(id: race.id, branches: fates))
      }
    }
    return EndCheck(end: end, result: .success(verdict), alternatives: alternatives, races: races)
  }

  /// The checked process's verdict in an outcome.
  static func verdict(_ outcome: Outcome, plan: Plan, obs: Observation, process: ProcessSnapshot) -> Verdict {
    guard outcome.jobs.indices.contains(plan.job - 1),
      outcome.jobs[plan.job - 1].processes.indices.contains(plan.processIndex)
    else {
      return Verdict(
        survives: true, fate: .alive, killer: nil, delivered: [], rules: [], stopped: false,
        sessionEnded: outcome.sessionEnded, hazards: [])
    }
    let p = outcome.jobs[plan.job - 1].processes[plan.processIndex]
    var rules: [String] = []
    func add(_ rule: String) { if !rules.contains(rule) { rules.append(rule) } }
    for d in p.delivered {
      // A supervisor's kill: why it stopped the unit, then how.
      if case .supervisor(.stopUnit(let unit)) = d.reason { add(unitRule(unit).rawValue) }
      add(d.rule.rawValue)
    }
    var killer: Delivery?
    if case .killed(let signal) = p.fate {
      killer = p.delivered.last { $0.signal == signal }
      if let seq = killer?.seq, let event = outcome.events.first(where: { $0.seq == seq }),
        let effectRule = event.effectRule
      {
        add(effectRule.rawValue)
      }
    }
    return Verdict(
      survives: p.survives, fate: p.fate, killer: killer, delivered: p.delivered, rules: rules, stopped: p.stopped,
      sessionEnded: outcome.sessionEnded, hazards: p.hazardKinds)
  }

  /// Why systemd stopped a unit: logind's KillUserProcesses, a per-connection sshd, the
  /// user manager's last session.
  public static func unitRule(_ unit: KilledUnit) -> RuleID {
    switch unit {
    case .sessionScope: return .logindKillUserProcesses
    case .sshConnection: return .sshdPerConnection
    case .userManager: return .userManagerStop
    }
  }

  /// The user manager stops with the user's last session; hupsim assumes this is it when
  /// logind cannot say.
  static func lastSessionAssumption(_ obs: Observation, plan: Plan) -> Assumption? {
    guard obs.system.logind.running, !obs.system.logind.lingering, obs.system.logind.otherSessions == nil,
      plan.jobs.contains(where: { $0.launch == .systemdRun || $0.launch == .systemdRunScope })
    else { return nil }
    return Assumption(subject: .lastLogindSession, assumed: "yes", alternatives: [])
  }

  // MARK: - Remedies

  static func remedyChecks(plan: Plan, ends: [EndCheck], obs: Observation, process: ProcessSnapshot) -> [RemedyCheck] {
    let dying = ends.filter { $0.verdict.map { !$0.survives } ?? false }
    guard !dying.isEmpty, plan.unmodelled == nil else { return [] }
    let job = plan.job
    let spec = plan.jobs[job - 1]
    var candidates: [(RemedyKind, [UserAction]?, ((inout Scenario) -> Void)?)] = []
    if plan.tableApplies && plan.choices.table != .disowned {
      if spec.state != .running {
        candidates.append((.bg, [.bg(job: job)], nil))
        candidates.append((.bgDisownH, [.bg(job: job), .disown(job: job, nohupOnly: true)], nil))
        candidates.append((.bgDisown, [.bg(job: job), .disown(job: job, nohupOnly: false)], nil))
      } else {
        if plan.choices.table != .disownH { candidates.append((.disownH, [.disown(job: job, nohupOnly: true)], nil)) }
        candidates.append((.disown, [.disown(job: job, nohupOnly: false)], nil))
      }
    }
    if spec.placement == .foreground && spec.launch != .subshell && plan.foregroundHolder != nil {
      candidates.append((.suspendBgDisownH, [.suspend, .bg(job: job), .disown(job: job, nohupOnly: true)], nil))
      candidates.append((.suspendBgDisown, [.suspend, .bg(job: job), .disown(job: job, nohupOnly: false)], nil))
    }
    switch plan.attachment {
    case .job, .orphanedGroup:
      candidates.append(
        (
          .reptyrIntoTmux, nil,
          { scenario in
            scenario.jobs[job - 1].launch = .tmux
            scenario.jobs[job - 1].state = .running
            scenario.jobs[job - 1].placement = .background
            scenario.jobs[job - 1].extraProcesses.removeAll()
          }
        ))
    default: break
    }
    // Where systemd is the killer: the user manager with lingering, for next time.
    let killers = dying.compactMap { $0.verdict?.killer }.filter { $0.from == .systemd }
    if killers.contains(where: {
      $0.reason == .supervisor(.stopUnit(.sessionScope)) || $0.reason == .supervisor(.stopUnit(.sshConnection))
    }) {
      candidates.append(
        (
          .systemdRunNextTime, nil,
          { scenario in
            scenario.jobs[job - 1].launch = .systemdRun
            scenario.jobs[job - 1].state = .running
            scenario.jobs[job - 1].placement = .background
            scenario.jobs[job - 1].extraProcesses.removeAll()
            scenario.linger = true
          }
        ))
    }
    if killers.contains(where: { $0.reason == .supervisor(.stopUnit(.userManager)) }) {
      candidates.append((.enableLinger, nil, { scenario in scenario.linger = true }))
    }

    var out: [RemedyCheck] = []
    for (kind, actions, change) in candidates {
      var saves: [SessionEnd] = []
      var still: [SessionEnd] = []
      var hazards: [Hazard] = []
      for check in dying {
        var choices = plan.choices
        if actions?.contains(where: {
          if case .disown = $0 { return true }; return false
        }) == true {
          choices.table = .inTable
        }
        var scenario = plan.scenario(choices, end: check.end)
        if let actions { scenario.actions += actions }
        if let change { change(&scenario) }
        guard (try? scenario.validate()) != nil, let outcome = try? Simulator.run(scenario, exploringRaces: false)
        else {
          still.append(check.end)
          continue
        }
        var remedyPlan = plan
        remedyPlan.jobs = scenario.jobs
        if remedyPlan.processIndex > scenario.jobs[job - 1].extraProcesses.count { remedyPlan.processIndex = 0 }
        let verdict = self.verdict(outcome, plan: remedyPlan, obs: obs, process: process)
        if verdict.survives {
          saves.append(check.end)
          for h in verdict.hazards where !hazards.contains(h) { hazards.append(h) }
        } else {
          still.append(check.end)
        }
      }
      guard !saves.isEmpty else { continue }
      out.append(
        RemedyCheck(
          kind: kind, job: job, shellJobNumber: plan.shellJobNumber, simulated: true,
          approximate: kind == .reptyrIntoTmux || kind == .systemdRunNextTime, saves: saves, stillDies: still,
          stillLeaves: hazards))
    }
    // Leaving with `exit` where closing the window kills it: read off the verdicts.
    let exitSurvives = ends.first { $0.end == .exit }?.verdict?.survives == true
    let closing = dying.map(\.end).filter { $0 == .hangup || $0 == .killHup }
    if exitSurvives && !closing.isEmpty {
      out.append(
        RemedyCheck(
          kind: .exitInsteadOfClosing, job: job, shellJobNumber: plan.shellJobNumber, simulated: true,
          approximate: false, saves: closing, stillDies: dying.map(\.end).filter { !closing.contains($0) },
          stillLeaves: []))
    }
    return out.sorted { a, b in
      if a.simulated != b.simulated { return a.simulated }
      if a.stillDies.count != b.stillDies.count { return a.stillDies.count < b.stillDies.count }
      if a.kind.cost != b.kind.cost { return a.kind.cost < b.kind.cost }
      return a.kind.rawValue < b.kind.rawValue
    }
  }
}
