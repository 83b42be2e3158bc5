package io.schedgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    static final Path FANOUT_126 = Path.of("src/test/resources/fixtures/metrics/runs/fanout-go1.26");

    /**
     * A real client_golang scrape of the lab (Go 1.26.8). Expected values are the raw lines of
     * step-01/metrics-end.txt: {@code go_sched_latencies_seconds_count 18964},
     * {@code go_sched_gomaxprocs_threads 2}, {@code go_info{version="go1.26.8"} 1}.
     */
    @Test
    void parsesARealScrape() throws IOException {
        Path file = FANOUT_126.resolve("step-01/metrics-end.txt");
        PrometheusText text = PrometheusText.parse(Files.readString(file), file.toString());
        assertEquals(
                PrometheusTextFamily.Type.HISTOGRAM,
                text.family("go_sched_latencies_seconds").orElseThrow().type());
        PrometheusTextHistogram latencies =
                text.histogram("go_sched_latencies_seconds").orElseThrow();
        assertEquals(18964, latencies.count());
        assertEquals(0.171683712, latencies.sum(), 1e-12);
        // The +Inf bucket of a cumulative histogram holds every observation.
        PrometheusTextHistogram.Bucket last =
                latencies.buckets().get(latencies.buckets().size() - 1);
        assertEquals(Double.POSITIVE_INFINITY, last.upperBound());
        assertEquals(latencies.count(), last.cumulativeCount());
        assertEquals(2, text.value("go_sched_gomaxprocs_threads").getAsDouble());
        assertEquals("go1.26.8", text.label("go_info", "version").orElseThrow());
        assertEquals(
                PrometheusTextFamily.Type.COUNTER,
                text.family("go_sync_mutex_wait_total_seconds_total")
                        .orElseThrow()
                        .type());
        // A histogram has no single value.
        assertTrue(text.value("go_sched_latencies_seconds").isEmpty());
    }

    @Test
    void handlesLabelsEscapesSpecialValuesAndTimestamps() {
        String body = "# TYPE a gauge\n"
                + "a{path=\"/x\\\"y\\\\z\",code=\"200\"} +Inf 1700000000000\n"
                + "# TYPE b untyped\n"
                + "b NaN\n"
                + "c -1.5e-3\n";
        PrometheusText text = PrometheusText.parse(body, "inline");
        PrometheusTextSample a = text.family("a").orElseThrow().samples().get(0);
        assertEquals("/x\"y\\z", a.labels().get("path"));
        assertEquals(Double.POSITIVE_INFINITY, a.value());
        assertTrue(Double.isNaN(text.value("b").getAsDouble()));
        assertEquals(-1.5e-3, text.value("c").getAsDouble());
        assertEquals(
                PrometheusTextFamily.Type.UNTYPED,
                text.family("c").orElseThrow().type());
    }

    @Test
    void badInputNamesTheFileAndLine() {
        PrometheusTextFormatException e = assertThrows(
                PrometheusTextFormatException.class,
                () -> PrometheusText.parse("ok 1\nbroken{le=\"1\" 3\n", "scrape.txt"));
        assertTrue(e.getMessage().startsWith("scrape.txt:2:"), e.getMessage());
        e = assertThrows(
                PrometheusTextFormatException.class, () -> PrometheusText.parse("x notanumber\n", "scrape.txt"));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
        // An HTML error page or an empty body is not a scrape.
        assertThrows(PrometheusTextFormatException.class, () -> PrometheusText.parse("", "empty"));
    }
}
