#if canImport(Glibc)
@preconcurrency import Glibc
import HangupModel

// What the recorder needs settled before it runs anything: the machine, the bash release of
// the shell binary, and where the probe is. `hupsim record` asks these before recording;
// `Recorder.record` checks the machine again for other callers.
extension Recorder {
  /// Recordings run on this Linux machine: the scenario's system must be Linux.
  public static func checkMachine(os: KernelProfile) throws(RecorderError) {
    guard os.id == .linux else {
      throw RecorderError("hupsim record runs the scenario on this machine: --os must be linux, not \(os.id.rawValue)")
    }
  }

  /// The bash release the binary's `--version` names, or nil if it names none.
  public static func detectedBashDialect(shellPath path: String) -> BashDialect? {
    let line = systemFacts(shellPath: path).first(where: { $0.0 == "shell" })?.1 ?? ""
    guard let range = line.firstRange(of: "version ") else { return nil }
    let version = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
    let parts = version.split(separator: ".")
    guard parts.count >= 2 else { return nil }
    var minor = String(parts[1])
    if parts[0] == "2" && minor == "05" && line.contains("2.05b") { minor = "05b" }
    if parts[0] != "2", let n = Int(minor) { minor = String(n) }  // "3.00" is bash-3.0
    return BashDialect.named("bash-\(parts[0]).\(minor)")
  }

  /// The probe to run as the job: `HUPSIM_PROBE`, else next to this binary (a build
  /// folder), else where scripts/install.sh puts it (PREFIX/libexec/hupsim next to PREFIX/bin).
  public static func defaultProbePath() -> String {
    if let env = getenv("HUPSIM_PROBE") { return String(cString: env) }
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return "hupsim-probe" }
    let exe = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let dir = exe.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    let beside = dir + "/hupsim-probe"
    let installed = dir + "/../libexec/hupsim/hupsim-probe"
    if access(beside, X_OK) != 0 && access(installed, X_OK) == 0 { return installed }
    return beside
  }
}
#endif
