package io.schedgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RuntimeMetricsNameTest {

    /** The Prometheus names seen in real lab scrapes (fixtures/metrics/runs/fanout-go1.26). */
    @ParameterizedTest
    @CsvSource({
        "SCHED_LATENCIES, go_sched_latencies_seconds",
        "SCHED_GOROUTINES, go_sched_goroutines_goroutines",
        "SCHED_GOROUTINES_RUNNABLE, go_sched_goroutines_runnable_goroutines",
        "SCHED_GOROUTINES_CREATED, go_sched_goroutines_created_goroutines_total",
        "SCHED_GOMAXPROCS, go_sched_gomaxprocs_threads",
        "SYNC_MUTEX_WAIT_TOTAL, go_sync_mutex_wait_total_seconds_total",
        "GC_CYCLES_TOTAL, go_gc_cycles_total_gc_cycles_total",
        "CPU_CLASSES_GC_TOTAL, go_cpu_classes_gc_total_cpu_seconds_total",
        "CPU_CLASSES_TOTAL, go_cpu_classes_total_cpu_seconds_total"
    })
    void mapsToClientGolangNames(RuntimeMetricsName metric, String expected) {
        assertEquals(expected, metric.prometheusName());
    }

    /** Every name the verdict uses appears, with a # TYPE line, in a real Go 1.26 scrape. */
    @ParameterizedTest
    @EnumSource(RuntimeMetricsName.class)
    void everyNameIsInARealGo126Scrape(RuntimeMetricsName metric) throws IOException {
        String body = Files.readString(
                Path.of("src/test/resources/fixtures/metrics/runs/fanout-go1.26/step-01/metrics-end.txt"));
        assertTrue(body.contains("# TYPE " + metric.prometheusName() + " "), metric.prometheusName());
    }

    /** Units with / become _per_ (client_golang rule), e.g. /gc/heap/allocs:bytes stays plain. */
    @ParameterizedTest
    @CsvSource({
        "/gc/heap/allocs:bytes, true, false, go_gc_heap_allocs_bytes_total",
        "/gc/heap/allocs-by-size:bytes, false, true, go_gc_heap_allocs_by_size_bytes",
        "/gc/scan/heap:bytes, false, false, go_gc_scan_heap_bytes"
    })
    void generalRule(String runtimeName, boolean cumulative, boolean histogram, String expected) {
        assertEquals(expected, RuntimeMetricsName.toPrometheus(runtimeName, cumulative, histogram));
    }
}
