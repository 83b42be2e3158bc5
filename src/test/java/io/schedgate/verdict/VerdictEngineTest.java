package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schedgate.metrics.RuntimeMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics-only checks on real run directories: lab scrapes taken under open-loop load
 * (fixtures/metrics/README.md has each number recomputed by capture/summarize.py).
 */
class VerdictEngineTest {

    static final Path RUNS = Path.of("src/test/resources/fixtures/metrics/runs");

    static Verdict verdict(String run) {
        return new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(RUNS.resolve(run));
    }

    static CheckResult result(Verdict v, String checkId, int step) {
        return v.result(checkId, step).orElseThrow(() -> new AssertionError("no " + checkId + " at " + step));
    }

    /**
     * Fan-out on Go 1.26: ≈190 wake-ups per request at every step (README table: 190.93, 188.07,
     * 189.41, 201.12, 193.54, 189.06) → linear, exponent interval contains 1. Steps 5–6 miss the
     * offered rate (2961/3200, 3771/6400) → saturated, so capacity is step 4's 1599.8 req/s.
     */
    @Test
    void fanoutIsLinearAndSaturatesAfterStepFour() {
        Verdict v = verdict("fanout-go1.26");
        CheckResult step1 = result(v, WakeUpLinearityCheck.ID, 1);
        assertEquals(Status.PASS, step1.status());
        assertEquals((18964 - 4644) * 8 / 600.0, step1.value(), 1e-9);
        CheckResult ramp = result(v, WakeUpLinearityCheck.ID, CheckResult.RAMP);
        assertEquals(Status.PASS, ramp.status(), ramp.evidence());
        assertEquals(1.0, ramp.value(), 0.05);
        assertTrue((double) ramp.detailsMap().get("exponentLower") < 1.0);
        assertTrue((double) ramp.detailsMap().get("exponentUpper") > 1.0);

        for (int step = 1; step <= 4; step++) {
            assertEquals(Status.PASS, result(v, SaturationCheck.ID, step).status());
        }
        assertEquals(Status.WARN, result(v, SaturationCheck.ID, 5).status());
        assertTrue(result(v, SaturationCheck.ID, 6).evidence().startsWith("saturated: achieved 3771 of 6400"));
        assertEquals(4, v.capacity().stepIndex());
        assertEquals(1599.79, v.capacity().qps(), 0.01);
        assertEquals(
                Status.PASS, result(v, GoroutineCheck.LEAK_ID, CheckResult.RAMP).status());
        // 2 goroutines above baseline at every step whatever the load: no growth (exponent ≈ 0).
        CheckResult growth = result(v, GoroutineCheck.GROWTH_ID, CheckResult.RAMP);
        assertEquals(Status.PASS, growth.status(), growth.evidence());
        assertEquals(0.0, growth.value(), 0.05);
        // Six steps: the USL is fitted, but latency noise makes it a poor description: WARN, no claim.
        CheckResult usl = result(v, UslCheck.ID, CheckResult.RAMP);
        assertEquals(Status.WARN, usl.status());
        assertTrue(usl.evidence().startsWith("the USL does not describe these steps"), usl.evidence());
        // Concurrency is Little's L = X·W: step 1 achieved 200.22 req/s at 0.479 ms mean latency.
        double[] n = (double[]) usl.detailsMap().get("concurrency");
        assertEquals(200.2187934914012 * 0.47914035333333366 / 1000, n[0], 1e-12);
        assertTrue(v.gate().passed(), String.join("\n", v.gate().reasons()));
        assertEquals(0, v.gate().exitCode());
    }

    /**
     * The thundering herd (/herd?us=300): wake-ups per request climb from 4.77 to 30.58 while QPS
     * goes from 197 to 1848 → events/s grows as QPS^1.8, interval above 1 → FAIL, gate fails.
     */
    @Test
    void herdWakeUpsGrowFasterThanLoad() {
        Verdict v = verdict("herd-go1.26");
        CheckResult ramp = result(v, WakeUpLinearityCheck.ID, CheckResult.RAMP);
        assertEquals(Status.FAIL, ramp.status(), ramp.evidence());
        assertTrue((double) ramp.detailsMap().get("exponentLower") > 1.0);
        assertTrue(ramp.evidence().startsWith("wake-ups grow faster than load"), ramp.evidence());
        assertEquals(Status.WARN, result(v, WakeUpLinearityCheck.ID, 6).status());
        assertFalse(v.gate().passed());
        assertTrue(v.gate().reasons().stream().anyMatch(r -> r.startsWith("wakeup.linearity: FAIL")));
        assertEquals(1, v.gate().exitCode());
    }

