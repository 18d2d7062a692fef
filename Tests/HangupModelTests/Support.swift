import Foundation
import HangupModel
import HupsimCommand

/// Paths and helpers shared by the tests.
enum TestSupport {
  /// The repository root, found from this file's location.
  static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static var fixtures: String { repository + "/Fixtures" }

  /// The folder holding the built products (hupsim, hupsim-probe).
  static let productsDirectory: String = {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var url = URL(fileURLWithPath: exe)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.isExecutableFile(atPath: url.path + "/hupsim") { return url.path }
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
  }()

  static var hupsimBinary: String { productsDirectory + "/hupsim" }

  static let environment = CommandEnvironment(
    readFile: { path throws(UsageError) in
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw UsageError("cannot read '\(path)'") }
      return text
    },
    listJSONFiles: { path throws(UsageError) in
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw UsageError("cannot read '\(path)'") }
      if !isDir.boolValue { return [path] }
      let all = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
      return all.filter { $0.hasSuffix(".json") }.map { path + "/" + $0 }.sorted()
    })

  /// Runs the hupsim command line in-process.
  static func hupsim(_ args: String...) -> CommandResult {
    Hupsim.run(args, environment: environment)
  }

  static func hupsim(_ args: [String]) -> CommandResult {
    Hupsim.run(args, environment: environment)
  }

  /// Runs a built executable and waits for it.
  static func spawn(_ path: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }

  static func run(_ scenario: Scenario) throws -> Outcome {
    try Simulator.run(scenario)
  }

  static func job(
    _ state: JobState = .running, _ launch: Launch = .plain, fg: Bool = false, handles: [Signal] = [], ignores: [Signal] = []
  ) -> JobSpec {
    JobSpec(state: state, placement: fg ? .foreground : .background, launch: launch,
            program: Program(name: "./job", handles: handles, readsStdin: state == .ttin), inheritedIgnores: ignores)
  }

  static func scenario(
    shell: String = "bash-5.2", os: KernelProfile = .linux, login: Bool = true, huponexit: Bool = false,
    _ job: JobSpec, end: SessionEnd
  ) -> Scenario {
    Scenario(shell: ShellVersion.named(shell) ?? Scenario.defaultShell, os: os, login: login, huponexit: huponexit, jobs: [job], end: end)
  }
}

extension Outcome {
  /// Signals the shell sent to job 1, as names.
  var shellSent: [String] { sentByShell(job: 1).map(\.signal.description) }
}
