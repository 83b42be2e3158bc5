package io.schedgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.RampPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class ArrivalPacerTest {
    private static final RampPlan PLAN = new RampPlan(
            "t",
            List.of(100.0, 400.0),
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            EndpointMix.parse("/"));

    @Test
    void claimsFollowTheScheduleFromTheOriginThenSayDone() {
        ArrivalSchedule schedule = ArrivalSchedule.of(PLAN);
        ArrivalPacer pacer = new ArrivalPacer(schedule, () -> 1_000L, (n, step, busy) -> {});
        pacer.start(1_000L);
        pacer.start(5_000L); // only the first origin counts
        for (long k = 0; k < schedule.arrivals(); k++) {
            assertEquals(1_000L + schedule.dueOffsetNanos(k), pacer.claim());
        }
        assertEquals(ArrivalPacer.DONE, pacer.claim());
        assertEquals(ArrivalPacer.DONE, pacer.claim());
    }

    @Test
    void concurrentUsersClaimEveryArrivalExactlyOnce() throws InterruptedException {
        ArrivalSchedule schedule = ArrivalSchedule.of(PLAN);
        ArrivalPacer pacer = new ArrivalPacer(schedule, () -> 0L, (n, step, busy) -> {});
        pacer.start(0);
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        List<Thread> users = new ArrayList<>();
        for (int u = 0; u < 8; u++) {
            Thread t = new Thread(() -> {
                for (long due = pacer.claim(); due != ArrivalPacer.DONE; due = pacer.claim()) {
                    claimed.add(due);
                }
            });
            users.add(t);
            t.start();
        }
        for (Thread t : users) {
            t.join();
        }
        List<Long> sorted = new ArrayList<>(claimed);
        Collections.sort(sorted);
        assertEquals(schedule.arrivals(), sorted.size());
        for (int k = 0; k < sorted.size(); k++) {
            assertEquals(schedule.dueOffsetNanos(k), sorted.get(k), "arrival " + k);
        }
    }

    @Test
    void claimingBeforeTheClockRunsIsAnError() {
        ArrivalPacer pacer = new ArrivalPacer(ArrivalSchedule.of(PLAN));
        assertThrows(IllegalStateException.class, pacer::claim);
    }

    /** Arrivals of a step that has ended are dropped, counted per step, and the next claim is in the current step. */
    @Test
    void arrivalsOfAnEndedStepAreDroppedAndCounted() {
        ArrivalSchedule schedule = ArrivalSchedule.of(PLAN);
        long[] now = {0};
        long[] dropped = new long[2];
        boolean[] busy = new boolean[2];
        ArrivalPacer pacer = new ArrivalPacer(schedule, () -> now[0], (n, step, usersBusy) -> {
            dropped[step] += n;
            busy[step] = usersBusy;
        });
        pacer.start(0);
        for (int k = 0; k < 10; k++) {
            assertEquals(schedule.dueOffsetNanos(k), pacer.claim());
        }
        now[0] = schedule.stepEndOffsetNanos(0) + 1; // step 1 is over, 10 of its arrivals went out
        assertEquals(schedule.dueOffsetNanos(schedule.firstArrivalOf(1)), pacer.claim());
        assertEquals(schedule.arrivalsInStep(0) - 10, dropped[0]);
        // the 11th arrival was due long before the step's end: no user was free for it, the target's saturation
        assertTrue(busy[0], "a user free only after the step's end found arrivals due long before");
        now[0] = schedule.stepEndOffsetNanos(1) + 1; // the ramp is over
        assertEquals(ArrivalPacer.DONE, pacer.claim());
        assertEquals(schedule.arrivalsInStep(1) - 1, dropped[1]);
        assertTrue(busy[1]);
        assertEquals(ArrivalPacer.DONE, pacer.claim());
    }

    /** The step's last arrival reached right after the step ended, within the lateness limit: the harness's drop. */
    @Test
    void anArrivalDroppedRightAtTheStepsEndIsTheHarnesssNotTheTargets() {
        ArrivalSchedule schedule = ArrivalSchedule.of(PLAN);
        long[] now = {0};
        boolean[] busy = {true};
        ArrivalPacer pacer = new ArrivalPacer(schedule, () -> now[0], (n, step, usersBusy) -> busy[0] = usersBusy);
        pacer.start(0);
        long last = schedule.arrivals() - 1; // the 400 req/s step's last: due 2.5 ms before its end
        for (long k = 0; k < last; k++) {
            pacer.claim();
        }
        long lastDue = schedule.dueOffsetNanos(last);
        now[0] = schedule.stepEndOffsetNanos(1) + 1;
        assertTrue(now[0] - lastDue <= StepLoadCounters.LATE_NANOS, "the last arrival is due within 10 ms of the end");
        pacer.claim();
        assertEquals(false, busy[0]);
    }
}
