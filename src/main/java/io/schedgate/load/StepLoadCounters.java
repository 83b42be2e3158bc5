package io.schedgate.load;

import io.schedgate.plan.RampClock;
import io.schedgate.run.LoadNumbers;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
    /** Other injectors' windows by share (1..N-1), as they reported them. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, AtomicReferenceArray<WindowCounts>> remote =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Other injectors' dropped arrivals by share: [0] all, [1] for want of a free user, per step. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, long[][]> remoteUnsent =
            new java.util.concurrent.ConcurrentHashMap<>();

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
        return unsentUsersBusy.get(index) + remoteSum(index, WindowCounts::unsentUsersBusy);
    }

    private long remoteSum(int index, java.util.function.ToLongFunction<WindowCounts> f) {
        long sum = 0;
        for (int share : remote.keySet()) {
            WindowCounts c = remoteWindow(share, index);
            sum += c == null ? 0 : f.applyAsLong(c);
        }
        return sum;
    }

    /**
     * Another injector's dropped arrivals per step (known once its ramp ended, as this process's own are:
     * {@link ArrivalPacer} drops at a step's end), {@code usersBusy} of them for want of a free user.
     */
    public void remoteUnsent(int share, java.util.List<Long> n, java.util.List<Long> usersBusy) {
        remote.computeIfAbsent(share, s -> new AtomicReferenceArray<>(steps));
        long[][] u = new long[2][steps];
        for (int i = 0; i < steps && i < n.size(); i++) {
            u[0][i] = n.get(i);
            u[1][i] = i < usersBusy.size() ? usersBusy.get(i) : 0;
        }
        remoteUnsent.put(share, u);
    }

    /** Share {@code share}'s dropped arrivals of step {@code index} as known now: {all, for want of a free user}. */
    public long[] unsentOfShare(int share, int index) {
        if (share == 0) {
            return new long[] {unsent.get(index), unsentUsersBusy.get(index)};
        }
        long[][] u = remoteUnsent.get(share);
        return u == null ? new long[2] : new long[] {u[0][index], u[1][index]};
    }

    /** Injector {@code share}'s window of step {@code index} with its dropped arrivals if it reported them; or null. */
    private WindowCounts remoteWindow(int share, int index) {
        WindowCounts c = remote.get(share).get(index);
        long[][] u = remoteUnsent.get(share);
        if (u == null) {
            return c;
        }
        return (c == null ? new WindowCounts(0, 0, 0, 0, 0, 0, 0, null, null) : c).withUnsent(u[0][index], u[1][index]);
    }

    /** Arrivals of step {@code index} (0-based) dropped so far. */
    public long unsentOf(int index) {
        return unsent.get(index) + remoteSum(index, WindowCounts::unsent);
    }

    /** Requests offered so far in step {@code index}'s window. */
    public long offeredSoFar(int index) {
        return offered.get(index);
    }

    public long succeededSoFar(int index) {
        return ok.get(index);
    }

    /** This process's own raw numbers of step {@code index} (as an injector reports them). */
    public WindowCounts counts(int index, Double harnessCpus) {
        LatencyHistogram h = latencies[index];
        return new WindowCounts(
                offered.get(index),
                ok.get(index),
                errors.get(index),
                late.get(index),
                lateUsersBusy.get(index),
                unsent.get(index),
                unsentUsersBusy.get(index),
                h.count() == 0 ? null : h.encoded(),
                harnessCpus);
    }

    /**
     * Another injector's numbers of step {@code index} (share {@code share} of the ramp, 1..N-1; this process
     * is share 0): from now on {@link #numbers} is the merged window, with each injector's beside it.
     */
    public void remote(int share, int index, WindowCounts counts) {
        remote.computeIfAbsent(share, s -> new AtomicReferenceArray<>(steps)).set(index, counts);
    }

    /** The injectors that reported step {@code index} so far (shares, this process's 0 not included). */
    public java.util.Set<Integer> reported(int index) {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        remote.forEach((share, windows) -> {
            if (windows.get(index) != null) {
                out.add(share);
            }
        });
        return out;
    }

    /**
     * The step's numbers, dividing counts by {@code windowSeconds} (call after the window closed): with other
     * injectors' windows reported ({@link #remote}), merged (counts summed, latency histograms added) with each
     * injector's numbers in {@link LoadNumbers#injectors()}, this process's first.
     */
    public LoadNumbers numbers(int index, double windowSeconds) {
        WindowCounts own = counts(index, null);
        if (remote.isEmpty()) {
            return numbers(own, latencies[index], windowSeconds);
        }
        java.util.List<WindowCounts> shares = new java.util.ArrayList<>();
        shares.add(own);
        new java.util.TreeSet<>(remote.keySet()).forEach(share -> {
            WindowCounts c = remoteWindow(share, index);
            if (c != null) {
                shares.add(c);
            }
        });
        WindowCounts merged = WindowCounts.merged(shares);
        return numbers(merged, merged.latencies(), windowSeconds)
                .withInjectors(shares.stream()
                        .map(c -> numbers(c, c.latencies(), windowSeconds).withHarnessCpu(c.harnessCpus(), null))
                        .toList());
    }

    /** {@code c}'s numbers over the window, its latency percentiles from {@code h} (the same recordings). */
    private static LoadNumbers numbers(WindowCounts c, LatencyHistogram h, double windowSeconds) {
        LoadNumbers.Latency latency = h.count() == 0
                ? null
                : new LoadNumbers.Latency(
                        round(h.meanMicros() / 1000),
                        round(h.percentileMicros(0.50) / 1000),
                        round(h.percentileMicros(0.95) / 1000),
                        round(h.percentileMicros(0.99) / 1000),
                        round(h.maxMicros() / 1000.0));
        return new LoadNumbers(
                        round(c.offered() / windowSeconds),
                        round(c.ok() / windowSeconds),
                        c.offered(),
                        c.errors(),
                        c.late(),
                        c.lateUsersBusy(),
                        latency)
                .withUnsent(c.unsent(), c.unsentUsersBusy())
                .withLatencyHistogram(c.latencyHistogram());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
