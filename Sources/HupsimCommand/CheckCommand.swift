import HangupInspect
import HangupModel
import HangupReport

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `hupsim check [PID|%N…] [--format text|json] [settling flags]`: reads the live
/// processes, simulates every way their session can end, and lists what saves them.
enum CheckCommand {
  enum Format: String, CaseIterable { case text, json }

  /// The largest pid Linux hands out (PID_MAX_LIMIT, include/linux/threads.h).
  static let maxPid = 4_194_304

  struct Request {
    var pids: [Int] = []
    var jobSpecs: [(text: String, number: Int)] = []
    var format: Format = .text
    var shellOptions: [String] = []
    var huponexit = false
    var jobTable: (JobTableStatus, String)?
    var jobsFile: String?
    var stopState: JobState?
    var shell: ShellVersion?
    var session: SessionKind?
    var writes: Bool?
    var handlerExits: Bool?
  }

  static func parse(_ arguments: [String]) throws(UsageError) -> Request {
    var request = Request()
    var cursor = ArgumentCursor(arguments)
    let valid = [
      "--format", "--huponexit", "--shell-option", "--in-table", "--disowned", "--disown-h", "--jobs", "--stopped-by",
      "--shell", "--session", "--writes", "--handler", "--help",
    ]
    while let (name, inline) = cursor.nextOption() {
      switch name {
      case "--format":
        request.format = try choice(
          try cursor.value(for: name, inline: inline, expecting: "text, json"), for: name, as: Format.self)
      case "--huponexit":
        try ArgumentCursor.noValue(name, inline)
        request.huponexit = true
      case "--shell-option":
        request.shellOptions.append(
          try cursor.value(for: name, inline: inline, expecting: "a shell option such as huponexit, no_hup"))
      case "--in-table", "--disowned", "--disown-h":
        try ArgumentCursor.noValue(name, inline)
        let value: JobTableStatus = name == "--in-table" ? .inTable : (name == "--disowned" ? .disowned : .disownH)
        if let (given, flag) = request.jobTable, given != value {
          throw UsageError("\(flag) and \(name) contradict each other; give one of --in-table, --disowned, --disown-h")
        }
        request.jobTable = (value, name)
      case "--jobs":
        request.jobsFile = try cursor.value(
          for: name, inline: inline, expecting: "a file holding `jobs -l` output, or - for stdin")
      case "--stopped-by":
        let text = try cursor.value(for: name, inline: inline, expecting: "tstp, ttin")
        switch text {
        case "tstp": request.stopState = .stopped
        case "ttin": request.stopState = .ttin
        default:
          throw UsageError(
            "unknown value \(ErrorText.quoted(text, quote: "'")) for --stopped-by; valid: tstp (^Z), ttin (a background read)"
          )
        }
      case "--session":
        let text = try cursor.value(for: name, inline: inline, expecting: "ssh, terminal, hold, tmux-pane")
        guard let kind = SessionKind(rawValue: text), kind != .sshNoPty else {
          throw UsageError(
            "unknown value \(ErrorText.quoted(text, quote: "'")) for --session; valid: ssh, terminal, hold, tmux-pane")
        }
        request.session = kind
      case "--writes":
        let text = try cursor.value(for: name, inline: inline, expecting: "yes, no")
        guard text == "yes" || text == "no" else {
          throw UsageError(
            "unknown value \(ErrorText.quoted(text, quote: "'")) for --writes; valid: yes (it writes to stdout later), no"
          )
        }
        request.writes = text == "yes"
      case "--handler":
        let text = try cursor.value(for: name, inline: inline, expecting: "exits, continues")
        guard text == "exits" || text == "continues" else {
          throw UsageError(
            "unknown value \(ErrorText.quoted(text, quote: "'")) for --handler; valid: exits (its SIGHUP/SIGTERM handler shuts it down), continues"
          )
        }
        request.handlerExits = text == "exits"
      case "--shell":
        let text = try cursor.value(for: name, inline: inline, expecting: ShellVersion.validNamesList)
        guard let version = ShellVersion.named(text) else {
          throw UsageError(
            "unknown value \(ErrorText.quoted(text, quote: "'")) for --shell; valid: \(ShellVersion.validNamesList)")
        }
        request.shell = version
      default:
        if name.hasPrefix("%") {
          guard let number = Int(name.dropFirst()), number > 0 else {
            throw UsageError(
              "\(ErrorText.quoted(name, quote: "'")) is not a job; give %N with the number `jobs -l` shows, e.g. %1")
          }
          request.jobSpecs.append((name, number))
        } else if let pid = Int(name) {
          guard pid >= 1 && pid <= maxPid else {
            throw UsageError("\(ErrorText.quoted(name, quote: "'")) is not a process id; pids are 1…\(maxPid)")
          }
          if !request.pids.contains(pid) { request.pids.append(pid) }
        } else if name.hasPrefix("-") && !name.hasPrefix("--") && Int(name.dropFirst()) != nil {
          throw UsageError("\(ErrorText.quoted(name, quote: "'")) is not a process id; pids are 1…\(maxPid)")
        } else if name.hasPrefix("-") {
          throw UsageError(unknownOption(name, valid: valid))
        } else {
          throw UsageError(
            "\(ErrorText.quoted(name, quote: "'")) is not a process id; give a pid such as 1234 (see `ps -o pid,stat,cmd`), or %N with --jobs"
          )
        }
      }
    }
    if !request.jobSpecs.isEmpty && request.jobsFile == nil {
      let spec = request.jobSpecs[0].text
      throw UsageError(
        "\(spec) names a job of your shell, whose job table hupsim cannot see; pipe it in: jobs -l | hupsim check --jobs - \(spec)"
      )
    }
    return request
  }

  static func run(_ arguments: [String], environment: CommandEnvironment) -> CommandResult {
    if arguments.contains("--help") || arguments.contains("-h") {
      return CommandResult(stdout: CLISpec.help(CLISpec.command("check")!))
    }
    let request: Request
    var listing: [(pid: Int, job: Int)]?
    do throws(UsageError) {
      request = try parse(arguments)
      if let file = request.jobsFile {
        listing = JobsListing.parse(try environment.readFile(file == "-" ? "/dev/stdin" : file))
      }
    } catch {
      return .usage(error.message)
    }
    #if os(Linux) && canImport(Glibc)
    var pids = request.pids
    for (text, number) in request.jobSpecs {
      guard let pid = listing?.first(where: { $0.job == number })?.pid else {
        let known = Set((listing ?? []).map(\.job)).sorted().map { "%\($0)" }
        return .usage(
          "\(text) is not in the `jobs -l` listing; it lists \(known.isEmpty ? "no jobs (dash lists none inside a pipeline: jobs -l > FILE, then --jobs FILE)" : known.joined(separator: ", "))"
        )
      }
      if !pids.contains(pid) { pids.append(pid) }
    }
    let caller = Caller(
      pid: Int(getpid()), ppid: Int(getppid()), pgid: Int(getpgrp()), sid: Int(getsid(0)),
      bashopts: getenv("BASHOPTS").map { String(cString: $0) })
    let observation: Observation
    do {
      observation = try ProcReader().observe(targets: pids, caller: caller)
    } catch {
      return .failure(message(error), status: status(error))
    }
    let targets = pids.isEmpty ? Checker.callerSessionTargets(observation) : pids
    var settings = CheckSettings(
      jobTable: request.jobTable?.0, stopState: request.stopState, shell: request.shell,
      session: request.session, writes: request.writes, handlerExits: request.handlerExits)
    // An empty listing says nothing (dash's `jobs` in a pipeline lists no jobs).
    if let listing, !listing.isEmpty {
      var numbers: [Int: Int] = [:]
      for (pid, job) in listing where numbers[pid] == nil { numbers[pid] = job }
      settings.jobsListing = numbers
    }
    do throws(UsageError) {
      settings.shellOptions = try shellOptions(request, observation: observation, targets: targets)
    } catch {
      return .usage(error.message)
    }
    let checks = Checker.check(observation, targets: targets, settings: settings)
    switch request.format {
    case .text:
      return CommandResult(stdout: CheckReport.text(checks))
    case .json:
      let single = pids.count == 1 && checks.count == 1 && checks[0].pid == pids[0]
      return CommandResult(stdout: CheckReport.json(checks, asArray: !single).rendered() + "\n")
    }
    #else
    return .failure(message(.unsupportedPlatform), status: status(.unsupportedPlatform))
    #endif
  }

  /// The exit status for what the reader met (``ExitStatus`` holds them all).
  static func status(_ error: InspectError) -> Int32 {
    switch error {
    case .vanished, .zombie: return ExitStatus.processGone
    case .procUnavailable, .unsupportedPlatform: return ExitStatus.procUnavailable
    case .noSuchProcess, .kernelThread, .otherUser, .notReadable, .thread: return ExitStatus.usage
    }
  }

  /// The shell options given, checked against the shell of the session that ends.
  static func shellOptions(_ request: Request, observation: Observation, targets: [Int]) throws(UsageError) -> [String:
    Bool]
  {
    guard request.huponexit || !request.shellOptions.isEmpty else { return [:] }
    let sessionShell =
      targets.lazy.compactMap { observation.process($0).flatMap { observation.shell(leader: $0.sid) } }.first
      ?? observation.caller.flatMap { observation.shell(leader: $0.sid) }
    let family = (request.shell ?? sessionShell?.version ?? Scenario.defaultShell).shellFamily
    var options: [String: Bool] = [:]
    if request.huponexit {
      guard family.name == "bash" else {
        throw UsageError(
          "--huponexit is bash's option, and the shell here is \(family.name); use --shell-option with \(family.options.isEmpty ? "none: \(family.name) has no options hupsim models" : family.options.map(\.name).joined(separator: ", "))"
        )
      }
      options["huponexit"] = true
    }
    for text in request.shellOptions {
      let (name, value) = try ScenarioOptions.resolveShellOption(text, in: family)
      options[name] = value
    }
    return options
  }

  /// One line for each way a process cannot be checked.
  static func message(_ error: InspectError) -> String {
    switch error {
    case .noSuchProcess(let pid):
      return
        "no process has pid \(pid) (it may have exited); give the pid of a running process (see `ps -o pid,stat,cmd`)"
    case .kernelThread(let pid, let name):
      return
        "pid \(pid) is a kernel thread (\(ErrorText.quoted(name, quote: "'"))), not a program anyone started; give the pid of one of your programs"
    case .otherUser(let pid, let uid):
      return
        "pid \(pid) belongs to another user (uid \(uid)) and its details cannot be read; run hupsim check as that user or as root"
    case .notReadable(let pid):
      return
        "pid \(pid)'s details cannot be read (permission denied: the kernel protects it from this process, e.g. by yama's ptrace_scope or a missing CAP_SYS_PTRACE); give the pid of one of your own programs"
    case .thread(let pid, let process):
      return "pid \(pid) is a thread of process \(process), not a process; check \(process)"
    case .vanished(let pid):
      return "pid \(pid) exited while hupsim was reading it"
    case .zombie(let pid, let name):
      return
        "pid \(pid) (\(ErrorText.quoted(name, quote: "'"))) has already exited; it is a zombie waiting for its parent to reap it"
    case .procUnavailable(let reason):
      return "cannot read the system: \(reason)"
    case .unsupportedPlatform:
      return "hupsim check reads /proc and runs on Linux only"
    }
  }
}
