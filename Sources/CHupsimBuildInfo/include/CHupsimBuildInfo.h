// What the build knows about itself. scripts/install.sh sets HUPSIM_COMMIT in the
// environment of `swift build`; Package.swift passes it to this target only, as the
// C define HUPSIM_COMMIT, so no other target is rebuilt when the commit changes.
#ifndef CHUPSIMBUILDINFO_H
#define CHUPSIMBUILDINFO_H

/// The commit hupsim was built from ("1caebee", "1caebee-dirty"), or NULL for a plain
/// `swift build`.
const char *CHupsimBuildInfo_commit(void);

#endif
