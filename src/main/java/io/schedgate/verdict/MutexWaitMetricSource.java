package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetricsValue;
import java.util.Map;

/**
 * The fallback when there are no profiles: Δ/sync/mutex/wait/total per second per GOMAXPROCS. It
 * sums sync.Mutex/RWMutex waits and all runtime-lock waits, so it only bounds sched.lock from above;
 * on Go 1.22–1.24 it includes runtime-lock spinning, on 1.25+ only sleeping (FINDINGS §4).
 */
public final class MutexWaitMetricSource implements SchedLockSource {

    @Override
    public SchedLockMeasurement measure(RunData run, RunStep step) {
        if (step.metrics() == null) {
            return SchedLockMeasurement.absent(Evidence.step(step.index())
                    + ": no profiles and no runtime/metrics for the window (" + step.metricsProblem() + ")");
        }
        RuntimeMetricsValue wait = step.metrics().mutexWaitPerSecondPerProc();
        if (!wait.present()) {
            return SchedLockMeasurement.absent(wait.absentReason());
        }
        boolean spinIncluded = goMinor(run.goVersion()) <= 24;
        String method = "/sync/mutex/wait/total (all locks; "
                + (spinIncluded ? "includes runtime-lock spinning" : "runtime-lock spinning not included on Go ≥ 1.25")
                + ")";
        return new SchedLockMeasurement(
                Double.NaN, wait.value(), true, spinIncluded, Confidence.LOW, method, Map.of(), null);
    }

    /** "go1.23.5" → 23; unknown versions count as new (the weaker metric). */
    static int goMinor(String goVersion) {
        return io.schedgate.metrics.GoRelease.minor(goVersion).orElse(Integer.MAX_VALUE);
    }
}
