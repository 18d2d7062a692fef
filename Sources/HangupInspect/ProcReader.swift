#if canImport(Glibc)
@preconcurrency import Glibc
import HangupModel
import HangupProcFS

/// Reads the live system for `hupsim check`: /proc for the processes, logind's
/// configuration, linger files and the shells' own version lines. Only reads; the one
/// program it runs is a session leader's shell with its documented version flag, and only
/// when root or the caller owns that executable.
public struct ProcReader: Sendable {
  /// `PF_KTHREAD` in the flags field of /proc/PID/stat (include/linux/sched.h).
  static let kernelThreadFlag: UInt = 0x0020_0000

  /// Runs an executable (path, then argv with argv[0]) and returns the first line it
  /// prints, or nil. The default spawns it with a 2 s limit; tests may replace it.
  public var versionLine: @Sendable (String, [String]) -> String?

  public init(versionLine: @escaping @Sendable (String, [String]) -> String? = ProcReader.runForFirstLine) {
    self.versionLine = versionLine
  }

  /// One line of /proc/PID/stat.
  public struct StatLine: Equatable, Sendable {
    public var pid: Int
    public var name: String
    public var state: ObservedState
    public var ppid: Int
    public var pgid: Int
    public var sid: Int
    public var tty: Int
    public var tpgid: Int
    public var flags: UInt
    public var startTime: UInt64
  }

  static func statLine(_ pid: Int) -> StatLine? {
    guard let bytes = ProcFS.readBytes("/proc/\(pid)/stat") else { return nil }
    return parseStat(String(decoding: bytes, as: UTF8.self), pid: pid)
  }

  /// Parses `pid (comm) state ppid pgrp session tty_nr tpgid flags … starttime …`; comm
  /// may hold spaces and parentheses (``ProcFS/StatFields`` splits the line).
  public static func parseStat(_ text: String, pid: Int) -> StatLine? {
    guard let line = ProcFS.StatFields(text), let letter = line[3]?.first, let ppid = line[4].flatMap({ Int($0) }),
      let pgid = line[5].flatMap({ Int($0) }), let sid = line[6].flatMap({ Int($0) }),
      let tty = line[7].flatMap({ Int($0) }),
      let tpgid = line[8].flatMap({ Int($0) }), let flags = line[9].flatMap({ UInt($0) }),
      let start = line[22].flatMap({ UInt64($0) })
    else { return nil }
    return StatLine(
      pid: pid, name: line.name, state: ObservedState(letter: letter), ppid: ppid, pgid: pgid, sid: sid, tty: tty,
      tpgid: tpgid, flags: flags, startTime: start)
  }

  static func readText(_ path: String) -> String? {
    ProcFS.readBytes(path).map { String(decoding: $0, as: UTF8.self) }
  }

