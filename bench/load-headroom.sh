#!/usr/bin/env bash
# Load headroom: the highest arrival rate schedgate's Gatling setup sustains against the lab's
# trivial endpoint (/ping), next to wrk's closed-loop maximum on the same endpoint in the same run.
# Both share this machine's CPUs with the lab, so the ratio (goal >= 0.8) is what matters.
#
#   bench/load-headroom.sh [wrk-seconds]      (default 10; the Gatling part takes ~1 min more)
#   PINNED=1 bench/load-headroom.sh            the lab on the last CPU, wrk and Gatling on the others:
#                                              the load side's own cost per request, without the
#                                              target competing for its CPUs
#
# Gatling's steps are fractions of wrk's figure; a step counts as sustained when the harness's own
# window counters show >= 95 % of the target rate achieved, no errors, and >= 95 % of the step's
# requests sent on schedule (at most 10 ms after they were due: see StepLoadCounters.LATE_NANOS).
# A third figure, Gatling as a closed loop shaped like wrk -c64 (GatlingCeilingSimulation), is the
# most this machine's Gatling sends at all: it bounds what any open-model setup on top of it reaches.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { printf 'load-headroom: error: %s\n' "$*" >&2; exit 1; }
WRK_SECONDS=${1:-10}
# pooled users (at most that many requests in flight): /ping answers in under 1 ms, and the default pool,
# sized for 1 s responses (1024 users at these rates), lets a transient stall put 1024 requests in flight
# at once, which costs both processes more per request than they can drain (simulations/README.md)
USERS=${SCHEDGATE_USERS:-256}
command -v wrk >/dev/null || die "wrk is not installed (Debian: apt-get install wrk)"
command -v jq >/dev/null || die "jq is not installed (Debian: apt-get install jq)"
GO=$(cat target/go-binary 2>/dev/null || command -v go || true)
[ -n "$GO" ] || die "no go toolchain: run scripts/setup"

OUT=target/bench
PIN_LAB=() PIN_LOAD=()
if [ "${PINNED:-0}" = 1 ]; then
  command -v taskset >/dev/null || die "PINNED=1 needs taskset (Debian: util-linux)"
  N=$(nproc)
  [ "$N" -ge 2 ] || die "PINNED=1 needs at least 2 CPUs, this machine has $N"
  PIN_LAB=(taskset -c $((N - 1))); PIN_LOAD=(taskset -c 0-$((N - 2)))
  echo "load-headroom: pinned: the lab on CPU $((N - 1)), wrk and Gatling on CPUs 0-$((N - 2))" >&2
fi
mkdir -p "$OUT"
( cd targets/lab && CGO_ENABLED=0 "$GO" build -o "../../$OUT/lab" . ) || die "go build of targets/lab failed"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP=$(free_port); PPROF=$(free_port)
LAB_APP_ADDR=127.0.0.1:$APP LAB_PPROF_ADDR=127.0.0.1:$PPROF "${PIN_LAB[@]}" "$OUT/lab" >"$OUT/lab.log" 2>&1 &
LAB_PID=$!
trap 'kill $LAB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$APP/ping" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$APP/ping" >/dev/null || die "the lab did not answer on 127.0.0.1:$APP (see $OUT/lab.log)"
# the lab's CPU time (utime + stime, clock ticks) every 0.2 s, to split each step's CPU per request between
# the harness (the manifest's harnessCpus) and the target: both share this machine's CPUs
( while kill -0 "$LAB_PID" 2>/dev/null; do
    printf '%s %s\n' "$(date +%s.%N)" "$(awk '{print $14 + $15}' "/proc/$LAB_PID/stat" 2>/dev/null)"; sleep 0.2
  done ) > "$OUT/lab-cpu.txt" &

# wrk runs before and after the Gatling part; the mean is the reference, so a neighbour's load that
# comes or goes during the run biases the ratio less.
run_wrk() {
  local q
  q=$("${PIN_LOAD[@]}" wrk -t2 -c64 -d"${WRK_SECONDS}s" "http://127.0.0.1:$APP/ping" | awk '/^Requests\/sec:/ {print $2}')
  [ -n "$q" ] || die "could not read wrk's Requests/sec"
  echo "load-headroom: wrk -t2 -c64 -d${WRK_SECONDS}s: $q req/s" >&2
  echo "$q"
}
WRK_BEFORE=$(run_wrk)
WRK_QPS=$WRK_BEFORE

STEPS=$(awk -v w="$WRK_QPS" 'BEGIN { n=split("0.05 0.1 0.15 0.2 0.3 0.4 0.5 0.55 0.6 0.65 0.7 0.75 0.8 0.85", f, " ");
  for (i=1;i<=n;i++) printf "%s%d", (i>1?",":""), int(w*f[i]) }')
RUNS="$OUT/runs"
rm -rf "$RUNS"
echo "load-headroom: Gatling open-model steps $STEPS (2 s warm-up + 4 s window each, $USERS pooled users)"
"${PIN_LOAD[@]}" ./mvnw -B -q gatling:test -Dgatling.simulationClass=io.schedgate.simulations.LabRampSimulation \
  -Dschedgate.target.url="http://127.0.0.1:$APP" -Dschedgate.target.pprof="http://127.0.0.1:$PPROF" \
  -Dschedgate.steps="$STEPS" -Dschedgate.mix=/ping -Dschedgate.warmup.seconds=2 -Dschedgate.window.seconds=4 \
  -Dschedgate.tail.seconds=1 -Dschedgate.cooldown.seconds=0 -Dschedgate.runs.dir="$RUNS" -Dschedgate.users="$USERS" \
  -Dschedgate.failOnError=false >"$OUT/gatling.log" 2>&1 || die "the Gatling run failed: see $OUT/gatling.log"
