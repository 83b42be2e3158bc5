#!/usr/bin/env python3
"""One line per step of a run: its load numbers and the CPU time per request of the harness (the
manifest's harnessCpus) and of the target (from samples of /proc/<pid>/stat taken during the run).

    step-cpu.py MANIFEST SAMPLES CLK_TCK

SAMPLES has one "<epoch seconds> <utime + stime in clock ticks>" line per sample; the target's CPU over a
step's window is interpolated linearly between the samples around its start and its end.
"""
import bisect
import json
import sys
from datetime import datetime


def epoch(iso):
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def ticks_at(samples, t):
    times = [s[0] for s in samples]
    i = bisect.bisect_left(times, t)
    if i == 0 or i == len(samples):
        return None
    (t0, c0), (t1, c1) = samples[i - 1], samples[i]
    return c0 + (c1 - c0) * (t - t0) / (t1 - t0)


def main(manifest, samples_file, clk_tck):
    with open(manifest) as f:
        run = json.load(f)
    samples = []
    with open(samples_file) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                samples.append((float(parts[0]), float(parts[1])))
    for step in run["steps"]:
        load = step["load"]
        qps = load["achievedQps"]
        start, end = epoch(step["windowStart"]), epoch(step["windowEnd"])
        line = (f"step {step['index']}: target {step['targetQps']} offered {load['offeredQps']} "
                f"achieved {qps} errors {load['errors']} late {load['late']} of {load['requests']} "
                f"p99 {load['latencyMs']['p99']} ms")
        if qps > 0:
            harness = load.get("harnessCpus")
            a, b = ticks_at(samples, start), ticks_at(samples, end)
            target = None if a is None or b is None else (b - a) / clk_tck / (end - start)
            line += "; cpu per request: harness " + (f"{harness / qps * 1e6:.1f} us" if harness else "unknown")
            line += ", target " + (f"{target / qps * 1e6:.1f} us" if target is not None else "unknown")
        print(line)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: step-cpu.py MANIFEST SAMPLES CLK_TCK")
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
