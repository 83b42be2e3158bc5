#!/usr/bin/env bash
# Runs the verdict experiments (VerdictExperimentsTest: healthy, herd, leak, hotlock, fanout against
# the lab in Testcontainers with short Gatling ramps) N times each (default 3) and prints every
# repetition's verdict from target/experiments-verdicts.txt. Needs Docker (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3}
rm -f target/experiments-verdicts.txt
./mvnw -B -q test -Dtest=VerdictExperimentsTest -Dsurefire.failIfNoSpecifiedTests=false -Dlab.skipGoTests \
  -Dschedgate.experiments.repeat="$n" || status=$?
echo "== verdicts per repetition (target/experiments-verdicts.txt)"
cut -c1-240 target/experiments-verdicts.txt
exit "${status:-0}"
