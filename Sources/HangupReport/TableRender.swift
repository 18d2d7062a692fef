import HangupJSON
import HangupModel

/// The formats a table can be written in.
public enum TableFormat: String, Sendable, CaseIterable {
  case text, markdown, csv, json, html
}

/// Writes teaching tables in each format. Colour (ANSI) only when asked, which the
/// command line does only on a terminal.
public enum TableRender {
  public static func render(_ tables: [TeachingTable], format: TableFormat, lang: Language, colour: Bool = false)
    -> String
  {
    switch format {
    case .text: return tables.map { text($0, colour: colour) }.joined(separator: "\n")
    case .markdown: return tables.map(markdown).joined(separator: "\n")
    case .csv: return csv(tables, lang: lang)
    case .json: return json(tables).rendered() + "\n"
    case .html: return html(tables, lang: lang)
    }
  }

  // MARK: - Text

  static func text(_ table: TeachingTable, colour: Bool) -> String {
    var out = table.title + "\n\n"
    var grid = TextTable(header: table.header, rows: table.rows.map { $0.map(\.text) })
    if colour {
      // Each outcome cell coloured by its tone, once, around the cell itself.
      grid.styles = table.rows.map { row in
        row.map { cell in
          guard !cell.text.isEmpty else { return "" }
          switch cell.tone {
          case .good: return "\u{1B}[32m"
          case .bad: return "\u{1B}[31m"
          case .neutral: return ""
          }
        }
      }
    }
    out += grid.render(indent: "  ") + "\n"
    for note in table.notes { out += "\n" + wrap(note, width: 96, indent: "  ") + "\n" }
    return out
  }

  /// Wraps prose at spaces (CJK text, which has none, breaks by width).
  public static func wrapText(_ text: String, width: Int, indent: String) -> String {
    wrap(text, width: width, indent: indent)
  }

  static func wrap(_ text: String, width: Int, indent: String) -> String {
    var lines: [String] = []
    var line = ""
    var lineWidth = 0
    func flush() {
      lines.append(indent + line)
      line = ""
      lineWidth = 0
    }
    for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
      let w = TextTable.displayWidth(word)
      if w > width {
        // A long unspaced run (Japanese, Chinese): break it by width.
        if !line.isEmpty { flush() }
        for ch in word {
          let cw = TextTable.displayWidth(String(ch))
          if lineWidth + cw > width { flush() }
          line.append(ch)
          lineWidth += cw
        }
        continue
      }
      if lineWidth > 0 && lineWidth + 1 + w > width { flush() }
      if lineWidth > 0 {
        line += " "
        lineWidth += 1
      }
      line += word
      lineWidth += w
    }
    if !line.isEmpty { flush() }
    return lines.joined(separator: "\n")
  }

  // MARK: - Markdown

  static func escapeMarkdown(_ s: String) -> String {
    s.replacing("|", with: "\\|").replacing("\n", with: " ")
  }

  static func markdown(_ table: TeachingTable) -> String {
    var out = "### " + table.title + "\n\n"
    out += "| " + table.header.map(escapeMarkdown).joined(separator: " | ") + " |\n"
    out += "|" + table.header.map { _ in " --- |" }.joined() + "\n"
    for row in table.rows {
      out += "| " + row.map { escapeMarkdown($0.text) }.joined(separator: " | ") + " |\n"
    }
    for note in table.notes { out += "\n" + note + "\n" }
    return out
  }

  // MARK: - CSV

  static func csvField(_ s: String) -> String {
    if s.contains(",") || s.contains("\"") || s.contains("\n") || s.hasPrefix(" ") || s.hasSuffix(" ") {
      return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
    return s
  }

  /// RFC 4180, one rectangle whatever the number of tables: a header row, then every
  /// table's rows, each starting with the table's id (`seed002-sighup`), so spreadsheets and
  /// CSV readers take it as it is. Titles and notes are in the other formats.
  static func csv(_ tables: [TeachingTable], lang: Language) -> String {
    let width = tables.map(\.header.count).max() ?? 0
    var header = [lang.t("table")]
    for column in 0..<width {
      let names = tables.compactMap { $0.header.indices.contains(column) ? $0.header[column] : nil }
      // Tables that name a column differently share it under a neutral name.
      header.append(
        names.allSatisfy { $0 == names.first }
          ? names.first ?? "" : lang.format("column {n}", ["n": String(column + 1)]))
    }
    var out = header.map(csvField).joined(separator: ",") + "\r\n"
    for table in tables {
      for row in table.rows {
        let cells = row.map(\.text) + Array(repeating: "", count: max(0, width - row.count))
        out += ([table.id] + cells).map(csvField).joined(separator: ",") + "\r\n"
      }
    }
    return out
  }

  // MARK: - JSON

  public static func json(_ tables: [TeachingTable]) -> JSONValue {
    .object([
      (
        "tables",
        .array(
          tables.map { t in
            .object([
              ("id", .string(t.id)),
              ("title", .string(t.title)),
              ("columns", .strings(t.header)),
              (
                "rows",
                .array(
                  t.rows.map { row in
                    .object([
                      ("label", .strings(row.prefix(t.labelColumns).map(\.text))),
                      (
                        "cells",
                        .array(
                          row.dropFirst(t.labelColumns).map { cell in
                            .object([("text", .string(cell.text))] + cell.data)
                          })
                      ),
                    ])
                  })
              ),
              ("notes", .strings(t.notes)),
            ])
          })
      )
    ])
  }

  // MARK: - HTML

  static func escapeHTML(_ s: String) -> String {
    s.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;").replacing(
      "\"", with: "&quot;")
  }

  /// A self-contained page: inline style, no scripts, no external assets.
  static func html(_ tables: [TeachingTable], lang: Language) -> String {
    var out = """
      <!DOCTYPE html>
      <html lang="\(lang.rawValue)">
      <head>
      <meta charset="utf-8">
      <title>\(escapeHTML(tables.first?.title ?? "hupsim"))</title>
      <style>
      body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
      table { border-collapse: collapse; margin: 1em 0; }
      th, td { border: 1px solid #bbb; padding: 0.3em 0.7em; text-align: left; vertical-align: top; }
      th { background: #eee; }
      td.label { font-weight: 600; }
      td.good { background: #e3f4e1; }
      td.bad { background: #fbe3e1; }
      p.note { max-width: 60em; color: #444; }
      </style>
      </head>
      <body>

      """
    for table in tables {
      out += "<h2>\(escapeHTML(table.title))</h2>\n<table>\n<thead><tr>"
      out += table.header.map { "<th>\(escapeHTML($0))</th>" }.joined()
      out += "</tr></thead>\n<tbody>\n"
      for row in table.rows {
        out += "<tr>"
        for (i, cell) in row.enumerated() {
          var classes: [String] = []
          if i < table.labelColumns { classes.append("label") }
          if cell.tone != .neutral { classes.append(cell.tone.rawValue) }
          let attr = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
          out += "<td\(attr)>\(escapeHTML(cell.text))</td>"
        }
        out += "</tr>\n"
      }
      out += "</tbody>\n</table>\n"
      for note in table.notes { out += "<p class=\"note\">\(escapeHTML(note))</p>\n" }
    }
    out += "<p class=\"note\">hupsim</p>\n</body>\n</html>\n"
    return out
  }
}
