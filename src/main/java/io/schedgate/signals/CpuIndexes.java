package io.schedgate.signals;

import io.schedgate.pprof.Profile;

/** The two value columns of a Go CPU profile: samples/count and cpu/nanoseconds. */
final class CpuIndexes {
    private CpuIndexes() {
    }

    static int samples(Profile p) {
        requireCpu(p);
        return p.sampleIndex("samples");
    }

    static int nanos(Profile p) {
        requireCpu(p);
        return p.sampleIndex("cpu");
    }

    private static void requireCpu(Profile p) {
        if (!p.isCpu()) {
            throw new IllegalArgumentException("not a CPU profile: period type " + p.periodType());
        }
    }
}
