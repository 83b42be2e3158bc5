package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;

import java.util.List;
import java.util.Set;

/** CPU shares of samples whose stack passes through given functions (cum share, as pprof's cum%). */
public final class CpuStackShares {

    private CpuStackShares() {
    }

    /**
     * The wake-up path: match the inlined {@code runtime.goready} and {@code runtime.ready}, not the
     * goready closures, whose names change by version (FINDINGS.md §1, "Renames").
     */
    public static final Set<String> GOREADY = Set.of("runtime.goready", "runtime.ready");

    /** Garbage collection work: background and assist marking, sweeping, scavenging, STW phases. */
    public static final Set<String> GC = Set.of(
            "runtime.gcBgMarkWorker", "runtime.gcAssistAlloc", "runtime.gcAssistAlloc1", "runtime.bgsweep",
            "runtime.bgscavenge", "runtime.gcStart", "runtime.gcMarkDone", "runtime.gcMarkTermination",
            "runtime.sweepone", "runtime.gcSweep", "runtime.markroot", "runtime.gcDrain");

    public static CpuShare containing(Profile profile, Set<String> functions) {
        int samplesIdx = CpuIndexes.samples(profile);
        int nanosIdx = CpuIndexes.nanos(profile);
        long total = profile.total(samplesIdx);
        long n = 0;
        long ns = 0;
        byte[] memo = new byte[profile.stackCount()]; // 0 unknown, 1 no, 2 yes
        for (Sample s : profile.samples()) {
            if (memo[s.stackId()] == 0) {
                memo[s.stackId()] = (byte) (passesThrough(s.stack(), functions) ? 2 : 1);
            }
            if (memo[s.stackId()] == 2) {
                n += s.value(samplesIdx);
                ns += s.value(nanosIdx);
            }
        }
        return CpuShare.of(n, ns, total);
    }

    private static boolean passesThrough(List<Frame> stack, Set<String> functions) {
        for (Frame f : stack) {
            if (functions.contains(f.function())) {
                return true;
            }
        }
        return false;
    }
}
