/// How error messages quote what the user gave: a bounded prefix, with control bytes
/// escaped, so an error stays one short line whatever the input.
public enum ErrorText {
  /// The longest part of a value an error quotes.
  public static let maxQuoted = 40
  /// The longest part of a file path an error quotes.
  public static let maxQuotedPath = 160

  /// `"value"`, or `"first 40 characters…" (12345 bytes)` for a long one; control
  /// characters, NUL and backslashes escaped.
  public static func quoted(_ value: String, quote: Character = "\"", limit: Int = maxQuoted) -> String {
    String(quote) + bounded(value, quote: quote, limit: limit, closing: String(quote))
  }

  /// The same without quotes: `first 40 characters… (12345 bytes)`.
  public static func bounded(_ value: String, limit: Int = maxQuoted) -> String {
    bounded(value, quote: nil, limit: limit, closing: "")
  }

  private static func bounded(_ value: String, quote: Character?, limit: Int, closing: String) -> String {
    var out = ""
    var count = 0
    var truncated = false
    for scalar in value.unicodeScalars {
      if count == limit {
        truncated = true
        break
      }
      count += 1
      switch scalar {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if let quote, Character(scalar) == quote {
          out += "\\" + String(quote)
        } else if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value)
          || (0x2028...0x2029).contains(scalar.value)
        {
          out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += truncated ? "…\(closing) (\(value.utf8.count) bytes)" : closing
    return out
  }
}
