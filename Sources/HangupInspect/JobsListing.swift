/// Parses `jobs -l` output (bash, zsh, ksh, dash): each job line `[N]± PID …` and the
/// continuation lines of a pipeline (`      PID | …`).
public enum JobsListing {
  /// The pids listed, in order, with their job numbers.
  public static func parse(_ text: String) -> [(pid: Int, job: Int)] {
    var out: [(pid: Int, job: Int)] = []
    var current: Int?
    for raw in text.split(separator: "\n") {
      let line = Substring(raw)
      if line.hasPrefix("["), let close = line.firstIndex(of: "]"),
        let number = Int(line[line.index(after: line.startIndex)..<close])
      {
        current = number
        let rest = line[line.index(after: close)...].drop { $0 == " " || $0 == "+" || $0 == "-" }
        if let pid = Int(rest.prefix { $0.isNumber }) { out.append((pid, number)) }
      } else if let job = current {
        let rest = line.drop { $0 == " " || $0 == "\t" }
        if rest.count < line.count, let pid = Int(rest.prefix { $0.isNumber }) { out.append((pid, job)) }
      }
    }
    return out
  }

  /// pid → job number.
  public static func numbers(_ text: String) -> [Int: Int] {
    var out: [Int: Int] = [:]
    for (pid, job) in parse(text) where out[pid] == nil { out[pid] = job }
    return out
  }
}
