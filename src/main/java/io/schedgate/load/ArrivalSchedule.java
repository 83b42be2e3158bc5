package io.schedgate.load;

import io.schedgate.plan.RampPlan;

/**
 * When each request of a ramp is due: step {@code i} runs at rate {@code r_i} for the plan's step
 * length {@code L}, so its {@code n_i = round(r_i * L)} arrivals are evenly spaced,
 * {@code t(i, j) = i * L + j / r_i} for {@code j < n_i} (the open model's constant arrival rate,
 * as Gatling's {@code constantUsersPerSec} without randomisation). Arrivals are numbered
 * {@code k = 0, 1, ...} across steps; {@link #dueOffsetNanos(long)} maps {@code k} to its offset
 * from the start of the load. Immutable; the plan's cool-down has no arrivals.
 */
public final class ArrivalSchedule {
    private final long stepNanos;
    private final double[] rates;
    /** {@code before[i]}: arrivals of steps {@code 0..i-1}; {@code before[steps]} is the total. */
    private final long[] before;

    private ArrivalSchedule(long stepNanos, double[] rates) {
        this.stepNanos = stepNanos;
        this.rates = rates;
        this.before = new long[rates.length + 1];
        double stepSeconds = stepNanos / 1e9;
        for (int i = 0; i < rates.length; i++) {
            before[i + 1] = before[i] + Math.round(rates[i] * stepSeconds);
        }
    }

    public static ArrivalSchedule of(RampPlan plan) {
        double[] rates =
                plan.stepsQps().stream().mapToDouble(Double::doubleValue).toArray();
        return new ArrivalSchedule(plan.stepLength().toNanos(), rates);
    }

    /** All arrivals of the ramp. */
    public long arrivals() {
        return before[rates.length];
    }

    /** Arrivals of step {@code index} (0-based). */
    public long arrivalsInStep(int index) {
        return before[index + 1] - before[index];
    }

    /** Offset of arrival {@code k} from the start of the load, in nanoseconds. */
    public long dueOffsetNanos(long k) {
        if (k < 0 || k >= arrivals()) {
            throw new IndexOutOfBoundsException("arrival " + k + " of " + arrivals());
        }
        int step = stepOf(k);
        long j = k - before[step];
        return step * stepNanos + (long) (j * 1e9 / rates[step]);
    }

    /** Number of the first arrival of step {@code index} (0-based); {@link #arrivals()} past the last step. */
    public long firstArrivalOf(int index) {
        return before[Math.min(index, rates.length)];
    }

    /** Offset from the start of the load at which step {@code index} (0-based) ends. */
    public long stepEndOffsetNanos(int index) {
        return (index + 1) * stepNanos;
    }

    /** The step arrival {@code k} belongs to: binary search over the cumulative counts. */
    public int stepOf(long k) {
        int lo = 0;
        int hi = rates.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (before[mid] <= k) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
