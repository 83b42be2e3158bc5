package io.schedgate.load;

import io.schedgate.plan.RampClock;
import io.schedgate.run.LoadNumbers;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-step load counters, counting only inside each step's capture window. A request is offered in
 * the window it starts in; its completion (success, error, latency) counts in the window it ends in.
 * Gatling calls {@link #requestStarted(long)} before and {@link #requestFinished} after each request.
 * An arrival sent more than {@link #LATE_NANOS} after it was due counts as late: the harness, not the
 * target, was behind (every pooled user busy, or the load generator short of CPU).
 * Before {@link #start} every call is a no-op, so the counters can be wired before the ramp begins.
 */
public final class StepLoadCounters {
    private final AtomicReference<RampClock> clock = new AtomicReference<>();
    private final int steps;
    private final AtomicLongArray offered;
    private final AtomicLongArray ok;
    private final AtomicLongArray errors;
    private final AtomicLongArray late;
    private final AtomicLongArray lateUsersBusy;
    private final AtomicLongArray unsent;
    private final AtomicLongArray unsentUsersBusy;
    private final LatencyHistogram[] latencies;

    public StepLoadCounters(int steps) {
        this.steps = steps;
        this.offered = new AtomicLongArray(steps);
        this.ok = new AtomicLongArray(steps);
        this.errors = new AtomicLongArray(steps);
        this.late = new AtomicLongArray(steps);
        this.lateUsersBusy = new AtomicLongArray(steps);
        this.unsent = new AtomicLongArray(steps);
        this.unsentUsersBusy = new AtomicLongArray(steps);
        this.latencies = new LatencyHistogram[steps];
        for (int i = 0; i < steps; i++) {
            latencies[i] = new LatencyHistogram();
        }
    }

    /** Sets the time origin; only the first call counts. */
    public void start(RampClock rampClock) {
        if (rampClock.plan().stepCount() != steps) {
            throw new IllegalArgumentException(
                    "clock has " + rampClock.plan().stepCount() + " steps, counters " + steps);
        }
        clock.compareAndSet(null, rampClock);
    }

    /** Beyond this delay after its due time an arrival counts as late (pauses are whole milliseconds). */
    public static final long LATE_NANOS = 10_000_000;

    /** A request sent now that was due now; returns the start time to hand back to {@link #requestFinished}. */
    public long requestStarted() {
        long now = System.nanoTime();
        return started(now, now);
    }

    /** A request sent now for an arrival due at {@code dueNanos} ({@link System#nanoTime()} scale). */
    public long requestStarted(long dueNanos) {
        return started(System.nanoTime(), dueNanos, dueNanos);
    }

    /**
     * A request sent now for an arrival due at {@code dueNanos} that a pooled user claimed at
     * {@code claimedNanos}. Arrivals are claimed in order by the first free user, so one claimed more
     * than {@link #LATE_NANOS} after it fell due found every user still waiting on a response.
     */
    public long requestStarted(long dueNanos, long claimedNanos) {
        return started(System.nanoTime(), dueNanos, claimedNanos);
    }

    /** As {@link #started(long, long, long)} when the claim instant is unknown: never counted as a busy pool. */
    long started(long now, long dueNanos) {
        return started(now, dueNanos, dueNanos);
    }

    /** A request sent at {@code now} for an arrival due at {@code dueNanos}, claimed at {@code claimed}; nanoTime scale. */
    long started(long now, long dueNanos, long claimed) {
        RampClock c = clock.get();
        if (c != null) {
            int w = c.windowOf(now);
            if (w >= 0) {
                offered.incrementAndGet(w);
                if (now - dueNanos > LATE_NANOS) {
                    late.incrementAndGet(w);
                    if (claimed - dueNanos > LATE_NANOS) {
                        lateUsersBusy.incrementAndGet(w);
                    }
                }
            }
        }
        return now;
    }

    public void requestFinished(long startNanos, boolean success) {
        long now = System.nanoTime();
        RampClock c = clock.get();
        if (c == null) {
            return;
        }
        int w = c.windowOf(now);
        if (w < 0) {
            return;
        }
        if (success) {
            ok.incrementAndGet(w);
            latencies[w].record((now - startNanos) / 1_000);
        } else {
            errors.incrementAndGet(w);
        }
    }

    /**
     * {@code n} arrivals of step {@code index} (0-based) were dropped: the step had ended before they were sent;
     * {@code usersBusy}: because every pooled user was waiting on the target ({@link ArrivalPacer.Dropped}).
     */
    public void unsent(long n, int index, boolean usersBusy) {
        if (index >= 0 && index < steps) {
            unsent.addAndGet(index, n);
            if (usersBusy) {
                unsentUsersBusy.addAndGet(index, n);
            }
        }
    }

    /** Of the arrivals of step {@code index} dropped so far, those every pooled user was too busy for. */
    public long unsentUsersBusyOf(int index) {
        return unsentUsersBusy.get(index);
    }

    /** Arrivals of step {@code index} (0-based) dropped so far. */
    public long unsentOf(int index) {
        return unsent.get(index);
    }

    /** Requests offered so far in step {@code index}'s window. */
    public long offeredSoFar(int index) {
        return offered.get(index);
    }

    public long succeededSoFar(int index) {
        return ok.get(index);
    }

    /** The step's numbers, dividing counts by {@code windowSeconds} (call after the window closed). */
    public LoadNumbers numbers(int index, double windowSeconds) {
        long requests = offered.get(index);
        long good = ok.get(index);
        LatencyHistogram h = latencies[index];
        LoadNumbers.Latency latency = h.count() == 0
                ? null
                : new LoadNumbers.Latency(
                        round(h.meanMicros() / 1000),
                        round(h.percentileMicros(0.50) / 1000),
                        round(h.percentileMicros(0.95) / 1000),
                        round(h.percentileMicros(0.99) / 1000),
                        round(h.maxMicros() / 1000.0));
        return new LoadNumbers(
                        round(requests / windowSeconds),
                        round(good / windowSeconds),
                        requests,
                        errors.get(index),
                        late.get(index),
                        lateUsersBusy.get(index),
                        latency)
                .withUnsent(unsent.get(index), unsentUsersBusy.get(index))
                .withLatencyHistogram(h.count() == 0 ? null : h.encoded());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
