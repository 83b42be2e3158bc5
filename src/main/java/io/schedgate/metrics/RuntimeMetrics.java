package io.schedgate.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/** One /metrics scrape of a Go service, read as Go runtime/metrics. */
public final class RuntimeMetrics {

    private final PrometheusText text;
    private final String source;

    private RuntimeMetrics(PrometheusText text, String source) {
        this.text = text;
        this.source = source;
    }

    public static RuntimeMetrics parse(String body, String source) {
        return new RuntimeMetrics(PrometheusText.parse(body, source), source);
    }

    public static RuntimeMetrics read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metrics scrape " + file + ": " + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    public PrometheusText text() {
        return text;
    }

    /** {@code go_info{version="go1.26.8"}}. */
    public Optional<String> goVersion() {
        return text.label("go_info", "version");
    }

    /** A counter or gauge; for a histogram, its observation count. */
    public RuntimeMetricsValue get(RuntimeMetricsName metric) {
        return lookup(metric).value();
    }

    /**
     * The metric under the first of its {@link RuntimeMetricsName#expositions() names} this page
     * serves, with the name and dialect it came from; when none is served, a reason that says
     * whether the page's dialect serves the metric at all.
     */
    public RuntimeMetricsReading lookup(RuntimeMetricsName metric) {
        for (RuntimeMetricsExposition e : metric.expositions()) {
            if (metric.kind() == RuntimeMetricsName.Kind.HISTOGRAM) {
                Optional<PrometheusTextHistogram> h = text.histogram(e.name());
                if (h.isPresent()) {
                    return reading(metric, e, h.get().count());
                }
                continue;
            }
            OptionalDouble value = text.value(e.name());
            if (value.isPresent()) {
                return reading(metric, e, value.getAsDouble());
            }
        }
        return new RuntimeMetricsReading(metric, RuntimeMetricsValue.absent(missing(metric)), null, dialect(), source);
    }

    private RuntimeMetricsReading reading(RuntimeMetricsName metric, RuntimeMetricsExposition e, double v) {
        RuntimeMetricsValue value = Double.isFinite(v)
                ? RuntimeMetricsValue.of(v)
                : RuntimeMetricsValue.absent(e.name() + " reads " + v + " in " + source);
        return new RuntimeMetricsReading(metric, value, e.name(), e.dialect(), source);
    }

    public Optional<PrometheusTextHistogram> histogram(RuntimeMetricsName metric) {
        for (RuntimeMetricsExposition e : metric.expositions()) {
            Optional<PrometheusTextHistogram> h = text.histogram(e.name());
            if (h.isPresent()) {
                return h;
            }
        }
        return Optional.empty();
    }

    /**
     * Which exporter served the page, told by names only it serves: OpenTelemetry's runtime
     * instrumentation ({@code go_goroutine_count}, {@code go_processor_limit}), client_golang with
     * runtime/metrics (any {@code go_sched_*} but GOMAXPROCS, which the defaults also serve, or
     * {@code go_gc_cycles_*}, {@code go_sync_*}, {@code go_cpu_classes_*}), client_golang's defaults
     * ({@code go_goroutines}).
     */
    public MetricsDialect dialect() {
        if (text.family("go_goroutine_count").isPresent()
                || text.family("go_processor_limit").isPresent()) {
            return MetricsDialect.OTEL;
        }
        for (String family : text.families().keySet()) {
            if ((family.startsWith("go_sched_") && !family.equals("go_sched_gomaxprocs_threads"))
                    || family.startsWith("go_gc_cycles_")
                    || family.startsWith("go_sync_")
                    || family.startsWith("go_cpu_classes_")) {
                return MetricsDialect.CLIENT_GOLANG_RUNTIME_METRICS;
            }
        }
        if (text.family("go_goroutines").isPresent()) {
            return MetricsDialect.CLIENT_GOLANG_DEFAULT;
        }
        return MetricsDialect.UNKNOWN;
    }

    String missing(RuntimeMetricsName metric) {
        MetricsDialect dialect = dialect();
        String lookedFor = " (looked for "
                + String.join(
                        ", ",
                        metric.expositions().stream()
                                .map(RuntimeMetricsExposition::name)
                                .toList()) + ")";
        switch (dialect) {
            case CLIENT_GOLANG_DEFAULT:
                return metric.runtimeName() + " is not served by this dialect: " + source
                        + " is client_golang's default Go collector (go_goroutines, go_threads, go_memstats_*), which has no "
                        + metric.prometheusName() + lookedFor
                        + "; the service can export it with collectors.NewGoCollector("
                        + "collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsAll))";
            case OTEL:
                return metric.runtimeName() + " is not served by this dialect: " + source
                        + " is OpenTelemetry's Go runtime instrumentation (go_goroutine_count, go_processor_limit, go_memory_*)"
                        + (metric == RuntimeMetricsName.SCHED_LATENCIES
                                ? ", whose go_schedule_duration_seconds histogram is served only with its runtime.NewProducer() "
                                        + "registered on the exporter (otelprom.WithProducer)"
                                : ", which has no such metric")
                        + (text.family("go_goroutines").isPresent()
                                ? ", nor has client_golang's default Go collector beside it (collectors.NewGoCollector("
                                        + "collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsAll)) would serve "
                                        + metric.prometheusName() + ")"
                                : "")
                        + lookedFor;
            case UNKNOWN:
                return metric.runtimeName() + " is not in " + source + ": the page has no Go runtime metrics"
                        + lookedFor;
            default:
                String version = goVersion().orElse("an unknown Go version");
                String why = metric.sinceGoMinor() > 22
                        ? " (it exists from Go 1." + metric.sinceGoMinor() + "; the target runs " + version + ")"
                        : " (export all runtime/metrics: client_golang's collectors.NewGoCollector("
                                + "collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsAll)))";
                return metric.prometheusName() + " [" + metric.runtimeName() + "] is not in " + source + why;
        }
    }
}
