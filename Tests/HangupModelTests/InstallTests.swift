import Foundation
import HupsimCommand
import Testing

/// scripts/install.sh into a temporary prefix: every file where the system looks, a binary
/// that needs no Swift runtime, the man page through MANPATH and through PATH, each shell
/// loading its completion from the installed place, `record` finding its probe, and
/// --uninstall leaving the prefix as it was. It builds a release binary (minutes), so it
/// runs only when HUPSIM_INSTALL_TEST=1; .ci/run sets it.
@Suite(
  "Install", .serialized,
  .enabled(
    if: ProcessInfo.processInfo.environment["HUPSIM_INSTALL_TEST"] == "1",
    "set HUPSIM_INSTALL_TEST=1 (builds a release binary)"))
struct InstallTests {
  static let script = TestSupport.repository + "/scripts/install.sh"

  static let files: [(String, Int)] = [
    ("bin/hupsim", 0o755), ("libexec/hupsim/hupsim-probe", 0o755), ("share/man/man1/hupsim.1", 0o644),
    ("share/bash-completion/completions/hupsim", 0o644), ("share/zsh/site-functions/_hupsim", 0o644),
    ("share/fish/vendor_completions.d/hupsim.fish", 0o644), ("share/hupsim/install-manifest", 0o644),
  ]

  /// Every path under `dir`, with a file's size: what "as it was" compares.
  static func snapshot(_ dir: String) -> [String] {
    let fm = FileManager.default
    return (fm.subpaths(atPath: dir) ?? []).sorted().map { path in
      let attributes = try? fm.attributesOfItem(atPath: dir + "/" + path)
      if attributes?[.type] as? FileAttributeType == .typeDirectory { return path + "/" }
      return "\(path) \((attributes?[.size] as? Int) ?? -1)"
    }
  }

