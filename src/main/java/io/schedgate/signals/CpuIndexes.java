package io.schedgate.signals;

import io.schedgate.pprof.Profile;

/**
 * The two value columns of a Go CPU profile: samples/count and cpu/nanoseconds. A profile with only
 * the {@code cpu} column (other writers, or a Go profile re-encoded with one sample type) is read as
 * {@code go tool pprof} reads it: its sample counts are its nanoseconds over the sampling period.
 */
final class CpuIndexes {
    private CpuIndexes() {}

    /** Per-stack sample counts (see {@link Profile#stackTotals(int)}). */
    static long[] sampleCounts(Profile p) {
        requireCpu(p);
        int samples = index(p, "samples");
        if (samples >= 0) {
            return p.stackTotals(samples);
        }
        long[] nanos = p.stackTotals(p.sampleIndex("cpu"));
        long period = p.period() > 0 ? p.period() : 10_000_000;
        long[] counts = new long[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            counts[i] = Math.round((double) nanos[i] / period);
        }
        return counts;
    }

    static int nanos(Profile p) {
        requireCpu(p);
        return p.sampleIndex("cpu");
    }

    /**
     * The sample-count column, else the default column (in a profile with only {@code cpu} nanoseconds,
     * as go tool pprof reads it); the profile is not required to be a CPU profile.
     */
    static int samplesOrDefault(Profile p) {
        int samples = index(p, "samples");
        return samples >= 0 ? samples : p.sampleIndex(null);
    }

    /** The {@code cpu} nanoseconds column, or -1 when the profile has none. */
    static int nanosOrAbsent(Profile p) {
        return index(p, "cpu");
    }

    private static int index(Profile p, String type) {
        for (int i = 0; i < p.sampleTypes().size(); i++) {
            if (p.sampleTypes().get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    private static void requireCpu(Profile p) {
        if (!p.isCpu()) {
            throw new IllegalArgumentException("not a CPU profile: period type " + p.periodType());
        }
    }
}
