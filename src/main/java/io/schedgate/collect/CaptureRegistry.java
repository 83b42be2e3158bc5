package io.schedgate.collect;

import io.schedgate.run.CaptureKind;
import java.util.List;

/**
 * Every capture the collector takes, in one list. Adding one (e.g. {@code allocs}) is a class
 * implementing {@link WindowCapture}, its {@link CaptureKind} value and one line here. The hooks run
 * in this order; the manifest lists captures in {@link CaptureKind}'s order, whatever this one.
 */
final class CaptureRegistry {
    private CaptureRegistry() {}

    /** Fresh captures for one run ({@link CpuProfile} holds the run's one-CPU-profile-at-a-time permit). */
    static List<WindowCapture> captures(int traceSeconds) {
        return List.of(
                new CpuProfile(),
                new DeltaProfile(CaptureKind.MUTEX, "mutex"),
                new DeltaProfile(CaptureKind.BLOCK, "block"),
                new GoroutineSnapshots(),
                new MetricsScrapes(),
                new GoroutineLeak(),
                new TraceSlice(traceSeconds));
    }
}
