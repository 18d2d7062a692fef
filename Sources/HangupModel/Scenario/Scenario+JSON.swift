import HangupJSON

// The scenario file format (documented in README.md, "Scenario files"). The
// `scenario` object that `--format json` prints is itself a valid scenario file.

extension Scenario {
  /// Reads a scenario file. Every problem is reported as one line naming the field,
  /// the bad value and what would be valid.
  public static func fromJSON(_ text: String) throws(ScenarioError) -> Scenario {
    let root: JSONValue
    do {
      root = try JSONParser.parse(text)
    } catch {
      throw ScenarioError("scenario file is not valid JSON: \(error)")
    }
    return try fromJSON(root)
  }

  public static func fromJSON(_ root: JSONValue) throws(ScenarioError) -> Scenario {
    let object = try ScenarioReader(root, path: "scenario").object()
    try object.allowOnly([
      "name", "shell", "os", "session", "jobControl", "login", "huponexit", "checkjobs", "shellOptions",
      "subreaper", "logind", "linger", "sshd", "ci", "jobs", "actions", "exit", "after",
    ])
    var scenario = Scenario()
    if let name = try object.string("shell") {
      guard let version = ShellVersion.named(name) else {
        throw ScenarioError(
          "scenario file shell: unknown value \(ErrorText.quoted(name)); valid: \(ShellVersion.validNamesList)")
      }
      scenario.shell = version
    }
    if let session: SessionKind = try object.enumeration("session") { scenario.session = session }
    if let name = try object.string("os") {
      guard let profile = KernelProfile.named(name) else {
        throw ScenarioError(
          "scenario file os: unknown value \(ErrorText.quoted(name)); valid: \(KernelProfile.ID.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      scenario.os = profile
    }
    scenario.login = try object.bool("login") ?? true
    scenario.jobControl = try object.bool("jobControl") ?? true
    if let logind: LogindPolicy = try object.enumeration("logind") { scenario.logind = logind }
    scenario.linger = try object.bool("linger") ?? false
    if let sshd: SSHDMode = try object.enumeration("sshd") { scenario.sshd = sshd }
    scenario.ci = try object.enumeration("ci")
    if let value = try object.bool("huponexit") { scenario.options["huponexit"] = value }
    if let value = try object.bool("checkjobs") { scenario.options["checkjobs"] = value }
    if let options = object.value("shellOptions") {
      guard let pairs = options.objectPairs else {
        throw ScenarioError(
          "scenario file shellOptions: expected an object such as {\"hup\": false}, found \(options.kindName)")
      }
      for (name, value) in pairs {
        guard let on = value.boolValue else {
          throw ScenarioError(
            "scenario file shellOptions.\(ErrorText.quoted(name)): expected true or false, found \(value.kindName)")
        }
        scenario.options[name] = on
      }
    }
    scenario.subreaper = try object.bool("subreaper") ?? false
    if let end: SessionEnd = try object.enumeration("exit") { scenario.end = end }
    guard let jobs = try object.array("jobs"), !jobs.isEmpty else {
      throw ScenarioError("scenario file jobs: needs an array with at least one job")
    }
    scenario.jobs = try jobs.map { reader throws(ScenarioError) in try JobSpec.fromJSON(reader) }
    scenario.actions = try (object.array("actions") ?? []).map { reader throws(ScenarioError) in
      try UserAction.fromJSON(reader)
    }
    scenario.after = try (object.array("after") ?? []).map { reader throws(ScenarioError) in
      try UserAction.fromJSON(reader)
    }
    return scenario
  }

  /// The scenario with every default filled in. bash's two options keep their own keys;
  /// other shells' options go under `shellOptions`.
  public func toJSON() -> JSONValue {
    var pairs: [(String, JSONValue)] = [("shell", .string(shell.id)), ("os", .string(os.id.rawValue))]
    if session != .ssh { pairs.append(("session", .string(session.rawValue))) }
    if !jobControl { pairs.append(("jobControl", .bool(false))) }
    if logind != .keep { pairs.append(("logind", .string(logind.rawValue))) }
    if linger { pairs.append(("linger", .bool(true))) }
    if sshd != .daemon { pairs.append(("sshd", .string(sshd.rawValue))) }
    if let ci { pairs.append(("ci", .string(ci.rawValue))) }
    pairs.append(("login", .bool(login)))
    let family = shell.shellFamily
    if family.name == "bash" {
      pairs.append(("huponexit", .bool(huponexit)))
      pairs.append(("checkjobs", .bool(checkjobs)))
    } else {
      pairs.append(("shellOptions", .object(family.options.map { ($0.name, .bool(family.option($0.name, in: self))) })))
    }
    pairs += [
      ("subreaper", .bool(subreaper)),
      ("jobs", .array(jobs.map { $0.toJSON() })),
      ("actions", .array(actions.map { $0.toJSON() })),
      ("exit", .string(end.rawValue)),
      ("after", .array(after.map { $0.toJSON() })),
    ]
    return .object(pairs)
  }
}

extension JobSpec {
  static func fromJSON(_ reader: ScenarioReader) throws(ScenarioError) -> JobSpec {
    let object = try reader.object()
    try object.allowOnly([
      "command", "state", "placement", "launch", "handles", "ignores", "reads", "onInterruptedRead",
      "overridesIgnores", "exitsOn", "resetsSignals", "writes", "onReadError", "stdout", "escapesCI", "daemonizes",
      "processes",
    ])
    var job = JobSpec()
    job.state = try object.enumeration("state") ?? .running
    job.placement = try object.enumeration("placement") ?? .background
    job.launch = try object.enumeration("launch") ?? .plain
    job.program = try Program.fromJSON(object, defaultName: "./job")
    if object.value("reads") == nil && job.state == .ttin { job.program.readsStdin = true }
    job.inheritedIgnores = try object.signals("ignores")
    job.stdout = try object.enumeration("stdout")
    job.escapesCI = try object.bool("escapesCI") ?? false
    job.extraProcesses = try (object.array("processes") ?? []).enumerated().map { pair throws(ScenarioError) in
      let (offset, item) = pair
      let o = try item.object()
      try o.allowOnly([
        "command", "parent", "handles", "reads", "onInterruptedRead", "overridesIgnores", "exitsOn", "resetsSignals",
        "writes", "onReadError", "daemonizes",
      ])
      let parent: ExtraProcess.Parent
      switch o.value("parent") {
      case .none: parent = .process(0)
      case .some(.string("shell")): parent = .shell
      case .some(let v):
        guard let index = v.intValue, index >= 0, index <= offset else {
          throw ScenarioError(
            "\(o.path).parent: \(ErrorText.bounded(v.compact())) is not valid; use \"shell\" (a pipeline member) or the index of an earlier process of this job (0…\(offset))"
          )
        }
        parent = .process(index)
      }
      return ExtraProcess(program: try Program.fromJSON(o, defaultName: "./child"), parent: parent)
    }
    return job
  }

  func toJSON() -> JSONValue {
    .object(
      [
        ("command", .string(program.name)),
        ("state", .string(state.rawValue)),
        ("placement", .string(placement.rawValue)),
        ("launch", .string(launch.rawValue)),
        ("handles", .strings(program.handles.map(\.description))),
        ("ignores", .strings(inheritedIgnores.map(\.description))),
        ("reads", .bool(program.readsStdin)),
        ("onInterruptedRead", .string(program.onInterruptedRead == .retry ? "retry" : "exit")),
        ("overridesIgnores", .bool(program.overridesInheritedIgnores)),
      ] + program.behaviourJSON() + (stdout.map { [("stdout", JSONValue.string($0.rawValue))] } ?? [])
        + (escapesCI ? [("escapesCI", JSONValue.bool(true))] : []) + [
          (
            "processes",
            .array(
              extraProcesses.map { extra in
                let parent: JSONValue
                switch extra.parent {
                case .shell: parent = .string("shell")
                case .process(let i): parent = .int(i)
                }
                return .object(
                  [
                    ("command", .string(extra.program.name)), ("parent", parent),
                    ("handles", .strings(extra.program.handles.map(\.description))),
                    ("reads", .bool(extra.program.readsStdin)),
                    ("onInterruptedRead", .string(extra.program.onInterruptedRead == .retry ? "retry" : "exit")),
                    ("overridesIgnores", .bool(extra.program.overridesInheritedIgnores)),
                  ] + extra.program.behaviourJSON())
              })
          )
        ])
  }
}

extension Program {
  static func fromJSON(_ object: ScenarioReader, defaultName: String) throws(ScenarioError) -> Program {
    let name = try object.string("command") ?? defaultName
    if name.isEmpty { throw ScenarioError("\(object.path).command: must not be empty") }
    var onInterrupted = ReadReaction.retry
    switch try object.string("onInterruptedRead") {
    case nil, "retry": break
    case "exit": onInterrupted = .exit(status: 1)
    case let other?:
      throw ScenarioError(
        "\(object.path).onInterruptedRead: unknown value \(ErrorText.quoted(other)); valid: retry, exit")
    }
    var onReadError = ReadReaction.exit(status: 1)
    switch try object.string("onReadError") {
    case nil, "exit": break
    case "retry": onReadError = .retry
    case let other?:
      throw ScenarioError("\(object.path).onReadError: unknown value \(ErrorText.quoted(other)); valid: exit, retry")
    }
    let exitsOn = try object.signals("exitsOn")
    var handles = try object.signals("handles")
    for s in exitsOn where !handles.contains(s) { handles.append(s) }
    return Program(
      name: name, handles: handles, readsStdin: try object.bool("reads") ?? false,
      onEndOfFile: onReadError == .retry ? .retry : .exit(status: 0), onReadError: onReadError,
      onInterruptedRead: onInterrupted,
      overridesInheritedIgnores: try object.bool("overridesIgnores") ?? false, exitsOn: exitsOn,
      resetsSignals: try object.bool("resetsSignals") ?? false, writes: try object.bool("writes") ?? false,
      daemonizes: try object.enumeration("daemonizes"))
  }

  /// The behaviour fields a scenario file names only when they differ from the default,
  /// so files written before they existed print unchanged.
  func behaviourJSON() -> [(String, JSONValue)] {
    var out: [(String, JSONValue)] = []
    if !exitsOn.isEmpty { out.append(("exitsOn", .strings(exitsOn.map(\.description)))) }
    if resetsSignals { out.append(("resetsSignals", .bool(true))) }
    if writes { out.append(("writes", .bool(true))) }
    if onReadError == .retry { out.append(("onReadError", .string("retry"))) }
    if let daemonizes { out.append(("daemonizes", .string(daemonizes.rawValue))) }
    return out
  }
}

extension UserAction {
  static let names = [
    "ctrl-c", "ctrl-z", "ctrl-backslash", "bg", "fg", "jobs", "kill", "kill-job", "disown", "disown-h", "disown-a",
    "disown-r", "disown-ah", "disown-rh",
  ]

  static func fromJSON(_ reader: ScenarioReader) throws(ScenarioError) -> UserAction {
    let o = try reader.object()
    guard let name = try o.string("do") else {
      throw ScenarioError("\(o.path): needs \"do\", one of \(names.joined(separator: ", "))")
    }
    func job() throws(ScenarioError) -> Int {
      guard let v = o.value("job"), let n = v.intValue else {
        throw ScenarioError("\(o.path).job: needs a job number (1-based)")
      }
      return n
    }
    func signal() throws(ScenarioError) -> Signal {
      guard let text = try o.string("signal") else {
        throw ScenarioError("\(o.path).signal: needs a signal name such as \"INT\"")
      }
      guard let s = Signal.parse(text) else {
        throw ScenarioError(
          "\(o.path).signal: unknown signal \(ErrorText.quoted(text)); valid: \(Signal.validNamesList)")
      }
      return s
    }
    switch name {
    case "ctrl-c": try o.allowOnly(["do"]); return .interrupt
    case "ctrl-z": try o.allowOnly(["do"]); return .suspend
    case "ctrl-backslash": try o.allowOnly(["do"]); return .quit
    case "jobs": try o.allowOnly(["do"]); return .jobs
    case "bg": try o.allowOnly(["do", "job"]); return .bg(job: try job())
    case "fg": try o.allowOnly(["do", "job"]); return .fg(job: try job())
    case "kill-job": try o.allowOnly(["do", "job", "signal"]); return .killJob(signal: try signal(), job: try job())
    case "disown": try o.allowOnly(["do", "job"]); return .disown(job: try job(), nohupOnly: false)
    case "disown-h": try o.allowOnly(["do", "job"]); return .disown(job: try job(), nohupOnly: true)
    case "disown-a", "disown-r", "disown-ah", "disown-rh":
      try o.allowOnly(["do"])
      return .disownAll(runningOnly: name.hasPrefix("disown-r"), nohupOnly: name.hasSuffix("h"))
    case "kill":
      try o.allowOnly(["do", "job", "process", "signal", "by"])
      let process = o.value("process")?.intValue ?? 0
      let by = try o.string("by") ?? "other"
      guard by == "shell" || by == "other" else {
        throw ScenarioError(
          "\(o.path).by: unknown value \(ErrorText.quoted(by)); valid: shell (the kill builtin at this prompt), other (kill from another terminal)"
        )
      }
      return .kill(signal: try signal(), job: try job(), process: process, byShell: by == "shell")
    default:
      throw ScenarioError(
        "\(o.path).do: unknown action \(ErrorText.quoted(name)); valid: \(names.joined(separator: ", "))")
    }
  }

  func toJSON() -> JSONValue {
    switch self {
    case .interrupt: return .object([("do", .string("ctrl-c"))])
    case .suspend: return .object([("do", .string("ctrl-z"))])
    case .quit: return .object([("do", .string("ctrl-backslash"))])
    case .jobs: return .object([("do", .string("jobs"))])
    case .bg(let job): return .object([("do", .string("bg")), ("job", .int(job))])
    case .fg(let job): return .object([("do", .string("fg")), ("job", .int(job))])
    case .killJob(let s, let job):
      return .object([("do", .string("kill-job")), ("job", .int(job)), ("signal", .string(s.description))])
    case .kill(let s, let job, let process, let byShell):
      return .object([
        ("do", .string("kill")), ("job", .int(job)), ("process", .int(process)), ("signal", .string(s.description)),
        ("by", .string(byShell ? "shell" : "other")),
      ])
    case .disown(let job, let h): return .object([("do", .string(h ? "disown-h" : "disown")), ("job", .int(job))])
    case .disownAll(let running, let h):
      return .object([("do", .string("disown-" + (running ? "r" : "a") + (h ? "h" : "")))])
    }
  }
}

/// Reads one JSON value of a scenario file and names its path in every error.
struct ScenarioReader {
  let node: JSONValue
  let path: String

  init(_ node: JSONValue, path: String) {
    self.node = node
    self.path = path
  }

  func object() throws(ScenarioError) -> ScenarioReader {
    guard node.objectPairs != nil else { throw ScenarioError("\(path): expected an object, found \(node.kindName)") }
    return self
  }

  func allowOnly(_ keys: [String]) throws(ScenarioError) {
    for (key, _) in node.objectPairs ?? [] where !keys.contains(key) {
      throw ScenarioError(
        "\(path): unknown field \(ErrorText.quoted(key)); valid fields: \(keys.joined(separator: ", "))")
    }
  }

  func value(_ key: String) -> JSONValue? { node[key] }

  func string(_ key: String) throws(ScenarioError) -> String? {
    guard let v = node[key] else { return nil }
    guard let s = v.stringValue else { throw ScenarioError("\(path).\(key): expected a string, found \(v.kindName)") }
    return s
  }

  func bool(_ key: String) throws(ScenarioError) -> Bool? {
    guard let v = node[key] else { return nil }
    guard let b = v.boolValue else {
      throw ScenarioError("\(path).\(key): expected true or false, found \(ErrorText.bounded(v.compact()))")
    }
    return b
  }

  func array(_ key: String) throws(ScenarioError) -> [ScenarioReader]? {
    guard let v = node[key] else { return nil }
    guard let items = v.arrayValue else {
      throw ScenarioError("\(path).\(key): expected an array, found \(v.kindName)")
    }
    return items.enumerated().map { ScenarioReader($0.element, path: "\(path).\(key)[\($0.offset)]") }
  }

  func enumeration<T: RawRepresentable & CaseIterable>(_ key: String) throws(ScenarioError) -> T?
  where T.RawValue == String {
    guard let text = try string(key) else { return nil }
    guard let value = T(rawValue: text) else {
      throw ScenarioError(
        "\(path).\(key): unknown value \(ErrorText.quoted(text)); valid: \(T.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    return value
  }

  func signals(_ key: String) throws(ScenarioError) -> [Signal] {
    guard let items = try array(key) else { return [] }
    var out: [Signal] = []
    for item in items {
      guard let text = item.node.stringValue else {
        throw ScenarioError("\(item.path): expected a signal name, found \(item.node.kindName)")
      }
      guard let s = Signal.parse(text) else {
        throw ScenarioError("\(item.path): unknown signal \(ErrorText.quoted(text)); valid: \(Signal.validNamesList)")
      }
      if !out.contains(s) { out.append(s) }
    }
    return out
  }
}
