package io.schedgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramWindowTest {

    private static PrometheusTextHistogram h(double... cumulative) {
        double[] bounds = {1e-6, 1e-5, 1e-4, Double.POSITIVE_INFINITY};
        List<PrometheusTextHistogram.Bucket> b = new java.util.ArrayList<>();
        for (int i = 0; i < bounds.length; i++) {
            b.add(new PrometheusTextHistogram.Bucket(bounds[i], cumulative[i]));
        }
        return new PrometheusTextHistogram("x", b, cumulative[cumulative.length - 1], 0);
    }

    @Test
    void theWindowIsTheDifferenceAndTheQuantileItsBucket() {
        HistogramWindow w =
                HistogramWindow.between(h(10, 20, 30, 30), h(10, 70, 130, 130)).orElseThrow();
        assertEquals(100, w.count());
        // 0 in the first bucket, 50 in (1µs,10µs], 50 in (10µs,100µs]: the median is the top of the second
        HistogramWindow.Quantile median = w.quantile(0.5).orElseThrow();
        assertEquals(1e-6, median.lower());
        assertEquals(1e-5, median.upper());
        assertEquals(1e-5, median.estimate(), 1e-12);
        // p99: 49 of the 50 in (10µs,100µs], log-linear: 10µs × 10^(49/50)
        HistogramWindow.Quantile p99 = w.quantile(0.99).orElseThrow();
        assertEquals(1e-5, p99.lower());
        assertEquals(1e-5 * Math.pow(10, 49.0 / 50), p99.estimate(), 1e-12);
    }

    @Test
    void aRestartOrOtherBucketsGiveNoWindow() {
        assertTrue(HistogramWindow.between(h(10, 20, 30, 30), h(5, 20, 30, 30)).isEmpty());
        assertTrue(
                HistogramWindow.between(h(10, 20, 30, 30), h(10, 20, 30, 30))
                        .orElseThrow()
                        .quantile(0.99)
                        .isEmpty(),
                "no observations, no quantile");
    }

    @Test
    void theLabsSchedLatenciesOverAStep() {
        Path step = Path.of("src/test/resources/fixtures/runs/herd-go1.26/step-06");
        RuntimeMetrics start = RuntimeMetrics.read(step.resolve("metrics-start.txt"));
        RuntimeMetrics end = RuntimeMetrics.read(step.resolve("metrics-end.txt"));
        HistogramWindow w =
                new RuntimeMetricsWindow(start, end, 3, 1).schedLatencies().orElseThrow();
        double counted =
                end.histogram(RuntimeMetricsName.SCHED_LATENCIES).orElseThrow().count()
                        - start.histogram(RuntimeMetricsName.SCHED_LATENCIES)
                                .orElseThrow()
                                .count();
        assertEquals(counted, w.count(), "the +Inf bucket's delta is the _count delta");
        HistogramWindow.Quantile p99 = w.quantile(0.99).orElseThrow();
        assertTrue(p99.lower() < p99.estimate() && p99.estimate() <= p99.upper(), p99.toString());
    }
}
