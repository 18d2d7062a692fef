/// Aligned plain-text columns. Widths count East Asian wide characters as two
/// columns so Japanese and Chinese tables line up in a terminal.
public struct TextTable {
  public var header: [String]
  public var rows: [[String]]
  /// Columns whose cells are right-aligned (numbers).
  public var rightAligned: Set<Int> = []

  public init(header: [String], rows: [[String]] = [], rightAligned: Set<Int> = []) {
    self.header = header
    self.rows = rows
    self.rightAligned = rightAligned
  }

  public func render(indent: String = "") -> String {
    let all = [header] + rows
    let columns = all.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for row in all {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextTable.displayWidth(cell)) }
    }
    var lines: [String] = []
    for row in all {
      var line = indent
      for (i, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - TextTable.displayWidth(cell))
        let isLast = i == row.count - 1
        if rightAligned.contains(i) {
          line += pad + cell
        } else {
          line += cell + (isLast ? "" : pad)
        }
        if !isLast { line += "  " }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// Terminal columns a string occupies.
  public static func displayWidth(_ s: String) -> Int {
    var width = 0
    for scalar in s.unicodeScalars {
      let v = scalar.value
      if v == 0x200B || (0x0300...0x036F).contains(v) { continue }
      let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
      width += wide ? 2 : 1
    }
    return width
  }
}
