#!/usr/bin/env bash
# bench/report-bench.sh [STEPS] [RUNS]: the size of report.html for a STEPS-step run (default 10) and how
# soon it is interactive in Debian's headless chromium (scripts/setup installs it), medians of RUNS
# page loads (default 5). The run is synthetic: the herd fixture's steps repeated (step N is herd's
# step ((N-1) mod 6) + 1 at 400 x N req/s), so the page has STEPS steps of real profiles.
# Measured and printed, not asserted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
steps=${1:-10}
runs=${2:-5}
out=target/bench
run=$out/report-run-$steps
mkdir -p "$out"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { echo "report-bench: no chromium: run scripts/setup" >&2; exit 1; }
rm -rf "$run"
python3 - "$root/src/test/resources/fixtures/runs/herd-go1.26" "$run" "$steps" <<'PY'
import json, shutil, sys, os
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(dst)
for d in ("baseline", "final"):
    shutil.copytree(os.path.join(src, d), os.path.join(dst, d))
m = json.load(open(os.path.join(src, "manifest.json")))
base = m["steps"]
steps = []
for i in range(1, n + 1):
    s = json.loads(json.dumps(base[(i - 1) % len(base)]))
    folder_from, folder_to = "step-%02d" % s["index"], "step-%02d" % i
    shutil.copytree(os.path.join(src, folder_from), os.path.join(dst, folder_to))
    s["index"], s["targetQps"] = i, 400.0 * i
    if "load" in s:
        s["load"]["offeredQps"] = 400.0 * i
    for c in s.get("captures", {}).values():
        if c.get("file"):
            c["file"] = c["file"].replace(folder_from, folder_to)
    steps.append(s)
m["steps"] = steps
m["plan"]["stepsQps"] = [400.0 * i for i in range(1, n + 1)]
json.dump(m, open(os.path.join(dst, "manifest.json"), "w"), indent=1)
PY
bin/schedgate report "$run" >/dev/null
bytes=$(stat -c %s "$run/report.html")
echo "report.html for $steps steps: $bytes bytes ($((bytes / 1024)) KiB)"
cpfile=$out/test.classpath
[ -f "$cpfile" ] && [ "$cpfile" -nt pom.xml ] || ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cpfile" -Dlab.skipGoTests >/dev/null
java -cp "$(cat "$cpfile")" bench/ReportLoadTime.java "$run/report.html" "$runs"
