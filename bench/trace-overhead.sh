#!/usr/bin/env bash
# What the execution-trace capture costs the target: the lab ramped at 400 and 800 req/s of /healthy
# with the window fully traced (trace.seconds=3) and not at all (0), twice each, interleaved; prints
# per step CPU µs per request (from the CPU profile) and p99 latency (VerdictExperimentsTest's
# bench-tagged traceOverheadIsMeasured, excluded from the suite). Needs Docker (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test -Dtest='VerdictExperimentsTest#traceOverheadIsMeasured' -Dschedgate.excludedGroups=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dlab.skipGoTests | grep '^\[experiment\] overhead'
