import CHupsimBuildInfo
import HangupJSON
import HangupModel
import HangupReport

/// The hupsim command line. `main.swift` only forwards `CommandLine.arguments` here
/// and writes the result out.
public enum Hupsim {
  /// The release.
  public static let version = "0.2.0"

  /// The commit this binary was built from, when the build was told (scripts/install.sh).
  public static var commit: String? { CHupsimBuildInfo_commit().map { String(cString: $0) } }

  /// `hupsim 0.2.0 (commit 1caebee)`, or `(commit unknown)` for a plain `swift build`.
  public static var versionLine: String { "hupsim \(version) (commit \(commit ?? "unknown"))" }

  public static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    var args = arguments
    guard let first = args.first else { return SimulateCommand.run([], environment: environment) }
    switch first {
    case "--help", "-h":
      return CommandResult(stdout: CLISpec.mainHelp)
    case "help":
      guard args.count > 1 else { return CommandResult(stdout: CLISpec.mainHelp) }
      guard args.count == 2 else { return .usage("help takes one command; valid: \(CLISpec.commandNames)") }
      if args[1] == "--help" || args[1] == "-h" { return CommandResult(stdout: CLISpec.help(CLISpec.command("help")!)) }
      guard let spec = CLISpec.command(args[1]) else {
        return .usage("unknown command \(quoted(args[1])) for help; valid: \(CLISpec.commandNames)")
      }
      return CommandResult(stdout: CLISpec.help(spec))
    case "--version", "-V":
      guard args.count == 1 else { return .usage("\(first) takes no other arguments") }
      return CommandResult(stdout: versionLine + "\n")
    case "simulate":
      args.removeFirst()
      return SimulateCommand.run(args, environment: environment)
    case "check": return CheckCommand.run(Array(args.dropFirst()), environment: environment)
    case "rules": return RulesCommand.run(Array(args.dropFirst()))
    case "verify": return VerifyCommand.run(Array(args.dropFirst()), environment: environment)
    case "record": return RecordCommand.run(Array(args.dropFirst()), environment: environment)
    case "explain": return ExplainCommand.run(Array(args.dropFirst()), environment: environment)
    case "advise": return AdviseCommand.run(Array(args.dropFirst()), environment: environment)
    case "table": return TableCommand.run(Array(args.dropFirst()), environment: environment)
    case "man":
      if args.count == 2 && (args[1] == "--help" || args[1] == "-h") {
        return CommandResult(stdout: CLISpec.help(CLISpec.command("man")!))
      }
      return args.count == 1 ? CommandResult(stdout: ManPage.generate()) : .usage("man takes no arguments")
    case "completions": return CompletionsCommand.run(Array(args.dropFirst()))
    default:
      if !first.hasPrefix("-") {
        return .usage(
          "unknown command \(quoted(first)); valid: \(CLISpec.commandNames), or options such as --state (see 'hupsim --help')"
        )
      }
      return SimulateCommand.run(args, environment: environment)
    }
  }
}

/// Parses scenario options plus a command's own options, the same way for every command.
struct OptionParser {
  var scenario = ScenarioOptions()
  var own: [String: String] = [:]

  /// `ownValued`: the command's options that take a value; `ownFlags`: those that do not.
  static func parse(
    _ arguments: [String], command: String, ownValued: [String], ownFlags: [String] = [],
    scenarioAllowed: Bool = true
  ) throws(UsageError) -> OptionParser {
    var parser = OptionParser()
    var cursor = ArgumentCursor(arguments)
    while let (name, inline) = cursor.nextOption() {
      if ownValued.contains(name) {
        let spec = CLISpec.command(command)?.options.first(where: { $0.names.contains(name) })
        let expecting =
          spec.map { $0.choices.isEmpty ? ($0.value ?? "a value") : $0.choices.joined(separator: ", ") } ?? "a value"
        let value = try cursor.value(for: name, inline: inline, expecting: expecting)
        if let earlier = parser.own[name] {
          throw UsageError("\(name) is given twice (\(quoted(earlier)) and \(quoted(value))); give it once")
        }
        parser.own[name] = value
        continue
      }
      if ownFlags.contains(name) {
        try ArgumentCursor.noValue(name, inline)
        parser.own[name] = ""
        continue
      }
      if scenarioAllowed, try parser.scenario.parse(name, inline: inline, cursor: &cursor) { continue }
      if command == "simulate" && name == "--lang" {
        throw UsageError(
          "the simulate timeline is in English; --lang goes with explain, advise and table, e.g. hupsim explain --lang ja (pictures included: --format svg)"
        )
      }
      throw UsageError(
        unknownOption(
          name, valid: (scenarioAllowed ? ScenarioOptions.flagNames : []) + ownValued + ownFlags + ["--help"]))
    }
    return parser
  }

  func language() throws(UsageError) -> Language {
    try own["--lang"].map { text throws(UsageError) in try choice(text, for: "--lang", as: Language.self) } ?? .en
  }
}

