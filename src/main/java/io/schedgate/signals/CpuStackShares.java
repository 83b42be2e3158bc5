package io.schedgate.signals;

import io.schedgate.pprof.Profile;
import java.util.Set;

/** CPU shares of samples whose stack passes through given functions (cum share, as pprof's cum%). */
public final class CpuStackShares {

    private CpuStackShares() {}

    /**
     * The wake-up path: match the inlined {@code runtime.goready} and {@code runtime.ready}, not the
     * goready closures, whose names change by version (FINDINGS.md §1, "Renames").
     */
    public static final Set<String> GOREADY = Set.of("runtime.goready", "runtime.ready");

    /** Garbage collection work: background and assist marking, sweeping, scavenging, STW phases. */
    public static final Set<String> GC = Set.of(
            "runtime.gcBgMarkWorker",
            "runtime.gcAssistAlloc",
            "runtime.gcAssistAlloc1",
            "runtime.bgsweep",
            "runtime.bgscavenge",
            "runtime.gcStart",
            "runtime.gcMarkDone",
            "runtime.gcMarkTermination",
            "runtime.sweepone",
            "runtime.gcSweep",
            "runtime.markroot",
            "runtime.gcDrain");

    public static CpuShare containing(Profile profile, Set<String> functions) {
        long[] samples = CpuIndexes.sampleCounts(profile);
        long[] nanos = profile.stackTotals(CpuIndexes.nanos(profile));
        boolean[] wanted = new boolean[profile.functionCount()];
        boolean any = false;
        for (String f : functions) {
            int id = profile.functionId(f);
            if (id >= 0) {
                wanted[id] = true;
                any = true;
            }
        }
        long total = 0;
        long n = 0;
        long ns = 0;
        for (int st = 0; st < samples.length; st++) {
            total += samples[st];
            if (any && passesThrough(profile, st, wanted)) {
                n += samples[st];
                ns += nanos[st];
            }
        }
        return CpuShare.of(n, ns, total);
    }

    private static boolean passesThrough(Profile profile, int st, boolean[] wanted) {
        int depth = profile.stackDepth(st);
        for (int i = 0; i < depth; i++) {
            if (wanted[profile.functionOf(profile.frameId(st, i))]) {
                return true;
            }
        }
        return false;
    }
}
