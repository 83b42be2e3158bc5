#!/usr/bin/env bash
# Runs the goroutine-leak-profile test with the experiment built in, where the go on PATH has it
# (Go >= 1.26); with an older go it says so and runs nothing, visibly.
set -euo pipefail
cd "$(dirname "$0")"
minor=$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
if [ "$minor" -lt 26 ]; then
  echo "lab: $(go env GOVERSION) has no GOEXPERIMENT=goroutineleakprofile (Go >= 1.26): leak-profile test not run"
  exit 0
fi
GOEXPERIMENT=goroutineleakprofile go test -count=1 -v -run 'TestGoroutineLeakProfileFindsTheLeakWhenBuiltIn' . | grep -E '^(=== RUN|--- |ok|FAIL|PASS|    [a-z_]+_test\.go:)'
