import HupsimCommand

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

let result = Hupsim.run(Array(CommandLine.arguments.dropFirst()), environment: .system)
exit(result.emit())
