import HupsimCommand

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

let result = Hupsim.run(Array(CommandLine.arguments.dropFirst()), environment: Platform.environment)
Platform.write(result.stdout, to: stdout)
Platform.write(result.stderr, to: stderr)
exit(result.status)
