import Foundation
import HupsimCommand
import Testing

/// The completion scripts, driven in the real shells: bash (the function called with the
/// words bash would give it), zsh (an interactive zsh on a pseudo-terminal, completing with
/// TAB through compinit, the script loaded from $fpath and by `source <(...)`) and fish
/// (`complete -C`).
@Suite("Completions in real shells")
struct CompletionTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var line: String
    /// Each must be offered (a word ending so: bash and fish offer `state,launch`, zsh `launch`).
    var offers: [String]
    /// None of these may be offered.
    var not: [String] = []
    /// The offers must be exactly `offers` (in any order).
    var exactly = false
    var testDescription: String { "'\(line)'" }
  }

  static let commands = [
    "simulate", "check", "explain", "advise", "table", "record", "verify", "rules", "man", "completions", "help",
  ]

  static let cases: [Case] = [
    Case(line: "hupsim ", offers: commands, exactly: true),
    Case(
      line: "hupsim -", offers: ["--state", "--exit", "--format", "--version", "--help"], not: ["--lang", "--preset"]),
    Case(line: "hupsim explain --la", offers: ["--lang", "--launch"], exactly: true),
    Case(line: "hupsim explain --lang ", offers: ["en", "ja", "zh"], exactly: true),
    Case(line: "hupsim explain --format ", offers: ["text", "markdown", "json", "mermaid", "svg"], exactly: true),
    Case(line: "hupsim --format ", offers: ["text", "json", "mermaid", "svg"], exactly: true),
    Case(line: "hupsim advise --format ", offers: ["text", "markdown", "json"], exactly: true),
    Case(line: "hupsim table --format ", offers: ["text", "markdown", "csv", "json", "html"], exactly: true),
    Case(line: "hupsim rules --format ", offers: ["text", "json"], exactly: true),
    Case(line: "hupsim record --format ", offers: ["text", "json"], exactly: true),
    Case(line: "hupsim table --format=c", offers: ["csv"]),
    Case(line: "hupsim table --co", offers: ["--compare", "--cols", "--color"], exactly: true),
    Case(
      line: "hupsim table --preset ", offers: ["seed001", "seed002", "seed003", "seed004", "shells"], exactly: true),
    Case(line: "hupsim table --rows ", offers: ["shell", "os", "state", "launch", "exit"]),
    Case(line: "hupsim table --rows state,la", offers: ["launch"]),
    Case(line: "hupsim table --cols lo", offers: ["login"], not: ["logout", "--login"]),
    Case(line: "hupsim --handles ", offers: ["HUP", "TERM", "CONT"]),
    Case(line: "hupsim --handles HUP,CO", offers: ["CONT"]),
    Case(line: "hupsim explain --ignores T", offers: ["TERM", "TSTP", "TTIN", "TTOU", "TRAP"]),
    Case(line: "hupsim --shell ", offers: ["bash", "bash-5.2", "zsh", "dash", "busybox-ash"]),
    Case(line: "hupsim advise --shell-option ", offers: ["hup", "no_hup", "huponexit", "nohup"]),
    Case(line: "hupsim --exit ", offers: ["exit", "logout", "eof", "hangup", "kill-hup"], exactly: true),
    Case(line: "hupsim --scenario sce", offers: ["scenario.json"]),
    Case(line: "hupsim verify Fix", offers: ["Fixtures"]),
    Case(line: "hupsim record --shell-path sce", offers: ["scenario.json"]),
    Case(line: "hupsim help ", offers: commands, exactly: true),
    Case(line: "hupsim completions ", offers: ["bash", "zsh", "fish"], exactly: true),
    Case(line: "hupsim record --re", offers: ["--repeat"], not: ["--rows", "--reads=", "--repeat="]),
  ]

  /// A folder with a trace folder and a scenario file, for path completion.
  static func workspace() throws -> String {
    let dir = try TestSupport.temporaryDirectory("completion")
    try FileManager.default.createDirectory(atPath: dir + "/Fixtures", withIntermediateDirectories: true)
    try "{\"jobs\": [{}]}".write(toFile: dir + "/scenario.json", atomically: true, encoding: .utf8)
    return dir
  }

  static func check(_ offered: [String], _ c: Case, shell: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for word in c.offers {
      #expect(
        offered.contains { $0 == word || $0.hasSuffix("," + word) || $0.hasSuffix("=" + word) || $0 == word + "/" },
        "\(shell) '\(c.line)' should offer \(word); offered \(offered)", sourceLocation: sourceLocation)
    }
    for word in c.not {
      #expect(!offered.contains(word), "\(shell) '\(c.line)' offered \(word)", sourceLocation: sourceLocation)
    }
    if c.exactly {
      #expect(
        offered.count == c.offers.count, "\(shell) '\(c.line)' offered \(offered)", sourceLocation: sourceLocation)
    }
  }

  // MARK: - bash

  /// Sources the script, splits the line as bash's completion does (words, and `=` on its
  /// own), calls the function `complete -p hupsim` names and prints COMPREPLY.
  static let bashHarness = #"""
    source "$1" || exit 2
    line=$2
    spec=$(complete -p hupsim) || exit 3
    fn=${spec#*-F }; fn=${fn%% *}
    read -ra COMP_WORDS <<< "$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    words=()
    for w in "${COMP_WORDS[@]}"; do
      if [[ $w == --*=* ]]; then words+=("${w%%=*}" "=" "${w#*=}"); else words+=("$w"); fi
    done
    COMP_WORDS=("${words[@]}")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE=$line
    COMP_POINT=${#line}
    "$fn" hupsim "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\n' "${COMPREPLY[@]}"
    """#

  static func bash(_ script: String, _ line: String, in dir: String) throws -> [String] {
    try "\(bashHarness)\n".write(toFile: dir + "/harness.bash", atomically: true, encoding: .utf8)
    let r = try TestSupport.spawnBounded(
      "/usr/bin/bash", ["--norc", "--noprofile", dir + "/harness.bash", script, line],
      timeout: 30, directory: dir)
    #expect(r.status == 0 && r.stderr.isEmpty, "bash: \(r.stderr)")
    return String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  @Test(
    "bash completes each command's own options and values",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/bash")),
    arguments: cases)
  func bash(c: Case) throws {
    let dir = try CompletionTests.workspace()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try TestSupport.hupsim("completions", "bash").stdout.write(
      toFile: dir + "/hupsim.bash", atomically: true, encoding: .utf8)
    CompletionTests.check(try CompletionTests.bash(dir + "/hupsim.bash", c.line, in: dir), c, shell: "bash")
  }

  // MARK: - zsh

  /// Starts an interactive zsh on a pseudo-terminal (zpty), loads compinit with the
  /// script either from $fpath (installed as `_hupsim`) or by `source`, wraps compadd to
  /// print every match it is given, types the line and TAB, and prints what was offered.
  static let zshHarness = #"""
    zmodload zsh/zpty || exit 2
    mode=$1 where=$2 line=$3
    zpty z zsh -f -i
    zpty -w z "PS1='' RPS1='' PROMPT_EOL_MARK=''; cd ${(q)PWD}"
    if [[ $mode == fpath ]]; then
      zpty -w z "fpath=(${(q)where} \$fpath); autoload -Uz compinit; compinit -u -D"
    else
      zpty -w z "autoload -Uz compinit; compinit -u -D; source ${(q)where}"
    fi
    zpty -w z 'compadd () {
      if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
      typeset -a __hits
      builtin compadd -A __hits "$@"
      local h; for h in $__hits; do print -r -- "<HI""T>$h"; done
      builtin compadd "$@"
    }'
    zpty -w z '__done () { print -r -- "<EN""D>"; exit }'
    zpty -w z 'comppostfuncs=(__done)'
    zpty -w z "bindkey '^I' complete-word"
    zpty -w z "$line"$'\t'
    out=""
    integer n=0
    while (( n++ < 600 )); do
      if zpty -r -t z chunk; then out+=$chunk; [[ $out == *"<END>"* ]] && break; else sleep 0.05; fi
    done
    zpty -d z
    [[ $out == *"<END>"* ]] || { print -u2 "zsh did not finish completing: ${out[-300,-1]}"; exit 3 }
    out=${out//$'\r'/}
    while [[ $out == *"<HIT>"* ]]; do
      out=${out#*<HIT>}
      print -r -- ${out%%$'\n'*}
    done
    """#

  static func zsh(mode: String, _ location: String, _ line: String, in dir: String) throws -> [String] {
    try "\(zshHarness)\n".write(toFile: dir + "/harness.zsh", atomically: true, encoding: .utf8)
    let r = try TestSupport.spawnBounded(
      "/usr/bin/zsh", ["-f", dir + "/harness.zsh", mode, location, line], timeout: 60, directory: dir)
    #expect(r.status == 0 && r.stderr.isEmpty, "zsh: \(r.stderr)")
    return String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  @Test(
    "zsh completes each command's own options and values, from $fpath",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh")), arguments: cases)
  func zsh(c: Case) throws {
    let dir = try CompletionTests.workspace()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/functions", withIntermediateDirectories: true)
    try TestSupport.hupsim("completions", "zsh").stdout.write(
      toFile: dir + "/functions/_hupsim", atomically: true, encoding: .utf8)
    CompletionTests.check(try CompletionTests.zsh(mode: "fpath", dir + "/functions", c.line, in: dir), c, shell: "zsh")
  }

  @Test(
    "zsh: `source <(hupsim completions zsh)` after compinit registers the completion and works",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh")))
  func zshSourced() throws {
    let dir = try CompletionTests.workspace()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try TestSupport.hupsim("completions", "zsh").stdout.write(
      toFile: dir + "/hupsim.zsh", atomically: true, encoding: .utf8)
    for c in CompletionTests.cases where ["hupsim explain --lang ", "hupsim table --format "].contains(c.line) {
      CompletionTests.check(
        try CompletionTests.zsh(mode: "source", dir + "/hupsim.zsh", c.line, in: dir), c, shell: "zsh (sourced)")
    }
    // Literally `source <(hupsim completions zsh)`, with the built binary.
    let script = """
      autoload -Uz compinit; compinit -u -D
      source <(\(TestSupport.hupsimBinary) completions zsh) 2>&1
      print -r -- "registered: ${_comps[hupsim]}"
      """
    let r = try TestSupport.spawnBounded("/usr/bin/zsh", ["-f", "-c", script], timeout: 30, directory: dir)
    #expect(String(decoding: r.stdout, as: UTF8.self) == "registered: _hupsim\n", "\(r.stderr)")
  }

  // MARK: - fish

  static func fish(_ script: String?, _ line: String, in dir: String, environment: [String: String]? = nil) throws
    -> [String]
  {
    let load = script.map { "source \(CompletionTests.fishQuote($0)); " } ?? ""
    let r = try TestSupport.spawnBounded(
      "/usr/bin/fish", ["--no-config", "-c", load + "complete -C " + CompletionTests.fishQuote(line)],
      timeout: 30, environment: environment, directory: dir)
    #expect(r.status == 0 && r.stderr.isEmpty, "fish: \(r.stderr)")
    return String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map {
      String($0.split(separator: "\t").first ?? "")
    }
  }

  static func fishQuote(_ s: String) -> String {
    "'" + s.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
  }

  @Test(
    "fish completes each command's own options and values",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish")),
    arguments: cases)
  func fish(c: Case) throws {
    let dir = try CompletionTests.workspace()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try TestSupport.hupsim("completions", "fish").stdout.write(
      toFile: dir + "/hupsim.fish", atomically: true, encoding: .utf8)
    CompletionTests.check(try CompletionTests.fish(dir + "/hupsim.fish", c.line, in: dir), c, shell: "fish")
  }
}
