package io.schedgate.verdict;

/**
 * Where sched.lock pressure comes from. The pprof engine (issue 3) provides the real one: CPU
 * samples in runtime.lock2 whose caller takes {@code &sched.lock} plus mutex-profile attribution,
 * with Go-version semantics (FINDINGS §2–3), falling back to {@link MutexWaitMetricSource} when a
 * step has no profiles.
 */
@FunctionalInterface
public interface SchedLockSource {

    SchedLockMeasurement measure(RunData run, RunStep step);
}