MANIFEST=$(ls "$RUNS"/*/manifest.json | head -1)
python3 bench/step-cpu.py "$MANIFEST" "$OUT/lab-cpu.txt" "$(getconf CLK_TCK)" | sed 's/^/load-headroom: gatling /'
# the same ramp spread over two injector processes: this Maven run's Gatling collects and sends every
# other arrival, a second Gatling JVM (-Dschedgate.coordinator) sends the rest
CPORT=$(free_port)
RUNS2="$OUT/runs-two"
rm -rf "$RUNS2"
"${PIN_LOAD[@]}" ./mvnw -B -q gatling:test -Dgatling.simulationClass=io.schedgate.simulations.LabRampSimulation \
  -Dschedgate.coordinator="http://127.0.0.1:$CPORT" -Dschedgate.users="$USERS" -Dschedgate.failOnError=false >"$OUT/injector.log" 2>&1 &
INJECTOR_PID=$!
# two Maven builds of this project at once race in the protobuf plugin (FileAlreadyExistsException): the
# collector's build starts once the injector's has forked its Gatling JVM
for _ in $(seq 1 600); do pgrep -f io.gatling.app.Gatling >/dev/null && break; kill -0 "$INJECTOR_PID" 2>/dev/null || break; sleep 0.2; done
pgrep -f io.gatling.app.Gatling >/dev/null || die "the second injector did not start: see $OUT/injector.log"
"${PIN_LOAD[@]}" ./mvnw -B -q gatling:test -Dgatling.simulationClass=io.schedgate.simulations.LabRampSimulation \
  -Dschedgate.target.url="http://127.0.0.1:$APP" -Dschedgate.target.pprof="http://127.0.0.1:$PPROF" \
  -Dschedgate.steps="$STEPS" -Dschedgate.mix=/ping -Dschedgate.warmup.seconds=2 -Dschedgate.window.seconds=4 \
  -Dschedgate.tail.seconds=1 -Dschedgate.cooldown.seconds=0 -Dschedgate.runs.dir="$RUNS2" -Dschedgate.users="$USERS" \
  -Dschedgate.injectors=1 -Dschedgate.coordinator.port="$CPORT" \
  -Dschedgate.failOnError=false >"$OUT/gatling-two.log" 2>&1 || die "the two-injector run failed: see $OUT/gatling-two.log"
wait "$INJECTOR_PID" || echo "load-headroom: the second injector exited non-zero: see $OUT/injector.log" >&2
MANIFEST2=$(ls "$RUNS2"/*/manifest.json | head -1)
"${PIN_LOAD[@]}" ./mvnw -B -q gatling:test -Dgatling.simulationClass=io.schedgate.bench.GatlingCeilingSimulation \
  -Dceiling.url="http://127.0.0.1:$APP" -Dceiling.seconds=30 -Dceiling.targetPid="$LAB_PID" >"$OUT/ceiling.log" 2>&1 \
  || die "the Gatling closed-loop run failed: see $OUT/ceiling.log"
CEILING=$(awk '/^\[schedgate-bench\] gatling closed loop:/ {print $5}' "$OUT/ceiling.log")
[ -n "$CEILING" ] || die "could not read the closed-loop figure from $OUT/ceiling.log"
echo "load-headroom: gatling closed loop (64 users, no schedule, no collector): $CEILING req/s"
sed -n 's/^\[schedgate-bench\] closed loop cpu per request: /load-headroom: closed loop cpu per request: /p' "$OUT/ceiling.log"
WRK_AFTER=$(run_wrk)
WRK_QPS=$(awk -v a="$WRK_BEFORE" -v b="$WRK_AFTER" 'BEGIN { printf "%.0f", (a + b) / 2 }')
SUSTAINED=$(jq '[.steps[] | select(.load.errors == 0 and .load.achievedQps >= 0.95 * .targetQps
  and .load.late <= 0.05 * .load.requests) | .load.achievedQps] | max // 0' "$MANIFEST")
if awk -v g="$SUSTAINED" 'BEGIN { exit !(g > 0) }'; then
  echo "$SUSTAINED" > "$OUT/headroom-qps"   # for comparison: a run measures its own headroom (manifest harness.headroomQps)
else
  echo "load-headroom: no step was sustained (a busy machine?): $OUT/headroom-qps left as it was" >&2
fi
SUSTAINED2=$(jq '[.steps[] | select(.load.errors == 0 and .load.achievedQps >= 0.95 * .targetQps
  and .load.late <= 0.05 * .load.requests) | .load.achievedQps] | max // 0' "$MANIFEST2")
RATIO=$(awk -v g="$SUSTAINED" -v w="$WRK_QPS" 'BEGIN { printf "%.2f", g / w }')
echo "load-headroom: gatling sustains $SUSTAINED req/s, wrk $WRK_QPS req/s (mean of $WRK_BEFORE before, $WRK_AFTER after): ratio $RATIO (goal >= 0.8)"
awk -v c="$CEILING" -v w="$WRK_QPS" -v g="$SUSTAINED" 'BEGIN { printf "load-headroom: gatling closed loop / wrk = %.2f (Gatling'"'"'s own ceiling here); harness / closed loop = %.2f\n", c / w, g / c }'
awk -v r="$RATIO" 'BEGIN { exit !(r >= 0.8) }' || echo "load-headroom: below the goal of 0.8"
awk -v t="$SUSTAINED2" -v w="$WRK_QPS" -v c="$CEILING" -v g="$SUSTAINED" 'BEGIN { printf "load-headroom: two injector processes sustain %s req/s: / wrk = %.2f, / closed loop = %.2f, / one injector = %.2f\n", t, t / w, t / c, (g > 0 ? t / g : 0) }'
