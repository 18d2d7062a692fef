/// Aligned plain-text columns. Widths count East Asian wide characters as two
/// columns so Japanese and Chinese tables line up in a terminal.
public struct TextTable {
  public var header: [String]
  public var rows: [[String]]
  /// Columns whose cells are right-aligned (numbers).
  public var rightAligned: Set<Int> = []
  /// For each body row, an escape sequence per cell written before it (and a reset after
  /// it), or "" for none. Escapes take no columns, so alignment is unchanged.
  public var styles: [[String]] = []

  public init(header: [String], rows: [[String]] = [], rightAligned: Set<Int> = []) {
    self.header = header
    self.rows = rows
    self.rightAligned = rightAligned
  }

  public func render(indent: String = "") -> String {
    var sink = TextSink()
    render(indent: indent, to: &sink)
    return sink.string
  }

  /// Writes the table, lines separated by newlines and no newline after the last.
  public func render(indent: String = "", to sink: inout TextSink) {
    let all = [header] + rows
    let columns = all.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    var cellWidths: [[Int]] = []
    cellWidths.reserveCapacity(all.count)
    for row in all {
      var rowWidths: [Int] = []
      rowWidths.reserveCapacity(row.count)
      for (i, cell) in row.enumerated() {
        let w = TextTable.displayWidth(cell)
        rowWidths.append(w)
        widths[i] = max(widths[i], w)
      }
      cellWidths.append(rowWidths)
    }
    for (r, row) in all.enumerated() {
      if r > 0 { sink.write("\n") }
      let start = sink.count
      sink.write(indent)
      for (i, cell) in row.enumerated() {
        let pad = widths[i] - cellWidths[r][i]
        let isLast = i == row.count - 1
        let style = r > 0 && r - 1 < styles.count && i < styles[r - 1].count ? styles[r - 1][i] : ""
        if rightAligned.contains(i) { sink.spaces(pad) }
        if style.isEmpty {
          sink.write(cell)
        } else {
          sink.write(style)
          sink.write(cell)
          sink.write("\u{1B}[0m")
        }
        if !rightAligned.contains(i) && !isLast { sink.spaces(pad) }
        if !isLast { sink.write("  ") }
      }
      sink.trimTrailingSpaces(after: start)
    }
  }

  /// Terminal columns a string occupies.
  public static func displayWidth(_ s: String) -> Int {
    if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.count }
    var width = 0
    for scalar in s.unicodeScalars {
      let v = scalar.value
      if v == 0x200B || (0x0300...0x036F).contains(v) { continue }
      let wide =
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
      width += wide ? 2 : 1
    }
    return width
  }
}

/// Text built as UTF-8 bytes: appending costs a copy, not a String append.
public struct TextSink {
  var bytes: [UInt8] = []

  public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  public var count: Int { bytes.count }

  public mutating func write(_ s: String) {
    var s = s
    s.withUTF8 { bytes.append(contentsOf: $0) }
  }

  public mutating func write(_ s: Substring) { bytes.append(contentsOf: s.utf8) }

  public mutating func write(_ n: Int) { write(String(n)) }

  public mutating func spaces(_ n: Int) {
    if n > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) }
  }

  /// Drops spaces at the end, not before `start`.
  mutating func trimTrailingSpaces(after start: Int) {
    while bytes.count > start, bytes[bytes.count - 1] == UInt8(ascii: " ") { bytes.removeLast() }
  }

  public var string: String { String(decoding: bytes, as: UTF8.self) }
}
