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
    String name = metric.prometheusName();
    if (metric.kind() == RuntimeMetricsName.Kind.HISTOGRAM) {
      return text.histogram(name)
          .map(h -> RuntimeMetricsValue.of(h.count()))
          .orElseGet(() -> RuntimeMetricsValue.absent(missing(metric)));
    }
    OptionalDouble value = text.value(name);
    if (value.isEmpty()) {
      return RuntimeMetricsValue.absent(missing(metric));
    }
    if (!Double.isFinite(value.getAsDouble())) {
      return RuntimeMetricsValue.absent(name + " reads " + value.getAsDouble() + " in " + source);
    }
    return RuntimeMetricsValue.of(value.getAsDouble());
  }

  public Optional<PrometheusTextHistogram> histogram(RuntimeMetricsName metric) {
    return text.histogram(metric.prometheusName());
  }

  String missing(RuntimeMetricsName metric) {
    String version = goVersion().orElse("an unknown Go version");
    String why = metric.sinceGoMinor() > 22
        ? " (it exists from Go 1." + metric.sinceGoMinor() + "; the target runs " + version + ")"
        : " (export all runtime/metrics: client_golang's collectors.NewGoCollector("
            + "collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsAll)))";
    return metric.prometheusName() + " [" + metric.runtimeName() + "] is not in " + source + why;
  }
}
