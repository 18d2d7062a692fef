#!/usr/bin/env bash
# Checks that the sources are formatted as .swift-format says (the toolchain's `swift format`).
# Exits non-zero, listing each finding, if any file is not; fix them with:
#   swift format -i -r Sources Tests Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
exec swift format lint --strict -r Sources Tests Package.swift
