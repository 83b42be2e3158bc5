package io.schedgate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RampClockTest {
    private static final RampPlan PLAN = new RampPlan(
            "t",
            List.of(10.0, 20.0),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            EndpointMix.parse("/"));
    private static final RampClock CLOCK =
            new RampClock(PLAN, 1_000_000_000_000L, Instant.parse("2026-01-01T00:00:00Z"));

    private static long at(double seconds) {
        return CLOCK.originNanos() + (long) (seconds * 1e9);
    }

    @Test
    void phasesFollowThePlan() {
        assertEquals(RampClock.Phase.BEFORE, CLOCK.phaseOf(at(-0.001)));
        assertEquals(RampClock.Phase.WARMUP, CLOCK.phaseOf(at(0)));
        assertEquals(RampClock.Phase.WINDOW, CLOCK.phaseOf(at(10)));
        assertEquals(RampClock.Phase.TAIL, CLOCK.phaseOf(at(40)));
        assertEquals(RampClock.Phase.WARMUP, CLOCK.phaseOf(at(42)));
        assertEquals(RampClock.Phase.AFTER, CLOCK.phaseOf(at(84)));
    }

    @Test
    void windowIsHalfOpen() {
        assertEquals(-1, CLOCK.windowOf(at(9.999)));
        assertEquals(0, CLOCK.windowOf(at(10)));
        assertEquals(0, CLOCK.windowOf(at(39.999)));
        assertEquals(-1, CLOCK.windowOf(at(40)));
        assertEquals(1, CLOCK.windowOf(at(52)));
        assertEquals(1, CLOCK.stepOf(at(83)));
        assertEquals(-1, CLOCK.stepOf(at(84)));
    }

    @Test
    void wallClockOffsets() {
        assertEquals(Instant.parse("2026-01-01T00:00:52Z"), CLOCK.at(PLAN.windowStartOffset(1)));
    }
}
