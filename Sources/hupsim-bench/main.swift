// hupsim-bench: measures how fast the model simulates and how long a real recording
// takes, or how fast an installed hupsim starts. Run it on an otherwise idle machine:
//
//   swift run -c release hupsim-bench [--recordings N] [--no-record]
//   swift run -c release hupsim-bench --startup /usr/local/bin/hupsim [--pairs N]
//
// It prints medians, not single timings; nothing here is a pass/fail test, but it exits 1
// when a recorded run met a recorder problem, because its time would measure a wait.

#if canImport(Glibc)
@preconcurrency import Glibc
import Foundation
import HangupModel
import HangupRecorder

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded(.toNearestOrAwayFromZero)))
  return sorted[index]
}

func peakRSSKilobytes() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss
}

/// Runs `argv` as a whole process (posix_spawn, output to /dev/null) and returns its wall
/// time in seconds, or nil if it could not start or did not exit 0.
func wallTime(_ argv: [String]) -> Double? {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var cArgs = argv.map { strdup($0) } + [nil]
  defer { for arg in cArgs { free(arg) } }
  var pid: pid_t = 0
  let start = now()
  guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else { return nil }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let elapsed = now() - start
  return status == 0 ? elapsed : nil
}

/// `--startup PATH`: whole-process start-up of hupsim against `bash -c :`, in pairs (A, then
/// the yardstick, in turn, so load changes hit both), as the median of the pair-by-pair ratios.
func startup(_ hupsim: String, pairs: Int) -> Never {
  let bash = access("/bin/bash", X_OK) == 0 ? "/bin/bash" : "/usr/bin/bash"
  let commands: [(String, [String])] = [
    ("hupsim --version", [hupsim, "--version"]),
    ("hupsim --exit hangup (one simulation, text)", [hupsim, "--exit", "hangup"]),
  ]
  print("start-up: \(pairs) pairs each, A then `bash -c :`, on \(ProcessInfo.processInfo.activeProcessorCount) cores")
  var worst = 0.0
  for (name, argv) in commands {
    guard wallTime(argv) != nil, wallTime([bash, "-c", ":"]) != nil else {
      print("  \(name): cannot run \(argv.joined(separator: " "))")
      exit(70)
    }
    var ratios: [Double] = []
    var times: [Double] = []
    var yardstick: [Double] = []
    for _ in 0..<pairs {
      guard let a = wallTime(argv), let b = wallTime([bash, "-c", ":"]) else { continue }
      times.append(a)
      yardstick.append(b)
      ratios.append(a / b)
    }
    let ms = { (x: Double) in String(format: "%.2f ms", x * 1000) }
    let ratio = percentile(ratios, 0.5)
    if name.hasSuffix("--version") { worst = ratio }
    print(
      "  \(name): median \(ms(percentile(times, 0.5))), bash -c : \(ms(percentile(yardstick, 0.5))); "
        + "ratio median \(String(format: "%.2f", ratio))x (p10 \(String(format: "%.2f", percentile(ratios, 0.1)))x, "
        + "p90 \(String(format: "%.2f", percentile(ratios, 0.9)))x)")
  }
  print(worst <= 2 ? "  start-up within 2x bash -c :" : "  start-up ABOVE 2x bash -c :")
  exit(worst <= 2 ? 0 : 1)
}

var recordings = 40
/// Simulate only the first N scenarios of the lattice (for profiling).
var limit = Int.max
/// Run the first scenario this many times and stop (for profiling one simple case).
var profileFirst = 0
var record = true
/// `--startup PATH`: time start-up of that hupsim instead.
var startupBinary: String?
var pairs = 300
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
  switch arg {
  case "--recordings": recordings = Int(args.popFirst() ?? "") ?? recordings
  case "--no-record": record = false
  case "--limit": limit = Int(args.popFirst() ?? "") ?? limit
  case "--profile-first": profileFirst = Int(args.popFirst() ?? "") ?? 0
  case "--startup": startupBinary = args.popFirst()
  case "--pairs": pairs = Int(args.popFirst() ?? "") ?? pairs
  default:
    print(
      "usage: hupsim-bench [--recordings N] [--no-record] [--limit N] [--profile-first N] | --startup PATH [--pairs N]")
    exit(64)
  }
}
if let startupBinary { startup(startupBinary, pairs: pairs) }

