package io.schedgate.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * The ramp's time origin: the instant the load starts. Maps {@link System#nanoTime()} readings
 * to steps and phases, and plan offsets to wall-clock instants for the manifest.
 */
public final class RampClock {
    /** Where a moment falls in the ramp. */
    public enum Phase {
        BEFORE,
        WARMUP,
        WINDOW,
        TAIL,
        AFTER
    }

    private final RampPlan plan;
    private final long originNanos;
    private final Instant originWall;
    private final long stepNanos;
    private final long warmupNanos;
    private final long windowEndNanos;

    public RampClock(RampPlan plan, long originNanos, Instant originWall) {
        this.plan = plan;
        this.originNanos = originNanos;
        this.originWall = originWall;
        this.stepNanos = plan.stepLength().toNanos();
        this.warmupNanos = plan.warmup().toNanos();
        this.windowEndNanos = warmupNanos + plan.window().toNanos();
    }

    /** A clock whose origin is now. */
    public static RampClock startingNow(RampPlan plan) {
        return new RampClock(plan, System.nanoTime(), Instant.now());
    }

    public RampPlan plan() {
        return plan;
    }

    public long originNanos() {
        return originNanos;
    }

    public Instant origin() {
        return originWall;
    }

    public Instant at(Duration offset) {
        return originWall.plus(offset);
    }

    /** Nanos since origin for a {@link System#nanoTime()} reading. */
    public long elapsedNanos(long nanoTime) {
        return nanoTime - originNanos;
    }

    /** The 0-based step a reading falls in, or -1 outside the loaded part. Cheap: one division. */
    public int stepOf(long nanoTime) {
        long t = nanoTime - originNanos;
        if (t < 0) {
            return -1;
        }
        long i = t / stepNanos;
        return i < plan.stepCount() ? (int) i : -1;
    }

    /** The step whose capture window contains the reading, or -1. */
    public int windowOf(long nanoTime) {
        long t = nanoTime - originNanos;
        if (t < 0) {
            return -1;
        }
        long i = t / stepNanos;
        if (i >= plan.stepCount()) {
            return -1;
        }
        long inStep = t - i * stepNanos;
        return inStep >= warmupNanos && inStep < windowEndNanos ? (int) i : -1;
    }

    public Phase phaseOf(long nanoTime) {
        long t = nanoTime - originNanos;
        if (t < 0) {
            return Phase.BEFORE;
        }
        long i = t / stepNanos;
        if (i >= plan.stepCount()) {
            return Phase.AFTER;
        }
        long inStep = t - i * stepNanos;
        return inStep < warmupNanos ? Phase.WARMUP : inStep < windowEndNanos ? Phase.WINDOW : Phase.TAIL;
    }

    /** {@link System#nanoTime()} value at a plan offset, for sleeping until it. */
    public long nanoTimeAt(Duration offset) {
        return originNanos + offset.toNanos();
    }
}
