import HangupModel

/// A sequence diagram of one simulation: the user, the terminal, the kernel, bash and
/// each job process as lifelines; every signal an arrow labelled with its rule.
public struct SequenceDiagram: Sendable {
  public struct Participant: Sendable, Equatable {
    public var id: String
    public var label: String
  }

  public enum Item: Sendable {
    case arrow(from: Int, to: Int, label: String, tone: Tone, dashed: Bool)
    case note(over: Int, text: String, tone: Tone)
  }

  public var title: String
  public var participants: [Participant]
  public var items: [Item]

  public init(_ outcome: Outcome, language lang: Language = .en) {
    title = "hupsim: " + (lang.summary(outcome.scenario).first ?? "")
    var participants = [
      Participant(id: "U", label: lang.actor(.user)), Participant(id: "T", label: lang.actor(.terminal)),
      Participant(id: "K", label: lang.actor(.kernel)),
      Participant(id: "B", label: "\(outcome.scenario.shell.family) (\(outcome.shellPid))"),
    ]
    var index: [Int: Int] = [outcome.shellPid: 3]
    for job in outcome.jobs {
      for p in job.processes {
        index[p.pid] = participants.count
        let name =
          job.processes.count > 1
          ? lang.format("job {n} process {i}", ["n": String(job.job), "i": String(p.index)])
          : lang.format("job {n}", ["n": String(job.job)])
        participants.append(Participant(id: "J\(job.job)_\(p.index)", label: "\(name) (\(p.pid))"))
      }
    }
    self.participants = participants
    func lane(_ actor: Actor) -> Int {
      switch actor {
      case .user: return 0
      case .terminal, .host: return 1
      case .kernel, .systemd, .ci, .wsl: return 2
      case .shell: return 3
      }
    }
    // English keeps the model's own wording of a fate ("exited with status 1").
    func fate(_ fate: Fate) -> String { lang == .en ? fate.description : lang.outcome(fate) }
    var items: [Item] = []
    /// Processes whose end is already on the picture, so it is not noted twice.
    var ended: Set<Int> = []
    for e in outcome.events {
      switch e.payload {
      case .signal(let s):
        guard let to = index[s.target.pid] else { continue }
        let tone: Tone = s.effect == .killed ? .bad : (s.effect.countsAsDelivered ? .neutral : .good)
        items.append(
          .arrow(
            from: lane(e.from), to: to, label: "\(s.signal) [\(e.rule)] \(s.effect.rawValue)", tone: tone,
            dashed: !s.effect.countsAsDelivered))
      case .delivery(let d):
        guard let over = index[d.target.pid] else { continue }
        items.append(
          .note(
            over: over,
            text: lang.format(
              "takes {signal}: {effect}", ["signal": d.signal.description, "effect": d.effect.rawValue]),
            tone: d.effect == .killed ? .bad : .neutral))
      case .user(.typed(let line)):
        items.append(
          .arrow(
            from: 0, to: 3, label: lang.format("types `{command}`", ["command": line.text]), tone: .neutral,
            dashed: false))
      case .user(.cannotType(let end)):
        items.append(
          .arrow(
            from: 0, to: 3, label: lang.format("types `{command}`", ["command": end.rawValue]), tone: .neutral,
            dashed: false))
      case .user(.pressed(let key)):
        items.append(
          .arrow(
            from: 0, to: 1, label: lang.format("presses {key}", ["key": key.rawValue]), tone: .neutral, dashed: false))
      case .user(.closesTerminal):
        items.append(
          .arrow(from: 0, to: 1, label: lang.t("closes the terminal (pty master)"), tone: .neutral, dashed: false))
      case .process(.exited(let pid, let how)):
        if let over = index[pid] {
          items.append(.note(over: over, text: how.isAlive ? lang.t("exits") : fate(how), tone: .bad))
          ended.insert(pid)
        }
      case .process(.reparented(let pid, let parent)):
        if let over = index[pid] {
          items.append(
            .note(
              over: over,
              text: lang.t(
                outcome.role(of: parent) == .subreaper ? "re-parented to the subreaper" : "re-parented to init"),
              tone: .neutral))
        }
      case .shell(.printed(let line, _)):
        items.append(.note(over: 3, text: lang.format("prints \"{line}\"", ["line": line]), tone: .neutral))
      default:
        break
      }
    }
    for job in outcome.jobs {
      for p in job.processes where !ended.contains(p.pid) {
        guard let over = index[p.pid] else { continue }
        items.append(
          .note(over: over, text: p.survives ? lang.t("survives") : fate(p.fate), tone: p.survives ? .good : .bad))
      }
    }
    self.items = items
  }