  static func readLink(_ path: String) -> (String?, Int32) {
    var buffer = [CChar](repeating: 0, count: 4097)
    let n = readlink(path, &buffer, 4096)
    guard n >= 0 else { return (nil, errno) }
    return (String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self), 0)
  }

  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  // MARK: - Observing

  /// Reads everything about `targets` and their sessions. Throws for a pid that is no
  /// process, a kernel thread, another user's unreadable process, or one that vanished.
  public func observe(targets: [Int], caller: Caller?) throws(InspectError) -> Observation {
    guard ProcReader.exists("/proc/self/stat") else { throw .procUnavailable("/proc is not mounted") }
    var table: [Int: StatLine] = [:]
    for pid in ProcFS.processes() {
      if let line = ProcReader.statLine(Int(pid)) { table[line.pid] = line }
    }
    for pid in targets { try checkTarget(pid, table[pid]) }

    // What to read in detail: the targets, their sessions, the caller's session, and the
    // parent chains of all of them.
    var wanted = Set<Int>(targets)
    var sessions = Set(targets.compactMap { table[$0]?.sid })
    if let caller { sessions.insert(caller.sid) }
    for line in table.values where sessions.contains(line.sid) { wanted.insert(line.pid) }
    for pid in targets { for line in table.values where line.ppid == pid { wanted.insert(line.pid) } }
    for sid in sessions where table[sid] != nil { wanted.insert(sid) }
    for pid in Array(wanted) {
      var current = table[pid]?.ppid ?? 0
      var steps = 0
      while current > 0, steps < 4096, let line = table[current] {
        wanted.insert(current)
        current = line.ppid
        steps += 1
      }
    }
    var processes: [ProcessSnapshot] = []
    for pid in wanted.sorted() {
      guard let line = table[pid] else { continue }
      if line.flags & ProcReader.kernelThreadFlag != 0 { continue }
      if let snapshot = detail(line) {
        processes.append(snapshot)
      } else if targets.contains(pid) {
        throw .vanished(pid)
      }
    }
    var system = systemFacts()
    // logind runs when its process does (an image may carry /run/systemd leftovers).
    system.logind.running = table.values.contains { $0.name == "systemd-logind" }
    var observation = Observation(processes: processes, system: system, caller: caller)
    // The shells that lead the sessions involved.
    var versionCache: [String: String?] = [:]
    for sid in sessions.sorted() {
      guard let leader = observation.process(sid), leader.isSessionLeader, !leader.isZombie else { continue }
      let login = ShellIdentification.isLogin(arguments: leader.arguments)
      guard let family = ShellIdentification.family(executable: leader.programName, argv0: leader.arguments.first)
      else {
        if ShellIdentification.unmodelledShells.contains(leader.programName) {
          observation.shells.append(
            ShellIdentity(
              pid: sid, executableName: leader.programName, versionLine: nil,
              version: Scenario.defaultShell, match: .unknownShell, login: login))
        }
        continue
      }
      let exe = "/proc/\(sid)/exe"
      var line: String??
      if let target = leader.executable { line = versionCache[target] }
      if line == nil {
        let arguments = family.recording.versionArguments
        // argv[0] as the shell's own name: busybox picks its applet by it.
        let value =
          arguments.isEmpty || !ProcReader.safeToRun(exe) ? nil : versionLine(exe, [leader.programName] + arguments)
        line = .some(value)
        if let target = leader.executable { versionCache[target] = value }
      }
      let (version, match) = ShellIdentification.version(of: family, line: line ?? nil)
      observation.shells.append(
        ShellIdentity(
          pid: sid, executableName: leader.programName, versionLine: line ?? nil,
          version: version, match: match, login: login))
    }
    // User names for logind's per-user settings and the linger files.
    for uid in Set(processes.compactMap(\.uid)).sorted() {
      if let name = ProcReader.userName(uid) { observation.userNames[uid] = name }
    }
    if let uid = targets.compactMap({ observation.process($0)?.uid }).first, let name = observation.userNames[uid] {
      observation.system.logind.lingering = ProcReader.exists("/var/lib/systemd/linger/" + name)
      observation.system.logind.otherSessions = ProcReader.otherSessions(
        uid: uid,
        current: targets.compactMap { pid in
          if case .sessionScope(let id, _)? = observation.process(pid)?.controlGroup { return id }
          return nil
        }.first)
    }
    // A target that changed while it was read is gone (or its pid reused).
    for pid in targets {
      guard let before = table[pid], let after = ProcReader.statLine(pid), after.startTime == before.startTime else {
        throw .vanished(pid)
      }
    }
    return observation
  }

  func checkTarget(_ pid: Int, _ line: StatLine?) throws(InspectError) {
    guard let line else {
      // Threads are not listed in /proc but open there: name the process.
      if let tgid = ProcReader.status(pid)["Tgid"].flatMap({ Int($0) }), tgid != pid {
        throw .thread(pid, process: tgid)
      }
      throw ProcReader.exists("/proc/\(pid)") ? .vanished(pid) : .noSuchProcess(pid)
    }
    if pid == 2 || line.ppid == 2 || line.flags & ProcReader.kernelThreadFlag != 0 {
      throw .kernelThread(pid, name: line.name)
    }
    if line.state == .zombie || line.state == .dead { throw .zombie(pid, name: line.name) }
    // A thread's id opens /proc/TID too; the process is its thread group.
    if let tgid = ProcReader.status(pid)["Tgid"].flatMap({ Int($0) }), tgid != pid { throw .thread(pid, process: tgid) }
    let (_, error) = ProcReader.readLink("/proc/\(pid)/exe")
    if error == EACCES || error == EPERM {
      let uid = ProcReader.status(pid)["Uid"].flatMap { $0.split(separator: "\t").first.flatMap { Int($0) } } ?? -1
      if uid == Int(geteuid()) || geteuid() == 0 { throw .notReadable(pid) }
      throw .otherUser(pid, uid: uid)
    }
    if error == ENOENT && !ProcReader.exists("/proc/\(pid)") { throw .vanished(pid) }
  }

  static func status(_ pid: Int) -> [String: String] {
    guard let text = readText("/proc/\(pid)/status") else { return [:] }
    var out: [String: String] = [:]
    for line in text.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      out[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t")
    }
    return out
  }

  /// Everything about one process, or nil if it went away.
  func detail(_ line: StatLine) -> ProcessSnapshot? {
    let pid = line.pid
    let status = ProcReader.status(pid)
    guard !status.isEmpty else { return nil }
    func mask(_ key: String) -> SignalMask { status[key].flatMap(SignalMask.init(hex:)) ?? SignalMask() }
    var pending = mask("SigPnd")
    pending.bits |= mask("ShdPnd").bits
    let cmdline = ProcFS.readBytes("/proc/\(pid)/cmdline") ?? []
    var arguments = cmdline.split(separator: 0, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
    if arguments.last == "" { arguments.removeLast() }
    let (exe, _) = ProcReader.readLink("/proc/\(pid)/exe")
    var streams: [StandardStream] = []
    for fd in 0...2 { streams.append(ProcReader.stream(pid: pid, fd: fd, ttyNumber: line.tty)) }
    let environment = ProcFS.readBytes("/proc/\(pid)/environ").map { bytes -> [String: String] in
      var out: [String: String] = [:]
      let keys = Set(CIMarkers.names + ["BASHOPTS"])
      for entry in bytes.split(separator: 0) {
        guard let eq = entry.firstIndex(of: UInt8(ascii: "=")) else { continue }
        let key = String(decoding: entry[entry.startIndex..<eq], as: UTF8.self)
        if keys.contains(key) { out[key] = String(decoding: entry[(eq + 1)...], as: UTF8.self) }
      }
      return out
    }
    return ProcessSnapshot(
      pid: pid, ppid: line.ppid, pgid: line.pgid, sid: line.sid, ttyNumber: line.tty, tpgid: line.tpgid,
      state: line.state,
      name: line.name, arguments: arguments, executable: exe,
      uid: status["Uid"].flatMap { $0.split(separator: "\t").first.flatMap { Int($0) } },
      ignored: mask("SigIgn"), caught: mask("SigCgt"), blocked: mask("SigBlk"), pending: pending, streams: streams,
      controlGroup: ProcReader.readText("/proc/\(pid)/cgroup").map(ControlGroup.parse) ?? .unknown,
      environment: environment, readsTerminal: ProcReader.readsTerminal(pid: pid, streams: streams),
      startTime: line.startTime)
  }

  /// Where descriptor `fd` points, and how it was opened.
  static func stream(pid: Int, fd: Int, ttyNumber: Int) -> StandardStream {
    let (target, error) = readLink("/proc/\(pid)/fd/\(fd)")
    guard let target else {
      return StandardStream(fd: fd, target: error == ENOENT ? .closed : .unreadable)
    }
    var access: AccessMode?
    if let info = readText("/proc/\(pid)/fdinfo/\(fd)"),
      let flagsLine = info.split(separator: "\n").first(where: { $0.hasPrefix("flags:") }),
      let flags = Int(flagsLine.dropFirst("flags:".count).trimmingCharacters(in: " \t"), radix: 8)
    {
      access = [AccessMode.readOnly, .writeOnly, .readWrite][min(flags & 3, 2)]
    }
    let kind: StreamTarget
    if target == "/dev/null" {
      kind = .devNull
    } else if target.hasPrefix("pipe:[") {
      kind = .pipe(inode: Int(target.dropFirst(6).dropLast()) ?? 0)
    } else if target.hasPrefix("socket:[") {
      kind = .socket(inode: Int(target.dropFirst(8).dropLast()) ?? 0)
    } else if isTerminal(target) {
      var info = Glibc.stat()
      let isSession = ttyNumber != 0 && stat("/proc/\(pid)/fd/\(fd)", &info) == 0 && Int(info.st_rdev) == ttyNumber
      kind = .terminal(path: target, session: isSession)
    } else if target.hasPrefix("/") {
      kind = .file(path: target)
    } else {
      kind = .other(path: target)
    }
    return StandardStream(fd: fd, target: kind, access: access)
  }

  static func isTerminal(_ path: String) -> Bool {
    path.hasPrefix("/dev/pts/") || path.hasPrefix("/dev/tty") || path.hasPrefix("/dev/console")
  }

  /// The read syscall numbers of this architecture (read, readv, pread64, preadv).
  static var readSyscalls: [Int] {
    #if arch(x86_64)
    return [0, 17, 19, 295]
    #elseif arch(arm64)
    return [63, 65, 67, 69]
    #else
    return []
    #endif
  }

  /// Whether the process sits in a read of a terminal descriptor (`/proc/PID/syscall`:
  /// number, then the arguments in hex; a process stopped inside the read shows it too).
  static func readsTerminal(pid: Int, streams: [StandardStream]) -> Bool? {
    guard let text = readText("/proc/\(pid)/syscall") else { return nil }
    let fields = text.split(separator: " ")
    guard let nr = fields.first.flatMap({ Int($0) }) else { return false }
    guard readSyscalls.contains(nr), fields.count > 1, let fd = Int(fields[1].dropFirst(2), radix: 16) else {
      return false
    }
    if let known = streams.first(where: { $0.fd == fd }) {
      if case .terminal = known.target { return true }
      return false
    }
    return readLink("/proc/\(pid)/fd/\(fd)").0.map(isTerminal) ?? false
  }

  // MARK: - The system

  func systemFacts() -> SystemFacts {
    let release = ProcReader.readText("/proc/sys/kernel/osrelease")?.trimmingCharacters(in: " \n") ?? ""
    var files: [(String, String)] = []
    if let main = LogindConfig.mainFiles.first(where: ProcReader.exists), let text = ProcReader.readText(main) {
      files.append((main, text))
    }
    var dropIns: [String: String] = [:]
    for folder in LogindConfig.dropInFolders {
      for name in ProcReader.entries(folder) where name.hasSuffix(".conf") && dropIns[name] == nil {
        dropIns[name] = folder + "/" + name
      }
    }
    for name in dropIns.keys.sorted() {
      if let path = dropIns[name], let text = ProcReader.readText(path) { files.append((path, text)) }
    }
    let scope = ProcReader.readText("/proc/sys/kernel/yama/ptrace_scope").flatMap {
      Int($0.trimmingCharacters(in: " \n"))
    }
    let candidates: [String] = ["/usr/bin/reptyr", "/bin/reptyr", "/usr/local/bin/reptyr"]
    let reptyr = candidates.contains { Glibc.access($0, X_OK) == 0 }
    return SystemFacts(
      kernelRelease: release, logind: LogindConfig.parse(files, running: false), ptraceScope: scope,
      reptyrInstalled: reptyr)
  }

  static func entries(_ folder: String) -> [String] {
    (ProcFS.entries(of: folder) ?? []).sorted()
  }

  static func userName(_ uid: Int) -> String? {
    var entry = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name
    else {
      return nil
    }
    return String(cString: name)
  }

  /// The user's logind sessions other than `current` (`SESSIONS=` in /run/systemd/users/UID).
  static func otherSessions(uid: Int, current: String?) -> Int? {
    guard let text = readText("/run/systemd/users/\(uid)"),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("SESSIONS=") })
    else { return nil }
    let sessions = line.dropFirst("SESSIONS=".count).split(separator: " ").map(String.init)
    return sessions.filter { $0 != current }.count
  }

  // MARK: - The shell's version line

  /// Runs the shell's documented version query only when root or the caller owns its
  /// executable and nobody else may write it: hupsim never runs another user's program.
  static func safeToRun(_ path: String) -> Bool {
    var info = Glibc.stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
    let owner = Int(info.st_uid)
    return (owner == 0 || owner == Int(geteuid())) && info.st_mode & (S_IWGRP | S_IWOTH) == 0
  }

  /// Spawns `path` with `argv` (argv[0] included), stdin and stderr on /dev/null and a plain
  /// environment, and returns the first line of its output; kills it after 2 s.
  @Sendable public static func runForFirstLine(_ path: String, _ argv: [String]) -> String? {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return nil }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, fds[1])
    let arguments = argv.map { strdup($0) } + [nil]
    let environment: [String] = ["LANG=C", "LC_ALL=C", "PATH=/usr/bin:/bin"]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      arguments.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, arguments, envp)
    close(fds[1])
    defer { close(fds[0]) }
    guard rc == 0 else { return nil }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1024)
    var deadline = timespec()
    clock_gettime(CLOCK_MONOTONIC, &deadline)
    let end = Double(deadline.tv_sec) + Double(deadline.tv_nsec) / 1e9 + 2
    while bytes.count < 4096 {
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      let left = end - (Double(now.tv_sec) + Double(now.tv_nsec) / 1e9)
      if left <= 0 { break }
      var poller = [pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)]
      let ready = poll(&poller, 1, Int32(left * 1000) + 1)
      if ready < 0 && errno == EINTR { continue }
      if ready <= 0 { break }
      let n = read(fds[0], &buffer, buffer.count)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
      if bytes.contains(UInt8(ascii: "\n")) { break }
    }
    kill(pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let text = String(decoding: bytes, as: UTF8.self)
    return text.split(separator: "\n").first.map(String.init)
  }
}
#endif
