package io.schedgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.RampPlan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    /** Steps of 10 s (warm-up 2 + window 7 + tail 1) at 5, 12.5 and 300 arrivals per second. */
    private static final RampPlan PLAN = new RampPlan(
            "t",
            List.of(5.0, 12.5, 300.0),
            Duration.ofSeconds(2),
            Duration.ofSeconds(7),
            Duration.ofSeconds(1),
            Duration.ofSeconds(20),
            EndpointMix.parse("/"));

    private static final long SECOND = 1_000_000_000L;

    @Test
    void eachStepHoldsRateTimesLengthArrivals() {
        ArrivalSchedule s = ArrivalSchedule.of(PLAN);
        assertEquals(50, s.arrivalsInStep(0));
        assertEquals(125, s.arrivalsInStep(1));
        assertEquals(3000, s.arrivalsInStep(2));
        assertEquals(3175, s.arrivals(), "the cool-down has none");
    }

    @Test
    void arrivalsAreEvenlySpacedFromEachStepsStart() {
        ArrivalSchedule s = ArrivalSchedule.of(PLAN);
        assertEquals(0, s.dueOffsetNanos(0));
        assertEquals(SECOND / 5, s.dueOffsetNanos(1));
        assertEquals(49 * SECOND / 5, s.dueOffsetNanos(49));
        assertEquals(10 * SECOND, s.dueOffsetNanos(50), "step 2 starts on the step boundary");
        assertEquals(10 * SECOND + 80_000_000L, s.dueOffsetNanos(51), "1 / 12.5 qps = 80 ms");
        assertEquals(20 * SECOND, s.dueOffsetNanos(175));
        assertEquals(20 * SECOND + 2999 * SECOND / 300, s.dueOffsetNanos(3174));
    }

    @Test
    void dueTimesNeverGoBackAndStayInsideTheirStep() {
        ArrivalSchedule s = ArrivalSchedule.of(PLAN);
        long previous = -1;
        for (long k = 0; k < s.arrivals(); k++) {
            long t = s.dueOffsetNanos(k);
            assertTrue(t > previous, "arrival " + k);
            previous = t;
        }
        assertTrue(previous < 30 * SECOND, "the last arrival is inside the last step");
    }

    @Test
    void arrivalsOutsideTheScheduleAreRefused() {
        ArrivalSchedule s = ArrivalSchedule.of(PLAN);
        assertThrows(IndexOutOfBoundsException.class, () -> s.dueOffsetNanos(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> s.dueOffsetNanos(3175));
    }
}
