package io.schedgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import io.schedgate.run.LoadNumbers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting by window, with the clock's origin placed so that "now" falls where the test wants. */
class StepLoadCountersTest {
    private static final RampPlan PLAN = new RampPlan(
            "t",
            List.of(10.0, 20.0),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            EndpointMix.parse("/"));

    /** A clock on which the current instant is {@code offset} into the ramp. */
    private static RampClock nowAt(Duration offset) {
        return new RampClock(
                PLAN, System.nanoTime() - offset.toNanos(), Instant.now().minus(offset));
    }

    @Test
    void countsOnlyInsideTheWindow() {
        StepLoadCounters inWarmup = new StepLoadCounters(2);
        inWarmup.start(nowAt(Duration.ofSeconds(5)));
        inWarmup.requestFinished(inWarmup.requestStarted(), true);
        assertEquals(0, inWarmup.numbers(0, 30).requests());

        StepLoadCounters inWindow = new StepLoadCounters(2);
        inWindow.start(nowAt(Duration.ofSeconds(42 + 20)));
        for (int i = 0; i < 60; i++) {
            inWindow.requestFinished(inWindow.requestStarted(), i % 10 != 0);
        }
        LoadNumbers n = inWindow.numbers(1, 30);
        assertEquals(60, n.requests());
        assertEquals(6, n.errors());
        assertEquals(2.0, n.offeredQps());
        assertEquals(1.8, n.achievedQps());
        assertEquals(0, inWindow.numbers(0, 30).requests());
    }

    @Test
    void arrivalsSentMoreThanTenMillisecondsAfterTheirDueTimeAreLate() {
        StepLoadCounters c = new StepLoadCounters(2);
        c.start(nowAt(Duration.ofSeconds(20)));
        // send instants given explicitly: how long the test itself takes must not move a request across the limit
        long sent = System.nanoTime();
        c.requestFinished(c.started(sent, sent + 1_000_000), true); // early (a pause rounded down)
        c.requestFinished(c.started(sent, sent - 2_000_000), true); // 2 ms: on time
        c.requestFinished(c.started(sent, sent - StepLoadCounters.LATE_NANOS), true); // exactly at the limit: on time
        c.requestFinished(c.started(sent, sent - 500_000_000), true); // 500 ms behind
        c.requestFinished(c.started(sent, sent - 11_000_000_000L), true); // due in the warm-up, sent now
        LoadNumbers n = c.numbers(0, 30);
        assertEquals(5, n.requests());
        assertEquals(2, n.late());
        assertEquals(0, c.numbers(1, 30).late());
        assertEquals(0, n.lateUsersBusy(), "claimed when sent: a free user, so the harness was late");
    }

    @Test
    void aLateArrivalClaimedAfterItFellDueFoundEveryUserBusy() {
        StepLoadCounters c = new StepLoadCounters(2);
        c.start(nowAt(Duration.ofSeconds(20)));
        long sent = System.nanoTime();
        long due = sent - 300_000_000;
        c.requestFinished(c.started(sent, due, due - 1_000_000), true); // claimed early, sent late: the harness
        c.requestFinished(c.started(sent, due, due + 200_000_000), true); // claimed 200 ms after due: pool busy
        c.requestFinished(c.started(sent, sent, sent - 5_000_000), true); // on time
        LoadNumbers n = c.numbers(0, 30);
        assertEquals(2, n.late());
        assertEquals(1, n.lateUsersBusy());
        assertEquals(0.5, n.lateUsersBusyShare());
    }

    @Test
    void beforeStartNothingIsCounted() {
        StepLoadCounters c = new StepLoadCounters(2);
        c.requestFinished(c.requestStarted(), true);
        c.start(nowAt(Duration.ofSeconds(15)));
        LoadNumbers n = c.numbers(0, 30);
        assertEquals(0, n.requests());
        assertNull(n.latencyMs(), "no latency without completed requests");
    }
}
