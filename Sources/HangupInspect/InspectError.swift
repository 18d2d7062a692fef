/// Why a process cannot be checked. The command line words each case as one line.
public enum InspectError: Error, Equatable, Sendable {
  /// No process has this pid.
  case noSuchProcess(Int)
  /// The pid is a kernel thread (kthreadd's children), not a program anyone started.
  case kernelThread(Int, name: String)
  /// Another user's process whose details this user may not read.
  case otherUser(Int, uid: Int)
  /// The caller's own (or, for root, any) process whose details the kernel still refuses
  /// (ptrace access mode checks: yama, a missing CAP_SYS_PTRACE, a protected process).
  case notReadable(Int)
  /// The pid is one thread of a multi-threaded process, not the process.
  case thread(Int, process: Int)
  /// The process exited (or its pid was reused) while hupsim was reading it.
  case vanished(Int)
  /// The process has exited and waits for its parent to reap it.
  case zombie(Int, name: String)
  /// /proc is not there or cannot be read.
  case procUnavailable(String)
  /// Not Linux: there is no /proc to read.
  case unsupportedPlatform

  /// The exit status: 1 when the process went away meanwhile, 70 when the system cannot
  /// be read at all, 64 (bad usage) otherwise.
  public var status: Int32 {
    switch self {
    case .vanished, .zombie: return 1
    case .procUnavailable, .unsupportedPlatform: return 70
    case .noSuchProcess, .kernelThread, .otherUser, .notReadable, .thread: return 64
    }
  }
}
