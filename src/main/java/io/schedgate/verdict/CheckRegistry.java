package io.schedgate.verdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every check, in the order verdict.json lists their results, and from them every threshold:
 * {@code schedgate analyze --help}, the {@code thresholds} of verdict.json and the keys
 * {@link Thresholds} accepts all come from here. Capacity reads the per-step results of the checks
 * before it, so it and the baseline comparison come last.
 */
public final class CheckRegistry {

    private static final List<Limit> LIMITS = collect(checks());

    private CheckRegistry() {}

    /** Every check: sched.lock from the profiles (metric fallback per step), and the four-profile lock test. */
    public static List<Check> checks() {
        return checks(new ProfileSchedLockSource(), true);
    }

    /**
     * The checks that need only runtime/metrics and load numbers (sched.lock pressure bounded by the
     * /sync/mutex/wait fallback, no four-profile lock test), with capacity and the baseline
     * comparison. For unit tests of the metrics logic; a run is judged by {@link #checks()}, in
     * which missing profiles are NO_DATA.
     */
    static List<Check> metricsChecks() {
        return checks(new MutexWaitMetricSource(), false);
    }

    private static List<Check> checks(SchedLockSource schedLock, boolean lockProfiles) {
        List<Check> checks = new ArrayList<>(List.of(
                new SaturationCheck(),
                new SchedLockPressureCheck(schedLock),
                new WakeUpLinearityCheck(),
                new SchedLatencyCheck(),
                new GoroutineCheck()));
        if (lockProfiles) {
            checks.add(new LockContentionCheck());
        }
        checks.addAll(List.of(new UslCheck(), new CapacityCheck(), new SchedLockBaseline()));
        return List.copyOf(checks);
    }

    /** Every threshold of every check, each once, in check order. */
    public static List<Limit> limits() {
        return LIMITS;
    }

    private static List<Limit> collect(List<Check> checks) {
        Set<Limit> limits = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Check check : checks) {
            for (Limit limit : check.limits()) {
                if (limits.add(limit) && !keys.add(limit.key())) {
                    throw new IllegalStateException("threshold " + limit.key() + " is declared twice");
                }
            }
        }
        return List.copyOf(limits);
    }
}
