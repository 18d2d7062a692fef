import HangupJSON
import HangupModel
import HangupReport

/// The hupsim command line. `main.swift` only forwards `CommandLine.arguments` here
/// and writes the result out.
public enum Hupsim {
  public static let version = "0.1.0"

  /// Subcommands, in the order `--help` lists them.
  static let subcommands: [(name: String, summary: String)] = [
    ("simulate", "simulate a scenario (the default when no subcommand is given)"),
    ("record", "run a scenario for real on this Linux machine and check the model against it"),
    ("verify", "check the model against recorded traces (default: Fixtures/)"),
    ("rules", "list every rule the model applies, with its real source"),
  ]

  public static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    var args = arguments
    if let first = args.first {
      switch first {
      case "--help", "-h", "help":
        if first == "help", args.count > 1 { return help(for: args[1]) }
        return CommandResult(stdout: Help.main)
      case "--version", "-V":
        return CommandResult(stdout: "hupsim \(version)\n")
      case "simulate":
        args.removeFirst()
      case "rules":
        return RulesCommand.run(Array(args.dropFirst()))
      case "verify":
        return VerifyCommand.run(Array(args.dropFirst()), environment: environment)
      case "record":
        return RecordCommand.run(Array(args.dropFirst()), environment: environment)
      default:
        if !first.hasPrefix("-") {
          return .usage("unknown command '\(first)'; valid: \(subcommands.map(\.name).joined(separator: ", ")), or options such as --state (see 'hupsim --help')")
        }
      }
    }
    return SimulateCommand.run(args, environment: environment)
  }

  static func help(for command: String) -> CommandResult {
    switch command {
    case "simulate": return CommandResult(stdout: Help.main)
    case "rules": return CommandResult(stdout: Help.rules)
    case "verify": return CommandResult(stdout: Help.verify)
    case "record": return CommandResult(stdout: Help.record)
    default:
      return .usage("unknown command '\(command)'; valid: \(subcommands.map(\.name).joined(separator: ", "))")
    }
  }
}

/// `hupsim [simulate] [scenario flags] [--format text|json]`.
enum SimulateCommand {
  enum Format: String, CaseIterable { case text, json }

  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    var options = ScenarioOptions()
    var format = Format.text
    var cursor = ArgumentCursor(arguments)
    do throws(UsageError) {
      while let (name, inline) = cursor.nextOption() {
        if name == "--help" || name == "-h" { return CommandResult(stdout: Help.main) }
        if name == "--format" {
          format = try choice(try cursor.value(for: name, inline: inline, expecting: "text, json"), for: name, as: Format.self)
          continue
        }
        if try options.parse(name, inline: inline, cursor: &cursor) { continue }
        throw UsageError(unknownOption(name, valid: ScenarioOptions.flagNames + ["--format", "--help", "--version"]))
      }
      let scenario = try options.scenario(environment: environment)
      let outcome: Outcome
      do {
        outcome = try Simulator.run(scenario)
      } catch {
        throw UsageError(error.message)
      }
      switch format {
      case .text: return CommandResult(stdout: TextReport.render(outcome))
      case .json: return CommandResult(stdout: OutcomeJSON.document(outcome).rendered() + "\n")
      }
    } catch {
      return .usage(error.message)
    }
  }
}

func unknownOption(_ name: String, valid: [String]) -> String {
  if !name.hasPrefix("-") {
    return "unexpected argument '\(name)'; options start with --, valid: \(valid.joined(separator: ", "))"
  }
  return "unknown option '\(name)'; valid: \(valid.joined(separator: ", "))"
}

/// `hupsim rules [--format text|json]`.
enum RulesCommand {
  static func run(_ arguments: [String]) -> CommandResult {
    var cursor = ArgumentCursor(arguments)
    var json = false
    do throws(UsageError) {
      while let (name, inline) = cursor.nextOption() {
        switch name {
        case "--help", "-h": return CommandResult(stdout: Help.rules)
        case "--format":
          let format = try choice(try cursor.value(for: name, inline: inline, expecting: "text, json"), for: name,
                                  as: SimulateCommand.Format.self)
          json = format == .json
        default: throw UsageError(unknownOption(name, valid: ["--format", "--help"]))
        }
      }
    } catch {
      return .usage(error.message)
    }
    if json {
      let doc = JSONValue.array(RuleCatalog.all.map { rule in
        .object([
          ("id", .string(rule.id.rawValue)), ("component", .string(rule.component.rawValue)),
          ("title", .string(rule.title)), ("summary", .string(rule.summary)),
          ("sources", .object(rule.allSources.map { ($0.0, JSONValue.string($0.1)) })),
        ])
      })
      return CommandResult(stdout: doc.rendered() + "\n")
    }
    var out = ""
    for rule in RuleCatalog.all {
      out += "\(rule.id)  (\(rule.component.rawValue)) \(rule.title)\n  \(rule.summary)\n"
      for (system, source) in rule.allSources { out += "  \(system): \(source)\n" }
      out += "\n"
    }
    return CommandResult(stdout: out)
  }
}
