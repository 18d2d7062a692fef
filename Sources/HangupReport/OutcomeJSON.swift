import HangupJSON
import HangupModel

/// The `--format json` document for one simulation.
public enum OutcomeJSON {
  public static func document(_ outcome: Outcome) -> JSONValue {
    let scenario = outcome.scenario
    let narrator = Narrator(outcome)
    var pairs: [(String, JSONValue)] = [
      ("scenario", scenario.toJSON()),
      (
        "system",
        .object([
          ("shell", .string(scenario.shell.modelledRelease)),
          ("os", .string(scenario.os.displayName)),
        ])
      ),
      ("events", .array(outcome.events.map { event($0, narrator) })),
      ("jobs", .array(outcome.jobs.map { job($0, narrator) })),
      ("messages", .strings(outcome.messages)),
      ("terminalOutput", .strings(outcome.otherOutput + outcome.echoed)),
      (
        "shell",
        .object([
          ("pid", .int(outcome.shellPid)),
          ("exited", .bool(outcome.sessionEnded)),
          ("exitStatus", .optional(exitStatus(outcome.shellFate))),
          ("killedBy", .optional(killedBy(outcome.shellFate))),
        ])
      ),
      (
        "processTable",
        .object([
          ("before", .array(outcome.tableBefore.map(row))),
          ("after", .array(outcome.tableAfter.map(row))),
        ])
      ),
    ]
    if !outcome.races.isEmpty { pairs.append(("races", .array(outcome.races.map(race)))) }
    if !outcome.complete { pairs.append(("complete", .bool(false))) }
    return .object(pairs)
  }

  /// A race and its branches, the main outcome's first.
  public static func race(_ r: RaceOutcome) -> JSONValue {
    let info = RaceCatalog.race(r.id)
    return .object([
      ("id", .string(r.id.rawValue)),
      ("title", .string(info?.title ?? "")),
      ("mechanism", .string(info?.mechanism ?? "")),
      ("sources", .strings(info?.citations ?? [])),
      (
        "variants",
        .array(
          r.variants.map { v in
            .object([
              ("branch", .string(v.variant.branch.rawValue)),
              ("observed", .optional(v.variant.observed)),
              ("outOf", .optional(v.variant.outOf)),
              (
                "jobs",
                .array(
                  v.jobs.map { p in
                    .object([
                      ("job", .int(p.job)), ("process", .int(p.index)),
                      ("handled", .array(p.handled.map(seen))),
                      ("delivered", .array(p.delivered.map(seen))),
                      ("survives", .bool(p.fate.isAlive)),
                      ("stopped", .bool(p.stopped)),
                      ("killedBy", .optional(killedBy(p.fate))),
                      ("exitStatus", .optional(exitStatus(p.fate))),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }

  static func seen(_ s: SeenSignal) -> JSONValue {
    .object([("signal", .string(s.signal.description)), ("from", .optional(s.from?.rawValue))])
  }

  static func exitStatus(_ fate: Fate) -> Int? {
    if case .exited(let status) = fate { return status }
    return nil
  }

  static func killedBy(_ fate: Fate) -> String? {
    if case .killed(let signal) = fate { return signal.description }
    return nil
  }

  public static func event(_ e: Event, _ narrator: Narrator) -> JSONValue {
    let gone = e.effect == .noSuchProcess
    let to: JSONValue =
      e.target.map { t in
        .object([
          ("pid", .int(t.pid)), ("pgid", .int(t.pgid)), ("job", .optional(gone ? nil : narrator.job(of: t.pid))),
          ("name", .string(narrator.targetLabel(e))), ("group", .bool(t.viaGroup)),
        ])
      } ?? .null
    var pairs: [(String, JSONValue)] = [
      ("seq", .int(e.seq)),
      ("phase", .string(e.phase.rawValue)),
      ("kind", .string(e.kind.rawValue)),
      ("from", .string(e.from.rawValue)),
      ("rule", .string(e.rule.rawValue)),
      ("signal", .optional(e.signal?.description)),
      ("senderPid", .optional(e.senderPid)),
      ("to", to),
      ("effect", .optional(e.effect?.rawValue)),
    ]
    if let effectRule = e.effectRule { pairs.append(("effectRule", .string(effectRule.rawValue))) }
    pairs += [
      ("detail", .string(narrator.detail(e))),
      ("source", .string(narrator.source(e.rule))),
    ]
    return .object(pairs)
  }

  static func delivered(_ deliveries: [Delivery]) -> JSONValue {
    .array(
      deliveries.map { d in
        .object([
          ("signal", .string(d.signal.description)), ("from", .string(d.from.rawValue)),
          ("rule", .string(d.rule.rawValue)), ("phase", .string(d.phase.rawValue)),
        ])
      })
  }

  static func process(_ p: ProcessOutcome, _ narrator: Narrator) -> JSONValue {
    .object([("index", .int(p.index)), ("pid", .int(p.pid)), ("command", .string(p.command))] + what(p, narrator))
  }

  /// A job: its first process's signals, fate, final parent and hazards, its messages
  /// and every process.
  public static func job(_ j: JobOutcome, _ narrator: Narrator) -> JSONValue {
    .object(
      [("job", .int(j.job)), ("command", .string(j.commandLine))] + what(j.main, narrator) + [
        ("messages", .strings(j.messages)),
        ("processes", .array(j.processes.map { process($0, narrator) })),
      ])
  }

  /// What became of a process: the signals delivered, its fate, its final parent and its hazards.
  static func what(_ p: ProcessOutcome, _ narrator: Narrator) -> [(String, JSONValue)] {
    [
      ("delivered", delivered(p.delivered)),
      ("survives", .bool(p.survives)),
      ("killedBy", .optional(p.killedBy?.description)),
      ("exitStatus", .optional(p.exitStatus)),
      ("finalParent", .object([("pid", .int(p.finalParentPid)), ("name", .string(narrator.parentLabel(p)))])),
      ("hazards", .strings(p.hazardKinds.map(\.description))),
    ]
  }

  static func row(_ r: ProcessRow) -> JSONValue {
    .object([
      ("pid", .int(r.pid)), ("ppid", .int(r.ppid)), ("pgid", .int(r.pgid)), ("sid", .int(r.sid)),
      ("tpgid", .int(r.tpgid)), ("stat", .string(r.stat)), ("command", .string(r.command)),
    ])
  }
}
