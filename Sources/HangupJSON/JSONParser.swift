/// An error found while reading JSON text, with the line and column where it happened.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var column: Int

  public var description: String { "line \(line), column \(column): \(message)" }
}

/// A small strict JSON reader (RFC 8259) that keeps object key order.
public struct JSONParser {
  private let bytes: [UInt8]
  private var index = 0

  /// The deepest nesting of arrays and objects accepted.
  public static let maxDepth = 64

  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    var parser = JSONParser(bytes: Array(text.utf8))
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.index < parser.bytes.count { throw parser.error("unexpected text after the JSON value") }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  /// A byte as an error names it: `character 'x'` when printable ASCII, else `byte 0x00`.
  static func describe(byte: UInt8) -> String {
    (0x21...0x7e).contains(byte)
      ? "character '\(String(UnicodeScalar(byte)))'" : "byte 0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
  }

  /// A key as an error quotes it: at most 40 characters, control characters escaped.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for (i, scalar) in text.unicodeScalars.enumerated() {
      if i == 40 { return out + "…\" (\(text.utf8.count) bytes)" }
      if scalar.value < 0x20 || scalar.value == 0x7f || scalar == "\"" || scalar == "\\" {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  private func error(_ message: String) -> JSONSyntaxError {
    var line = 1
    var column = 1
    for b in bytes[0..<min(index, bytes.count)] {
      if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
    }
    return JSONSyntaxError(message: message, line: line, column: column)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth < JSONParser.maxDepth else { throw error("nesting is deeper than \(JSONParser.maxDepth) levels") }
    guard index < bytes.count else { throw error("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected \(JSONParser.describe(byte: bytes[index]))")
    }
  }

  private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
    for b in word.utf8 {
      guard index < bytes.count, bytes[index] == b else { throw error("expected '\(word)'") }
      index += 1
    }
  }

  private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    index += 1
    var pairs: [(String, JSONValue)] = []
    // Keys seen, once an object is big enough that scanning its pairs would cost more.
    var keys: Set<String> = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
      let key = try parseString()
      let duplicate: Bool
      if pairs.count < 16 {
        duplicate = pairs.contains(where: { $0.0 == key })
      } else {
        if keys.isEmpty { keys = Set(pairs.map(\.0)) }
        duplicate = !keys.insert(key).inserted
      }
      if duplicate { throw error("duplicate key \(JSONParser.quoted(key))") }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
      index += 1
      skipWhitespace()
      pairs.append((key, try parseValue(depth: depth + 1)))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input in object") }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
      throw error("expected ',' or '}' in object")
    }
  }

  private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    index += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input in array") }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
      throw error("expected ',' or ']' in array")
    }
  }

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    index += 1
    // Runs without escapes are decoded straight from the input, in one piece.
    var result = ""
    var runStart = index
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        let run = String(decoding: bytes[runStart..<index], as: UTF8.self)
        index += 1
        if result.isEmpty { return run }
        result += run
        return result
      }
      if b < 0x20 { throw error("control character in string") }
      if b == UInt8(ascii: "\\") {
        result += String(decoding: bytes[runStart..<index], as: UTF8.self)
        var scalars = String.UnicodeScalarView()
        defer {
          result.unicodeScalars.append(contentsOf: scalars)
          runStart = index
        }
        index += 1
        guard index < bytes.count else { break }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try parseHex4()
          if (0xD800..<0xDC00).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in string") }
            index += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw error("invalid unicode escape") }
          scalars.append(scalar)
        default:
          throw error("invalid escape: backslash then \(JSONParser.describe(byte: e))")
        }
        continue
      }
      index += 1
    }
    throw error("unterminated string")
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("short unicode escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index]
      let digit: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in unicode escape")
      }
      value = value * 16 + digit
      index += 1
    }
    return value
  }

  private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    func digits() -> Int {
      var n = 0
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1; n += 1 }
      return n
    }
    guard digits() > 0 else { throw error("invalid number") }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw error("invalid number") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw error("invalid number") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text) else { throw error("invalid number") }
    return .number(value)
  }
}
