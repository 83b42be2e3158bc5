package io.schedgate.verdict;

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
 */
public record SchedLockMeasurement(
    double spinShare,
    double waitShare,
    boolean upperBound,
    boolean coversSpinning,
    Confidence confidence,
    String method,
    Map<String, Double> holders,
    String absentReason) {

  public SchedLockMeasurement {
    holders = holders == null ? Map.of() : Map.copyOf(holders);
  }

  public static SchedLockMeasurement absent(String reason) {
    return new SchedLockMeasurement(Double.NaN, Double.NaN, false, false, Confidence.LOW, "", Map.of(), reason);
  }

  public boolean present() {
    return absentReason == null;
  }

  /** Spinning plus waiting, the parts that are known (the source must not count a wait twice). */
  public double share() {
    return (Double.isNaN(spinShare) ? 0 : spinShare) + (Double.isNaN(waitShare) ? 0 : waitShare);
  }
}
