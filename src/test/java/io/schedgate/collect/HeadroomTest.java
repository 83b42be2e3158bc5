package io.schedgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headroom a run states is the first step where the harness, not the target, set the pace. */
class HeadroomTest {

    private static Manifest.Step step(int index, double planned, LoadNumbers load) {
        return new Manifest.Step(index, planned, null, null, null, null, load, Map.of());
    }

    private static LoadNumbers load(double offered, long requests, long late, long lateUsersBusy, long unsent) {
        return new LoadNumbers(offered, offered, requests, 0, late, lateUsersBusy, null, null, null, unsent, 0, null);
    }

    @Test
    void theFirstStepTheHarnessFellBehindGivesTheFigure() {
        Headroom h = Headroom.of(List.of(
                step(1, 200, load(200, 1000, 0, 0, 0)),
                step(2, 800, load(439, 1316, 732, 100, 0)),
                step(3, 1600, load(500, 1500, 900, 0, 300))));
        assertEquals(439.0, h.qps());
        assertTrue(h.sentence().startsWith("about 439 req/s against this target: step 2 planned 800"), h.sentence());
        assertTrue(h.sentence().contains("55.6% of requests late with pooled users free"), h.sentence());
    }

    @Test
    void lateBecauseEveryUserWaitedOnTheTargetIsNotTheHarnessLimit() {
        Headroom h = Headroom.of(
                List.of(step(1, 200, load(200, 1000, 0, 0, 0)), step(2, 800, load(600, 2000, 900, 800, 0))));
        assertNull(h.qps(), h.sentence());
        assertEquals("kept to the plan at every step (up to 600 req/s sent)", h.sentence());
    }

    @Test
    void aStallBelowARateAnotherStepKeptToIsNoLimit() {
        // step 1 fell behind while the JVM warmed up; step 2 sent twice as much on time
        Headroom h =
                Headroom.of(List.of(step(1, 100, load(104, 313, 35, 0, 0)), step(2, 200, load(200, 600, 0, 0, 0))));
        assertNull(h.qps(), h.sentence());
    }

    @Test
    void arrivalsDroppedForWantOfAFreeUserAreTheTargetsSaturation() {
        LoadNumbers busy = new LoadNumbers(472, 356, 1416, 0, 741, 741, null, null, null, 1440, 1440, null);
        assertTrue(!busy.harnessBehind());
        assertNull(Headroom.of(List.of(step(1, 800, busy))).qps());
    }

    @Test
    void droppedArrivalsAreTheHarnessLimit() {
        Headroom h = Headroom.of(List.of(step(1, 60000, load(5500, 27500, 0, 0, 272500))));
        assertEquals(5500.0, h.qps());
        assertTrue(h.sentence().contains("272500 arrivals never sent with a user free"), h.sentence());
    }
}
