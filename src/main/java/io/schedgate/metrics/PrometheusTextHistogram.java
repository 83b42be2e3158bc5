package io.schedgate.metrics;

import java.util.List;

/**
 * A Prometheus histogram: cumulative buckets ({@code _bucket{le=...}}), {@code _count} and
 * {@code _sum}.
 */
public record PrometheusTextHistogram(String name, List<Bucket> buckets, double count, double sum) {

    /** Observations ≤ {@code upperBound}, cumulative as in the exposition format. */
    public record Bucket(double upperBound, double cumulativeCount) {}

    public PrometheusTextHistogram {
        buckets = List.copyOf(buckets);
    }
}
