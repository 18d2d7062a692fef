import HangupModel

/// Which modelled shell a running executable is, from its name and its version line.
public enum ShellIdentification {
  /// The shell family an executable's basename (and argv[0], for busybox) names, if hupsim
  /// models it.
  public static func family(executable name: String, argv0: String?) -> ShellFamily? {
    let base = name.hasSuffix(" (deleted)") ? String(name.dropLast(" (deleted)".count)) : name
    let familyName: String?
    switch base {
    case "bash", "rbash": familyName = "bash"
    case "zsh": familyName = "zsh"
    case "ksh93", "ksh": familyName = "ksh93"
    case "mksh", "mksh-static", "lksh": familyName = "mksh"
    case "dash": familyName = "dash"
    case "fish": familyName = "fish"
    case "tcsh", "csh": familyName = "tcsh"
    case "busybox":
      // busybox is a shell only when it runs as one.
      let applet = (argv0 ?? "").split(separator: "/").last.map(String.init) ?? ""
      let bare = applet.hasPrefix("-") ? String(applet.dropFirst()) : applet
      familyName = ["sh", "ash", "hush"].contains(bare) ? "busybox-ash" : nil
    default:
      familyName = nil
    }
    return familyName.flatMap(ShellRegistry.family(named:))
  }

  /// Interactive shells hupsim does not model; a session one of them leads is checked as
  /// bash 5.2's, and the check says so.
  public static let unmodelledShells: Set<String> = [
    "sh", "xonsh", "elvish", "nu", "ion", "osh", "ysh", "yash", "pwsh", "rc",
    "es", "posh", "oksh", "loksh", "scsh",
  ]

  /// Whether the shell was started as an interactive login shell: argv[0] starts with `-`
  /// (what login, sshd and su - do) or it was given `-l`/`--login`.
  public static func isLogin(arguments: [String]) -> Bool {
    guard let first = arguments.first else { return false }
    if first.hasPrefix("-") { return true }
    return arguments.dropFirst().prefix(while: { $0.hasPrefix("-") }).contains { arg in
      arg == "--login" || arg == "-l"
        || (arg.hasPrefix("-") && !arg.hasPrefix("--") && arg.contains("l") && arg.count <= 4)
    }
  }

  /// Whether the shell runs a command string (`sh -c …`), i.e. is not an interactive shell.
  public static func runsCommandString(arguments: [String]) -> Bool {
    arguments.dropFirst().prefix(while: { $0.hasPrefix("-") || $0.hasPrefix("+") }).contains { arg in
      arg == "-c" || (arg.hasPrefix("-") && !arg.hasPrefix("--") && arg.dropFirst().contains("c"))
    }
  }

  /// The numeric parts and a trailing letter of the first version-looking token in a
  /// version line: `GNU bash, version 5.2.15(1)` → ([5, 2, 15], nil); `2.05b.0` →
  /// ([2, 5], "b"); `93u+m/1.0.4` → ([1, 0, 4], nil); `MIRBSD KSH R59` → ([59], nil).
  public static func versionParts(_ line: String) -> (numbers: [Int], suffix: Character?)? {
    let chars = Array(line)
    var i = 0
    while i < chars.count {
      guard chars[i].isASCII, chars[i].isNumber else {
        i += 1
        continue
      }
      var j = i
      var numbers: [Int] = []
      var current = ""
      while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." {
        if chars[j] == "." {
          if let n = Int(current) { numbers.append(n) }
          current = ""
        } else {
          current.append(chars[j])
        }
        j += 1
      }
      if let n = Int(current) { numbers.append(n) }
      let suffix: Character? =
        j < chars.count && chars[j].isASCII && chars[j].isLowercase
          && (j + 1 == chars.count || !chars[j + 1].isLetter) ? chars[j] : nil
      if chars[i..<j].contains(".") && numbers.count >= 2 { return (numbers, suffix) }
      // mksh writes "R59": an undotted release after an R.
      if i > 0 && chars[i - 1] == "R" && !numbers.isEmpty { return (numbers, suffix) }
      i = j + 1
    }
    return nil
  }

  /// The modelled release of `family` for a version line: the one it names, else the
  /// newest modelled release older than it, else the oldest.
  public static func version(of family: ShellFamily, line: String?) -> (ShellVersion, VersionMatch) {
    let fallback = family.versions.first { $0.id == family.defaultVersion } ?? family.versions[0]
    guard let line, let observed = versionParts(line) else { return (fallback, .familyDefault) }
    var candidates: [(ShellVersion, [Int], Character?)] = []
    for v in family.versions {
      guard let parts = versionParts(v.version) ?? versionParts("R" + v.version) else { continue }
      candidates.append((v, parts.numbers, parts.suffix))
    }
    // Debian's mksh R59c says only "R59": a missing letter matches any.
    for (v, numbers, suffix) in candidates
    where Array(observed.numbers.prefix(numbers.count)) == numbers
      && (suffix == observed.suffix || observed.suffix == nil)
    {
      return (v, .exact)
    }
    func less(_ a: [Int], _ b: [Int]) -> Bool {
      for (x, y) in zip(a, b) where x != y { return x < y }
      return a.count < b.count
    }
    let older = candidates.filter { less($0.1, observed.numbers) }
    if let nearest = older.last { return (nearest.0, .nearest) }
    return (candidates.first?.0 ?? fallback, .nearest)
  }
}
