package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.run.LoadNumbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default lab run's six steps (100-1600 req/s, mean latency 0.3-0.46 ms, as its manifest recorded them):
 * under one request in flight at the top step, the USL is not fitted rather than called coherency-bound.
 */
class UslConcurrencyTest {

    private static RunData run(double[] qps, double[] meanMs) {
        List<RunStep> steps = new ArrayList<>();
        for (int i = 0; i < qps.length; i++) {
            LoadNumbers load = new LoadNumbers(
                    qps[i],
                    qps[i],
                    (long) (qps[i] * 24),
                    0,
                    0,
                    0,
                    new LoadNumbers.Latency(meanMs[i], meanMs[i], meanMs[i], meanMs[i], meanMs[i]));
            steps.add(new RunStep(i + 1, qps[i], 24, load, null, null, Map.of()));
        }
        return new RunData(
                Path.of("in-memory"),
                "t",
                "complete",
                null,
                "go1.26.8",
                2,
                steps,
                null,
                null,
                List.of(),
                Map.of(),
                Map.of(),
                new RunProfiles("go1.26.8"));
    }

    @Test
    void underTwoRequestsInFlightTheUslIsNotFitted() {
        double[] qps = {100, 200, 400, 800, 1200, 1600};
        double[] meanMs = {0.30, 0.31, 0.33, 0.36, 0.41, 0.456};
        List<CheckResult> r = new UslCheck().evaluate(CheckInput.of(run(qps, meanMs), Thresholds.defaults()));
        assertEquals(1, r.size());
        CheckResult usl = r.get(0);
        assertEquals(Status.PASS, usl.status(), usl.evidence());
        assertNull(usl.value(), "no peak is claimed");
        // N = X·W at the top step: 1600 req/s × 0.456 ms = 0.730 (by hand)
        assertEquals(0.7296, (double) usl.detailsMap().get("maxMeasuredConcurrency"), 1e-9);
        assertTrue(usl.evidence().startsWith("not fitted: at most 0.730 requests in flight"), usl.evidence());
    }

    @Test
    void withRequestsQueuingTheUslIsFitted() {
        double[] qps = {100, 200, 400, 800, 1200, 1400};
        double[] meanMs = {10, 10.5, 11, 14, 25, 60};
        CheckResult usl = new UslCheck()
                .evaluate(CheckInput.of(run(qps, meanMs), Thresholds.defaults()))
                .get(0);
        assertTrue(usl.value() != null, usl.evidence());
        assertTrue(usl.evidence().contains("-bound (σ="), usl.evidence());
    }
}
