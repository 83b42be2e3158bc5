package io.schedgate.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the ramp's arrivals, in order, to a pool of looping virtual users: a free user claims
 * the next arrival and waits until it is due. This keeps the open model's arrival rate (arrivals do
 * not wait for responses while a user is free) without creating one Gatling user per arrival,
 * which topped out at about half the rate; the same design as k6's constant-arrival-rate executor.
 * When every user is busy, arrivals go out late: {@link StepLoadCounters} counts them.
 */
public final class ArrivalPacer {
    /** What {@link #claim()} returns once every arrival is claimed. */
    public static final long DONE = Long.MIN_VALUE;

    private final ArrivalSchedule schedule;
    private final AtomicLong next = new AtomicLong();
    private volatile long originNanos;
    private volatile boolean started;

    public ArrivalPacer(ArrivalSchedule schedule) {
        this.schedule = schedule;
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
        long k = next.getAndIncrement();
        if (k >= schedule.arrivals()) {
            return DONE;
        }
        return originNanos + schedule.dueOffsetNanos(k);
    }
}
