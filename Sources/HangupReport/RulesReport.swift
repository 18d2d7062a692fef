import HangupJSON
import HangupModel

/// `hupsim rules`: every rule of the catalogue with its ID, part, title, summary and the
/// source it cites on each system.
public enum RulesReport {
  /// One paragraph per rule.
  public static func text() -> String {
    var out = ""
    for rule in RuleCatalog.all {
      out += "\(rule.id)  (\(rule.component.rawValue)) \(rule.title)\n  \(rule.summary)\n"
      for (system, source) in rule.allSources { out += "  \(system): \(source)\n" }
      out += "\n"
    }
    return out
  }

  /// A JSON array, one object per rule.
  public static func json() -> String {
    let doc = JSONValue.array(
      RuleCatalog.all.map { rule in
        .object([
          ("id", .string(rule.id.rawValue)), ("component", .string(rule.component.rawValue)),
          ("title", .string(rule.title)), ("summary", .string(rule.summary)),
          ("sources", .object(rule.allSources.map { ($0.0, JSONValue.string($0.1)) })),
        ])
      })
    return doc.rendered() + "\n"
  }
}
