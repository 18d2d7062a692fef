/// A scenario that cannot happen on a real system, with a one-line explanation that
/// names the problem and what would be valid.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The documented bounds on a scenario; larger inputs are refused with the limit named.
public enum ScenarioLimits {
  /// Jobs in one scenario.
  public static let jobs = 10_000
  /// Processes of all jobs together (each job's program and its extra processes).
  public static let processes = 20_000
  /// Actions before the end, and kills after it.
  public static let actions = 10_000
  /// Bytes in a command name.
  public static let commandBytes = 1_024
  /// Bytes in a scenario or trace file.
  public static let fileBytes = 16 * 1_024 * 1_024
  /// Nesting depth of a scenario or trace file's JSON.
  public static let nesting = 64
}

extension Scenario {
  /// Checks that the scenario describes something a person could actually do, within
  /// ``ScenarioLimits``.
  ///
  /// Real shell behaviour is never an error here (`logout` in a non-login shell is
  /// simulated, not rejected); only combinations that cannot be set up are.
  public func validate() throws(ScenarioError) {
    if jobs.isEmpty { throw ScenarioError("a scenario needs at least one job") }
    if jobs.count > ScenarioLimits.jobs {
      throw ScenarioError("a scenario may have at most \(ScenarioLimits.jobs) jobs; this one has \(jobs.count)")
    }
    var processCount = 0
    for i in jobs.indices { processCount += 1 + jobs[i].extraProcesses.count }
    if processCount > ScenarioLimits.processes {
      throw ScenarioError(
        "a scenario may have at most \(ScenarioLimits.processes) job processes in all; this one has \(processCount)")
    }
    if actions.count + after.count > ScenarioLimits.actions {
      throw ScenarioError(
        "a scenario may have at most \(ScenarioLimits.actions) actions; this one has \(actions.count + after.count)")
    }
    if subreaper && !os.supportsChildSubreaper {
      throw ScenarioError(
        "a child subreaper needs --os linux (PR_SET_CHILD_SUBREAPER exists since Linux 3.4), not \(os.id.rawValue)")
    }
    let family = shell.shellFamily
    for name in options.isEmpty ? [] : options.keys.sorted() {
      guard let spec = family.options.first(where: { $0.name == name }) else {
        let valid =
          family.options.isEmpty
          ? "\(family.name) has none that hupsim models (huponexit and checkjobs are bash's)"
          : "\(family.name)'s options: \(family.options.map(\.name).joined(separator: ", "))"
        throw ScenarioError("\(family.name) has no option \(ErrorText.quoted(name)); \(valid)")
      }
      if !spec.exists(in: shell) && options[name] != spec.defaultValue {
        throw ScenarioError(
          name == "checkjobs"
            ? "shopt checkjobs does not exist in \(shell.id); \(spec.missingReason)"
            : "option \(name) does not exist in \(shell.id); \(spec.missingReason)")
      }
    }
    if !effectiveJobControl {
      try validateWithoutJobControl()
    }
    if linger && logind == .keep && sshd == .daemon
      && !jobs.contains(where: { [.systemdRun, .systemdRunScope].contains($0.launch) })
    {
      // Allowed: lingering only matters for user units; nothing to refuse.
    }
    for (i, job) in jobs.enumerated() {
      if job.escapesCI && ci == nil {
        throw ScenarioError(
          "job \(i + 1): --ci-escape needs --ci jenkins|github-actions (it changes the CI runner's marker in the job's environment)"
        )
      }
      if job.stdout == .pipe && session != .sshNoPty && ci == nil {
        throw ScenarioError(
          "job \(i + 1): --stdout pipe means sshd's pipe, which only --session ssh-no-pty has; use terminal, file or null"
        )
      }
      if job.stdout == .terminal && !session.hasTerminal {
        throw ScenarioError(
          "job \(i + 1): --stdout terminal: --session \(session.rawValue) has no terminal; use pipe (the default), file or null"
        )
      }
    }
    var foreground: [Int] = []
    for index in jobs.indices {
      if !family.unsupportedLaunches.isEmpty, let reason = family.unsupportedLaunches[jobs[index].launch] {
        throw ScenarioError(
          "job \(index + 1): --launch \(jobs[index].launch.rawValue) is not possible in \(family.name): \(reason)")
      }
      try jobs[index].checkCommandNames(number: index + 1)
      if jobs[index].placement == .foreground { foreground.append(index) }
    }
    if foreground.count > 1 {
      throw ScenarioError(
        "only one job can be in the foreground; jobs \(foreground.map { String($0 + 1) }.joined(separator: " and ")) are both --fg"
      )
    }
    for index in jobs.indices {
      try jobs[index].validate(
        number: index + 1, isLast: index == jobs.count - 1, end: end, hasActions: !actions.isEmpty)
    }
    for action in actions {
      try validate(action)
    }
    for action in after {
      guard case .kill(_, _, _, false) = action else {
        throw ScenarioError(
          "after the session ends only a kill from another terminal is possible; \"after\" may hold only {\"do\": \"kill\"} actions"
        )
      }
      try validate(action)
    }
  }

