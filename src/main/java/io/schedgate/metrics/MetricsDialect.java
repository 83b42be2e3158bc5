package io.schedgate.metrics;

/**
 * Who named a Go runtime metric on a /metrics page: the naming scheme of one exposition name, and
 * (through {@link RuntimeMetrics#dialect()}) what kind of exporter served a whole page. Pages as
 * each library really serves them are in src/test/resources/fixtures/metrics/dialects.
 */
public enum MetricsDialect {
    /**
     * client_golang's Go collector with runtime/metrics opted in ({@code WithGoCollectorRuntimeMetrics}),
     * as the lab serves: {@code go_sched_latencies_seconds}, counters with {@code _total}.
     */
    CLIENT_GOLANG_RUNTIME_METRICS("client_golang runtime/metrics"),
    /** client_golang's rule without the {@code _total} of a cumulative count, as hand-rolled exporters write it. */
    RUNTIME_METRICS_WITHOUT_TOTAL("runtime/metrics name without _total"),
    /** client_golang's Go collector with its defaults: {@code go_goroutines}, {@code go_threads}, {@code go_memstats_*}. */
    CLIENT_GOLANG_DEFAULT("client_golang default"),
    /**
     * OpenTelemetry's Go runtime instrumentation through its Prometheus exporter:
     * {@code go_goroutine_count}, {@code go_processor_limit}, {@code go_schedule_duration_seconds}.
     */
    OTEL("OpenTelemetry Go runtime"),
    /** A page with none of the above (no Go runtime metrics). */
    UNKNOWN("no Go runtime metrics");

    private final String label;

    MetricsDialect(String label) {
        this.label = label;
    }

    /** How the verdict names it, e.g. {@code client_golang default}. */
    public String label() {
        return label;
    }
}
