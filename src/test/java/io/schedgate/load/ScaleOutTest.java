package io.schedgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.PlanSources;
import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import io.schedgate.plan.RampPlans;
import io.schedgate.run.LoadNumbers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/** A ramp dealt over several injectors: the shares' streams, their merged numbers, the coordinator's HTTP. */
class ScaleOutTest {
    private static final RampPlan PLAN = new RampPlan(
            "t",
            List.of(100.0, 250.0, 333.0),
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            EndpointMix.parse("/a@3,/b?x=1@1"));

    private static List<Long> claims(ArrivalPacer pacer) {
        List<Long> out = new ArrayList<>();
        for (long due = pacer.claim(); due != ArrivalPacer.DONE; due = pacer.claim()) {
            out.add(due);
        }
        return out;
    }

    @Test
    void threeSharesMergedAreTheSingleInjectorsStream() {
        ArrivalSchedule schedule = ArrivalSchedule.of(PLAN);
        ArrivalPacer single = new ArrivalPacer(schedule, () -> 0L, (n, s, b) -> {});
        single.start(0);
        List<Long> expected = claims(single);
        List<Long> merged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ArrivalPacer share = new ArrivalPacer(schedule, () -> 0L, (n, s, b) -> {}, new ArrivalShare(i, 3));
            share.start(0);
            List<Long> mine = claims(share);
            // every third arrival: share i has arrivals i, i+3, ...
            assertEquals((schedule.arrivals() - i + 2) / 3, mine.size(), "share " + i);
            merged.addAll(mine);
        }
        Collections.sort(merged);
        assertEquals(expected, merged);
    }

    @Test
    void eachShareDropsItsOwnArrivalsOfAStepThatEnded() {
        ArrivalSchedule schedule = ArrivalSchedule.of(PLAN);
        // the clock stands past step 1's end: its arrivals are all dropped, by each share its own
        long afterStep1 = schedule.stepEndOffsetNanos(0) + 1;
        long total = 0;
        for (int i = 0; i < 2; i++) {
            AtomicLongArray dropped = new AtomicLongArray(3);
            ArrivalPacer share = new ArrivalPacer(
                    schedule, () -> afterStep1, (n, s, b) -> dropped.addAndGet(s, n), new ArrivalShare(i, 2));
            share.start(0);
            long first = share.claim();
            assertEquals(
                    schedule.dueOffsetNanos(new ArrivalShare(i, 2).firstAtOrAfter(schedule.firstArrivalOf(1))),
                    first,
                    "share " + i + " goes on with its first arrival of step 2");
            assertEquals(new ArrivalShare(i, 2).countIn(0, schedule.firstArrivalOf(1)), dropped.get(0));
            total += dropped.get(0);
        }
        assertEquals(schedule.arrivalsInStep(0), total);
    }

    @Test
    void aShareOutsideItsInjectorsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ArrivalShare(2, 2));
        assertThrows(IllegalArgumentException.class, () -> new ArrivalShare(0, 0));
        assertEquals(3, new ArrivalShare(1, 3).countIn(0, 9)); // 1, 4, 7
        assertEquals(0, new ArrivalShare(1, 3).countIn(2, 4));
    }

    /** A window's counters with {@code latencies} recorded, as an injector would report them. */
    private static WindowCounts window(long offered, long errors, long late, long... latenciesMicros) {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : latenciesMicros) {
            h.record(v);
        }
        return new WindowCounts(
                offered, latenciesMicros.length, errors, late, 0, 0, 0, h.count() == 0 ? null : h.encoded(), 0.5);
    }

    @Test
    void mergedNumbersAreTheSumOfTheInjectorsAndTheHistogramTheirUnion() {
        StepLoadCounters counters = new StepLoadCounters(3);
        // this process (share 0) recorded nothing in this test: its counters are started only by a ramp clock
        WindowCounts a = window(300, 2, 1, 120, 250, 900, 4000);
        WindowCounts b = window(301, 0, 0, 110, 260, 100_000);
        counters.remote(1, 0, a);
        counters.remote(2, 0, b);
        LoadNumbers merged = counters.numbers(0, 3);
        assertEquals(601, merged.requests());
        assertEquals(2, merged.errors());
        assertEquals(1, merged.late());
        assertEquals(200.333, merged.offeredQps(), 1e-9);
        assertEquals(3, merged.injectors().size(), "this process and the two that reported");
        assertEquals(300, merged.injectors().get(1).requests());
        assertEquals(0.5, merged.injectors().get(2).harnessCpus());
        LatencyHistogram union = a.latencies();
        union.add(b.latencies());
        assertEquals(union, LatencyHistogram.decode(merged.latencyHistogram()));
        assertEquals(7, union.count());
        assertEquals(100.0, merged.latencyMs().max(), 0.1, "the slowest of either injector");
        assertEquals(java.util.Set.of(1, 2), counters.reported(0));
        assertEquals(java.util.Set.of(), counters.reported(1));

        counters.remoteUnsent(2, List.of(0L, 7L, 0L), List.of(0L, 3L, 0L));
        assertEquals(7, counters.unsentOf(1));
        assertEquals(3, counters.unsentUsersBusyOf(1));
        assertEquals(List.of(7L, 3L), List.of(counters.unsentOfShare(2, 1)[0], counters.unsentOfShare(2, 1)[1]));
        assertNull(new StepLoadCounters(1).numbers(0, 3).injectors(), "one injector: no per-injector list");
    }

    @Test
    void anInjectorJoinsTakesThePlanAndTheStartAndItsMissingWindowIsNamed() throws Exception {
        StepLoadCounters counters = new StepLoadCounters(PLAN.stepCount());
        InjectorProtocol.Assignment template = new InjectorProtocol.Assignment(
                0, 2, RampPlans.settings(PLAN), 40, "http://127.0.0.1:1/", "X-Test", "yes");
        try (InjectorCoordinator c = InjectorCoordinator.open(0, 1, template, counters)) {
            URI url = URI.create("http://127.0.0.1:" + c.port());
            InjectorClient client = InjectorClient.join(url, Duration.ofSeconds(10));
            InjectorProtocol.Assignment a = client.assignment();
            assertEquals(new ArrivalShare(1, 2), a.arrivals());
            assertEquals("X-Test", a.headerName());
            Properties p = new Properties();
            a.settings().forEach((k, v) -> p.setProperty(PlanSources.PREFIX + k, v));
            RampPlan theirs = RampPlans.from(PlanSources.of(p, Map.of()));
            assertEquals(PLAN.stepsQps(), theirs.stepsQps());
            assertEquals(PLAN.mix(), theirs.mix());
            assertEquals(PLAN.window(), theirs.window());
            assertEquals(PLAN.tail(), theirs.tail());

            IllegalStateException full =
                    assertThrows(IllegalStateException.class, () -> InjectorClient.join(url, Duration.ofSeconds(5)));
            assertTrue(full.getMessage().contains("the ramp has its 1 injectors already"), full.getMessage());
            c.awaitJoined(Duration.ofSeconds(1));

            Instant origin = Instant.now().plusMillis(300);
            c.start(origin);
            RampClock clock = client.awaitStart(PLAN, Duration.ofSeconds(5));
            assertEquals(origin.truncatedTo(java.time.temporal.ChronoUnit.MICROS), clock.origin());

            // nobody reports step 1 before the deadline: the collector is told who is missing
            java.util.Optional<String> missing = c.awaitWindow(0, System.nanoTime() + 50_000_000);
            assertEquals(
                    "injector 2 of 2 did not report step 1's window in time (it died, lost the collector or fell behind)",
                    missing.orElseThrow());
            counters.remote(1, 0, window(10, 0, 0, 100));
            assertTrue(c.awaitWindow(0, System.nanoTime()).isEmpty());
            assertEquals(
                    "injector 2 of 2 sent no count of the arrivals it dropped: they are not in the steps' unsent",
                    c.awaitFinal(System.nanoTime() + 50_000_000).orElseThrow());
        }
    }

    @Test
    void noCollectorIsOneLineNamingTheSettings() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> InjectorClient.join(URI.create("http://127.0.0.1:9"), Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith("no collector answered at http://127.0.0.1:9 within 0 s"), e.getMessage());
        assertTrue(e.getMessage().endsWith("or fix -Dschedgate.coordinator"), e.getMessage());
    }
}
