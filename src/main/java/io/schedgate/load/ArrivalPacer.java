package io.schedgate.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the ramp's arrivals, in order, to a pool of looping virtual users: a free user claims
 * the next arrival and waits until it is due. This keeps the open model's arrival rate (arrivals do
 * not wait for responses while a user is free) without creating one Gatling user per arrival,
 * which topped out at about half the rate; the same design as k6's constant-arrival-rate executor.
 * When every user is busy, arrivals go out late: {@link StepLoadCounters} counts them. An arrival
 * whose step has already ended when a user gets to it is never sent: it is dropped and counted as
 * unsent for its step, so a plan above the load headroom cannot spill its backlog into the next
 * step or into the cool-down, whose idle snapshots the leak check judges. With several injectors each
 * pacer hands out its {@link ArrivalShare} of the same schedule: arrival {@code k} goes to injector
 * {@code k mod N}, so the injectors' streams merged are the single injector's.
 */
public final class ArrivalPacer {
    /** Told how many arrivals of which step were dropped, and whether every user was busy for them. */
    @FunctionalInterface
    public interface Dropped {
        /**
         * @param usersBusy the first dropped arrival was due more than {@link StepLoadCounters#LATE_NANOS} before the
         *     user that found it got free: no user was free meanwhile (every one waited on the target), so the
         *     target's saturation, not the harness, left them unsent
         */
        void dropped(long n, int step, boolean usersBusy);
    }

    /** What {@link #claim()} returns once every arrival is claimed. */
    public static final long DONE = Long.MIN_VALUE;

    private final ArrivalSchedule schedule;
    private final java.util.function.LongSupplier clock;
    private final Dropped dropped;
    private final ArrivalShare share;
    private final AtomicLong next;
    private volatile long originNanos;
    private volatile boolean started;

    public ArrivalPacer(ArrivalSchedule schedule) {
        this(schedule, System::nanoTime, (n, step, busy) -> {});
    }

    /**
     * @param clock {@link System#nanoTime()} or a test's clock
     * @param dropped told how many arrivals of which step (0-based) were dropped because the step had ended
     */
    public ArrivalPacer(ArrivalSchedule schedule, java.util.function.LongSupplier clock, Dropped dropped) {
        this(schedule, clock, dropped, ArrivalShare.ALL);
    }

    /** As the other constructor, handing out only {@code share}'s arrivals ({@link ArrivalShare#owns}). */
    public ArrivalPacer(
            ArrivalSchedule schedule, java.util.function.LongSupplier clock, Dropped dropped, ArrivalShare share) {
        this.schedule = schedule;
        this.clock = clock;
        this.dropped = dropped;
        this.share = share;
        this.next = new AtomicLong(share.index());
    }

    /** Sets the time origin (the ramp clock's); only the first call counts. */
    public synchronized void start(long originNanos) {
        if (!started) {
            this.originNanos = originNanos;
            this.started = true;
        }
    }

    /** The {@link System#nanoTime()} instant the next unclaimed arrival is due at, or {@link #DONE}. */
    public long claim() {
        if (!started) {
            throw new IllegalStateException("claim() before start(): the ramp clock is not running");
        }
        while (true) {
            long k = next.get();
            if (k >= schedule.arrivals()) {
                return DONE;
            }
            int step = schedule.stepOf(k);
            long now = clock.getAsLong();
            if (now > originNanos + schedule.stepEndOffsetNanos(step)) {
                long firstOfNext = share.firstAtOrAfter(schedule.firstArrivalOf(step + 1));
                if (next.compareAndSet(k, firstOfNext)) {
                    boolean usersBusy = now - (originNanos + schedule.dueOffsetNanos(k)) > StepLoadCounters.LATE_NANOS;
                    dropped.dropped((firstOfNext - k) / share.of(), step, usersBusy);
                }
                continue;
            }
            if (next.compareAndSet(k, k + share.of())) {
                return originNanos + schedule.dueOffsetNanos(k);
            }
        }
    }
}
