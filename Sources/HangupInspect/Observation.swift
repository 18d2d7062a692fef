import HangupModel

// What `hupsim check` reads from a live Linux system, as typed data. The reader
// (`ProcReader`, Linux only) fills these from /proc and /etc; everything after that
// (`SessionPlanner`, `Checker`) is pure and can be driven by hand-made observations.

/// A set of Linux signal numbers as `/proc/PID/status` shows them (`SigIgn`, `SigCgt`,
/// `SigBlk`, `SigPnd`/`ShdPnd`): bit N-1 stands for signal N.
public struct SignalMask: Sendable, Hashable {
  public var bits: UInt64

  public init(bits: UInt64 = 0) { self.bits = bits }

  /// Reads the 16 hex digits of a status line's value.
  public init?(hex: String) {
    guard !hex.isEmpty, hex.utf8.count <= 16, let value = UInt64(hex, radix: 16) else { return nil }
    bits = value
  }

  public init(numbers: [Int]) {
    bits = 0
    for n in numbers where (1...64).contains(n) { bits |= 1 << UInt64(n - 1) }
  }

  public func contains(_ number: Int) -> Bool { (1...64).contains(number) && bits & (1 << UInt64(number - 1)) != 0 }
  public func contains(_ signal: Signal) -> Bool { contains(KernelProfile.linux.number(of: signal)) }
  public var isEmpty: Bool { bits == 0 }

  /// The members, ascending.
  public var numbers: [Int] { (1...64).filter(contains) }

  /// The members hupsim's model knows, in Linux numbering order.
  public var modelled: [Signal] { numbers.compactMap { Signal.parse(String($0)) } }

  /// The name of a Linux signal number without `SIG`: `HUP`, `STKFLT`, `RTMIN+2`.
  public static func name(of number: Int) -> String {
    if let signal = Signal.parse(String(number)) { return signal.name }
    switch number {
    case 16: return "STKFLT"
    case 30: return "PWR"
    case 32, 33: return "SIG\(number)"  // kept by glibc for its threads
    case 34...64: return number == 34 ? "RTMIN" : "RTMIN+\(number - 34)"
    default: return String(number)
    }
  }
}

/// The scheduling state letter of `/proc/PID/stat`.
public enum ObservedState: String, Sendable, CaseIterable {
  case running = "R"
  case sleeping = "S"
  case diskSleep = "D"
  /// Stopped by a job-control signal (^Z, SIGTTIN, SIGSTOP).
  case stopped = "T"
  case tracingStop = "t"
  case zombie = "Z"
  case dead = "X"
  case idle = "I"
  case other = "?"

  public init(letter: Character) { self = ObservedState(rawValue: String(letter)) ?? .other }
}

/// Where one of a process's standard descriptors points (`readlink /proc/PID/fd/N`).
public enum StreamTarget: Sendable, Equatable {
  /// A terminal device, e.g. `/dev/pts/3`; `session` when it is the process's
  /// controlling terminal.
  case terminal(path: String, session: Bool)
  case devNull
  case file(path: String)
  case pipe(inode: Int)
  case socket(inode: Int)
  /// Something else (`anon_inode:[eventfd]`, a deleted file…).
  case other(path: String)
  /// The descriptor is not open.
  case closed
  /// The process belongs to someone else and its descriptors cannot be read.
  case unreadable
}

/// How a descriptor was opened (`flags:` in `/proc/PID/fdinfo/N`, `O_ACCMODE` bits).
public enum AccessMode: String, Sendable {
  case readOnly = "r"
  case writeOnly = "w"
  case readWrite = "rw"
}

/// One standard descriptor.
public struct StandardStream: Sendable, Equatable {
  /// 0, 1 or 2.
  public var fd: Int
  public var target: StreamTarget
  public var access: AccessMode?

  public init(fd: Int, target: StreamTarget, access: AccessMode? = nil) {
    self.fd = fd
    self.target = target
    self.access = access
  }
}

/// Where a process sits in the cgroup tree (`/proc/PID/cgroup`), as systemd lays it out.
public enum ControlGroup: Sendable, Equatable {
  /// `…/session-N.scope`: a logind login session (ssh, console login).
  case sessionScope(id: String, path: String)
  /// `…/user@UID.service/…`: started by the user's own systemd manager.
  case userManager(uid: Int?, path: String)
  /// `system.slice/NAME.service`: a system service.
  case systemService(unit: String, path: String)
  /// Anything else (`/`, a container's own tree).
  case other(path: String)
  case unknown