// 1. The model: every combination of shell, os, login, huponexit, state, placement,
//    launch and end that validates.
var scenarios: [Scenario] = []
for dialect in BashDialect.all {
  for os in KernelProfile.all {
    for login in [true, false] {
      for huponexit in [false, true] {
        for state in JobState.allCases {
          for placement in Placement.allCases {
            for launch in Launch.allCases {
              for end in SessionEnd.allCases {
                var job = JobSpec(
                  state: state, placement: placement, launch: launch,
                  program: Program(name: "./job", handles: [.hup, .cont, .term], readsStdin: state == .ttin))
                if state == .ttin { job.program.readsStdin = true }
                let s = Scenario(
                  shell: dialect.shellVersion, os: os, login: login, huponexit: huponexit, jobs: [job], end: end)
                if (try? s.validate()) != nil { scenarios.append(s) }
              }
            }
          }
        }
      }
    }
  }
}
if scenarios.count > limit { scenarios.removeLast(scenarios.count - limit) }
if profileFirst > 0 {
  for _ in 0..<profileFirst { _ = try? Simulator.run(scenarios[0]) }
  exit(0)
}
// Each scenario is timed on its own (the best of 5 runs, so a scheduler hiccup does not
// count), and the median over the lattice is reported with the spread.
var perScenario: [Double] = []
var raced = 0
var events = 0
for s in scenarios {
  var best = Double.infinity
  for _ in 0..<5 {
    let start = now()
    _ = try? Simulator.run(s)
    best = min(best, now() - start)
  }
  perScenario.append(best)
  if let o = try? Simulator.run(s) {
    events += o.events.count
    if !o.races.isEmpty { raced += 1 }
  }
}
func micro(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1_000_000) }
print("model: \(scenarios.count) valid scenarios, each timed alone (best of 5 runs)")
print(
  "  median time per simulation: \(micro(percentile(perScenario, 0.5))) µs (p10 \(micro(percentile(perScenario, 0.1))), p90 \(micro(percentile(perScenario, 0.9))), max \(micro(percentile(perScenario, 1))))"
)
print(
  "  \(events / scenarios.count) events each on average; \(raced) scenarios meet a race whose branches differ (their time includes the branches)"
)
print("  peak resident memory: \(peakRSSKilobytes() / 1024) MiB")

// 2. Real recordings with /bin/bash.
guard record else { exit(0) }
guard access("/bin/bash", X_OK) == 0 else {
  print("recording: skipped, /bin/bash is not available")
  exit(0)
}
// The probe sits next to this executable (/proc/self/exe, so the path is absolute).
var exe = [CChar](repeating: 0, count: 4096)
let exeLength = readlink("/proc/self/exe", &exe, exe.count - 1)
let exePath =
  exeLength > 0
  ? String(decoding: exe.prefix(exeLength).map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
var probe =
  exePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/hupsim-probe"
if let env = getenv("HUPSIM_PROBE") { probe = String(cString: env) }
do {
  try Recorder.prepareProcess()
} catch {
  print("recording: \(error)")
  exit(70)
}
let shell = Scenario.defaultShell
let sample: [Scenario] = [
  Scenario(shell: shell, subreaper: true, jobs: [JobSpec()], end: .exit),
  Scenario(shell: shell, subreaper: true, jobs: [JobSpec(state: .stopped)], end: .exit),
  Scenario(
    shell: shell, subreaper: true, jobs: [JobSpec(program: Program(name: "./job", handles: [.hup, .cont, .term]))],
    end: .hangup),
  Scenario(shell: shell, subreaper: true, jobs: [JobSpec(state: .stopped, launch: .nohup)], end: .logout),
  Scenario(shell: shell, subreaper: true, jobs: [JobSpec(placement: .foreground)], end: .killHup),
  Scenario(
    shell: shell, subreaper: true, jobs: [JobSpec(state: .ttin, program: Program(name: "./job", readsStdin: true))],
    end: .eof),
  Scenario(shell: shell, subreaper: true, jobs: [JobSpec(launch: .setsid)], end: .hangup),
  Scenario(
    shell: shell, huponexit: true, subreaper: true, jobs: [JobSpec(state: .stopped, launch: .disownH)], end: .exit),
]
var durations: [Double] = []
var troubled: [String] = []
// The recorder's own pty playing sshd's part, as these figures have always been measured
// (runs through a real sshd, tmux or xterm: README, "Measurements").
let options = RecorderOptions(shellPath: "/bin/bash", probePath: probe, sshServer: .recorder)
var i = 0
while durations.count < recordings {
  let scenario = sample[i % sample.count]
  i += 1
  let start = now()
  do {
    let runs = try Recorder.record(scenario, options: options, repeats: 1)
    troubled += runs.flatMap(\.problems)
  } catch {
    print("recording failed: \(error)")
    exit(70)
  }
  durations.append(now() - start)
}
print("recording: \(durations.count) real runs of \(sample.count) scenarios with /bin/bash")
print(
  "  median \(String(Int(percentile(durations, 0.5) * 1000))) ms, p90 \(String(Int(percentile(durations, 0.9) * 1000))) ms, "
    + "min \(String(Int(percentile(durations, 0) * 1000))) ms, max \(String(Int(percentile(durations, 1) * 1000))) ms per recorded scenario"
)
if troubled.isEmpty {
  print("  every run went as planned (no recorder problems)")
} else {
  // A run that waited for something that never came measures the wait, not the system.
  print("  \(troubled.count) recorder problem(s), so these times are not representative:")
  for problem in Set(troubled).sorted() { print("    \(problem)") }
  exit(1)
}
#else
print("hupsim-bench needs Linux")
#endif