    /** /leak?n=1: 16 goroutines before the ramp, 2420 after the cool-down (README) → leak FAIL. */
    @Test
    void leakIsFoundAfterTheCooldown() {
        Verdict v = verdict("leak-go1.26");
        CheckResult leak = result(v, GoroutineCheck.LEAK_ID, CheckResult.RAMP);
        assertEquals(Status.FAIL, leak.status());
        assertEquals(2420 - 16, leak.value());
        assertTrue(leak.evidence().startsWith("leak: 2420 goroutines after the cool-down against 16"));
        // Per step, goroutines far exceed Little's law (1218 at step 2 against ≈17 predicted).
        CheckResult step2 = result(v, GoroutineCheck.BLOWUP_ID, 2);
        assertEquals(Status.FAIL, step2.status());
        assertEquals(Confidence.HIGH, step2.confidence());
        assertNull(v.capacity().qps());
        assertFalse(v.gate().passed());
    }

    /** Go 1.23 lacks /sched/goroutines-created: goroutines per request is learnt, low confidence. */
    @Test
    void go123FallsBackToLearntGoroutinesPerRequest() {
        Verdict v = verdict("fanout-go1.23");
        CheckResult step1 = result(v, GoroutineCheck.BLOWUP_ID, 1);
        assertEquals(Confidence.LOW, step1.confidence());
        assertEquals("learnt from the first step", step1.detailsMap().get("goroutinesPerRequestSource"));
        assertTrue(v.result(UslCheck.ID, CheckResult.RAMP).isEmpty(), "4 steps: no USL");
        assertTrue(v.notes().stream().anyMatch(n -> n.startsWith("usl: not fitted, 4 steps")));
        assertEquals("go1.23.5", v.goVersion());
    }