  /// Classifies the contents of `/proc/PID/cgroup` (v2's `0::` line, else v1's
  /// `name=systemd` hierarchy).
  public static func parse(_ text: String) -> ControlGroup {
    let lines = text.split(separator: "\n")
    let chosen =
      lines.first(where: { $0.hasPrefix("0::") }).map { String($0.dropFirst(3)) }
      ?? lines.first(where: { $0.contains(":name=systemd:") }).flatMap { line in
        line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).last.map(String.init)
      }
    guard let path = chosen else { return .unknown }
    let parts = path.split(separator: "/").map(String.init)
    if let scope = parts.first(where: { $0.hasPrefix("session-") && $0.hasSuffix(".scope") }) {
      return .sessionScope(id: String(scope.dropFirst("session-".count).dropLast(".scope".count)), path: path)
    }
    if let manager = parts.first(where: { $0.hasPrefix("user@") && $0.hasSuffix(".service") }) {
      return .userManager(uid: Int(manager.dropFirst("user@".count).dropLast(".service".count)), path: path)
    }
    if parts.first == "system.slice", let unit = parts.dropFirst().first(where: { $0.hasSuffix(".service") }) {
      return .systemService(unit: unit, path: path)
    }
    return .other(path: path)
  }

  public var path: String? {
    switch self {
    case .sessionScope(_, let p), .userManager(_, let p), .systemService(_, let p), .other(let p): return p
    case .unknown: return nil
    }
  }
}

/// Everything read about one process.
public struct ProcessSnapshot: Sendable, Equatable {
  public var pid: Int
  public var ppid: Int
  public var pgid: Int
  public var sid: Int
  /// `tty_nr` of `/proc/PID/stat`: 0 when the process has no controlling terminal.
  public var ttyNumber: Int
  /// The controlling terminal's foreground process group, -1 without a terminal.
  public var tpgid: Int
  public var state: ObservedState
  /// `comm`, the kernel's 15-character name.
  public var name: String
  /// `argv` (empty for a zombie or when unreadable).
  public var arguments: [String]
  /// The executable `/proc/PID/exe` points to, when readable.
  public var executable: String?
  public var uid: Int?
  public var ignored: SignalMask
  public var caught: SignalMask
  public var blocked: SignalMask
  public var pending: SignalMask
  /// Descriptors 0, 1 and 2.
  public var streams: [StandardStream]
  public var controlGroup: ControlGroup
  /// Selected environment entries (CI markers, `BASHOPTS`), sorted by name; nil when the
  /// environment cannot be read.
  public var environment: [String: String]?
  /// Whether the process is blocked in (or was stopped inside) a read of its terminal,
  /// from `/proc/PID/syscall`; nil when that cannot be read.
  public var readsTerminal: Bool?
  /// `starttime` of `/proc/PID/stat`, to notice a pid reused while reading.
  public var startTime: UInt64

  public init(
    pid: Int, ppid: Int, pgid: Int, sid: Int, ttyNumber: Int = 0, tpgid: Int = -1, state: ObservedState = .sleeping,
    name: String, arguments: [String] = [], executable: String? = nil, uid: Int? = nil,
    ignored: SignalMask = SignalMask(), caught: SignalMask = SignalMask(), blocked: SignalMask = SignalMask(),
    pending: SignalMask = SignalMask(), streams: [StandardStream] = [], controlGroup: ControlGroup = .unknown,
    environment: [String: String]? = nil, readsTerminal: Bool? = nil, startTime: UInt64 = 0
  ) {
    self.pid = pid
    self.ppid = ppid
    self.pgid = pgid
    self.sid = sid
    self.ttyNumber = ttyNumber
    self.tpgid = tpgid
    self.state = state
    self.name = name
    self.arguments = arguments
    self.executable = executable
    self.uid = uid
    self.ignored = ignored
    self.caught = caught
    self.blocked = blocked
    self.pending = pending
    self.streams = streams
    self.controlGroup = controlGroup
    self.environment = environment
    self.readsTerminal = readsTerminal
    self.startTime = startTime
  }

