package io.schedgate.collect;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Sleeping on the ramp's clock, waking early when the run stops. */
final class Sleep {
    private Sleep() {}

    /** Sleeps until {@code nanoTime} ({@link System#nanoTime()}) unless {@code stopped} first. */
    static void until(long nanoTime, BooleanSupplier stopped) throws InterruptedException {
        long left;
        while (!stopped.getAsBoolean() && (left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, 200_000_000L));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
