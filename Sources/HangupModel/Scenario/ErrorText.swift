/// How error messages quote what the user gave: a bounded prefix, with control bytes
/// escaped, so an error stays one short line whatever the input.
public enum ErrorText {
  /// The longest part of a value an error quotes.
  public static let maxQuoted = 40

  /// `"value"`, or `"first 40 characters…" (12345 bytes)` for a long one; control
  /// characters, NUL and backslashes escaped.
  public static func quoted(_ value: String, quote: Character = "\"") -> String {
    var out = String(quote)
    var count = 0
    var truncated = false
    for scalar in value.unicodeScalars {
      if count == maxQuoted {
        truncated = true
        break
      }
      count += 1
      switch scalar {
      case "\\": out += "\\\\"
      case "\"" where quote == "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value)
          || (0x2028...0x2029).contains(scalar.value)
        {
          out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += truncated ? "…\(quote) (\(value.utf8.count) bytes)" : String(quote)
    return out
  }
}
