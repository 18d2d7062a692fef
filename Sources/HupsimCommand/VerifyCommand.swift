import HangupJSON
import HangupModel
import HangupReport
import HangupTraces

/// `hupsim verify [PATH...]`: hold the model to every recorded or transcribed trace.
enum VerifyCommand {
  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    var paths: [String] = []
    var verbose = false
    var cursor = ArgumentCursor(arguments)
    while let (name, inline) = cursor.nextOption() {
      switch name {
      case "--help", "-h": return CommandResult(stdout: CLISpec.help(CLISpec.command("verify")!))
      case "--verbose", "-v":
        if let inline { return .usage("\(name) takes no value, but was given \(quoted(inline))") }
        verbose = true
      default:
        if name.hasPrefix("-") { return .usage(unknownOption(name, valid: ["--verbose", "--help"])) }
        paths.append(name)
      }
    }
    if paths.isEmpty { paths = ["Fixtures"] }
    var files: [String] = []
    var traces: [Trace] = []
    do throws(UsageError) {
      for path in paths { files += try environment.listJSONFiles(path) }
      if files.isEmpty {
        throw UsageError("no .json trace files under \(paths.map(quotedPath).joined(separator: ", "))")
      }
      for file in files {
        let text = try environment.readFile(file)
        do {
          traces.append(try Trace.fromJSON(text, path: file))
        } catch {
          throw UsageError(error.message)
        }
      }
    } catch {
      return .usage(error.message)
    }
    let results = traces.map(TraceChecker.check)
    let report = VerifyReport(results: results)
    return CommandResult(
      stdout: report.render(verbose: verbose), status: report.passed ? ExitStatus.success : ExitStatus.disagrees)
  }
}