    @Test
    void baselineComparisonFailsOnACapacityDrop() {
        VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks());
        // herd capacity 1200 req/s (step 4) against fan-out's 1599.8: −25% > 10% margin.
        Verdict dropped = engine.evaluate(RUNS.resolve("herd-go1.26"), RUNS.resolve("fanout-go1.26"));
        CheckResult capacity = result(dropped, CapacityCheck.ID, CheckResult.RAMP);
        assertEquals(Status.FAIL, capacity.status(), capacity.evidence());
        assertEquals(1599.79 * 0.9, capacity.threshold(), 0.01);
        // The other way round capacity rose: PASS.
        Verdict rose = engine.evaluate(RUNS.resolve("fanout-go1.26"), RUNS.resolve("herd-go1.26"));
        assertEquals(
                Status.PASS, result(rose, CapacityCheck.ID, CheckResult.RAMP).status());
    }

    @Test
    void thresholdsChangeTheOutcome() {
        // With a linearity limit of 2 the herd's 1.8 (CI up to 2.4) is no longer a FAIL.
        Thresholds lenient = Thresholds.defaults().with(GrowthTrend.MAX_EXPONENT, 2.0);
        Verdict v = new VerdictEngine(lenient, CheckRegistry.metricsChecks()).evaluate(RUNS.resolve("herd-go1.26"));
        assertEquals(
                Status.PASS,
                result(v, WakeUpLinearityCheck.ID, CheckResult.RAMP).status());
        // A p99 SLO of 50 ms saturates herd step 1 (p99 74.7 ms).
        Thresholds slo = Thresholds.defaults().with(SaturationCheck.P99_SLO, 50);
        CheckResult s1 = result(
                new VerdictEngine(slo, CheckRegistry.metricsChecks()).evaluate(RUNS.resolve("herd-go1.26")),
                SaturationCheck.ID,
                1);
        assertEquals(Status.WARN, s1.status());
        assertTrue(s1.evidence().contains("p99 74.75 ms > SLO 50 ms"), s1.evidence());
    }

    @Test
    void resultsCarryTheWindowSignals() {
        CheckResult step6 = result(verdict("fanout-go1.26"), WakeUpLinearityCheck.ID, 6);
        Map<String, Object> d = step6.detailsMap();
        assertEquals(65.03, (double) d.get("goroutinesCreatedPerRequest"), 0.005);
        assertTrue((double) d.get("gcCpuShare") > 0);
        assertTrue(d.containsKey("mutexWaitSecondsPerSecondPerProc"));
        RuntimeMetrics end = RuntimeMetrics.read(RUNS.resolve("fanout-go1.26/step-06/metrics-end.txt"));
        assertEquals("go1.26.8", end.goVersion().orElseThrow());
    }

    @Test
    void aStepWhereTheHarnessFellBehindIsNotTheTargetsCapacity(@TempDir Path tmp) throws IOException {
        // the real fan-out run, with step 2 edited as if the harness had sent 40 % of its requests late
        Path run = tmp.resolve("run");
        try (Stream<Path> files = Files.walk(RUNS.resolve("fanout-go1.26"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to =
                        run.resolve(RUNS.resolve("fanout-go1.26").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest =
                (ObjectNode) json.readTree(run.resolve("manifest.json").toFile());
        ObjectNode load = (ObjectNode) manifest.path("steps").get(1).path("load");
        load.put("late", load.path("requests").asLong() * 4 / 10);
        json.writeValue(run.resolve("manifest.json").toFile(), manifest);

        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        CheckResult s2 = result(v, SaturationCheck.ID, 2);
        assertEquals(Status.WARN, s2.status());
        assertTrue(
                s2.evidence()
                        .startsWith(
                                "harness behind schedule: " + load.path("late").asLong() + " of "
                                        + load.path("requests").asLong() + " requests (40.0%)"),
                s2.evidence());
        assertEquals(Status.PASS, result(v, SaturationCheck.ID, 1).status());
        assertEquals(4, v.capacity().stepIndex(), "steps 3 and 4 still pass");
    }

    @Test
    void lateArrivalsWhileEveryUserWaitsOnTheTargetAreItsSaturation(@TempDir Path tmp) throws IOException {
        // the same edit, but the late requests were claimed after they fell due: no pooled user was free
        Path run = RunFixtures.copy("fanout-go1.26", tmp);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest =
                (ObjectNode) json.readTree(run.resolve("manifest.json").toFile());
        ObjectNode load = (ObjectNode) manifest.path("steps").get(1).path("load");
        long late = load.path("requests").asLong() * 4 / 10;
        load.put("late", late).put("lateUsersBusy", late - 1);
        json.writeValue(run.resolve("manifest.json").toFile(), manifest);

        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        CheckResult s2 = result(v, SaturationCheck.ID, 2);
        assertEquals(Status.WARN, s2.status());
        assertTrue(
                s2.evidence()
                        .startsWith("saturated: " + (late - 1) + " of "
                                + load.path("requests").asLong() + " requests"),
                s2.evidence());
        assertTrue(s2.evidence().contains("every pooled user was still waiting on a response"), s2.evidence());
        assertEquals(late - 1, ((Number) s2.detailsMap().get("lateUsersBusy")).longValue());
    }

    @Test
    void aStepWhereHarnessAndTargetFilledTheMachineSaysSo(@TempDir Path tmp) throws IOException {
        Path run = RunFixtures.copy("fanout-go1.26", tmp);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest =
                (ObjectNode) json.readTree(run.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.path("steps").get(0).path("load"))
                .put("harnessCpus", 1.9)
                .put("hostCpus", 2);
        ((ObjectNode) manifest.path("steps").get(1).path("load"))
                .put("harnessCpus", 0.1)
                .put("hostCpus", 16);
        json.writeValue(run.resolve("manifest.json").toFile(), manifest);
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(run);
        CheckResult s1 = result(v, SaturationCheck.ID, 1);
        assertTrue(s1.evidence().contains("the machine's CPUs were busy: harness 1.90 + target "), s1.evidence());
        assertTrue(s1.evidence().contains(" of 2 CPUs"), s1.evidence());
        CheckResult s2 = result(v, SaturationCheck.ID, 2);
        assertFalse(s2.evidence().contains("machine's CPUs"), s2.evidence());
        assertEquals(0.1, s2.detailsMap().get("harnessCpus"));
    }

    @Test
    void notARunDirectoryIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> verdict("does-not-exist"));
        assertTrue(
                e.getMessage()
                        .endsWith("does-not-exist has no manifest.json: pass a run directory written by the"
                                + " schedgate collector (target/schedgate/<simulation>-<timestamp>/)"),
                e.getMessage());
    }
}
