package io.schedgate.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The Go runtime/metrics the verdict reads, with their Prometheus names as client_golang's Go
 * collector derives them (prometheus/internal/go_runtime_metrics.go, RuntimeMetricsToProm, v1.22):
 * {@code go_} + the key's directory with / and - as _ + {@code _} + the last element + {@code _} +
 * the unit, plus {@code _total} for cumulative non-histogram metrics. Verified against real scrapes
 * of the lab on Go 1.23 and 1.26 (fixtures/metrics/runs). {@link #expositions()} lists every name
 * other dialects serve the same number under, in the order they are looked for (real pages of each
 * in fixtures/metrics/dialects).
 */
public enum RuntimeMetricsName {
    SCHED_LATENCIES(
            "/sched/latencies:seconds",
            Kind.HISTOGRAM,
            true,
            22,
            otel("go_schedule_duration_seconds"),
            otel("go_schedule_duration")),
    SCHED_GOROUTINES(
            "/sched/goroutines:goroutines",
            Kind.GAUGE,
            false,
            22,
            new RuntimeMetricsExposition("go_goroutines", MetricsDialect.CLIENT_GOLANG_DEFAULT),
            otel("go_goroutine_count")),
    SCHED_GOROUTINES_RUNNABLE("/sched/goroutines/runnable:goroutines", Kind.GAUGE, false, 26),
    SCHED_GOROUTINES_CREATED("/sched/goroutines-created:goroutines", Kind.COUNTER, true, 26),
    SCHED_GOMAXPROCS("/sched/gomaxprocs:threads", Kind.GAUGE, false, 22, otel("go_processor_limit")),
    SYNC_MUTEX_WAIT_TOTAL("/sync/mutex/wait/total:seconds", Kind.COUNTER, true, 22),
    GC_CYCLES_TOTAL("/gc/cycles/total:gc-cycles", Kind.COUNTER, true, 22),
    CPU_CLASSES_GC_TOTAL("/cpu/classes/gc/total:cpu-seconds", Kind.COUNTER, true, 22),
    CPU_CLASSES_TOTAL("/cpu/classes/total:cpu-seconds", Kind.COUNTER, true, 22);

    /** How the value is exposed. */
    public enum Kind {
        COUNTER,
        GAUGE,
        HISTOGRAM
    }

    private final String runtimeName;
    private final Kind kind;
    private final boolean cumulative;
    private final int sinceGoMinor;
    private final List<RuntimeMetricsExposition> expositions;

    RuntimeMetricsName(
            String runtimeName, Kind kind, boolean cumulative, int sinceGoMinor, RuntimeMetricsExposition... others) {
        this.runtimeName = runtimeName;
        this.kind = kind;
        this.cumulative = cumulative;
        this.sinceGoMinor = sinceGoMinor;
        List<RuntimeMetricsExposition> names = new ArrayList<>();
        String prometheus = toPrometheus(runtimeName, cumulative, kind == Kind.HISTOGRAM);
        names.add(new RuntimeMetricsExposition(prometheus, MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS));
        if (prometheus.endsWith("_total") && cumulative && kind != Kind.HISTOGRAM) {
            names.add(new RuntimeMetricsExposition(
                    prometheus.substring(0, prometheus.length() - "_total".length()),
                    MetricsDialect.RUNTIME_METRICS_WITHOUT_TOTAL));
        }
        names.addAll(List.of(others));
        this.expositions = List.copyOf(names);
    }

    private static RuntimeMetricsExposition otel(String name) {
        return new RuntimeMetricsExposition(name, MetricsDialect.OTEL);
    }

    /**
     * The names this metric is served under, in lookup order: client_golang's runtime/metrics name
     * ({@link #prometheusName()}), the same without {@code _total} (hand-rolled pages), client_golang's
     * default ({@code go_goroutines}), OpenTelemetry's Go runtime convention through its Prometheus
     * exporter (with and without the unit suffix).
     */
    public List<RuntimeMetricsExposition> expositions() {
        return expositions;
    }

    public String runtimeName() {
        return runtimeName;
    }

    public Kind kind() {
        return kind;
    }

    /** The first Go 1.x minor version that has this metric (FINDINGS §4; 22 = "at least 1.22"). */
    public int sinceGoMinor() {
        return sinceGoMinor;
    }

    public String prometheusName() {
        return toPrometheus(runtimeName, cumulative, kind == Kind.HISTOGRAM);
    }

    /** client_golang's RuntimeMetricsToProm naming rule for any runtime/metrics key. */
    public static String toPrometheus(String runtimeName, boolean cumulative, boolean histogram) {
        int colon = runtimeName.indexOf(':');
        if (!runtimeName.startsWith("/") || colon < 0) {
            throw new IllegalArgumentException("not a runtime/metrics name (want /path/name:unit): " + runtimeName);
        }
        String key = runtimeName.substring(1, colon);
        String unit = runtimeName
                .substring(colon + 1)
                .replace("-", "_")
                .replace("*", "_")
                .replace("/", "_per_");
        int slash = key.lastIndexOf('/');
        String subsystem = slash < 0 ? "." : key.substring(0, slash);
        String name = key.substring(slash + 1).replace("-", "_") + "_" + unit;
        if (cumulative && !histogram) {
            name += "_total";
        }
        return "go_" + subsystem.replace("/", "_").replace("-", "_") + "_" + name;
    }
}