  /// The command line as `ps` shows it, or `[comm]` without one.
  public var commandLine: String { arguments.isEmpty ? "[\(name)]" : arguments.joined(separator: " ") }

  /// The basename of the executable, else of argv[0] without a login dash, else comm.
  public var programName: String {
    if let executable, let base = executable.split(separator: "/").last {
      let text = String(base)
      return text.hasSuffix(" (deleted)") ? String(text.dropLast(" (deleted)".count)) : text
    }
    if let first = arguments.first, let base = first.split(separator: "/").last {
      return base.hasPrefix("-") ? String(base.dropFirst()) : String(base)
    }
    return name
  }

  public var hasTerminal: Bool { ttyNumber != 0 }

  /// The controlling terminal's path: as a standard descriptor names it, else decoded from
  /// `tty_nr` (major 136–143 are /dev/pts, 4 the virtual consoles and serial lines).
  public var terminalPath: String? {
    guard hasTerminal else { return nil }
    for s in streams { if case .terminal(let path, true) = s.target { return path } }
    let major = (ttyNumber >> 8) & 0xfff
    let minor = (ttyNumber & 0xff) | ((ttyNumber >> 12) & 0xfff00)
    switch major {
    case 136...143: return "/dev/pts/\(minor + (major - 136) * 256)"
    case 4: return minor < 64 ? "/dev/tty\(minor)" : "/dev/ttyS\(minor - 64)"
    default: return "tty \(major):\(minor)"
    }
  }
  public var isSessionLeader: Bool { pid == sid }
  public var isStopped: Bool { state == .stopped }
  public var isZombie: Bool { state == .zombie || state == .dead }

  public func stream(_ fd: Int) -> StandardStream? { streams.first { $0.fd == fd } }

  /// GNU nohup's mark: SIGHUP ignored and a standard input reopened write-only on
  /// /dev/null (what nohup does to a terminal stdin).
  public var looksStartedByNohup: Bool {
    guard ignored.contains(.hup) else { return false }
    if let input = stream(0), input.target == .devNull, input.access == .writeOnly { return true }
    if let output = stream(1), case .file(let path) = output.target, path.hasSuffix("/nohup.out") { return true }
    return false
  }
}

/// How the session leader was identified as a shell hupsim models.
public enum VersionMatch: String, Sendable {
  /// Its version line names a modelled release.
  case exact
  /// A release hupsim does not model; the nearest modelled one stands in.
  case nearest
  /// The version could not be read; the family's default release stands in.
  case familyDefault = "family-default"
  /// Not a shell hupsim knows; bash 5.2 stands in.
  case unknownShell = "unknown-shell"
}

/// The shell that leads the session.
public struct ShellIdentity: Sendable, Equatable {
  public var pid: Int
  /// The basename of its executable, e.g. `bash`.
  public var executableName: String
  /// The first line of its `--version` (or equivalent), if it was read.
  public var versionLine: String?
  /// The release the model uses for it.
  public var version: ShellVersion
  public var match: VersionMatch
  /// argv[0] starts with `-`, or it was given `-l`/`--login`.
  public var login: Bool

  public init(
    pid: Int, executableName: String, versionLine: String?, version: ShellVersion, match: VersionMatch, login: Bool
  ) {
    self.pid = pid
    self.executableName = executableName
    self.versionLine = versionLine
    self.version = version
    self.match = match
    self.login = login
  }
}

/// systemd-logind's settings that decide whether a login session's processes die with it.
public struct LogindFacts: Sendable, Equatable {
  /// A `systemd-logind` process is running.
  public var running: Bool
  public var killUserProcesses: Bool
  /// The file whose `KillUserProcesses=` line decided it; nil for the compiled-in default.
  public var killUserProcessesSetIn: String?
  public var killOnlyUsers: [String]
  public var killExcludeUsers: [String]
  /// `/var/lib/systemd/linger/USER` exists.
  public var lingering: Bool
  /// The user's other logind sessions (`SESSIONS=` of `/run/systemd/users/UID`), if known.
  public var otherSessions: Int?

