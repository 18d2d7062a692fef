import Foundation
import Testing

/// Golden files in `Tests/HangupModelTests/Snapshots/`. Set HUPSIM_RECORD_SNAPSHOTS=1 to
/// rewrite them; the test still fails then, so nobody records by accident.
enum Snapshot {
  static let directory: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Snapshots"
  }()

  static var recording: Bool { ProcessInfo.processInfo.environment["HUPSIM_RECORD_SNAPSHOTS"] == "1" }

  static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = directory + "/" + name
    if recording {
      try? actual.write(toFile: path, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name); run again without HUPSIM_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
      Issue.record(
        "missing golden file \(name); record it with HUPSIM_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let line = Array(zip(a, b)).firstIndex(where: { $0 != $1 }) ?? min(a.count, b.count)
      let was = line < a.count ? String(a[line]) : "<end>"
      let now = line < b.count ? String(b[line]) : "<end>"
      Issue.record(
        "\(name) differs at line \(line + 1):\n  golden: \(was)\n  actual: \(now)", sourceLocation: sourceLocation)
    }
  }
}
