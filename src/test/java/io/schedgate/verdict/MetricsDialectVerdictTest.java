package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.metrics.PrometheusText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict on a service whose /metrics is client_golang's default Go collector: the lab's
 * leak-go1.26 run with every scrape cut down to the families the real client_golang v1.25.0
 * default page serves (fixtures/metrics/dialects/client_golang-default.txt). The goroutine checks
 * read {@code go_goroutines} and say so; the scheduler checks say the dialect does not serve them.
 */
class MetricsDialectVerdictTest {

    static final Path DEFAULT_PAGE = Path.of("src/test/resources/fixtures/metrics/dialects/client_golang-default.txt");

    static Path asClientGolangDefault(Path tmp) throws IOException {
        Set<String> served = PrometheusText.parse(Files.readString(DEFAULT_PAGE), DEFAULT_PAGE.toString())
                .families()
                .keySet();
        Path run = MissingDataTest.copyOf("leak-go1.26", tmp);
        try (var files = Files.walk(run)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                List<String> kept = Files.readAllLines(f).stream()
                        .filter(l -> served.contains(family(l)))
                        .toList();
                Files.writeString(f, kept.stream().collect(Collectors.joining("\n", "", "\n")));
            }
        }
        return run;
    }

    /** The family a line of client_golang's text belongs to (its # HELP/# TYPE name, or sample name less _sum/_count/quantile). */
    static String family(String line) {
        String name = line.startsWith("# ") ? line.split(" ")[2] : line.split("[{ ]")[0];
        return name.equals("go_gc_duration_seconds_sum") || name.equals("go_gc_duration_seconds_count")
                ? "go_gc_duration_seconds"
                : name;
    }

    static double raw(Path file, String name) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The lab's run with its runtime numbers renamed as OpenTelemetry's instrumentation serves them
     * (the same runtime/metrics behind each: contrib runtime v0.72.0 runtime.go, producer.go), with
     * the otel_scope labels, and everything else left out.
     */
    static Path asOpenTelemetry(String name, Path tmp) throws IOException {
        Path run = MissingDataTest.copyOf(name, tmp);
        String scope =
                "otel_scope_name=\"go.opentelemetry.io/contrib/instrumentation/runtime\",otel_scope_version=\"0.72.0\"";
        try (var files = Files.walk(run)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                StringBuilder out = new StringBuilder();
                for (String l : Files.readAllLines(f)) {
                    String renamed = l.startsWith("go_sched_goroutines_goroutines ")
                            ? l.replace("go_sched_goroutines_goroutines ", "go_goroutine_count{" + scope + "} ")
                            : l.startsWith("go_sched_gomaxprocs_threads ")
                                    ? l.replace("go_sched_gomaxprocs_threads ", "go_processor_limit{" + scope + "} ")
                                    : l.startsWith("go_sched_latencies_seconds_bucket{")
                                            ? l.replace(
                                                    "go_sched_latencies_seconds_bucket{",
                                                    "go_schedule_duration_seconds_bucket{" + scope + ",")
                                            : l.startsWith("go_sched_latencies_seconds_")
                                                    ? l.replaceFirst(
                                                            "go_sched_latencies_seconds_(sum|count) ",
                                                            "go_schedule_duration_seconds_$1{" + scope + "} ")
                                                    : null;
                    if (renamed != null) {
                        out.append(renamed).append('\n');
                    }
                }
                Files.writeString(f, "# TYPE go_schedule_duration_seconds histogram\n" + out);
            }
        }
        return run;
    }

    @Test
    void openTelemetryNamesGiveTheSameWakeUpsAndGoroutines(@TempDir Path tmp) throws IOException {
        Verdict lab = VerdictEngineTest.verdict("fanout-go1.26");
        Verdict otel = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks())
                .evaluate(asOpenTelemetry("fanout-go1.26", tmp));
        assertTrue(Files.readString(tmp.resolve("fanout-go1.26/step-01/metrics-end.txt"))
                .contains("go_goroutine_count{"));
        for (int step = 1; step <= 6; step++) {
            CheckResult a = lab.result(WakeUpLinearityCheck.ID, step).orElseThrow();
            CheckResult b = otel.result(WakeUpLinearityCheck.ID, step).orElseThrow();
            assertEquals(a.value(), b.value(), "wake-ups/request at step " + step + ": " + b.evidence());
            CheckResult g = otel.result(GoroutineCheck.BLOWUP_ID, step).orElseThrow();
            assertEquals(
                    lab.result(GoroutineCheck.BLOWUP_ID, step).orElseThrow().value(), g.value(), g.evidence());
            assertTrue(
                    g.evidence().endsWith("; goroutines from go_goroutine_count (OpenTelemetry Go runtime)"),
                    g.evidence());
        }
        assertEquals(
                lab.result(GoroutineCheck.LEAK_ID, CheckResult.RAMP)
                        .orElseThrow()
                        .status(),
                otel.result(GoroutineCheck.LEAK_ID, CheckResult.RAMP)
                        .orElseThrow()
                        .status());
    }

    @Test
    void goroutineChecksReadGoGoroutinesAndSchedulerChecksSayTheDialectLacksThem(@TempDir Path tmp) throws IOException {
        Path run = asClientGolangDefault(tmp);
        assertTrue(Files.readString(run.resolve("baseline/metrics.txt")).contains("\ngo_goroutines "));
        assertTrue(!Files.readString(run.resolve("baseline/metrics.txt")).contains("go_sched_latencies"));
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);

        CheckResult leak = v.result(GoroutineCheck.LEAK_ID, CheckResult.RAMP).orElseThrow();
        assertEquals(Status.FAIL, leak.status(), leak.evidence());
        assertEquals(
                raw(run.resolve("baseline/metrics.txt"), "go_goroutines"),
                leak.detailsMap().get("baseline"));
        assertEquals(
                raw(run.resolve("final/metrics.txt"), "go_goroutines"),
                leak.detailsMap().get("afterCooldown"));
        assertTrue(
                leak.evidence().endsWith("; goroutines from go_goroutines (client_golang default)"), leak.evidence());

        CheckResult blowup = v.result(GoroutineCheck.BLOWUP_ID, 1).orElseThrow();
        assertTrue(blowup.status() == Status.PASS || blowup.status() == Status.FAIL, blowup.evidence());
        assertTrue(
                blowup.evidence().contains("goroutines from go_goroutines (client_golang default)"), blowup.evidence());

        CheckResult wakeUps = v.result(WakeUpLinearityCheck.ID, 1).orElseThrow();
        assertEquals(Status.NO_DATA, wakeUps.status());
        assertTrue(
                wakeUps.evidence().contains("/sched/latencies:seconds is not served by this dialect"),
                wakeUps.evidence());
        assertTrue(wakeUps.evidence().contains("client_golang's default Go collector"), wakeUps.evidence());
    }
}
