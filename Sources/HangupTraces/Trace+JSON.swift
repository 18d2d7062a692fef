import HangupJSON
import HangupModel

/// A trace file that cannot be read, with the file and field named.
public struct TraceFormatError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension Trace {
  public static let schema = "hupsim-trace/1"

  public static func fromJSON(_ text: String, path: String = "trace") throws(TraceFormatError) -> Trace {
    let root: JSONValue
    do {
      root = try JSONParser.parse(text)
    } catch {
      throw TraceFormatError("\(ErrorText.bounded(path, limit: ErrorText.maxQuotedPath)): not valid JSON: \(error)")
    }
    return try fromJSON(root, path: path)
  }

  public static func fromJSON(_ root: JSONValue, path: String) throws(TraceFormatError) -> Trace {
    // Errors name the file by a bounded prefix of its path.
    let shown = ErrorText.bounded(path, limit: ErrorText.maxQuotedPath)
    func fail(_ message: String) -> TraceFormatError { TraceFormatError("\(shown): \(message)") }
    guard root.objectPairs != nil else { throw fail("expected an object") }
    guard root["schema"]?.stringValue == schema else { throw fail("\"schema\" must be \"\(schema)\"") }
    guard let id = root["id"]?.stringValue, !id.isEmpty else { throw fail("needs a non-empty \"id\"") }
    guard let kindText = root["kind"]?.stringValue, let kind = Kind(rawValue: kindText) else {
      throw fail("\"kind\" must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard let scenarioJSON = root["scenario"] else { throw fail("needs a \"scenario\"") }
    let scenario: Scenario
    do {
      scenario = try Scenario.fromJSON(scenarioJSON)
    } catch {
      throw fail(error.message)
    }
    var expectations: [Expectation] = []
    for (i, item) in (root["expect"]?.arrayValue ?? []).enumerated() {
      expectations.append(try expectation(item, path: "\(shown): expect[\(i)]"))
    }
    var divergences: [Divergence] = []
    for (i, item) in (root["divergences"]?.arrayValue ?? []).enumerated() {
      guard let index = item["expectation"]?.intValue, expectations.indices.contains(index) else {
        throw fail("divergences[\(i)].expectation must be the index of an entry of \"expect\"")
      }
      guard let model = item["model"]?.stringValue, let reason = item["reason"]?.stringValue, !reason.isEmpty else {
        throw fail("divergences[\(i)] needs \"model\" (what the model gives) and a non-empty \"reason\"")
      }
      divergences.append(Divergence(expectation: index, model: model, reason: reason))
    }
    func pairs(_ key: String) -> [(String, String)] {
      (root[key]?.objectPairs ?? []).compactMap { pair in
        pair.1.stringValue.map { (pair.0, $0) } ?? (pair.0, pair.1.compact())
      }
    }
    var trace = Trace(
      id: id, title: root["title"]?.stringValue ?? id, kind: kind, source: pairs("source"), system: pairs("system"),
      scenario: scenario, expectations: expectations, divergences: divergences,
      notes: (root["notes"]?.arrayValue ?? []).compactMap(\.stringValue), recording: root["recording"])
    trace.path = path
    return trace
  }

