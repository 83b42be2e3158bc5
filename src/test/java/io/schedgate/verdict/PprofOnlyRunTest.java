package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service with net/http/pprof and no /metrics: the fixture runs with every metrics capture turned
 * into what the collector records for such a service (failed, HTTP 404, no file). The goroutine
 * checks must count goroutines in the goroutine profiles instead of ending NO_DATA; the expected
 * counts are the totals {@code go tool pprof -top} printed for the same files (proofs/).
 */
class PprofOnlyRunTest {

    private static final Pattern TOTAL = Pattern.compile("of (\\d+) total");

    /** Copies {@code name} and removes its /metrics scrapes the way a 404 leaves them. */
    static Path withoutMetrics(String name, Path tmp) throws IOException {
        Path run = RunFixtures.copy(name, tmp);
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = (ObjectNode) json.readTree(run.resolve("manifest.json").toFile());
        m.findParents("status").forEach(capture -> {
            String file = capture.path("file").asText("");
            if (file.endsWith(".txt")) {
                ((ObjectNode) capture)
                        .put("status", "failed")
                        .put("reason", "HTTP 404")
                        .remove("file");
                try {
                    Files.deleteIfExists(run.resolve(file));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        json.writeValue(run.resolve("manifest.json").toFile(), m);
        return run;
    }

    static long proofTotal(String run, String proof) throws IOException {
        Matcher t = TOTAL.matcher(
                Files.readString(RunFixtures.RUNS.resolve(run).resolve("proofs").resolve(proof)));
        assertTrue(t.find(), proof);
        return Long.parseLong(t.group(1));
    }

    @Test
    void aLeakIsFoundInTheGoroutineProfilesWithoutMetrics(@TempDir Path tmp) throws IOException {
        Path run = withoutMetrics("leak-go1.26", tmp);
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        CheckResult leak = v.result(GoroutineCheck.LEAK_ID, CheckResult.RAMP).orElseThrow();
        assertEquals(Status.FAIL, leak.status(), leak.evidence());
        assertEquals(
                (double) proofTotal("leak-go1.26", "baseline-goroutine.txt"),
                leak.detailsMap().get("baseline"));
        assertEquals(
                (double) proofTotal("leak-go1.26", "final-goroutine.txt"),
                leak.detailsMap().get("afterCooldown"));
        assertTrue(leak.evidence().contains("counted in the goroutine profiles"), leak.evidence());
        assertTrue(leak.evidence().contains("main.leakForever leak.go:"), leak.evidence());
    }

    @Test
    void everyStepGetsAGoroutineVerdictWithoutMetrics(@TempDir Path tmp) throws IOException {
        Path run = withoutMetrics("healthy-go1.26", tmp);
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        for (int step = 1; step <= 3; step++) {
            CheckResult r = v.result(GoroutineCheck.BLOWUP_ID, step).orElseThrow();
            assertNotEquals(Status.NO_DATA, r.status(), r.evidence());
            assertEquals(Status.PASS, r.status(), r.evidence());
        }
        CheckResult leak = v.result(GoroutineCheck.LEAK_ID, CheckResult.RAMP).orElseThrow();
        assertEquals(Status.PASS, leak.status(), leak.evidence());
    }

    /**
     * Without /metrics and without traces nothing counts the goroutines a request starts, so the check
     * learns them once, from the first step: (goroutines at the window's end − baseline) / requests in
     * flight, at least 1, with low confidence; the counts are {@code go tool pprof -top}'s totals of the
     * step's goroutine-end and the baseline profiles (proofs/), requests in flight the load generator's
     * achieved rate × mean latency. Every later step uses the same factor, including the one that
     * answered nothing (step 4 of the saturated yield run, WARN).
     */
    @Test
    void withoutMetricsGoroutinesPerRequestAreLearntFromTheFirstStep(@TempDir Path tmp) throws IOException {
        String name = "yield-saturated-go1.26";
        Path run = withoutMetrics(name, tmp);
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        long baseline = proofTotal(name, "baseline-goroutine.txt");
        CheckResult first = v.result(GoroutineCheck.BLOWUP_ID, 1).orElseThrow();
        long idle = ((Number) first.detailsMap().get("idleConnectionsExcluded")).longValue();
        com.fasterxml.jackson.databind.JsonNode load = new ObjectMapper()
                .readTree(run.resolve("manifest.json").toFile())
                .path("steps")
                .get(0)
                .path("load");
        double inFlight = load.path("achievedQps").asDouble()
                * load.path("latencyMs").path("mean").asDouble()
                / 1e3;
        double learnt = Math.max(1.0, (proofTotal(name, "step-01-goroutine-end.txt") - idle - baseline) / inFlight);
        for (int step = 1; step <= 4; step++) {
            CheckResult r = v.result(GoroutineCheck.BLOWUP_ID, step).orElseThrow();
            assertEquals(Confidence.LOW, r.confidence(), r.evidence());
            assertEquals("learnt from the first step", r.detailsMap().get("goroutinesPerRequestSource"));
            assertEquals(learnt, (double) r.detailsMap().get("goroutinesPerRequest"), 1e-9, r.evidence());
        }
        assertEquals(
                Status.WARN, v.result(GoroutineCheck.BLOWUP_ID, 4).orElseThrow().status());
    }

    /** No /info, no go_info: the version comes from the profiles' runtime frames, said to be inferred. */
    @Test
    void aTargetThatReportsNoVersionGetsTheOneItsProfilesShow(@TempDir Path tmp) throws IOException {
        Path run = withoutMetrics("healthy-go1.26", tmp);
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = (ObjectNode) json.readTree(run.resolve("manifest.json").toFile());
        ((ObjectNode) m.path("target")).putNull("goVersion");
        json.writeValue(run.resolve("manifest.json").toFile(), m);
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(run);
        assertTrue(v.goVersion() != null && v.goVersion().startsWith("go1.26"), v.goVersion());
        assertTrue(v.goVersion().endsWith("(inferred from the profiles' runtime frames)"), v.goVersion());
    }

    @Test
    void withMetricsTheRuntimeMetricsStayTheSource(@TempDir Path tmp) throws IOException {
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks())
                .evaluate(RunFixtures.copy("leak-go1.26", tmp));
        CheckResult leak = v.result(GoroutineCheck.LEAK_ID, CheckResult.RAMP).orElseThrow();
        assertTrue(
                !leak.detailsMap().containsKey("goroutineCountSource"),
                leak.detailsMap().toString());
    }
}