  /// A shell without job control (`--no-job-control`, `--session ssh-no-pty`) runs a
  /// command string: no job table, no ^Z, no prompt to type at.
  private func validateWithoutJobControl() throws(ScenarioError) {
    let why =
      ci != nil
      ? "--ci runs the job's script with `sh -c`, without job control"
      : (session == .sshNoPty ? "--session ssh-no-pty runs `sh -c`, without job control" : "--no-job-control")
    if end == .logout || end == .eof {
      throw ScenarioError(
        "\(why): the shell reads no commands, so --exit \(end.rawValue) cannot be typed; use --exit exit (the command string ends), hangup or kill-hup"
      )
    }
    for (i, job) in jobs.enumerated() {
      if job.state != .running {
        throw ScenarioError(
          "job \(i + 1): \(why): --state \(job.state.rawValue) needs job control (^Z would stop the shell with the job, and a background job reads /dev/null); use --state running"
        )
      }
      if [.disown, .disownH, .hup, .ampersandBang].contains(job.launch) {
        throw ScenarioError(
          "job \(i + 1): \(why): --launch \(job.launch.rawValue) needs a job table; use plain, nohup, setsid, subshell or tmux"
        )
      }
    }
    for action in actions {
      switch action {
      case .kill(_, _, _, _), .interrupt, .quit: continue
      default:
        throw ScenarioError(
          "\(why): the action \(action.toJSON()["do"]?.stringValue ?? "?") needs job control; only kill, ctrl-c and ctrl-backslash apply"
        )
      }
    }
  }

  private func validate(_ action: UserAction) throws(ScenarioError) {
    func checkJob(_ job: Int) throws(ScenarioError) {
      guard (1...jobs.count).contains(job) else {
        throw ScenarioError("action names job \(job), but the scenario has jobs 1…\(jobs.count)")
      }
    }
    let family = shell.shellFamily
    func checkBuiltin(_ name: String) throws(ScenarioError) {
      if let reason = family.missingBuiltins[name] {
        throw ScenarioError("`\(name)` is not possible in \(family.name): \(reason)")
      }
    }
    switch action {
    case .disown(let job, let nohupOnly):
      try checkBuiltin(nohupOnly ? "disown -h" : "disown")
      try checkJob(job)
    case .disownAll:
      try checkBuiltin("disown -a")
    case .bg(let job), .fg(let job), .killJob(_, let job): try checkJob(job)
    case .kill(_, let job, let process, _):
      try checkJob(job)
      let count = jobs[job - 1].extraProcesses.count + 1
      guard (0..<count).contains(process) else {
        throw ScenarioError("action names process \(process) of job \(job), which has processes 0…\(count - 1)")
      }
    case .interrupt, .suspend, .quit, .jobs: break
    }
  }
}

