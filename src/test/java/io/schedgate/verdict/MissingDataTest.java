package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate never passes on nothing: missing scrapes and empty runs fail it, naming what is missing. */
class MissingDataTest {

    static Path copyOf(String run, Path into) throws IOException {
        return RunFixtures.copyDir(VerdictEngineTest.RUNS.resolve(run), into);
    }

    @Test
    void aDeletedScrapeMakesThatStepNoData(@TempDir Path tmp) throws IOException {
        Path run = copyOf("fanout-go1.26", tmp);
        Files.delete(run.resolve("step-03/metrics-end.txt"));
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        CheckResult step3 = v.result(WakeUpLinearityCheck.ID, 3).orElseThrow();
        assertEquals(Status.NO_DATA, step3.status());
        assertTrue(step3.evidence().contains("step-03/metrics-end.txt"), step3.evidence());
        // The other steps are still judged, and the ramp fit uses the five that remain.
        assertEquals(
                Status.PASS, v.result(WakeUpLinearityCheck.ID, 4).orElseThrow().status());
        assertEquals(
                5,
                v.result(WakeUpLinearityCheck.ID, CheckResult.RAMP)
                        .orElseThrow()
                        .detailsMap()
                        .get("steps"));
        assertFalse(v.gate().passed());
        assertTrue(v.gate().reasons().stream().anyMatch(r -> r.startsWith("wakeup.linearity step-03: NO_DATA")));
    }

    @Test
    void aCorruptScrapeIsReportedNotThrown(@TempDir Path tmp) throws IOException {
        Path run = copyOf("fanout-go1.26", tmp);
        Files.writeString(run.resolve("step-02/metrics-start.txt"), "<html>502 Bad Gateway</html>\n");
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        assertEquals(
                Status.NO_DATA,
                v.result(WakeUpLinearityCheck.ID, 2).orElseThrow().status());
        assertTrue(
                v.notes().stream().anyMatch(n -> n.contains("step-02/metrics-start.txt:1:")),
                v.notes().toString());
    }

    /**
     * A real run (LabRampSimulation, the lab on loopback, SIGTERM 1.5 s into step 1's window: it drained
     * the profiles in flight and refused the rest): the run says first that the target died, in which step
     * and that no step was complete before it; step 1's whole CPU profile is still judged, and no capacity
     * is stated.
     */
    /**
     * A real run whose lab got SIGTERM in step 1's warm-up: the collector still reached the window, every
     * capture failed and no request was answered. Only the load counters (saturation) judge that step;
     * capacity is NO_DATA (nothing was measured), not a FAIL of checks that never ran.
     */
    @Test
    void aTargetThatDiedBeforeTheFirstWindowMeasuredNoCapacity() {
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(RunFixtures.RUNS.resolve("died-warmup-go1.26"));
        assertEquals("target-died", v.runStatus());
        for (CheckResult r : v.results()) {
            if (!r.rampWide() && !r.checkId().equals(SaturationCheck.ID)) {
                assertEquals(Status.NO_DATA, r.status(), r.checkId() + ": " + r.evidence());
            }
        }
        CheckResult capacity = v.result(CapacityCheck.ID, CheckResult.RAMP).orElseThrow();
        assertEquals(Status.NO_DATA, capacity.status(), capacity.evidence());
        assertTrue(capacity.evidence().startsWith("no step was measured"), capacity.evidence());
        assertTrue(
                io.schedgate.report.VerdictTable.decisive(v).startsWith("run status is target-died"),
                io.schedgate.report.VerdictTable.decisive(v));
    }

    @Test
    void aTargetThatDiedInTheFirstStepIsTheDecisiveLine() {
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(RunFixtures.RUNS.resolve("died-go1.26"));
        assertEquals("target-died", v.runStatus());
        assertFalse(v.gate().passed());
        String decisive = io.schedgate.report.VerdictTable.decisive(v);
        assertTrue(
                decisive.startsWith("run status is target-died, not complete: target stopped answering during"
                        + " step 1 of 2 (100 qps)"),
                decisive);
        assertTrue(decisive.contains("no step was complete before it"), decisive);
        assertEquals(
                Status.PASS,
                v.result(SchedLockPressureCheck.ID, 1).orElseThrow().status(),
                "the drained CPU profile");
        assertEquals(
                Status.FAIL,
                v.result(CapacityCheck.ID, CheckResult.RAMP).orElseThrow().status());
    }

    @Test
    void aRunWithoutStepsFailsTheGate(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("empty");
        Files.createDirectories(run);
        Files.writeString(
                run.resolve("manifest.json"),
                "{\"schema\":\"schedgate.run/1\",\"simulation\":\"x\",\"status\":\"target-died\",\"steps\":[]}");
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        assertFalse(v.gate().passed());
        assertTrue(v.gate().reasons().contains("no steps in the run"));
        assertTrue(v.gate().reasons().contains("run status is target-died, not complete"));
        assertEquals(
                Status.NO_DATA,
                v.result(CapacityCheck.ID, CheckResult.RAMP).orElseThrow().status());
    }

    @Test
    void aForeignManifestIsRefused(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("manifest.json"), "{\"schema\":\"something/9\"}");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(tmp));
        assertTrue(e.getMessage().contains("expected 'schedgate.run/1'"), e.getMessage());
    }
}
