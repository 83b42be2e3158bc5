package io.schedgate.metrics;

/**
 * A runtime metric read from one /metrics page, with where it came from: the exposition name that
 * served it and its dialect, or, when absent, why (which names were looked for, and whether the
 * page's dialect serves the metric at all).
 *
 * @param metric the runtime/metrics value asked for
 * @param value the number, or the absence and its reason
 * @param exposedName the sample name it was read from; null when absent
 * @param dialect the naming of {@code exposedName}; when absent, the dialect of the whole page
 * @param source the page (a file path or URL)
 */
public record RuntimeMetricsReading(
        RuntimeMetricsName metric,
        RuntimeMetricsValue value,
        String exposedName,
        MetricsDialect dialect,
        String source) {

    public boolean present() {
        return value.present();
    }

    /**
     * Where the number came from, e.g. {@code go_goroutines (client_golang default)}; for an absent
     * one, its reason.
     */
    public String describe() {
        return present() ? exposedName + " (" + dialect.label() + ")" : value.absentReason();
    }
}
