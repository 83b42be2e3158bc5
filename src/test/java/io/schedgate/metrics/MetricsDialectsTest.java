package io.schedgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real /metrics pages of each dialect (fixtures/metrics/dialects, written by its gen/ from
 * client_golang v1.25.0 and OpenTelemetry's runtime instrumentation v0.72.0). Every expected number
 * is taken from the page's own raw line ({@link #raw}), by plain string search, not by the parser
 * under test; the pages were made with GOMAXPROCS=2 on Go 1.26.8.
 */
class MetricsDialectsTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/metrics/dialects");

    static RuntimeMetrics page(String file) {
        return RuntimeMetrics.read(DIR.resolve(file));
    }

    /** The value of the raw sample line that starts with {@code prefix} (name and, if any, labels). */
    static double raw(String file, String prefix) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file)).stream()
                .filter(l -> l.startsWith(prefix + " ") || l.startsWith(prefix + "{"))
                .toList();
        assertEquals(1, lines.size(), prefix + " in " + file + ": " + lines);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    static void assertRead(
            RuntimeMetrics page, RuntimeMetricsName metric, double expected, String name, MetricsDialect dialect) {
        RuntimeMetricsReading r = page.lookup(metric);
        assertTrue(r.present(), r.describe());
        assertEquals(expected, r.value().value(), metric.name());
        assertEquals(name, r.exposedName(), metric.name());
        assertEquals(dialect, r.dialect(), metric.name());
        assertEquals(name + " (" + dialect.label() + ")", r.describe());
    }

    @Test
    void clientGolangDefaultServesGoroutinesAndGomaxprocsButNoSchedulingLatency() throws IOException {
        String f = "client_golang-default.txt";
        RuntimeMetrics p = page(f);
        assertEquals(MetricsDialect.CLIENT_GOLANG_DEFAULT, p.dialect());
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES,
                raw(f, "go_goroutines"),
                "go_goroutines",
                MetricsDialect.CLIENT_GOLANG_DEFAULT);
        assertEquals(
                "go_goroutines (client_golang default)",
                p.lookup(RuntimeMetricsName.SCHED_GOROUTINES).describe());
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOMAXPROCS,
                2,
                "go_sched_gomaxprocs_threads",
                MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS);
        for (RuntimeMetricsName absent : List.of(
                RuntimeMetricsName.SCHED_LATENCIES,
                RuntimeMetricsName.SCHED_GOROUTINES_CREATED,
                RuntimeMetricsName.SCHED_GOROUTINES_RUNNABLE,
                RuntimeMetricsName.SYNC_MUTEX_WAIT_TOTAL)) {
            RuntimeMetricsReading r = p.lookup(absent);
            assertFalse(r.present(), absent.name());
            assertNull(r.exposedName());
            assertEquals(MetricsDialect.CLIENT_GOLANG_DEFAULT, r.dialect());
            String why = r.value().absentReason();
            assertTrue(why.startsWith(absent.runtimeName() + " is not served by this dialect: "), why);
            assertTrue(why.contains("client_golang's default Go collector"), why);
            assertTrue(why.contains("WithGoCollectorRuntimeMetrics"), why);
        }
        assertTrue(p.lookup(RuntimeMetricsName.SCHED_LATENCIES)
                .describe()
                .contains(
                        "(looked for go_sched_latencies_seconds, go_schedule_duration_seconds, go_schedule_duration)"));
        assertEquals("go1.26.8", p.goVersion().orElseThrow());
    }

    @Test
    void clientGolangRuntimeMetricsServesEverythingUnderItsOwnNames() throws IOException {
        String f = "client_golang-runtime-metrics.txt";
        RuntimeMetrics p = page(f);
        assertEquals(MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS, p.dialect());
        MetricsDialect d = MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS;
        assertRead(
                p,
                RuntimeMetricsName.SCHED_LATENCIES,
                raw(f, "go_sched_latencies_seconds_count"),
                "go_sched_latencies_seconds",
                d);
        // /sched/goroutines first: on Go 1.26 it counts system goroutines, go_goroutines does not
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES,
                raw(f, "go_sched_goroutines_goroutines"),
                "go_sched_goroutines_goroutines",
                d);
        assertTrue(raw(f, "go_sched_goroutines_goroutines") > raw(f, "go_goroutines"));
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES_CREATED,
                raw(f, "go_sched_goroutines_created_goroutines_total"),
                "go_sched_goroutines_created_goroutines_total",
                d);
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES_RUNNABLE,
                raw(f, "go_sched_goroutines_runnable_goroutines"),
                "go_sched_goroutines_runnable_goroutines",
                d);
        assertRead(
                p,
                RuntimeMetricsName.SYNC_MUTEX_WAIT_TOTAL,
                raw(f, "go_sync_mutex_wait_total_seconds_total"),
                "go_sync_mutex_wait_total_seconds_total",
                d);
        assertRead(p, RuntimeMetricsName.SCHED_GOMAXPROCS, 2, "go_sched_gomaxprocs_threads", d);
    }

    @Test
    void openMetricsNegotiationReadsTheSameNames() throws IOException {
        String f = "openmetrics.txt";
        RuntimeMetrics p = page(f);
        assertTrue(p.text().openMetrics());
        assertEquals(MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS, p.dialect());
        MetricsDialect d = MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS;
        assertRead(
                p,
                RuntimeMetricsName.SCHED_LATENCIES,
                raw(f, "go_sched_latencies_seconds_count"),
                "go_sched_latencies_seconds",
                d);
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES,
                raw(f, "go_sched_goroutines_goroutines"),
                "go_sched_goroutines_goroutines",
                d);
        // # TYPE go_sched_goroutines_created_goroutines counter, sample ..._total, and a _created sample
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES_CREATED,
                raw(f, "go_sched_goroutines_created_goroutines_total"),
                "go_sched_goroutines_created_goroutines_total",
                d);
        assertRead(
                p,
                RuntimeMetricsName.SYNC_MUTEX_WAIT_TOTAL,
                raw(f, "go_sync_mutex_wait_total_seconds_total"),
                "go_sync_mutex_wait_total_seconds_total",
                d);
        assertRead(p, RuntimeMetricsName.SCHED_GOMAXPROCS, 2, "go_sched_gomaxprocs_threads", d);
        PrometheusTextFamily created =
                p.text().family("go_sched_goroutines_created_goroutines").orElseThrow();
        assertEquals(PrometheusTextFamily.Type.COUNTER, created.type());
        assertEquals(
                List.of("go_sched_goroutines_created_goroutines_total"),
                created.samples().stream().map(PrometheusTextSample::name).toList(),
                "_created left out");
        PrometheusTextFamily latencies =
                p.text().family("go_sched_latencies_seconds").orElseThrow();
        assertTrue(latencies.samples().stream().noneMatch(s -> s.name().endsWith("_created")));
        assertEquals("seconds", p.text().unit("go_sched_latencies_seconds").orElseThrow());
        assertEquals(
                raw(f, "app_requests_total"),
                p.text().value("app_requests_total").getAsDouble());
        assertEquals(
                new GoRuntimeInfo("go1.26.8", 2, null, GoRuntimeInfo.FROM_METRICS),
                GoRuntimeInfo.fromMetrics(Files.readString(DIR.resolve(f))));
    }

    @Test
    void openTelemetryRuntimeThroughThePrometheusExporter() throws IOException {
        String f = "otel.txt";
        RuntimeMetrics p = page(f);
        assertEquals(MetricsDialect.OTEL, p.dialect());
        String scope = "{otel_scope_name=\"go.opentelemetry.io/contrib/instrumentation/runtime\","
                + "otel_scope_schema_url=\"\",otel_scope_version=\"0.72.0\"}";
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES,
                raw(f, "go_goroutine_count" + scope),
                "go_goroutine_count",
                MetricsDialect.OTEL);
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOMAXPROCS,
                raw(f, "go_processor_limit" + scope),
                "go_processor_limit",
                MetricsDialect.OTEL);
        assertEquals(2, raw(f, "go_processor_limit" + scope));
        assertRead(
                p,
                RuntimeMetricsName.SCHED_LATENCIES,
                raw(f, "go_schedule_duration_seconds_count" + scope),
                "go_schedule_duration_seconds",
                MetricsDialect.OTEL);
        for (RuntimeMetricsName absent : List.of(
                RuntimeMetricsName.SCHED_GOROUTINES_CREATED,
                RuntimeMetricsName.SCHED_GOROUTINES_RUNNABLE,
                RuntimeMetricsName.SYNC_MUTEX_WAIT_TOTAL,
                RuntimeMetricsName.GC_CYCLES_TOTAL)) {
            String why = p.lookup(absent).describe();
            assertTrue(why.startsWith(absent.runtimeName() + " is not served by this dialect: "), why);
            assertTrue(why.contains("OpenTelemetry's Go runtime instrumentation"), why);
        }
        // no go_info: GOMAXPROCS alone still tells the runtime's shape
        assertEquals(
                new GoRuntimeInfo(null, 2, null, GoRuntimeInfo.FROM_METRICS),
                GoRuntimeInfo.fromMetrics(Files.readString(DIR.resolve(f))));
    }

    @Test
    void openTelemetryOnClientGolangsDefaultRegistry() throws IOException {
        String f = "otel-and-client_golang-default.txt";
        RuntimeMetrics p = page(f);
        assertEquals(MetricsDialect.OTEL, p.dialect());
        // the lookup order: client_golang's go_goroutines before OTel's go_goroutine_count
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES,
                raw(f, "go_goroutines"),
                "go_goroutines",
                MetricsDialect.CLIENT_GOLANG_DEFAULT);
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOMAXPROCS,
                2,
                "go_sched_gomaxprocs_threads",
                MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS);
        String why = p.lookup(RuntimeMetricsName.SCHED_LATENCIES).describe();
        assertTrue(why.contains("runtime.NewProducer()") && why.contains("WithGoCollectorRuntimeMetrics"), why);
        assertEquals(
                new GoRuntimeInfo("go1.26.8", 2, null, GoRuntimeInfo.FROM_METRICS),
                GoRuntimeInfo.fromMetrics(Files.readString(DIR.resolve(f))));
    }

    @Test
    void openTelemetryWithoutUnitSuffixesOrScopeLabels() throws IOException {
        String f = "otel-without-units.txt";
        RuntimeMetrics p = page(f);
        assertEquals(MetricsDialect.OTEL, p.dialect());
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES,
                raw(f, "go_goroutine_count"),
                "go_goroutine_count",
                MetricsDialect.OTEL);
        assertRead(p, RuntimeMetricsName.SCHED_GOMAXPROCS, 2, "go_processor_limit", MetricsDialect.OTEL);
        assertRead(
                p,
                RuntimeMetricsName.SCHED_LATENCIES,
                raw(f, "go_schedule_duration_count"),
                "go_schedule_duration",
                MetricsDialect.OTEL);
    }

    @Test
    void openTelemetryWithoutItsProducerSaysWhereTheLatencyHistogramComesFrom() throws IOException {
        String withoutProducer = Files.readAllLines(DIR.resolve("otel.txt")).stream()
                .filter(l -> !l.contains("go_schedule_duration"))
                .reduce("", (a, b) -> a + b + "\n");
        RuntimeMetrics p = RuntimeMetrics.parse(withoutProducer, "otel-no-producer");
        String why = p.lookup(RuntimeMetricsName.SCHED_LATENCIES).describe();
        assertTrue(why.contains("runtime.NewProducer()"), why);
    }

    @Test
    void anUnchangedOpenTelemetryCountInAShortWindowIsNoEvidenceOfNoEvents() {
        RuntimeMetrics p = page("otel.txt");
        RuntimeMetricsValue shortWindow =
                new RuntimeMetricsWindow(p, p, 5, 100).delta(RuntimeMetricsName.SCHED_LATENCIES);
        assertFalse(shortWindow.present());
        assertTrue(shortWindow.absentReason().contains("MinimumReadMemStatsInterval"), shortWindow.absentReason());
        assertFalse(
                new RuntimeMetricsWindow(p, p, 5, 100).wakeUpEventsPerRequest().present());
        // longer than the cache: an unchanged count is a count
        assertEquals(
                0,
                new RuntimeMetricsWindow(p, p, 20, 100)
                        .delta(RuntimeMetricsName.SCHED_LATENCIES)
                        .value());
        // client_golang reads on every scrape: an unchanged count over 5 s is 0
        RuntimeMetrics c = page("client_golang-runtime-metrics.txt");
        assertEquals(
                0,
                new RuntimeMetricsWindow(c, c, 5, 100)
                        .delta(RuntimeMetricsName.SCHED_LATENCIES)
                        .value());
    }

    @Test
    void aCountThatWentDownNamesTheNameItWasReadFrom() {
        RuntimeMetrics later = page("untyped.txt");
        RuntimeMetrics earlier = RuntimeMetrics.parse(
                "go_sched_goroutines_created_goroutines 1e9\ngo_sched_gomaxprocs_threads 2\n", "earlier");
        RuntimeMetricsValue d =
                new RuntimeMetricsWindow(earlier, later, 5, 1).delta(RuntimeMetricsName.SCHED_GOROUTINES_CREATED);
        assertTrue(
                d.absentReason().startsWith("go_sched_goroutines_created_goroutines went down from 1.0E9"),
                d.absentReason());
    }

    @Test
    void handRolledUntypedPage() throws IOException {
        String f = "untyped.txt";
        assertFalse(Files.readString(DIR.resolve(f)).contains("# TYPE"));
        RuntimeMetrics p = page(f);
        PrometheusTextFamily latencies =
                p.text().family("go_sched_latencies_seconds").orElseThrow();
        assertEquals(PrometheusTextFamily.Type.HISTOGRAM, latencies.type());
        PrometheusTextHistogram h =
                p.histogram(RuntimeMetricsName.SCHED_LATENCIES).orElseThrow();
        assertEquals(raw(f, "go_sched_latencies_seconds_count"), h.count());
        assertEquals(raw(f, "go_sched_latencies_seconds_sum"), h.sum());
        assertEquals(
                raw(f, "go_sched_latencies_seconds_bucket{le=\"+Inf\"}"),
                h.buckets().get(h.buckets().size() - 1).cumulativeCount());
        MetricsDialect d = MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS;
        assertRead(
                p,
                RuntimeMetricsName.SCHED_LATENCIES,
                raw(f, "go_sched_latencies_seconds_count"),
                "go_sched_latencies_seconds",
                d);
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES,
                raw(f, "go_sched_goroutines_goroutines"),
                "go_sched_goroutines_goroutines",
                d);
        assertRead(
                p,
                RuntimeMetricsName.SCHED_GOROUTINES_CREATED,
                raw(f, "go_sched_goroutines_created_goroutines"),
                "go_sched_goroutines_created_goroutines",
                MetricsDialect.RUNTIME_METRICS_WITHOUT_TOTAL);
        assertRead(
                p,
                RuntimeMetricsName.SYNC_MUTEX_WAIT_TOTAL,
                raw(f, "go_sync_mutex_wait_total_seconds"),
                "go_sync_mutex_wait_total_seconds",
                MetricsDialect.RUNTIME_METRICS_WITHOUT_TOTAL);
        assertRead(p, RuntimeMetricsName.SCHED_GOMAXPROCS, 2, "go_sched_gomaxprocs_threads", d);
    }

    @Test
    void lookupOrder() {
        assertEquals(
                List.of(
                        "go_sched_goroutines_goroutines (client_golang runtime/metrics)",
                        "go_goroutines (client_golang default)",
                        "go_goroutine_count (OpenTelemetry Go runtime)"),
                RuntimeMetricsName.SCHED_GOROUTINES.expositions().stream()
                        .map(Object::toString)
                        .toList());
        assertEquals(
                List.of("go_sched_goroutines_created_goroutines_total", "go_sched_goroutines_created_goroutines"),
                RuntimeMetricsName.SCHED_GOROUTINES_CREATED.expositions().stream()
                        .map(RuntimeMetricsExposition::name)
                        .toList());
        assertEquals(
                List.of("go_sched_gomaxprocs_threads", "go_processor_limit"),
                RuntimeMetricsName.SCHED_GOMAXPROCS.expositions().stream()
                        .map(RuntimeMetricsExposition::name)
                        .toList());
        for (RuntimeMetricsName m : RuntimeMetricsName.values()) {
            assertEquals(m.prometheusName(), m.expositions().get(0).name(), "the lab's name first: " + m);
        }
    }

    @Test
    void untypedInference() {
        PrometheusText t = PrometheusText.parse(
                "rpc_seconds{quantile=\"0.5\"} 0.2\nrpc_seconds_sum 3\n"
                        + "rpc_seconds_count 10\nhits_total 4\nlone_bucket{le=\"1\"} 2\nplain 7\n",
                "inline");
        assertEquals(
                PrometheusTextFamily.Type.SUMMARY,
                t.family("rpc_seconds").orElseThrow().type());
        assertEquals(
                PrometheusTextFamily.Type.COUNTER,
                t.family("hits_total").orElseThrow().type());
        assertEquals(4, t.value("hits_total").getAsDouble());
        // _bucket without _count is no histogram
        assertEquals(
                PrometheusTextFamily.Type.UNTYPED,
                t.family("lone_bucket").orElseThrow().type());
        assertEquals(7, t.value("plain").getAsDouble());
    }

    @Test
    void aMalformedPageIsOneLineNamingTheFileAndLine() throws IOException {
        Path file = DIR.resolve("untyped.txt");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(4, "go_sched_latencies_seconds_bucket{le=\"3.2e-07\" 297"); // line 5: the brace is missing
        PrometheusTextFormatException e = assertThrows(
                PrometheusTextFormatException.class,
                () -> RuntimeMetrics.parse(String.join("\n", lines) + "\n", file.toString()));
        assertTrue(e.getMessage().startsWith(file + ":5: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        // text after OpenMetrics' # EOF
        String om = Files.readString(DIR.resolve("openmetrics.txt")) + "go_goroutines 1\n";
        e = assertThrows(PrometheusTextFormatException.class, () -> PrometheusText.parse(om, "om.txt"));
        int eof = (int) om.lines().takeWhile(l -> !l.equals("# EOF")).count() + 1;
        assertEquals(
                "om.txt:" + (eof + 1) + ": 'go_goroutines 1' after the OpenMetrics end marker '# EOF' (line " + eof
                        + ") (expected Prometheus text format 0.0.4 or OpenMetrics 1.0 text, as client_golang's promhttp serves them)",
                e.getMessage());
        e = assertThrows(
                PrometheusTextFormatException.class, () -> PrometheusText.parse("x 1\n# TYPE y bogus\ny 2\n", "t.txt"));
        assertTrue(e.getMessage().startsWith("t.txt:2: unknown metric type 'bogus'"), e.getMessage());
    }

    @Test
    void goRuntimeInfoFromEachDialect() throws IOException {
        assertEquals(
                new GoRuntimeInfo("go1.26.8", 2, null, GoRuntimeInfo.FROM_METRICS),
                GoRuntimeInfo.fromMetrics(Files.readString(DIR.resolve("client_golang-default.txt"))));
        assertEquals(
                new GoRuntimeInfo(null, 2, null, GoRuntimeInfo.FROM_METRICS),
                GoRuntimeInfo.fromMetrics(Files.readString(DIR.resolve("untyped.txt"))));
    }
}
