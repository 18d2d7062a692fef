/// A stable rule identifier such as `BASH-HANGUP-ALL-JOBS`.
///
/// IDs are written out, never derived from type names, so that renaming code can not
/// change goldens or what users have written down.
public struct RuleID: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The part of the real system a rule belongs to.
public enum Component: String, Sendable, CaseIterable {
  case kernel, terminal, shell, launcher, program, user
}

/// One mechanism of the real system that the simulator applies, with where it lives
/// in real source code or standards.
public struct Rule: Sendable {
  public let id: RuleID
  public let component: Component
  /// A short title in English.
  public let title: String
  /// What the rule does, one or two sentences.
  public let summary: String
  /// Source citations per system; empty string where the system has no such rule.
  let linux: String
  let linux26: String
  let netbsd: String
  /// bash citation; `{handler}` is replaced by the release's signal handler function.
  let bash: String
  /// Userland program citation (coreutils nohup, util-linux setsid, …).
  let userland: String
  /// POSIX / SUS reference, if the behaviour is standard.
  let posix: String

  /// The real function or standard behind this rule on the given system.
  public func source(profile: KernelProfile, dialect: BashDialect) -> String {
    var parts: [String] = []
    switch profile.family {
    case .linux: if !linux.isEmpty { parts.append(linux) }
    case .linux26: if !linux26.isEmpty { parts.append(linux26) }
    case .netbsd: if !netbsd.isEmpty { parts.append(netbsd) }
    }
    if !bash.isEmpty {
      parts.append("bash " + dialect.version + " " + bash.replacingFirst("{handler}", with: dialect.signalHandlerFunction))
    }
    if !userland.isEmpty { parts.append(userland) }
    if parts.isEmpty, !posix.isEmpty { parts.append(posix) }
    return parts.joined(separator: "; ")
  }

  /// Every citation the rule has, for the rule catalogue.
  public var allSources: [(String, String)] {
    var out: [(String, String)] = []
    if !linux.isEmpty { out.append(("Linux 6.x", linux)) }
    if !linux26.isEmpty { out.append(("Linux 2.6.18", linux26)) }
    if !netbsd.isEmpty { out.append(("NetBSD 1.6", netbsd)) }
    if !bash.isEmpty { out.append(("bash", bash.replacingFirst("{handler}", with: "termination_unwind_protect (≤3.1) / termsig_handler (≥3.2)"))) }
    if !userland.isEmpty { out.append(("userland", userland)) }
    if !posix.isEmpty { out.append(("POSIX", posix)) }
    return out
  }

  init(
    _ id: RuleID, _ component: Component, _ title: String, _ summary: String,
    linux: String = "", linux26: String = "", netbsd: String = "", bash: String = "",
    userland: String = "", posix: String = ""
  ) {
    self.id = id
    self.component = component
    self.title = title
    self.summary = summary
    self.linux = linux
    self.linux26 = linux26
    self.netbsd = netbsd
    self.bash = bash
    self.userland = userland
    self.posix = posix
  }
}

extension String {
  func replacingFirst(_ target: String, with replacement: String) -> String {
    replacing(target, with: replacement, maxReplacements: 1)
  }
}
