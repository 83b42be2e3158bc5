package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schedgate.service.ProjectLayout;
import io.schedgate.service.TraceStatBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wake-up check on a run with execution traces: a copy of the healthy-go1.26 fixture run whose
 * steps get tools/tracestat's committed Go 1.26 trace as trace.out (a workload trace, not the lab's:
 * what is tested is the wiring and the arithmetic, against the counts go tool trace's dump gave).
 */
class TraceWakeUpsTest {

    static final Path TRACE = Path.of("tools/tracestat/testdata/go1.26.trace");
    static final Path DUMP = Path.of("tools/tracestat/testdata/go1.26.dump-counts.txt");
    private final Properties saved = (Properties) System.getProperties().clone();

    @BeforeAll
    static void build() {
        TraceStatBuild.ensure(ProjectLayout.find());
    }

    @AfterEach
    void restore() {
        System.setProperties(saved);
    }

    @Test
    void traceWakeUpsComeFirstAndNameTheirSource(@TempDir Path tmp) throws IOException {
        Path run = withTraces(tmp, List.of(1, 2, 3), List.of());
        Map<String, Long> dump = dumpFields();
        Map<String, Long> reasons = dumpReasons();
        long runtime = reasons.entrySet().stream()
                .filter(e -> TraceCounts.runtimeReason(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        assertEquals(12, runtime, "preempted 1 + system goroutine wait 10 + wait until GC ends 1");
        double seconds = dump.get("durationNs") / 1e9;
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(run);
        RunData data = RunData.read(run);
        for (RunStep step : data.steps()) {
            CheckResult r = v.result(WakeUpLinearityCheck.ID, step.index()).orElseThrow();
            assertEquals("wake-ups/request", r.unit(), r.evidence());
            assertEquals("trace", r.detailsMap().get("source"));
            assertEquals(dump.get("wakeUps") - runtime, r.detailsMap().get("wakeUps"));
            double requests = step.load().achievedQps() * seconds;
            assertEquals((dump.get("wakeUps") - runtime) / requests, r.value(), 1e-9);
            assertTrue(
                    r.evidence().contains("wake-ups from the execution trace, 0.3 s of the 3 s window"), r.evidence());
            assertTrue(r.evidence().contains("top waker main.herd main.go:70"), r.evidence());
            assertTrue(
                    r.detailsMap().containsKey("metricsEventsPerRequest"), "the metrics count is kept for comparison");
            assertEquals(Status.PASS, r.status(), "the same trace at every step: flat per second, falling per request");
        }
        CheckResult ramp = v.result(WakeUpLinearityCheck.ID, CheckResult.RAMP).orElseThrow();
        assertTrue(ramp.evidence().startsWith("wake-ups grow in step with load: wake-ups/s"), ramp.evidence());
    }

    /**
     * Little's law takes the goroutines a request creates from the step's trace when it has one (exact),
     * before /sched/goroutines-created: go tool trace's goroutinesCreated over the requests answered in
     * the trace's slice of the window.
     */
    @Test
    void goroutinesPerRequestComeFromTheTraceWhereThereIsOne(@TempDir Path tmp) throws IOException {
        Path run = withTraces(tmp, List.of(1, 2, 3), List.of());
        Map<String, Long> dump = dumpFields();
        double seconds = dump.get("durationNs") / 1e9;
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(run);
        for (RunStep step : RunData.read(run).steps()) {
            CheckResult r = v.result(GoroutineCheck.BLOWUP_ID, step.index()).orElseThrow();
            assertEquals(
                    "execution trace: goroutines created per request",
                    r.detailsMap().get("goroutinesPerRequestSource"),
                    r.evidence());
            assertEquals(
                    dump.get("goroutinesCreated") / (step.load().achievedQps() * seconds),
                    (double) r.detailsMap().get("goroutinesPerRequest"),
                    1e-9,
                    r.evidence());
            assertEquals(Confidence.HIGH, r.confidence());
        }
    }

    @Test
    void aFailedTraceIsNoDataForItsStepOnly(@TempDir Path tmp) throws IOException {
        Path run = withTraces(tmp, List.of(1, 3), List.of(2));
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(run);
        CheckResult s2 = v.result(WakeUpLinearityCheck.ID, 2).orElseThrow();
        assertEquals(Status.NO_DATA, s2.status());
        assertTrue(s2.evidence().contains("trace capture failed (HTTP 500"), s2.evidence());
        assertEquals(
                "trace",
                v.result(WakeUpLinearityCheck.ID, 3).orElseThrow().detailsMap().get("source"));
    }

    /** Traces that cannot be read (no tracestat) leave the runtime/metrics counts to judge, saying why. */
    @Test
    void withoutTracestatTheMetricsCountsJudge(@TempDir Path tmp) throws IOException {
        Path run = withTraces(tmp, List.of(1, 2, 3), List.of());
        System.setProperty("schedgate.tracestat", tmp.resolve("no-such-binary").toString());
        Verdict traced = new VerdictEngine(Thresholds.defaults()).evaluate(run);
        Verdict plain = new VerdictEngine(Thresholds.defaults()).evaluate(RunFixtures.RUNS.resolve("healthy-go1.26"));
        for (int step = 1; step <= 3; step++) {
            CheckResult r = traced.result(WakeUpLinearityCheck.ID, step).orElseThrow();
            assertEquals("events/request", r.unit());
            String expected =
                    plain.result(WakeUpLinearityCheck.ID, step).orElseThrow().evidence();
            assertTrue(
                    r.evidence()
                            .startsWith(expected + " (from runtime/metrics: the execution traces could not be used: "
                                    + "step-01: cannot read trace.out: -Dschedgate.tracestat="),
                    r.evidence());
        }
    }

    /** A copy of healthy-go1.26 with trace.out at {@code traced} steps and a failed trace capture at {@code failed}. */
    static Path withTraces(Path tmp, List<Integer> traced, List<Integer> failed) throws IOException {
        Path run = RunFixtures.copy("healthy-go1.26", tmp);
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = (ObjectNode) json.readTree(run.resolve("manifest.json").toFile());
        for (var s : m.withArray("steps")) {
            int index = s.path("index").asInt();
            ObjectNode captures = (ObjectNode) s.path("captures");
            ObjectNode c = captures.putObject("trace");
            if (traced.contains(index)) {
                String file = String.format("step-%02d/trace.out", index);
                Files.copy(TRACE, run.resolve(file));
                c.put("file", file).put("status", "ok").putNull("reason").put("bytes", Files.size(TRACE));
            } else if (failed.contains(index)) {
                c.putNull("file")
                        .put("status", "failed")
                        .put("reason", "HTTP 500 (GET http://x/debug/pprof/trace?seconds=1)")
                        .putNull("bytes");
            }
        }
        json.writerWithDefaultPrettyPrinter()
                .writeValue(run.resolve("manifest.json").toFile(), m);
        return run;
    }

    /** sched.latency from the trace: the p99 the dump of go tool trace gives (schedulingLatency count p50 p99 max), exact, high confidence. */
    @Test
    void schedulingLatencyComesFromTheTraceWhereThereIsOne(@TempDir Path tmp) throws IOException {
        Path run = withTraces(tmp, List.of(1, 2, 3), List.of());
        String[] lat = Files.readAllLines(DUMP, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("schedulingLatency "))
                .findFirst()
                .orElseThrow()
                .split(" ");
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(run);
        for (int step = 1; step <= 3; step++) {
            CheckResult r = v.result(SchedLatencyCheck.ID, step).orElseThrow();
            assertEquals(Long.parseLong(lat[3]) / 1e6, r.value(), 1e-12, r.evidence());
            assertEquals(Long.parseLong(lat[1]), ((Number) r.detailsMap().get("transitions")).longValue());
            assertEquals(Confidence.HIGH, r.confidence());
            assertTrue(r.evidence().contains("s of execution trace"), r.evidence());
        }
    }

    static Map<String, Long> dumpFields() throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(DUMP, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (!line.startsWith("#") && !line.contains("\t") && f.length >= 2) {
                out.put(f[0], Long.parseLong(f[1]));
            }
        }
        return out;
    }

    static Map<String, Long> dumpReasons() throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(DUMP, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length == 3 && f[0].equals("reason")) {
                out.put(f[1], Long.parseLong(f[2]));
            }
        }
        return out;
    }
}