  public init(
    running: Bool = false, killUserProcesses: Bool = false, killUserProcessesSetIn: String? = nil,
    killOnlyUsers: [String] = [], killExcludeUsers: [String] = ["root"], lingering: Bool = false,
    otherSessions: Int? = nil
  ) {
    self.running = running
    self.killUserProcesses = killUserProcesses
    self.killUserProcessesSetIn = killUserProcessesSetIn
    self.killOnlyUsers = killOnlyUsers
    self.killExcludeUsers = killExcludeUsers
    self.lingering = lingering
    self.otherSessions = otherSessions
  }

  /// `manager_shall_kill()`: whether logind stops a closing session's scope for `user`.
  public func killsSessions(of user: String?) -> Bool {
    guard running, killUserProcesses else { return false }
    guard let user else { return true }
    if killExcludeUsers.contains(user) { return false }
    return killOnlyUsers.isEmpty || killOnlyUsers.contains(user)
  }
}

/// Facts about the machine rather than one process.
public struct SystemFacts: Sendable, Equatable {
  /// `/proc/sys/kernel/osrelease`.
  public var kernelRelease: String
  /// The release names Microsoft's WSL 1 kernel emulation.
  public var wsl1: Bool { kernelRelease.contains("Microsoft") }
  public var logind: LogindFacts
  /// `/proc/sys/kernel/yama/ptrace_scope` (reptyr needs ptrace), if present.
  public var ptraceScope: Int?
  /// Whether `reptyr` is on the PATH.
  public var reptyrInstalled: Bool

  public init(
    kernelRelease: String = "", logind: LogindFacts = LogindFacts(), ptraceScope: Int? = nil,
    reptyrInstalled: Bool = false
  ) {
    self.kernelRelease = kernelRelease
    self.logind = logind
    self.ptraceScope = ptraceScope
    self.reptyrInstalled = reptyrInstalled
  }
}

/// The `hupsim check` process itself: who asked, from where.
public struct Caller: Sendable, Equatable {
  public var pid: Int
  public var ppid: Int
  public var pgid: Int
  public var sid: Int
  /// `$BASHOPTS` in hupsim's own environment (exported by the shell it runs in).
  public var bashopts: String?

  public init(pid: Int, ppid: Int, pgid: Int, sid: Int, bashopts: String? = nil) {
    self.pid = pid
    self.ppid = ppid
    self.pgid = pgid
    self.sid = sid
    self.bashopts = bashopts
  }
}

/// One snapshot of the live system around the processes to check.
public struct Observation: Sendable, Equatable {
  /// The processes read in detail: the targets, every member of their sessions, their
  /// ancestors and the session leaders' parents, sorted by pid.
  public var processes: [ProcessSnapshot]
  /// The shells leading the sessions involved, by leader pid.
  public var shells: [ShellIdentity]
  /// The user names of the uids involved.
  public var userNames: [Int: String]
  public var system: SystemFacts
  public var caller: Caller?

  public init(
    processes: [ProcessSnapshot], shells: [ShellIdentity] = [], userNames: [Int: String] = [:],
    system: SystemFacts = SystemFacts(), caller: Caller? = nil
  ) {
    self.processes = processes.sorted { $0.pid < $1.pid }
    self.shells = shells
    self.userNames = userNames
    self.system = system
    self.caller = caller
  }

  public func process(_ pid: Int) -> ProcessSnapshot? {
    var low = 0
    var high = processes.count - 1
    while low <= high {
      let mid = (low + high) >> 1
      if processes[mid].pid == pid { return processes[mid] }
      if processes[mid].pid < pid { low = mid + 1 } else { high = mid - 1 }
    }
    return nil
  }

  public func shell(leader pid: Int) -> ShellIdentity? { shells.first { $0.pid == pid } }

  /// The parent chain of a process, nearest first, as far as it was read.
  public func ancestors(of pid: Int) -> [ProcessSnapshot] {
    var out: [ProcessSnapshot] = []
    var current = process(pid)?.ppid ?? 0
    while current > 0, let p = process(current), !out.contains(where: { $0.pid == p.pid }) {
      out.append(p)
      current = p.ppid
    }
    return out
  }

  /// The live members of a session, by pid.
  public func members(ofSession sid: Int) -> [ProcessSnapshot] {
    processes.filter { $0.sid == sid && !$0.isZombie }
  }

  /// The live children of a process.
  public func children(of pid: Int) -> [ProcessSnapshot] {
    processes.filter { $0.ppid == pid && !$0.isZombie }
  }
}
