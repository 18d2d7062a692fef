import HangupJSON
import HangupModel

/// The `--format json` document for one simulation.
public enum OutcomeJSON {
  public static func document(_ outcome: Outcome) -> JSONValue {
    let scenario = outcome.scenario
    return .object([
      ("scenario", scenario.toJSON()),
      ("system", .object([
        ("shell", .string(scenario.shell.modelledRelease)),
        ("os", .string(scenario.os.displayName)),
      ])),
      ("events", .array(outcome.events.map(event))),
      ("jobs", .array(outcome.jobs.map(job))),
      ("messages", .strings(outcome.messages)),
      ("terminalOutput", .strings(outcome.otherOutput)),
      ("shell", .object([
        ("pid", .int(outcome.shellPid)),
        ("exited", .bool(outcome.sessionEnded)),
        ("exitStatus", .optional(exitStatus(outcome.shellFate))),
        ("killedBy", .optional(killedBy(outcome.shellFate))),
      ])),
      ("processTable", .object([
        ("before", .array(outcome.tableBefore.map(row))),
        ("after", .array(outcome.tableAfter.map(row))),
      ])),
    ])
  }

  static func exitStatus(_ fate: Fate) -> Int? {
    if case .exited(let status) = fate { return status }
    return nil
  }

  static func killedBy(_ fate: Fate) -> String? {
    if case .killed(let signal) = fate { return signal.description }
    return nil
  }

  public static func event(_ e: Event) -> JSONValue {
    let to: JSONValue = e.target.map { t in
      .object([
        ("pid", .int(t.pid)), ("pgid", .int(t.pgid)), ("job", .optional(t.job)), ("name", .string(t.label)),
        ("group", .bool(t.viaGroup)),
      ])
    } ?? .null
    return .object([
      ("seq", .int(e.seq)),
      ("phase", .string(e.phase.rawValue)),
      ("kind", .string(e.kind.rawValue)),
      ("from", .string(e.from.rawValue)),
      ("rule", .string(e.rule.rawValue)),
      ("signal", .optional(e.signal?.description)),
      ("senderPid", .optional(e.senderPid)),
      ("to", to),
      ("effect", .optional(e.effect?.rawValue)),
      ("detail", .string(e.detail)),
      ("source", .string(e.source)),
    ])
  }

  static func delivered(_ deliveries: [Delivery]) -> JSONValue {
    .array(deliveries.map { d in
      .object([
        ("signal", .string(d.signal.description)), ("from", .string(d.from.rawValue)),
        ("rule", .string(d.rule.rawValue)), ("phase", .string(d.phase.rawValue)),
      ])
    })
  }

  static func process(_ p: ProcessOutcome) -> JSONValue {
    .object([
      ("index", .int(p.index)),
      ("pid", .int(p.pid)),
      ("command", .string(p.command)),
      ("delivered", delivered(p.delivered)),
      ("survives", .bool(p.survives)),
      ("killedBy", .optional(p.killedBy?.description)),
      ("exitStatus", .optional(p.exitStatus)),
      ("finalParent", .object([("pid", .int(p.finalParentPid)), ("name", .string(p.finalParentName))])),
      ("hazards", .strings(p.hazards)),
    ])
  }

  public static func job(_ j: JobOutcome) -> JSONValue {
    let main = j.main
    return .object([
      ("job", .int(j.job)),
      ("command", .string(j.commandLine)),
      ("delivered", delivered(main.delivered)),
      ("survives", .bool(main.survives)),
      ("killedBy", .optional(main.killedBy?.description)),
      ("exitStatus", .optional(main.exitStatus)),
      ("finalParent", .object([("pid", .int(main.finalParentPid)), ("name", .string(main.finalParentName))])),
      ("hazards", .strings(main.hazards)),
      ("messages", .strings(j.messages)),
      ("processes", .array(j.processes.map(process))),
    ])
  }

  static func row(_ r: ProcessRow) -> JSONValue {
    .object([
      ("pid", .int(r.pid)), ("ppid", .int(r.ppid)), ("pgid", .int(r.pgid)), ("sid", .int(r.sid)),
      ("tpgid", .int(r.tpgid)), ("stat", .string(r.stat)), ("command", .string(r.command)),
    ])
  }
}