func unknownOption(_ name: String, valid: [String]) -> String {
  if !name.hasPrefix("-") {
    return "unexpected argument \(quoted(name)); options start with --, valid: \(valid.joined(separator: ", "))"
  }
  return "unknown option \(quoted(name)); valid: \(valid.joined(separator: ", "))"
}

/// `hupsim [simulate] [scenario flags] [--format text|json|mermaid|svg]`.
enum SimulateCommand {
  enum Format: String, CaseIterable { case text, json, mermaid, svg }

  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    if arguments.contains("--help") || arguments.contains("-h") { return CommandResult(stdout: CLISpec.mainHelp) }
    do throws(UsageError) {
      let parsed = try OptionParser.parse(arguments, command: "simulate", ownValued: ["--format"])
      let format =
        try parsed.own["--format"].map { text throws(UsageError) in try choice(text, for: "--format", as: Format.self) }
        ?? .text
      let outcome = try simulate(try parsed.scenario.scenario(environment: environment))
      switch format {
      case .text: return CommandResult(stdout: TextReport.render(outcome))
      case .json: return CommandResult(stdout: OutcomeJSON.document(outcome).rendered() + "\n")
      case .mermaid: return CommandResult(stdout: SequenceDiagram(outcome).mermaid())
      case .svg: return CommandResult(stdout: SequenceDiagram(outcome).svg())
      }
    } catch {
      return .usage(error.message)
    }
  }

  static func simulate(_ scenario: Scenario) throws(UsageError) -> Outcome {
    do {
      return try Simulator.run(scenario)
    } catch {
      throw UsageError(error.message)
    }
  }
}

/// `hupsim explain [scenario flags] [--lang] [--format]`.
enum ExplainCommand {
  enum Format: String, CaseIterable { case text, markdown, json, mermaid, svg }

  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    if arguments.contains("--help") || arguments.contains("-h") {
      return CommandResult(stdout: CLISpec.help(CLISpec.command("explain")!))
    }
    do throws(UsageError) {
      let parsed = try OptionParser.parse(arguments, command: "explain", ownValued: ["--format", "--lang"])
      let format =
        try parsed.own["--format"].map { text throws(UsageError) in try choice(text, for: "--format", as: Format.self) }
        ?? .text
      let outcome = try SimulateCommand.simulate(try parsed.scenario.scenario(environment: environment))
      let language = try parsed.language()
      switch format {
      case .text: return CommandResult(stdout: Explanation(outcome, language: language).text())
      case .markdown: return CommandResult(stdout: Explanation(outcome, language: language).markdown())
      case .json: return CommandResult(stdout: Explanation(outcome, language: language).json().rendered() + "\n")
      case .mermaid: return CommandResult(stdout: SequenceDiagram(outcome, language: language).mermaid())
      case .svg: return CommandResult(stdout: SequenceDiagram(outcome, language: language).svg())
      }
    } catch {
      return .usage(error.message)
    }
  }
}

/// `hupsim advise [scenario flags] [--lang] [--format]`.
enum AdviseCommand {
  enum Format: String, CaseIterable { case text, markdown, json }

  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    if arguments.contains("--help") || arguments.contains("-h") {
      return CommandResult(stdout: CLISpec.help(CLISpec.command("advise")!))
    }
    do throws(UsageError) {
      let parsed = try OptionParser.parse(arguments, command: "advise", ownValued: ["--format", "--lang"])
      let format =
        try parsed.own["--format"].map { text throws(UsageError) in try choice(text, for: "--format", as: Format.self) }
        ?? .text
      let lang = try parsed.language()
      let scenario = try parsed.scenario.scenario(environment: environment)
      let advice: Advisor.Advice
      do {
        advice = try Advisor.advise(scenario)
      } catch {
        throw UsageError(error.message)
      }
      switch format {
      case .text: return CommandResult(stdout: AdviceReport.text(advice, lang: lang))
      case .markdown: return CommandResult(stdout: AdviceReport.markdown(advice, lang: lang))
      case .json: return CommandResult(stdout: AdviceReport.json(advice, lang: lang).rendered() + "\n")
      }
    } catch {
      return .usage(error.message)
    }
  }
}

