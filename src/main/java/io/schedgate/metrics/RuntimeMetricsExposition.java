package io.schedgate.metrics;

/** One name under which a runtime/metrics value may be exposed on a /metrics page, and whose naming it is. */
public record RuntimeMetricsExposition(String name, MetricsDialect dialect) {

    @Override
    public String toString() {
        return name + " (" + dialect.label() + ")";
    }
}
