package io.schedgate.metrics;

/** A line of a /metrics response that is not Prometheus text exposition format 0.0.4. */
public final class PrometheusTextFormatException extends RuntimeException {

  public PrometheusTextFormatException(String source, int lineNumber, String problem) {
    super(source + ":" + lineNumber + ": " + problem
        + " (expected Prometheus text format 0.0.4, as served by client_golang's promhttp)");
  }
}
