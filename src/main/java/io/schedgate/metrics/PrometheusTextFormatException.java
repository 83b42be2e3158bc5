package io.schedgate.metrics;

/** A line of a /metrics response that is neither Prometheus text format 0.0.4 nor OpenMetrics text. */
public final class PrometheusTextFormatException extends RuntimeException {

    public PrometheusTextFormatException(String source, int lineNumber, String problem) {
        super(
                source + ":" + lineNumber + ": " + problem
                        + " (expected Prometheus text format 0.0.4 or OpenMetrics 1.0 text, as client_golang's promhttp serves them)");
    }
}
