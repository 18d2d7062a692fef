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
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw UsageError("cannot read '\(path)'")
      }
      return text
    },
    listJSONFiles: { path throws(UsageError) in
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw UsageError("cannot read '\(path)'")
      }
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
  static func spawn(_ path: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
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
    return (
      process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self)
    )
  }

  /// Runs a built executable with output in files, killing it when it outlives `timeout`
  /// (so a hang fails the test instead of stalling it). `stdout` is the exact bytes.
  static func spawnBounded(
    _ path: String, _ arguments: [String], timeout: TimeInterval = 60,
    environment: [String: String]? = nil, directory: String? = nil
  )
    throws -> (status: Int32, stdout: Data, stderr: String, timedOut: Bool)
  {
    let dir = NSTemporaryDirectory() + "hupsim-spawn-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    FileManager.default.createFile(atPath: dir + "/out", contents: nil)
    FileManager.default.createFile(atPath: dir + "/err", contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while process.isRunning {
      if Date() > deadline {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        break
      }
      usleep(20_000)
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    let stdout = FileManager.default.contents(atPath: dir + "/out") ?? Data()
    let stderr = String(decoding: FileManager.default.contents(atPath: dir + "/err") ?? Data(), as: UTF8.self)
    return (process.terminationStatus, stdout, stderr, timedOut)
  }

  /// A fresh temporary directory, removed by the caller.
  static func temporaryDirectory(_ name: String) throws -> String {
    let dir = NSTemporaryDirectory() + "hupsim-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static func run(_ scenario: Scenario) throws -> Outcome {
    try Simulator.run(scenario)
  }

  static func job(
    _ state: JobState = .running, _ launch: Launch = .plain, fg: Bool = false, handles: [Signal] = [],
    ignores: [Signal] = []
  ) -> JobSpec {
    JobSpec(
      state: state, placement: fg ? .foreground : .background, launch: launch,
      program: Program(name: "./job", handles: handles, readsStdin: state == .ttin), inheritedIgnores: ignores)
  }

  static func scenario(
    shell: String = "bash-5.2", os: KernelProfile = .linux, login: Bool = true, huponexit: Bool = false,
    _ job: JobSpec, end: SessionEnd
  ) -> Scenario {
    Scenario(
      shell: ShellVersion.named(shell) ?? Scenario.defaultShell, os: os, login: login, huponexit: huponexit,
      jobs: [job], end: end)
  }
}

extension Outcome {
  /// Signals the shell sent to job 1, as names.
  var shellSent: [String] { sentByShell(job: 1).map(\.signal.description) }
}
