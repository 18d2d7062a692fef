// swift-tools-version: 6.0
import PackageDescription

// hupsim has no package dependencies: the model is pure Swift, the CLI, the
// recorder and check's /proc reader use only the toolchain's Glibc, and one C target (CHangupLinux) wraps
// the few Linux calls Swift cannot import (posix_openpt, ptsname, variadic prctl/ioctl,
// fork+exec into a new session).
//
// scripts/install.sh builds with HUPSIM_COMMIT set to the commit it builds (e.g. "1caebee");
// it reaches one small C target as a define, so `hupsim --version` can name it. A plain
// `swift build` leaves it out and the version says "commit unknown".
var buildInfoSettings: [CSetting] = []
if let commit = Context.environment["HUPSIM_COMMIT"], !commit.isEmpty,
  commit.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." })
{
  buildInfoSettings.append(.define("HUPSIM_COMMIT", to: "\"\(commit)\""))
}

let package = Package(
  name: "hupsim",
  products: [
    .library(name: "HangupModel", targets: ["HangupModel"]),
    .executable(name: "hupsim", targets: ["hupsim"]),
    .executable(name: "hupsim-probe", targets: ["hupsim-probe"]),
  ],
  targets: [
    .target(name: "HangupJSON"),
    .target(name: "HangupModel", dependencies: ["HangupJSON"]),
    .target(
      name: "HangupReport",
      dependencies: ["HangupModel", "HangupJSON", "HangupInspect", "HangupTraces", "HangupRecorder"]),
    .target(name: "HangupTraces", dependencies: ["HangupModel", "HangupJSON"]),
    .target(name: "CHangupLinux"),
    .target(name: "CHupsimBuildInfo", cSettings: buildInfoSettings),
    .target(name: "HangupProcFS"),
    .target(name: "HangupInspect", dependencies: ["HangupModel", "HangupProcFS"]),
    .target(
      name: "HangupRecorder",
      dependencies: ["HangupModel", "HangupTraces", "HangupJSON", "CHangupLinux", "HangupProcFS"]),
    .executableTarget(name: "hupsim-probe", dependencies: ["HangupProcFS"]),
    .executableTarget(name: "hupsim-bench", dependencies: ["HangupModel", "HangupRecorder"]),
    .target(
      name: "HupsimCommand",
      dependencies: [
        "HangupModel", "HangupReport", "HangupTraces", "HangupJSON", "HangupRecorder", "HangupInspect", "HangupProcFS",
        "CHupsimBuildInfo",
      ]),
    .executableTarget(name: "hupsim", dependencies: ["HupsimCommand", "HangupModel", "hupsim-probe"]),
    .testTarget(
      name: "HangupModelTests",
      dependencies: [
        "HangupModel", "HangupReport", "HangupTraces", "HangupJSON", "HupsimCommand", "HangupRecorder",
        "HangupInspect", "HangupProcFS", "CHangupLinux",
      ],
      exclude: ["Snapshots"]),
  ],
  swiftLanguageModes: [.v6]
)