extension JobSpec {
  func checkCommandNames(number: Int) throws(ScenarioError) {
    func check(_ name: String) throws(ScenarioError) {
      guard name.utf8.count > ScenarioLimits.commandBytes else { return }
      throw ScenarioError(
        "job \(number): a command name may have at most \(ScenarioLimits.commandBytes) bytes; \(ErrorText.quoted(name)) has \(name.utf8.count)"
      )
    }
    try check(program.name)
    for i in extraProcesses.indices { try check(extraProcesses[i].program.name) }
  }

  func validate(number: Int, isLast: Bool, end: SessionEnd, hasActions: Bool) throws(ScenarioError) {
    var name: String { "job \(number)" }
    let holdsTerminal = placement == .foreground && (launch == .plain || launch == .nohup) && !returnsAtOnce
    if placement == .foreground {
      if state != .running {
        throw ScenarioError(
          "--state \(state.rawValue) --fg: a stopped job is not in the foreground; use --state \(state.rawValue) with --bg, or --state running --fg"
        )
      }
      if launch == .disown || launch == .disownH {
        throw ScenarioError(
          "--launch \(launch.rawValue) --fg: disown needs the shell's prompt, which a foreground job holds; use --bg or --state stopped"
        )
      }
      if launch == .ampersandBang {
        throw ScenarioError("--launch amp-bang --fg: `cmd &!` starts the job in the background; use --bg")
      }
      if holdsTerminal && !isLast {
        throw ScenarioError(
          "\(name) is --fg but is not the last job: the shell cannot start more jobs while a foreground job holds the terminal"
        )
      }
      if holdsTerminal && end.isTypedAtPrompt && !hasActions {
        throw ScenarioError(
          "--fg with --exit \(end.rawValue): the shell cannot read `\(end == .eof ? "^D" : end.rawValue)` while a foreground job holds the terminal; use --exit hangup or --exit kill-hup, or --bg"
        )
      }
    }
    if state == .stopped && launch == .ampersandBang {
      throw ScenarioError(
        "--state stopped --launch amp-bang: a job started with `&!` is not in the job table, so ^Z cannot be typed at it in the foreground; use --state running or ttin"
      )
    }
    if state == .stopped && [Launch.setsid, .subshell, .tmux, .screen, .systemdRun].contains(launch) {
      throw ScenarioError(
        "--state stopped --launch \(launch.rawValue): ^Z cannot stop a command that \(launch == .subshell ? "runs in the subshell's orphaned group" : "runs in another session"); use --state running or --launch plain|nohup|disown|disown-h"
      )
    }
    if state == .ttin && !program.readsStdin {
      throw ScenarioError("\(name): state ttin means the job reads the terminal, so \"reads\" cannot be false")
    }
    func anyOf(_ signal: Signal) -> Bool {
      program.handles.contains(signal) || program.ignoresItself.contains(signal) || inheritedIgnores.contains(signal)
    }
    if state == .stopped && anyOf(.tstp) {
      throw ScenarioError(
        "--state stopped with SIGTSTP caught or ignored: ^Z would not stop the job; remove TSTP from --handles/--ignores"
      )
    }
    if state == .ttin && anyOf(.ttin) {
      throw ScenarioError(
        "--state ttin with SIGTTIN caught or ignored: a background read would not stop the job; remove TTIN from --handles/--ignores"
      )
    }
    if program.handles.contains(.kill) || program.handles.contains(.stop) || inheritedIgnores.contains(.kill)
      || inheritedIgnores.contains(.stop)
    {
      throw ScenarioError("SIGKILL and SIGSTOP cannot be caught or ignored; remove them from --handles/--ignores")
    }
    if let overlap = program.handles.first(where: { inheritedIgnores.contains($0) }) {
      throw ScenarioError("\(overlap) is both in --handles and --ignores; a signal is either caught or ignored")
    }
  }
}
