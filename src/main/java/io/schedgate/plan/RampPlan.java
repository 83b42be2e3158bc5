package io.schedgate.plan;

import java.time.Duration;
import java.util.List;

/**
 * A stair-step QPS ramp: each step runs at a constant arrival rate for {@link #stepLength()},
 * made of a warm-up, the capture window and a short tail, so the window always lies inside the
 * step's steady part. A cool-down with no load follows the last step, then the final snapshot.
 *
 * <pre>
 * step i:  |-- warm-up --|======== window ========|-tail-|
 *          stepStart      windowStart    windowEnd       stepEnd
 * </pre>
 */
public record RampPlan(
        String preset,
        List<Double> stepsQps,
        Duration warmup,
        Duration window,
        Duration tail,
        Duration cooldown,
        EndpointMix mix) {

    public RampPlan {
        stepsQps = List.copyOf(stepsQps);
    }

    public int stepCount() {
        return stepsQps.size();
    }

    public Duration stepLength() {
        return warmup.plus(window).plus(tail);
    }

    /** Offset of step {@code index} (0-based) from the start of the load. */
    public Duration stepStartOffset(int index) {
        return stepLength().multipliedBy(index);
    }

    public Duration windowStartOffset(int index) {
        return stepStartOffset(index).plus(warmup);
    }

    public Duration windowEndOffset(int index) {
        return windowStartOffset(index).plus(window);
    }

    /** Length of the loaded part of the run: all steps, without cool-down. */
    public Duration loadDuration() {
        return stepLength().multipliedBy(stepCount());
    }

    /** Load plus cool-down: what the ramp itself takes, without target start-up or snapshots. */
    public Duration totalDuration() {
        return loadDuration().plus(cooldown);
    }

    public double maxQps() {
        return stepsQps.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** Whole seconds of the capture window, as pprof's {@code ?seconds=} wants them. */
    public int windowSeconds() {
        return (int) window.toSeconds();
    }
}
