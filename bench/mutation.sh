#!/usr/bin/env bash
# bench/mutation.sh [TARGET_CLASSES]: PIT mutation testing (the pom's `mutation` profile, never part of
# `./mvnw verify`) of io.schedgate.verdict.* and io.schedgate.signals.* against the fast unit tests of
# those packages (no Docker, Gatling or lab tests, no @Tag("bench"), no go test). Prints the mutation
# score and the strength (killed / mutants with a covering test); the report is target/pit-reports/index.html.
# TARGET_CLASSES narrows what is mutated, comma-separated globs, e.g. 'io.schedgate.verdict.*Check'.
# MUTATION_THREADS (default 2) and MUTATION_TIMEOUT_MS (PIT's timeoutConstant, default 8000).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
targets=${1:-io.schedgate.verdict.*,io.schedgate.signals.*}
start=$(date +%s)
./mvnw -B -q -Pmutation -Dlab.skipGoTests \
    -Dmutation.targetClasses="$targets" \
    -Dmutation.threads="${MUTATION_THREADS:-2}" \
    -Dmutation.timeoutConstant="${MUTATION_TIMEOUT_MS:-8000}" \
    test-compile org.pitest:pitest-maven:mutationCoverage
secs=$(( $(date +%s) - start ))
python3 - target/pit-reports/mutations.xml "$targets" "$secs" <<'PY'
import sys, collections
import xml.etree.ElementTree as ET
path, targets, secs = sys.argv[1], sys.argv[2], int(sys.argv[3])
status = collections.Counter(m.get("status") for m in ET.parse(path).getroot().iter("mutation"))
total = sum(status.values())
killed = status["KILLED"] + status["TIMED_OUT"] + status["MEMORY_ERROR"] + status["RUN_ERROR"]
covered = total - status["NO_COVERAGE"]
print(f"mutation: {targets}")
print("mutation: " + ", ".join(f"{k.lower()} {v}" for k, v in sorted(status.items())))
print(f"mutation score {killed}/{total} = {100.0 * killed / max(total, 1):.0f}%, "
      f"test strength {killed}/{covered} = {100.0 * killed / max(covered, 1):.0f}%, in {secs // 60} min {secs % 60} s")
PY