/// `hupsim table --preset ... | --compare ... | --rows ... --cols ...`.
enum TableCommand {
  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    if arguments.contains("--help") || arguments.contains("-h") {
      return CommandResult(stdout: CLISpec.help(CLISpec.command("table")!))
    }
    do throws(UsageError) {
      let parsed = try OptionParser.parse(
        arguments, command: "table",
        ownValued: ["--preset", "--compare", "--rows", "--cols", "--format", "--lang", "--color"])
      let lang = try parsed.language()
      let format =
        try parsed.own["--format"].map { text throws(UsageError) in
          try choice(text, for: "--format", as: TableFormat.self)
        } ?? .text
      let colourWhen = parsed.own["--color"] ?? "auto"
      guard ["auto", "always", "never"].contains(colourWhen) else {
        throw UsageError("unknown value \(quoted(colourWhen)) for --color; valid: auto, always, never")
      }
      let colour = format == .text && (colourWhen == "always" || (colourWhen == "auto" && environment.stdoutIsTerminal))
      let modes = [
        parsed.own["--preset"] != nil, parsed.own["--compare"] != nil,
        parsed.own["--rows"] != nil || parsed.own["--cols"] != nil,
      ].filter { $0 }.count
      guard modes == 1 else {
        throw UsageError(
          "give exactly one of --preset (\(TablePreset.allCases.map(\.rawValue).joined(separator: ", "))), --compare (shells, kernels), or --rows with --cols"
        )
      }
      var tables: [TeachingTable]
      if let name = parsed.own["--preset"] {
        let preset = try choice(name, for: "--preset", as: TablePreset.self)
        if parsed.scenario.hasJobFlags || parsed.scenario.end != nil || parsed.scenario.scenarioFile != nil {
          throw UsageError("--preset \(name) builds its own scenarios; only --shell and --os apply to it")
        }
        tables = Tables.preset(preset, shell: parsed.scenario.shell, os: parsed.scenario.os, lang: lang)
      } else if let what = parsed.own["--compare"] {
        let scenario = try parsed.scenario.scenario(environment: environment)
        switch what {
        case "shells": tables = [Tables.compareShells(scenario, lang: lang)]
        case "kernels": tables = [Tables.compareKernels(scenario, lang: lang)]
        default: throw UsageError("unknown value \(quoted(what)) for --compare; valid: shells, kernels")
        }
      } else {
        guard let rowsText = parsed.own["--rows"], let colsText = parsed.own["--cols"] else {
          throw UsageError("--rows and --cols go together: give both, e.g. --rows state,launch --cols exit")
        }
        let rows = try dimensions(rowsText, option: "--rows")
        let cols = try dimensions(colsText, option: "--cols")
        if let both = rows.first(where: cols.contains) {
          throw UsageError("\(both.rawValue) is on both --rows and --cols; a dimension can be on one side only")
        }
        var base = Scenario()
        if parsed.scenario.scenarioFile != nil || parsed.scenario.hasJobFlags || parsed.scenario.end != nil
          || parsed.scenario.shell != nil || parsed.scenario.os != nil
        {
          base = try parsed.scenario.scenario(environment: environment)
        }
        let cells = rows.reduce(1) { $0 * $1.values.count } * cols.reduce(1) { $0 * $1.values.count }
        guard cells <= 5000 else {
          throw UsageError("that table would have \(cells) cells; choose fewer dimensions (at most 5000 cells)")
        }
        tables = [Tables.generic(base, rows: rows, columns: cols, lang: lang)]
      }
      return CommandResult(stdout: TableRender.render(tables, format: format, lang: lang, colour: colour))
    } catch {
      return .usage(error.message)
    }
  }

  static func dimensions(_ text: String, option: String) throws(UsageError) -> [Dimension] {
    var out: [Dimension] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let dimension = try choice(String(part), for: option, as: Dimension.self)
      if out.contains(dimension) { throw UsageError("\(dimension.rawValue) appears twice in \(option)") }
      out.append(dimension)
    }
    return out
  }
}

/// `hupsim completions bash|zsh|fish`.
enum CompletionsCommand {
  static func run(_ arguments: [String]) -> CommandResult {
    guard arguments.count == 1 else { return .usage("completions takes one shell: bash, zsh or fish") }
    switch arguments[0] {
    case "bash": return CommandResult(stdout: Completions.bash())
    case "zsh": return CommandResult(stdout: Completions.zsh())
    case "fish": return CommandResult(stdout: Completions.fish())
    case "--help", "-h": return CommandResult(stdout: CLISpec.help(CLISpec.command("completions")!))
    default: return .usage("unknown shell \(quoted(arguments[0])) for completions; valid: bash, zsh, fish")
    }
  }
}

/// `hupsim rules [--format text|json]`.
enum RulesCommand {
  static func run(_ arguments: [String]) -> CommandResult {
    if arguments.contains("--help") || arguments.contains("-h") {
      return CommandResult(stdout: CLISpec.help(CLISpec.command("rules")!))
    }
    enum Format: String, CaseIterable { case text, json }
    let json: Bool
    do throws(UsageError) {
      let parsed = try OptionParser.parse(arguments, command: "rules", ownValued: ["--format"], scenarioAllowed: false)
      json =
        try parsed.own["--format"].map { text throws(UsageError) in try choice(text, for: "--format", as: Format.self) }
        == .json
    } catch {
      return .usage(error.message)
    }
    return CommandResult(stdout: json ? RulesReport.json() : RulesReport.text())
  }
}
