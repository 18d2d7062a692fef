/// systemd-logind's configuration, as its files say.
public enum LogindConfig {
  /// The main file candidates, first found wins.
  public static let mainFiles = [
    "/etc/systemd/logind.conf", "/run/systemd/logind.conf", "/usr/local/lib/systemd/logind.conf",
    "/usr/lib/systemd/logind.conf",
  ]
  /// Drop-in folders, highest priority first: a file name in an earlier folder masks the same
  /// name in a later one; the survivors apply in file-name order.
  public static let dropInFolders = [
    "/etc/systemd/logind.conf.d", "/run/systemd/logind.conf.d",
    "/usr/local/lib/systemd/logind.conf.d", "/usr/lib/systemd/logind.conf.d",
  ]

  /// Applies `files` (path, contents) in order to the compiled-in defaults.
  public static func parse(_ files: [(String, String)], running: Bool) -> LogindFacts {
    var facts = LogindFacts(running: running)
    for (path, text) in files {
      var inLogin = false
      for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
        let line = raw.trimmingCharacters(in: " \t")
        if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
        if line.hasPrefix("[") {
          inLogin = line == "[Login]"
          continue
        }
        guard inLogin, let eq = line.firstIndex(of: "=") else { continue }
        let key = String(line[..<eq]).trimmingCharacters(in: " \t")
        let value = String(line[line.index(after: eq)...]).trimmingCharacters(in: " \t")
        switch key {
        case "KillUserProcesses":
          if let b = boolean(value) {
            facts.killUserProcesses = b
            facts.killUserProcessesSetIn = path
          }
        case "KillOnlyUsers":
          facts.killOnlyUsers = value.isEmpty ? [] : facts.killOnlyUsers + value.split(separator: " ").map(String.init)
        case "KillExcludeUsers":
          facts.killExcludeUsers =
            value.isEmpty ? [] : facts.killExcludeUsers + value.split(separator: " ").map(String.init)
        default:
          break
        }
      }
    }
    return facts
  }

  /// systemd's `parse_boolean`.
  static func boolean(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "1", "yes", "y", "true", "t", "on": return true
    case "0", "no", "n", "false", "f", "off": return false
    default: return nil
    }
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let c = s.first, set.contains(c) { s.removeFirst() }
    while let c = s.last, set.contains(c) { s.removeLast() }
    return String(s)
  }
}
