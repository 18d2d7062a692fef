/// A JSON value with ordered objects.
///
/// hupsim writes byte-identical output for identical input, so objects keep
/// their keys in insertion order instead of going through a hashed container.
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case let (.bool(a), .bool(b)): return a == b
    case let (.number(a), .number(b)): return a == b
    case let (.string(a), .string(b)): return a == b
    case let (.array(a), .array(b)): return a == b
    case let (.object(a), .object(b)):
      guard a.count == b.count else { return false }
      for (x, y) in zip(a, b) where x.0 != y.0 || x.1 != y.1 { return false }
      return true
    default: return false
    }
  }

  public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }
  public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
  public static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
  public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}

// MARK: - Access

extension JSONValue {
  public subscript(key: String) -> JSONValue? {
    guard case let .object(pairs) = self else { return nil }
    return pairs.first(where: { $0.0 == key })?.1
  }

  public var stringValue: String? {
    if case let .string(s) = self { return s }
    return nil
  }

  public var boolValue: Bool? {
    if case let .bool(b) = self { return b }
    return nil
  }

  public var intValue: Int? {
    guard case let .number(n) = self, abs(n) < 1e15, Double(Int(n)) == n else { return nil }
    return Int(n)
  }

  public var arrayValue: [JSONValue]? {
    if case let .array(a) = self { return a }
    return nil
  }

  public var objectPairs: [(String, JSONValue)]? {
    if case let .object(o) = self { return o }
    return nil
  }

  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

// MARK: - Writing

extension JSONValue {
  /// Renders the value with two-space indentation and a trailing newline-free layout.
  ///
  /// Short arrays of scalars stay on one line so traces remain readable.
  public func rendered(indent: Int = 0) -> String {
    var out = ""
    write(to: &out, indent: indent)
    return out
  }

  /// Renders the value on a single line.
  public func compact() -> String {
    var out = ""
    writeCompact(to: &out)
    return out
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  private func writeCompact(to out: inout String) {
    switch self {
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += ", " }
        item.writeCompact(to: &out)
      }
      out += "]"
    case .object(let pairs):
      out += "{"
      for (i, pair) in pairs.enumerated() {
        if i > 0 { out += ", " }
        out += JSONValue.quote(pair.0) + ": "
        pair.1.writeCompact(to: &out)
      }
      out += "}"
    default:
      writeScalar(to: &out)
    }
  }

  private func writeScalar(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += JSONValue.format(n)
    case .string(let s): out += JSONValue.quote(s)
    default: break
    }
  }

  private func write(to out: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch self {
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      if items.allSatisfy({ $0.isScalar }) || items.allSatisfy({ $0.isSmallObject }) {
        let oneLine = compact()
        if oneLine.count + indent * 2 <= 110 { out += oneLine; return }
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += inner
        item.write(to: &out, indent: indent + 1)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += pad + "]"
    case .object(let pairs):
      if pairs.isEmpty { out += "{}"; return }
      out += "{\n"
      for (i, pair) in pairs.enumerated() {
        out += inner + JSONValue.quote(pair.0) + ": "
        pair.1.write(to: &out, indent: indent + 1)
        out += i + 1 < pairs.count ? ",\n" : "\n"
      }
      out += pad + "}"
    default:
      writeScalar(to: &out)
    }
  }

  private var isSmallObject: Bool {
    guard case let .object(pairs) = self else { return false }
    return pairs.count <= 4 && pairs.allSatisfy { $0.1.isScalar }
  }

  static func format(_ n: Double) -> String {
    if abs(n) < 1e15, Double(Int(n)) == n { return String(Int(n)) }
    return String(n)
  }

  public static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
