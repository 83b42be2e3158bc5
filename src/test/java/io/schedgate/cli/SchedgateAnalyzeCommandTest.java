package io.schedgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedgate analyze} on real run directories: table/JSON, verdict.json, exit codes. */
class SchedgateAnalyzeCommandTest {

    static final Path RUNS = Path.of("src/test/resources/fixtures/runs");

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static Path copy(String name, Path tmp) throws IOException {
        return io.schedgate.verdict.RunFixtures.copy(name, tmp);
    }

    @Test
    void healthyPassesWritesVerdictJsonAndExitsZero(@TempDir Path tmp) throws IOException {
        Path dir = copy("healthy-go1.26", tmp);
        CliRun o = run("analyze", dir.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("gate: PASS"), o.out());
        assertTrue(o.out().contains("capacity: 800 req/s at step 03"), o.out());
        JsonNode v = new ObjectMapper().readTree(dir.resolve("verdict.json").toFile());
        assertEquals("schedgate.verdict/1", v.path("schema").asText());
        assertTrue(v.path("gate").path("passed").asBoolean());
    }

    @Test
    void hotlockFailsWithExitOneAndJsonNamesTheSite(@TempDir Path tmp) throws IOException {
        Path dir = copy("hotlock-go1.26", tmp);
        CliRun o = run("analyze", dir.toString(), "--json");
        assertEquals(1, o.code());
        JsonNode v = new ObjectMapper().readTree(o.out());
        assertFalse(v.path("gate").path("passed").asBoolean());
        boolean found = false;
        for (JsonNode r : v.path("results")) {
            found |= r.path("checkId").asText().equals("lock.contention")
                    && r.path("status").asText().equals("FAIL")
                    && r.path("details").path("site").asText().equals("hotlock.go:33");
        }
        assertTrue(found, o.out());
    }

    /** Thresholds from the command line change the verdict: -Dschedgate.* and --threshold alike. */
    @Test
    void theTableStatesTheDecisiveEvidence() {
        CliRun o = run("analyze", RUNS.resolve("hotlock-go1.26").toString(), "--no-write");
        assertEquals(1, o.code());
        assertTrue(o.out().contains("gate: FAIL (exit 1)"), o.out());
        // the table wraps at 120 columns: read the decisive sentence back as one line
        String decisive = o.out()
                .substring(o.out().indexOf("decisive: "))
                .lines()
                .takeWhile(l -> l.startsWith("decisive: ") || l.startsWith("          "))
                .map(String::strip)
                .reduce((a, b) -> a + " " + b)
                .orElseThrow();
        assertTrue(
                decisive.startsWith("decisive: lock.contention step-02 FAIL: true contention at hotlock.go:25 (Lock:"
                        + " requests wait here; the holder releases at hotlock.go:33)"),
                o.out());
    }

    @Test
    void thresholdOverridesChangeTheGate(@TempDir Path tmp) throws IOException {
        Path dir = copy("fanout-go1.26", tmp);
        assertEquals(0, run("analyze", dir.toString(), "--no-write").code());
        CliRun lowered = run(
                "analyze",
                dir.toString(),
                "--no-write",
                "-Dschedgate.schedlock.warn=0.005%",
                "--threshold",
                "schedlock.fail=0.01%");
        assertEquals(1, lowered.code(), lowered.out());
        assertTrue(lowered.out().contains("schedlock.pressure step-03: FAIL"), lowered.out());
    }

    @Test
    void missingDataExitsTwo(@TempDir Path tmp) throws IOException {
        Path dir = copy("healthy-go1.26", tmp);
        Files.delete(dir.resolve("step-01/block.pb.gz"));
        CliRun o = run("analyze", dir.toString(), "--no-write");
        assertEquals(2, o.code(), o.out());
        assertTrue(o.out().contains("lock.contention step-01: NO_DATA"), o.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) {
        CliRun none = run("analyze", tmp.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("has no manifest.json"), none.err());
        assertEquals(1, none.err().strip().lines().count());
        CliRun flag = run("analyze", "--frobnicate");
        assertEquals(2, flag.code());
        assertTrue(flag.err().contains("unknown flag --frobnicate"), flag.err());
        CliRun bad =
                run("analyze", RUNS.resolve("healthy-go1.26").toString(), "--no-write", "-Dschedgate.errors.max=lots");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("schedgate.errors.max=lots is not a fraction"), bad.err());
        CliRun typo = run(
                "analyze",
                RUNS.resolve("healthy-go1.26").toString(),
                "--no-write",
                "--threshold",
                "contention.fial=0.1");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("unknown threshold schedgate.contention.fial; known: "), typo.err());
        assertTrue(typo.err().contains("contention.fail"), typo.err());
        assertEquals(1, typo.err().strip().lines().count());
        CliRun perWindow = run(
                "analyze",
                RUNS.resolve("healthy-go1.26").toString(),
                "--no-write",
                "-Dschedgate.contention.mutexMinContentions=100");
        assertEquals(2, perWindow.code());
        assertTrue(perWindow.err().contains("contention.mutexMinContentionsPerSecond"), perWindow.err());
    }

    @Test
    void helpListsEveryThresholdWithItsDefault() {
        CliRun o = run("analyze", "--help");
        assertEquals(0, o.code());
        io.schedgate.verdict.VerdictEngine.thresholdDefaults()
                .forEach((k, v) -> assertTrue(o.out().contains("  " + k + " = "), k + " in:\n" + o.out()));
        assertTrue(o.out().contains("  contention.fail = 0.05"), o.out());
    }

    @Test
    void baselineFlagComparesCapacityAndSchedLock(@TempDir Path tmp) throws IOException {
        Path dir = copy("healthy-go1.26", tmp);
        CliRun o = run(
                "analyze",
                dir.toString(),
                "--no-write",
                "--baseline",
                RUNS.resolve("healthy-go1.26").toString());
        assertEquals(0, o.code(), o.out());
        assertTrue(o.out().contains("schedlock.baseline"), o.out());
        assertTrue(o.out().contains("(baseline 800 req/s)"), o.out());
    }
}
