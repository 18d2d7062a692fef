/// What a terminal would show for the bytes a shell wrote: escape sequences (bracketed
/// paste, cursor queries, colours, titles) dropped, a carriage return moving back to the
/// start of the line so what follows overwrites it (zsh's and fish's end-of-line marks,
/// fish redrawing the line as it is typed), backspace moving back one cell, and the
/// spaces such overwrites leave at the end of a line trimmed.
public enum TerminalText {
  public static func render(_ bytes: [UInt8]) -> String {
    var lines: [String] = []
    var line: [UInt8] = []
    var column = 0
    var i = 0
    func put(_ b: UInt8) {
      if column < line.count { line[column] = b } else { line.append(b) }
      column += 1
    }
    func endLine() {
      lines.append(trimmed(line))
      line.removeAll(keepingCapacity: true)
      column = 0
    }
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case 0x1b:
        i = skipEscape(bytes, from: i)
        continue
      case 0x0a:
        endLine()
      case 0x0d:
        column = 0
      case 0x08:
        if column > 0 { column -= 1 }
      case 0x07, 0x00:
        break
      default:
        put(b)
      }
      i += 1
    }
    if !line.isEmpty { lines.append(trimmed(line)) }
    return lines.joined(separator: "\n") + (bytes.last == 0x0a ? "\n" : "")
  }

  /// The index after an escape sequence starting at `start` (CSI, OSC, or a two-byte one).
  static func skipEscape(_ bytes: [UInt8], from start: Int) -> Int {
    var i = start + 1
    guard i < bytes.count else { return i }
    switch bytes[i] {
    case UInt8(ascii: "["):
      i += 1
      while i < bytes.count, !(0x40...0x7e).contains(bytes[i]) { i += 1 }
      return i + 1
    case UInt8(ascii: "]"):
      i += 1
      while i < bytes.count {
        if bytes[i] == 0x07 { return i + 1 }
        if bytes[i] == 0x1b, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\") { return i + 2 }
        i += 1
      }
      return i
    default:
      return i + 1
    }
  }

  /// Trailing spaces go, but a line that is a bare prompt keeps the prompt's own space.
  static func trimmed(_ line: [UInt8]) -> String {
    var end = line.count
    while end > 0 && line[end - 1] == 0x20 { end -= 1 }
    var text = String(decoding: line[0..<end], as: UTF8.self)
    let prompt = RecordingSession.prompt
    if end < line.count && text.hasSuffix(String(prompt.dropLast())) { text += " " }
    return text
  }
}
