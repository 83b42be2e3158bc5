package io.schedgate.verdict;

import java.util.List;
import java.util.Map;

/**
 * One step's scheduler-lock pressure, as fractions of the window's processor time
 * (seconds per second of window per GOMAXPROCS), or the reason there is none.
 *
 * @param spinShare time spinning in runtime.lock2 on {@code &sched.lock} (CPU profile), NaN if unknown
 * @param waitShare time waiting for it (mutex profile attribution, or the /sync/mutex/wait fallback)
 * @param upperBound true when the number may include other locks (cannot FAIL, only bound)
 * @param coversSpinning false when the spinning part is not in the number (e.g. the wait metric on Go ≥ 1.25)
 * @param confidence how directly it was measured
 * @param method one phrase on how it was measured, for the evidence
 * @param holders scheduler paths taking the lock (wakep, findRunnable, ...) → share, may be empty
 * @param absentReason why there is no measurement, null when there is one
 * @param waitIncludesSpin true when {@code waitShare} already contains the spinning (Go 1.22–1.24
 *     waiter-side values), so {@link #share()} must not add {@code spinShare} again
 * @param shareLower lower end of the share's noise interval, NaN when unknown
 * @param shareUpper upper end of the share's noise interval, NaN when unknown
 * @param gcShareFromProfile GC share of the step's CPU samples, NaN without a CPU profile
 * @param diagnostics what to change to measure better (e.g. set GODEBUG=runtimecontentionstacks=1)
 */
public record SchedLockMeasurement(
        double spinShare,
        double waitShare,
        boolean upperBound,
        boolean coversSpinning,
        Confidence confidence,
        String method,
        Map<String, Double> holders,
        String absentReason,
        boolean waitIncludesSpin,
        double shareLower,
        double shareUpper,
        double gcShareFromProfile,
        List<String> diagnostics) {

    public SchedLockMeasurement {
        holders = holders == null ? Map.of() : Map.copyOf(holders);
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** A measurement without a noise interval, profile GC share or diagnostics. */
    public SchedLockMeasurement(
            double spinShare,
            double waitShare,
            boolean upperBound,
            boolean coversSpinning,
            Confidence confidence,
            String method,
            Map<String, Double> holders,
            String absentReason) {
        this(
                spinShare,
                waitShare,
                upperBound,
                coversSpinning,
                confidence,
                method,
                holders,
                absentReason,
                false,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                List.of());
    }

    public static SchedLockMeasurement absent(String reason) {
        return new SchedLockMeasurement(Double.NaN, Double.NaN, false, false, Confidence.LOW, "", Map.of(), reason);
    }

    public boolean present() {
        return absentReason == null;
    }

    /**
     * Spinning plus waiting, the parts that are known; when the wait already contains the spin
     * (waiter-side values of Go 1.22–1.24) the wait alone, so no time is counted twice.
     */
    public double share() {
        double wait = Double.isNaN(waitShare) ? 0 : waitShare;
        if (waitIncludesSpin) {
            return wait;
        }
        return (Double.isNaN(spinShare) ? 0 : spinShare) + wait;
    }
}
