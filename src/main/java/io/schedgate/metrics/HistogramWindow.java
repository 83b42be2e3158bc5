package io.schedgate.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a cumulative histogram gained over a window (end − start, bucket by bucket) and its
 * quantiles. A quantile is known only to its bucket: {@link Quantile} gives the bucket's bounds and
 * a log-linear interpolation inside it (the buckets of Go's time histograms grow geometrically).
 *
 * @param buckets the window's buckets, cumulative, the last one +Inf
 * @param count observations in the window
 */
public record HistogramWindow(List<PrometheusTextHistogram.Bucket> buckets, double count) {

    /**
     * A quantile: in (lower, upper], estimated at {@code estimate}.
     *
     * @param lower the bucket's lower bound (0 for the first)
     * @param upper its upper bound (+Inf for the last)
     * @param estimate log-linear interpolation in the bucket; the lower bound in the +Inf bucket
     */
    public record Quantile(double q, double lower, double upper, double estimate) {}

    /** The window between two scrapes of the same histogram, empty when their buckets differ or counts went down. */
    public static Optional<HistogramWindow> between(PrometheusTextHistogram start, PrometheusTextHistogram end) {
        if (start.buckets().size() != end.buckets().size()) {
            return Optional.empty();
        }
        List<PrometheusTextHistogram.Bucket> out = new ArrayList<>();
        for (int i = 0; i < end.buckets().size(); i++) {
            PrometheusTextHistogram.Bucket a = start.buckets().get(i);
            PrometheusTextHistogram.Bucket b = end.buckets().get(i);
            double d = b.cumulativeCount() - a.cumulativeCount();
            if (a.upperBound() != b.upperBound() || d < 0) {
                return Optional.empty();
            }
            out.add(new PrometheusTextHistogram.Bucket(b.upperBound(), d));
        }
        double count = out.isEmpty() ? 0 : out.get(out.size() - 1).cumulativeCount();
        return Optional.of(new HistogramWindow(out, count));
    }

    /** Quantile {@code q} (0 &lt; q ≤ 1), empty without observations. */
    public Optional<Quantile> quantile(double q) {
        if (count <= 0) {
            return Optional.empty();
        }
        double rank = q * count;
        double lower = 0;
        double below = 0;
        for (PrometheusTextHistogram.Bucket b : buckets) {
            if (b.cumulativeCount() >= rank) {
                double upper = b.upperBound();
                if (Double.isInfinite(upper)) {
                    return Optional.of(new Quantile(q, lower, upper, lower));
                }
                double inBucket = b.cumulativeCount() - below;
                double f = inBucket <= 0 ? 1 : (rank - below) / inBucket;
                double estimate = lower > 0 ? lower * Math.pow(upper / lower, f) : upper * f;
                return Optional.of(new Quantile(q, lower, upper, estimate));
            }
            lower = b.upperBound();
            below = b.cumulativeCount();
        }
        return Optional.empty();
    }
}