  static func expectation(_ item: JSONValue, path: String) throws(TraceFormatError) -> Expectation {
    guard let whatText = item["what"]?.stringValue, let what = Expectation.What(rawValue: whatText) else {
      throw TraceFormatError(
        "\(path).what must be one of \(Expectation.What.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var e = Expectation(what, job: item["job"]?.intValue ?? 1, process: item["process"]?.intValue ?? 0)
    if let text = item["compare"]?.stringValue {
      guard let c = Expectation.Comparison(rawValue: text) else {
        throw TraceFormatError(
          "\(path).compare must be one of \(Expectation.Comparison.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      e.comparison = c
    }
    if let list = item["signals"] { e.signals = try signals(list, path: path + ".signals") }
    for (i, variant) in (item["variants"]?.arrayValue ?? []).enumerated() {
      e.variants.append(try signals(variant, path: "\(path).variants[\(i)]"))
    }
    e.survives = item["survives"]?.boolValue
    if let text = item["killedBy"]?.stringValue {
      guard let s = Signal.parse(text) else {
        throw TraceFormatError(
          "\(path).killedBy: unknown signal \(ErrorText.quoted(text)); valid: \(Signal.validNamesList)")
      }
      e.killedBy = s
    }
    e.exitStatus = item["exitStatus"]?.intValue
    e.contains = (item["contains"]?.arrayValue ?? []).compactMap(\.stringValue)
    if let single = item["contains"]?.stringValue { e.contains = [single] }
    e.absent = (item["absent"]?.arrayValue ?? []).compactMap(\.stringValue)
    e.only = try signals(item["only"] ?? .array([]), path: path + ".only").map(\.signal)
    e.calls = (item["calls"]?.arrayValue ?? []).compactMap(\.stringValue)
    e.counts = (item["counts"]?.arrayValue ?? []).compactMap(\.intValue)
    for (i, alternative) in (item["oneOf"]?.arrayValue ?? []).enumerated() {
      var alt = alternative
      if alt["what"] == nil, case .object(var pairs) = alternative {
        pairs.insert(("what", .string(what.rawValue)), at: 0)
        alt = .object(pairs)
      }
      var parsed = try expectation(alt, path: "\(path).oneOf[\(i)]")
      if alternative["job"] == nil { parsed.job = e.job }
      if alternative["process"] == nil { parsed.process = e.process }
      e.oneOf.append(parsed)
    }
    return e
  }

  static func signals(_ value: JSONValue, path: String) throws(TraceFormatError) -> [SeenSignal] {
    guard let items = value.arrayValue else { throw TraceFormatError("\(path) must be an array") }
    var out: [SeenSignal] = []
    for (i, item) in items.enumerated() {
      let name: String?
      var from: SenderClass?
      if let s = item.stringValue {
        name = s
      } else {
        name = item["signal"]?.stringValue
        if let f = item["from"]?.stringValue {
          guard let c = SenderClass(rawValue: f) else {
            throw TraceFormatError(
              "\(path)[\(i)].from must be one of \(SenderClass.allCases.map(\.rawValue).joined(separator: ", "))")
          }
          from = c
        }
      }
      guard let name, let signal = Signal.parse(name) else {
        throw TraceFormatError(
          "\(path)[\(i)]: expected a signal name" + (name.map { ", found \(ErrorText.quoted($0))" } ?? ""))
      }
      out.append(SeenSignal(signal, from: from))
    }
    return out
  }

  public func toJSON() -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("schema", .string(Trace.schema)),
      ("id", .string(id)),
      ("title", .string(title)),
      ("kind", .string(kind.rawValue)),
      ("source", .object(source.map { ($0.0, .string($0.1)) })),
      ("system", .object(system.map { ($0.0, .string($0.1)) })),
      ("scenario", scenario.toJSON()),
      ("expect", .array(expectations.map(Trace.json))),
    ]
    if !divergences.isEmpty {
      pairs.append(
        (
          "divergences",
          .array(
            divergences.map { d in
              .object([
                ("expectation", .int(d.expectation)), ("model", .string(d.model)), ("reason", .string(d.reason)),
              ])
            })
        ))
    }
    if !notes.isEmpty { pairs.append(("notes", .strings(notes))) }
    if let recording { pairs.append(("recording", recording)) }
    return .object(pairs)
  }

  static func json(_ signals: [SeenSignal]) -> JSONValue {
    .array(
      signals.map { s in
        s.from.map { JSONValue.object([("signal", .string(s.signal.description)), ("from", .string($0.rawValue))]) }
          ?? .string(s.signal.description)
      })
  }

  static func json(_ e: Expectation) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("what", .string(e.what.rawValue))]
    if ![.messages, .shellFate, .shellReached, .leaderFromTerminal, .shellKills].contains(e.what) {
      pairs.append(("job", .int(e.job)))
      if e.process != 0 { pairs.append(("process", .int(e.process))) }
    }
    if !e.oneOf.isEmpty {
      pairs.append(
        (
          "oneOf",
          .array(
            e.oneOf.map { alt in
              guard case .object(let inner) = json(alt) else { return .null }
              return .object(inner.filter { !["what", "job", "process"].contains($0.0) })
            })
        ))
      if !e.counts.isEmpty { pairs.append(("counts", .array(e.counts.map { .int($0) }))) }
      return .object(pairs)
    }
    switch e.what {
    case .shellKills:
      pairs.append(("calls", .strings(e.calls)))
    case .handled, .reached, .sentByShell, .delivered, .shellReached, .leaderFromTerminal:
      pairs.append(("compare", .string(e.comparison.rawValue)))
      if !e.only.isEmpty { pairs.append(("only", .strings(e.only.map(\.description)))) }
      if e.variants.isEmpty {
        pairs.append(("signals", json(e.signals)))
      } else {
        pairs.append(("variants", .array(e.variants.map(json))))
        if !e.counts.isEmpty { pairs.append(("counts", .array(e.counts.map { .int($0) }))) }
      }
    case .fate, .shellFate:
      if let s = e.survives { pairs.append(("survives", .bool(s))) }
      if let k = e.killedBy { pairs.append(("killedBy", .string(k.description))) }
      if let x = e.exitStatus { pairs.append(("exitStatus", .int(x))) }
    case .messages, .finalParent, .hazard, .detached:
      if !e.contains.isEmpty { pairs.append(("contains", .strings(e.contains))) }
      if !e.absent.isEmpty { pairs.append(("absent", .strings(e.absent))) }
    }
    return .object(pairs)
  }
}
