package io.schedgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deltas over real scrapes of the lab under open-loop /fanout?n=64 load (fixtures/metrics/runs,
 * captured with capture/capture-run.sh; raw lines quoted in fixtures/metrics/README.md).
 */
class RuntimeMetricsWindowTest {

    static final Path RUNS = Path.of("src/test/resources/fixtures/metrics/runs");

    static RuntimeMetricsWindow window(String run, int step, double seconds, long requests) {
        Path dir = RUNS.resolve(run).resolve(String.format("step-%02d", step));
        return new RuntimeMetricsWindow(
                RuntimeMetrics.read(dir.resolve("metrics-start.txt")),
                RuntimeMetrics.read(dir.resolve("metrics-end.txt")),
                seconds,
                requests);
    }

    /**
     * Go 1.26 step 1: go_sched_latencies_seconds_count 4644 → 18964, 600 requests:
     * (18964 − 4644)·8/600 = 190.93 wake-ups per request (FINDINGS §6(b) saw ≈24 × 8 = 192);
     * go_sched_goroutines_created_goroutines_total 13038 → 52050: 39012/600 = 65.02 per request
     * (64 fan-out goroutines + net/http's per-request one).
     */
    @Test
    void fanoutWakeUpsAndGoroutinesPerRequestOnGo126() {
        RuntimeMetricsWindow w = window("fanout-go1.26", 1, 3.025, 600);
        assertEquals((18964 - 4644) * 8 / 600.0, w.wakeUpEventsPerRequest().orThrow(), 1e-9);
        assertEquals((18964 - 4644) * 8 / 3.025, w.wakeUpEventsPerSecond().orThrow(), 1e-9);
        assertEquals((52050 - 13038) / 600.0, w.goroutinesCreatedPerRequest().orThrow(), 1e-9);
        // go_sync_mutex_wait_total_seconds_total 0 → 0.003587016 over 3.025 s on 2 Ps.
        assertEquals(0.003587016 / 3.025 / 2, w.mutexWaitPerSecondPerProc().orThrow(), 1e-12);
        assertEquals(18, w.goroutinesAtEnd().orThrow());
    }

    /** Go 1.23 has no /sched/goroutines-created: absent, with the version in the reason, never 0. */
    @Test
    void goroutinesCreatedIsAbsentOnGo123() {
        RuntimeMetricsWindow w = window("fanout-go1.23", 1, 3.161, 600);
        RuntimeMetricsValue created = w.goroutinesCreatedPerRequest();
        assertFalse(created.present());
        assertTrue(Double.isNaN(created.value()));
        assertTrue(created.absentReason().contains("go_sched_goroutines_created_goroutines_total"));
        assertTrue(created.absentReason().contains("Go 1.26"), created.absentReason());
        assertTrue(created.absentReason().contains("go1.23"), created.absentReason());
        assertThrows(IllegalStateException.class, created::orThrow);
        // The wake-up count is there on 1.23, and flat per request like on 1.26.
        assertEquals(193, w.wakeUpEventsPerRequest().orThrow(), 2);
    }

    /**
     * /cpu/classes is refreshed only at GC end: at the start of step 1 of the 1.26 run no GC cycle had
     * ended yet (go_cpu_classes_total_cpu_seconds_total 0) and one had by its end, so the share exists;
     * a window compared with itself has Δtotal = 0 and the share is absent, not 0.
     */
    @Test
    void gcShareNeedsAGcCycleInTheWindow() {
        RuntimeMetricsWindow w = window("fanout-go1.26", 6, 3.180, 11599);
        double share = w.gcCpuShare().orThrow();
        assertTrue(share > 0 && share < 1, "share " + share);
        assertTrue(w.gcCycles().orThrow() >= 1);
        RuntimeMetrics end = RuntimeMetrics.read(RUNS.resolve("fanout-go1.26/step-06/metrics-end.txt"));
        RuntimeMetricsValue none = new RuntimeMetricsWindow(end, end, 1, 1).gcCpuShare();
        assertFalse(none.present());
        assertTrue(none.absentReason().contains("no GC cycle"), none.absentReason());
    }

    /** Scrapes swapped (end before start) look like a restart: absent, not a negative rate. */
    @Test
    void counterGoingBackwardsIsAbsent() {
        RuntimeMetrics start = RuntimeMetrics.read(RUNS.resolve("fanout-go1.26/step-01/metrics-start.txt"));
        RuntimeMetrics end = RuntimeMetrics.read(RUNS.resolve("fanout-go1.26/step-01/metrics-end.txt"));
        RuntimeMetricsValue v = new RuntimeMetricsWindow(end, start, 3, 600).wakeUpEventsPerRequest();
        assertFalse(v.present());
        assertTrue(v.absentReason().contains("restarted"), v.absentReason());
    }

    @Test
    void noRequestsMeansNoPerRequestFigure() {
        RuntimeMetricsValue v = window("fanout-go1.26", 1, 3, 0).wakeUpEventsPerRequest();
        assertFalse(v.present());
    }

    /**
     * Cross-check with another load generator: closed-loop {@code wrk -t1 -c8 -d3s} on /fanout?n=64
     * (fixtures/metrics/wrk, scrapes before/after, wrk's own report). client_golang prints large
     * counts in exponent form ({@code go_sched_latencies_seconds_count 1.021528e+06}). FINDINGS §6(b)
     * measured ≈24 × 8 ≈ 193 events and 65 goroutines per request on fan-out.
     */
    @ParameterizedTest
    @CsvSource({"1.26, true", "1.23, false"})
    void wrkFanoutGivesTheSamePerRequestFigures(String go, boolean hasCreated) throws IOException {
        Path dir = Path.of("src/test/resources/fixtures/metrics/wrk");
        Matcher m = Pattern.compile("(\\d+) requests in ([0-9.]+)s")
                .matcher(Files.readString(dir.resolve("fanout-go" + go + "-wrk.txt")));
        assertTrue(m.find(), "wrk report has a request count");
        RuntimeMetricsWindow w = new RuntimeMetricsWindow(
                RuntimeMetrics.read(dir.resolve("fanout-go" + go + "-before.txt")),
                RuntimeMetrics.read(dir.resolve("fanout-go" + go + "-after.txt")),
                Double.parseDouble(m.group(2)),
                Long.parseLong(m.group(1)));
        assertEquals(195, w.wakeUpEventsPerRequest().orThrow(), 10);
        assertEquals(hasCreated, w.goroutinesCreatedPerRequest().present());
        if (hasCreated) {
            assertEquals(65.0, w.goroutinesCreatedPerRequest().orThrow(), 0.05);
        }
    }

    @Test
    void versionComesFromGoInfo() {
        assertEquals(
                "go1.23.5",
                RuntimeMetrics.read(RUNS.resolve("fanout-go1.23/baseline/metrics.txt"))
                        .goVersion()
                        .orElseThrow());
    }
}
