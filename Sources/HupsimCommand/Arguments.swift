/// Walks a command line, understanding `--name value` and `--name=value`.
struct ArgumentCursor {
  private var items: [String]
  private var index = 0

  init(_ items: [String]) { self.items = items }

  var isAtEnd: Bool { index >= items.count }

  /// The next option name and, for `--name=value`, its inline value.
  mutating func nextOption() -> (name: String, inline: String?)? {
    guard index < items.count else { return nil }
    let item = items[index]
    index += 1
    if item.hasPrefix("--"), let eq = item.firstIndex(of: "=") {
      return (String(item[..<eq]), String(item[item.index(after: eq)...]))
    }
    return (item, nil)
  }

  /// The value of an option that takes one.
  mutating func value(for name: String, inline: String?, expecting: String) throws(UsageError) -> String {
    if let inline {
      if inline.isEmpty { throw UsageError("\(name) needs a value: \(expecting)") }
      return inline
    }
    guard index < items.count, !items[index].hasPrefix("--") else {
      throw UsageError("\(name) needs a value: \(expecting)")
    }
    defer { index += 1 }
    return items[index]
  }

  /// Rejects `--flag=value` for flags that take none.
  static func noValue(_ name: String, _ inline: String?) throws(UsageError) {
    if let inline { throw UsageError("\(name) takes no value, but was given \(quoted(inline))") }
  }
}

/// Parses a value of a closed set, naming the valid choices on failure.
func choice<T: RawRepresentable & CaseIterable>(_ text: String, for option: String, as: T.Type) throws(UsageError) -> T
where T.RawValue == String {
  guard let value = T(rawValue: text) else {
    throw UsageError(
      "unknown value \(quoted(text)) for \(option); valid: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
  }
  return value
}
