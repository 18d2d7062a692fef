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
  case kernel, terminal, shell, host, launcher, program, user
}

/// One mechanism of the real system that the simulator applies, with where it lives
/// in real source code or standards.
public struct Rule: Sendable {
  public let id: RuleID
  public let component: Component
  /// A short title in English.
  public let title: String
  /// The title in Japanese and Chinese, for explanations in those languages.
  public let titleJA: String
  public let titleZH: String
  /// What the rule does, one or two sentences.
  public let summary: String
  /// The function name explanations quote for the step (`hangup_all_jobs`), if any.
  public let function: String
  /// Source citations per kernel source tree; empty string where the system has no such rule.
  let linux: String
  let linux26: String
  let netbsd: String
  /// The shell family whose source `shell` cites (`bash`), and the citation; `{name}`
  /// placeholders are filled from the version's ``ShellVersion/citationValues``.
  let shellFamily: String
  let shell: String
  /// Userland program citation (coreutils nohup, util-linux setsid, OpenSSH sshd, …).
  let userland: String
  /// POSIX / SUS reference, if the behaviour is standard.
  let posix: String

  /// The real function or standard behind this rule on the given system.
  public func source(kernel: KernelProfile, shell version: ShellVersion) -> String {
    var parts: [String] = []
    switch kernel.citations {
    case .linux: if !linux.isEmpty { parts.append(linux) }
    case .linux26: if !linux26.isEmpty { parts.append(linux26) }
    case .netbsd: if !netbsd.isEmpty { parts.append(netbsd) }
    }
    if !shell.isEmpty {
      var text = shell
      for (key, value) in version.citationValues.sorted(by: { $0.key < $1.key }) {
        text = text.replacingFirst("{\(key)}", with: value)
      }
      parts.append(shellFamily + " " + version.version + " " + text)
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
    if !shell.isEmpty {
      let family = ShellRegistry.family(named: shellFamily)
      let text = family?.citationOverview(shell) ?? shell
      out.append((shellFamily, text))
    }
    if !userland.isEmpty { out.append(("userland", userland)) }
    if !posix.isEmpty { out.append(("POSIX", posix)) }
    return out
  }

  init(
    _ id: RuleID, _ component: Component, _ title: String, _ summary: String, ja: String, zh: String,
    function: String = "", linux: String = "", linux26: String = "", netbsd: String = "", shellFamily: String = "",
    shell: String = "", userland: String = "", posix: String = ""
  ) {
    self.id = id
    self.component = component
    self.title = title
    self.titleJA = ja
    self.titleZH = zh
    self.summary = summary
    self.function = function
    self.linux = linux
    self.linux26 = linux26
    self.netbsd = netbsd
    self.shellFamily = shellFamily
    self.shell = shell
    self.userland = userland
    self.posix = posix
  }
}

extension ShellFamily {
  /// A citation with its placeholders described across versions (for the catalogue).
  func citationOverview(_ citation: String) -> String {
    var text = citation
    for (key, value) in citationSummaries.sorted(by: { $0.key < $1.key }) {
      text = text.replacingFirst("{\(key)}", with: value)
    }
    return text
  }
}

extension String {
  func replacingFirst(_ target: String, with replacement: String) -> String {
    replacing(target, with: replacement, maxReplacements: 1)
  }
}