  static func run(_ args: [String], timeout: TimeInterval = 1_800) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let r = try TestSupport.spawnBounded("/usr/bin/bash", [script] + args, timeout: timeout)
    #expect(!r.timedOut, "install.sh \(args) timed out")
    return (r.status, String(decoding: r.stdout, as: UTF8.self), r.stderr)
  }

  @Test("install, reinstall, use from the installed places, uninstall: the prefix is as it was")
  func installAndUninstall() throws {
    let fm = FileManager.default
    let prefix = try TestSupport.temporaryDirectory("prefix")
    defer { try? fm.removeItem(atPath: prefix) }
    // A prefix in use: some of the directories already hold other things.
    try fm.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: prefix + "/share/man/man1", withIntermediateDirectories: true)
    try "other".write(toFile: prefix + "/bin/other-tool", atomically: true, encoding: .utf8)
    try "other".write(toFile: prefix + "/share/man/man1/other.1", atomically: true, encoding: .utf8)
    let before = InstallTests.snapshot(prefix)

    let first = try InstallTests.run(["--prefix", prefix])
    #expect(first.status == 0, "\(first.stderr.suffix(2_000))")
    for (path, mode) in InstallTests.files {
      let attributes = try fm.attributesOfItem(atPath: prefix + "/" + path)
      #expect((attributes[.posixPermissions] as? Int) == mode, "\(path)")
      #expect(first.stdout.contains(prefix + "/" + path), "install.sh names \(path)")
    }
    #expect(first.stdout.contains("fpath=(\(prefix)/share/zsh/site-functions"), "says how to enable zsh completion")
    #expect(first.stdout.contains("--uninstall"))

    // The binary: the release and the commit, no Swift runtime library needed.
    let binary = prefix + "/bin/hupsim"
    let version = try TestSupport.spawnBounded(
      binary, ["--version"], environment: ["PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": ""])
    let line = String(decoding: version.stdout, as: UTF8.self)
    #expect(
      line.range(of: #"^hupsim \d+\.\d+\.\d+ \(commit [0-9a-f]{12}(-dirty)?\)\n$"#, options: .regularExpression) != nil,
      "\(line)")
    let ldd = try TestSupport.spawn("/usr/bin/ldd", [binary])
    #expect(!ldd.stdout.contains("libswift") && !ldd.stdout.contains("not found"), "\(ldd.stdout)")
    // What it installed is what the binary prints.
    for (path, args) in [
      ("share/man/man1/hupsim.1", ["man"]), ("share/zsh/site-functions/_hupsim", ["completions", "zsh"]),
    ] {
      let made = try TestSupport.spawn(binary, args).stdout
      #expect(try String(contentsOfFile: prefix + "/" + path, encoding: .utf8) == made, "\(path)")
    }

    // man finds the page through MANPATH, and through PATH (man-db maps PREFIX/bin to PREFIX/share/man).
    if fm.isExecutableFile(atPath: "/usr/bin/man") {
      let viaManpath = try TestSupport.spawnBounded(
        "/usr/bin/man", ["-w", "hupsim"], environment: ["MANPATH": prefix + "/share/man", "PATH": "/usr/bin:/bin"])
      #expect(
        String(decoding: viaManpath.stdout, as: UTF8.self) == prefix + "/share/man/man1/hupsim.1\n",
        "\(viaManpath.stderr)")
      let viaPath = try TestSupport.spawnBounded(
        "/usr/bin/man", ["-w", "hupsim"], environment: ["PATH": prefix + "/bin:/usr/bin:/bin"])
      #expect(
        String(decoding: viaPath.stdout, as: UTF8.self) == prefix + "/share/man/man1/hupsim.1\n", "\(viaPath.stderr)")
      let page = try TestSupport.spawnBounded(
        "/usr/bin/man", ["hupsim"],
        environment: [
          "MANPATH": prefix + "/share/man", "PATH": "/usr/bin:/bin", "MANWIDTH": "80", "MANPAGER": "cat",
          "PAGER": "cat",
        ])
      let text = String(decoding: page.stdout, as: UTF8.self)
      #expect(page.status == 0 && text.contains("HUPSIM(1)") && text.contains("EXIT STATUS"), "\(page.stderr)")
    }

    try checkCompletions(prefix)

    // record finds its probe in PREFIX/libexec/hupsim.
    if fm.isExecutableFile(atPath: "/bin/bash") {
      let dir = try TestSupport.temporaryDirectory("record")
      defer { try? fm.removeItem(atPath: dir) }
      let record = try TestSupport.spawnBounded(binary, ["record", "--exit", "exit"], timeout: 120, directory: dir)
      #expect(record.status == 0, "\(record.stderr)")
      #expect(String(decoding: record.stdout, as: UTF8.self).contains("The model agrees with the recording."))
    }

    // Installing again over its own files is an upgrade; the manifest stays exact.
    let second = try InstallTests.run(["--prefix", prefix])
    #expect(second.status == 0, "\(second.stderr.suffix(2_000))")

    let uninstall = try InstallTests.run(["--prefix", prefix, "--uninstall"])
    #expect(uninstall.status == 0, "\(uninstall.stderr)")
    #expect(InstallTests.snapshot(prefix) == before, "the prefix is as it was")
    #expect(try InstallTests.run(["--prefix", prefix, "--uninstall"]).status == 1, "nothing left to uninstall")
  }

  func checkCompletions(_ prefix: String) throws {
    let fm = FileManager.default
    let dir = try CompletionTests.workspace()
    defer { try? fm.removeItem(atPath: dir) }
    let path = prefix + "/bin:/usr/bin:/bin"
    let lang = CompletionTests.Case(line: "hupsim explain --lang ", offers: ["en", "ja", "zh"], exactly: true)
    // bash: the installed file sourced, as install.sh says; and the bash-completion package
    // loading it on demand with PREFIX/share on XDG_DATA_DIRS.
    if fm.isExecutableFile(atPath: "/usr/bin/bash") {
      var loads = ["source \(prefix)/share/bash-completion/completions/hupsim"]
      let loader = "/usr/share/bash-completion/bash_completion"
      if fm.fileExists(atPath: loader) { loads.append("source \(loader); __load_completion hupsim") }
      for load in loads {
        let r = try TestSupport.spawnBounded(
          "/usr/bin/bash", ["--norc", "--noprofile", "-c", load + " && complete -p hupsim"],
          environment: ["PATH": path, "HOME": dir, "XDG_DATA_DIRS": prefix + "/share:/usr/share"],
          directory: dir)
        #expect(String(decoding: r.stdout, as: UTF8.self) == "complete -F _hupsim hupsim\n", "\(load): \(r.stderr)")
      }
      CompletionTests.check(
        try CompletionTests.bash(prefix + "/share/bash-completion/completions/hupsim", lang.line, in: dir), lang,
        shell: "bash (installed)")
    }
    // zsh: the installed directory on $fpath, as install.sh tells.
    if fm.isExecutableFile(atPath: "/usr/bin/zsh") {
      CompletionTests.check(
        try CompletionTests.zsh(mode: "fpath", prefix + "/share/zsh/site-functions", lang.line, in: dir), lang,
        shell: "zsh (installed)")
    }
    // fish: vendor_completions.d under a directory of XDG_DATA_DIRS, loaded on demand.
    if fm.isExecutableFile(atPath: "/usr/bin/fish") {
      try fm.createDirectory(atPath: dir + "/home", withIntermediateDirectories: true)
      let r = try TestSupport.spawnBounded(
        "/usr/bin/fish", ["-c", "complete -C " + CompletionTests.fishQuote(lang.line)],
        environment: [
          "PATH": path, "HOME": dir + "/home", "XDG_CONFIG_HOME": dir + "/home/.config",
          "XDG_DATA_HOME": dir + "/home/.local/share", "XDG_DATA_DIRS": prefix + "/share:/usr/share",
        ],
        directory: dir)
      let offered = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map {
        String($0.split(separator: "\t").first ?? "")
      }
      CompletionTests.check(offered, lang, shell: "fish (installed)")
    }
  }

  @Test("install.sh never overwrites a file it did not install", .timeLimit(.minutes(1)))
  func refusesForeignFiles() throws {
    let prefix = try TestSupport.temporaryDirectory("foreign")
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
    try "#!/bin/sh\necho someone else's\n".write(toFile: prefix + "/bin/hupsim", atomically: true, encoding: .utf8)
    let r = try InstallTests.run(["--prefix", prefix], timeout: 60)
    #expect(r.status == 73)
    #expect(r.stderr.contains("\(prefix)/bin/hupsim exists and was not installed by this script"))
    #expect(try String(contentsOfFile: prefix + "/bin/hupsim", encoding: .utf8) == "#!/bin/sh\necho someone else's\n")
    #expect(InstallTests.snapshot(prefix) == ["bin/", "bin/hupsim 30"], "nothing else was written")
  }
}