  /// Control characters (which XML 1.0 cannot carry and which would break a Mermaid line)
  /// written out as `\u{1b}`, and the two non-characters XML forbids.
  static func visible(_ s: String) -> String {
    guard
      s.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) || $0.value >= 0xfffe })
    else { return s }
    var out = ""
    for scalar in s.unicodeScalars {
      if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar.value == 0xfffe || scalar.value == 0xffff
      {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  // MARK: - Mermaid

  static func mermaidText(_ s: String) -> String {
    visible(s.replacing("\n", with: " ")).replacing(";", with: ",").replacing("#", with: "No.")
  }

  public func mermaid() -> String {
    var out = "sequenceDiagram\n"
    out += "  %% \(SequenceDiagram.mermaidText(title))\n"
    for p in participants { out += "  participant \(p.id) as \(SequenceDiagram.mermaidText(p.label))\n" }
    for item in items {
      switch item {
      case .arrow(let from, let to, let label, _, let dashed):
        let arrow = from == to ? "->>" : (dashed ? "--x" : "->>")
        out += "  \(participants[from].id)\(arrow)\(participants[to].id): \(SequenceDiagram.mermaidText(label))\n"
      case .note(let over, let text, _):
        out += "  Note over \(participants[over].id): \(SequenceDiagram.mermaidText(text))\n"
      }
    }
    return out
  }

  // MARK: - SVG

  static func xml(_ s: String) -> String {
    visible(s).replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;").replacing(
      "\"", with: "&quot;")
  }

  /// A self-contained SVG: no scripts, no external fonts or images.
  public func svg() -> String {
    let layout = SVGLayout(columns: participants.count, rows: items.count)
    var out = svgHeader(layout)
    let bottom = layout.height - 20
    for (i, p) in participants.enumerated() {
      let x = layout.x(i)
      out +=
        "<line x1=\"\(x)\" y1=\"\(layout.top + 26)\" x2=\"\(x)\" y2=\"\(bottom)\" stroke=\"#999999\" stroke-dasharray=\"4 4\"/>\n"
      out +=
        "<rect x=\"\(x - 85)\" y=\"\(layout.top)\" width=\"170\" height=\"26\" rx=\"4\" fill=\"#eef2f7\" stroke=\"#556677\"/>\n"
      out += "<text x=\"\(x)\" y=\"\(layout.top + 17)\" text-anchor=\"middle\">\(SequenceDiagram.xml(p.label))</text>\n"
    }
    for (row, item) in items.enumerated() {
      out += SequenceDiagram.svgRow(item, y: layout.top + 50 + row * layout.rowHeight, layout)
    }
    out += "</svg>\n"
    return out
  }

  /// Where the picture's columns and rows go.
  struct SVGLayout {
    let columnWidth = 190
    let left = 30
    let top = 60
    let rowHeight = 30
    let width: Int
    let height: Int

    init(columns: Int, rows: Int) {
      width = left * 2 + columnWidth * columns
      height = top + 50 + rowHeight * rows + 40
    }

    /// The middle of participant `i`'s column.
    func x(_ i: Int) -> Int { left + columnWidth * i + columnWidth / 2 }
  }

  static func colour(_ tone: Tone) -> String {
    switch tone {
    case .good: return "#2e7d32"
    case .bad: return "#c62828"
    case .neutral: return "#333333"
    }
  }

  /// The opening tag, the title, the arrow heads and the background.
  func svgHeader(_ layout: SVGLayout) -> String {
    let (width, height) = (layout.width, layout.height)
    return """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
      <title>\(SequenceDiagram.xml(title))</title>
      <defs>
      <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333333"/></marker>
      <marker id="arrow-bad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#c62828"/></marker>
      <marker id="arrow-good" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#2e7d32"/></marker>
      </defs>
      <rect x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>
      <text x="\(layout.left)" y="24" font-size="14" font-weight="bold">\(SequenceDiagram.xml(title))</text>

      """
  }

  /// One row: an arrow between two participants (a loop back to itself when they are
  /// the same), or a note over one.
  static func svgRow(_ item: Item, y: Int, _ layout: SVGLayout) -> String {
    switch item {
    case .arrow(let from, let to, let label, let tone, let dashed):
      let marker = tone == .bad ? "arrow-bad" : (tone == .good ? "arrow-good" : "arrow")
      let dash = dashed ? " stroke-dasharray=\"5 3\"" : ""
      let stroke = "stroke=\"\(colour(tone))\"\(dash) marker-end=\"url(#\(marker))\"/>\n"
      let text = "fill=\"\(colour(tone))\">\(xml(label))</text>\n"
      if from == to {
        return "<path d=\"M \(layout.x(from)) \(y) h 30 v 12 h -30\" fill=\"none\" " + stroke
          + "<text x=\"\(layout.x(from) + 36)\" y=\"\(y + 4)\" " + text
      }
      let x2 = layout.x(to) + (to > from ? -4 : 4)
      let mid = (layout.x(from) + layout.x(to)) / 2
      return "<line x1=\"\(layout.x(from))\" y1=\"\(y + 6)\" x2=\"\(x2)\" y2=\"\(y + 6)\" " + stroke
        + "<text x=\"\(mid)\" y=\"\(y)\" text-anchor=\"middle\" " + text
    case .note(let over, let text, let tone):
      let w = max(80, min(layout.columnWidth * 2 - 20, 7 * TextTable.displayWidth(text) + 16))
      return
        "<rect x=\"\(layout.x(over) - w / 2)\" y=\"\(y - 10)\" width=\"\(w)\" height=\"20\" rx=\"3\" fill=\"#fff8dc\" stroke=\"\(colour(tone))\"/>\n"
        + "<text x=\"\(layout.x(over))\" y=\"\(y + 4)\" text-anchor=\"middle\" fill=\"\(colour(tone))\">\(xml(text))</text>\n"
    }
  }
}
