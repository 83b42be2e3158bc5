#!/bin/sh
# Counts what tracestat counts, independently: from `go tool trace -d=parsed FILE` (the go tool's
# own parser, printing every event as text) with awk, not from tracestat's code.
#   testdata/dumpcounts.sh testdata/go1.26.trace > testdata/go1.26.dump-counts.txt
# Same definitions as tracestat (stats.go): wake-up = GoID Waiting->Runnable, by the reason of the
# goroutine's last ->Waiting transition, by the waker's first frame outside runtime./sync./
# internal/sync./internal/runtime/./runtime/internal/./internal/poll.; creation = NotExist->Runnable;
# scheduling latency = Runnable->Running timed from the goroutine's last X->Runnable with X not
# Undetermined, nearest-rank p50/p99; stop-the-world = RangeEnd of a "stop-the-world..." range begun
# inside the trace; GC = RangeBegin "GC concurrent mark phase".
set -eu
file=$1
go=${GO:-go}
"$go" tool trace -d=parsed "$file" | awk -v lat=/tmp/dumpcounts.$$.lat '
function internal(f) {
  return f ~ /^(runtime\.|sync\.|internal\/sync\.|internal\/runtime\/|runtime\/internal\/|internal\/poll\.)/
}
function flush() {
  if (pending) {
    site = usersite != "" ? usersite : (sawstack ? "runtime: " (rtfunc == "" ? "?" : rtfunc) : "no stack (" pendreason ")")
    wakers[site]++
  }
  pending = 0; instack = 0; usersite = ""; rtfunc = ""; sawstack = 0; wantfile = 0
}
/^M=/ {
  flush()
  events++
  match($0, / Time=-?[0-9]+/); t = substr($0, RSTART + 6, RLENGTH - 6) + 0
  if (events == 1) first = t
  last = t
  if ($0 ~ / StateTransition / && $0 ~ / GoID=/) {
    match($0, /GoID=[0-9]+/); g = substr($0, RSTART + 5, RLENGTH - 5)
    match($0, / [A-Za-z]+->[A-Za-z]+ /); tr = substr($0, RSTART + 1, RLENGTH - 2)
    split(tr, st, "->"); from = st[1]; to = st[2]
    match($0, /Reason="[^"]*"/); reason = substr($0, RSTART + 8, RLENGTH - 9)
    if (from == "Waiting" && to == "Runnable") {
      wake++; r = (g in wr && wr[g] != "") ? wr[g] : "unknown"; byreason[r]++
      pending = 1; pendreason = r
    }
    if (from == "NotExist" && to == "Runnable") created++
    if (to == "Waiting") wr[g] = reason
    if (to == "Runnable" && from != "Undetermined") rs[g] = t
    else if (to != "Runnable") {
      if (to == "Running" && from == "Runnable" && (g in rs)) print t - rs[g] > lat
      delete rs[g]
    }
  } else if ($0 ~ / RangeBegin /) {
    match($0, /Name="[^"]*"/); n = substr($0, RSTART + 6, RLENGTH - 7)
    if (n ~ /^stop-the-world/) stw[n] = t
    else if (n == "GC concurrent mark phase") { gc++; gcb = t }
  } else if ($0 ~ / RangeEnd /) {
    match($0, /Name="[^"]*"/); n = substr($0, RSTART + 6, RLENGTH - 7)
    if (n in stw) { stwcount++; stwns += t - stw[n]; delete stw[n] }
    else if (n == "GC concurrent mark phase" && gcb) { gcns += t - gcb; gcb = 0 }
  }
  next
}
/^Stack=$/ { if (pending) { instack = 1; sawstack = 1 } ; next }
/^TransitionStack=$/ { instack = 0; next }
instack && /^\t[^\t]/ {
  fn = substr($0, 2); sub(/ @ 0x[0-9a-f]+$/, "", fn)
  if (usersite == "" && !internal(fn)) { ufn = fn; wantfile = 1 }
  else if (usersite == "" && rtfunc == "" && fn != "runtime.goready" && fn != "runtime.ready" && fn !~ /goready/ && fn !~ /^runtime\.systemstack/ && fn !~ /^runtime\.trace/) rtfunc = fn
  next
}
instack && wantfile && /^\t\t/ {
  loc = substr($0, 3); n = split(loc, parts, "/"); usersite = ufn " " parts[n]; wantfile = 0
  next
}
END {
  flush()
  printf "events %d\ndurationNs %d\nwakeUps %d\ngoroutinesCreated %d\nstopTheWorld %d %d\ngc %d %d\n", events, last - first, wake, created, stwcount, stwns, gc, gcns
  for (r in byreason) printf "reason\t%s\t%d\n", r, byreason[r] | "sort"
  close("sort")
  for (s in wakers) printf "waker\t%s\t%d\n", s, wakers[s] | "sort"
  close("sort")
}'
sort -n /tmp/dumpcounts.$$.lat | awk '{v[NR] = $1} END {
  k50 = int((50 * NR + 99) / 100); k99 = int((99 * NR + 99) / 100)
  printf "schedulingLatency %d %d %d %d\n", NR, v[k50], v[k99], v[NR] }'
rm -f /tmp/dumpcounts.$$.lat
