#!/usr/bin/env bash
# Benchmark: schedgate's parse + aggregate + runtime-lock attribution (bin/schedgate profile)
# against `go tool pprof -top` on the same large CPU profile, end to end (process start to exit),
# interleaved in the same run. Not a unit test: timings depend on the machine and its load.
#
# The profile is built from the real Go 1.26 lab CPU captures in src/test/resources/fixtures/pprof
# by bench/BuildBenchProfile.java, concatenated until it has >= MIN_RECORDS sample records:
#   shared   - copies share one Location table (repeated real stacks)
#   distinct - every copy has its own Locations (no two sample records share a location list)
# Peak heap: schedgate runs with -Xmx = 4 x the uncompressed profile size (so finishing at all
# proves peak heap <= 4x) and logs GC; the largest heap occupancy seen (before any collection,
# and at exit) is reported.
#
# bin/schedgate runs as a user gets it: its first call here (--help) builds the classes and its
# class-data-sharing archive (see bin/schedgate), so the timed runs all map the archive.
# SCHEDGATE_TIMING=1 bin/schedgate profile ... prints where one run's time goes.
#
# usage: bench/pprof-bench.sh [MIN_RECORDS=200000] [RUNS=5]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
min=${1:-200000}
runs=${2:-5}
out=target/bench
mkdir -p "$out"
bin/schedgate --help >/dev/null  # builds the classes and the classpath file if needed
cp="target/classes:$(cat target/schedgate.classpath)"

now() { date +%s%N; }
# cpu_of CMD...: runs CMD, prints "wall_ms cpu_ms" (cpu = user + sys of the process tree).
cpu_of() {
  local t0 t1 tf
  tf=$(mktemp)
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$tf" "$@" >/dev/null 2>"$out/last-stderr.txt" || { cat "$out/last-stderr.txt" >&2; rm -f "$tf"; return 1; }
  t1=$(now)
  awk -v w=$(((t1 - t0) / 1000000)) '{printf "%d %d\n", w, ($1 + $2) * 1000}' "$tf"
  rm -f "$tf"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-9s %9s %8s %11s %11s %7s %11s %11s %7s %9s %7s\n' profile records MiB \
  "pprof_ms" "ours_ms" ratio "pprof_cpu" "ours_cpu" cpu_x "heap_MiB" "heap_x"
for mode in shared distinct; do
  f=$out/cpu-$mode.pb.gz
  java -cp "$cp" bench/BuildBenchProfile.java "$mode" "$min" "$f" src/test/resources/fixtures/pprof/go126-*-cpu.pb.gz >/dev/null
  bytes=$(gzip -dc "$f" | wc -c)
  records=$(go tool pprof -raw "$f" 2>/dev/null | awk '/^Samples:/{s=1; getline; next} /^Locations/{s=0} s && /:/{n++} END {print n}')
  go tool pprof -top "$f" >/dev/null 2>&1  # warm the page cache and go's tool lookup
  xmx=$((bytes * 4 / 1024))k
  opts="-Xmx$xmx"  # on top of bin/schedgate's defaults (serial GC, C1)
  : > "$out/pprof-$mode.txt"; : > "$out/ours-$mode.txt"
  for _ in $(seq "$runs"); do
    cpu_of go tool pprof -top "$f" >> "$out/pprof-$mode.txt"
    JAVA_OPTS="$opts" cpu_of bin/schedgate profile --top 10 "$f" >> "$out/ours-$mode.txt"
  done
  JAVA_OPTS="$opts -Xlog:gc,gc+heap+exit:file=$out/gc-$mode.log" bin/schedgate profile --top 10 "$f" >/dev/null
  # Peak occupancy: "GC(n) Pause ... 12M->3M(20M)" before-values, and "used NNNK" per space at exit.
  peak_k=$(awk '
    /Pause/ { if (match($0, /[0-9]+[KMG]->/)) { v = substr($0, RSTART, RLENGTH - 3); u = substr($0, RSTART + RLENGTH - 3, 1);
              k = (u == "G") ? v * 1048576 : (u == "M") ? v * 1024 : v; if (k > p) p = k } }
    /gc,heap,exit/ && /generation/ && /used/ { if (match($0, /used [0-9]+K/)) e += substr($0, RSTART + 5, RLENGTH - 6) }
    END { if (e > p) p = e; print p + 0 }' "$out/gc-$mode.log")
  pw=$(cut -d' ' -f1 "$out/pprof-$mode.txt" | median); ow=$(cut -d' ' -f1 "$out/ours-$mode.txt" | median)
  pc=$(cut -d' ' -f2 "$out/pprof-$mode.txt" | median); oc=$(cut -d' ' -f2 "$out/ours-$mode.txt" | median)
  awk -v m="$mode" -v r="$records" -v b="$bytes" -v pw="$pw" -v ow="$ow" -v pc="$pc" -v oc="$oc" -v pk="$peak_k" 'BEGIN {
    printf "%-9s %9d %8.1f %11d %11d %6.2fx %11d %11d %6.2fx %9.1f %6.2fx\n", m, r, b / 1048576, pw, ow, pw / ow, pc, oc, pc / oc,
      pk / 1024, pk * 1024 / b }'
done
echo "(medians of $runs interleaved runs; ms = wall clock, cpu = user+sys ms; ratio = go tool pprof / schedgate;"
echo " heap_x = schedgate peak heap / uncompressed profile size, run with -Xmx = 4x uncompressed)"
