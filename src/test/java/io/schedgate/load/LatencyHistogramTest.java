package io.schedgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfAUniformSpreadAreWithinTheBucketError() {
        LatencyHistogram h = new LatencyHistogram();
        for (int us = 1; us <= 10_000; us++) {
            h.record(us);
        }
        assertEquals(10_000, h.count());
        assertEquals(5000.5, h.meanMicros(), 1e-9);
        assertEquals(10_000, h.maxMicros());
        // nearest rank: p50 = 5000, p99 = 9900; a bucket is at most 1/16 of its value wide
        assertEquals(5000, h.percentileMicros(0.50), 5000 / 16.0);
        assertEquals(9900, h.percentileMicros(0.99), 9900 / 16.0);
        assertTrue(h.percentileMicros(1.0) <= 10_000);
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3);
        h.record(3);
        h.record(7);
        assertEquals(3, h.percentileMicros(0.5));
        assertEquals(7, h.percentileMicros(1.0));
    }

    @Test
    void bucketsCoverEveryValueMonotonically() {
        int last = -1;
        for (long v = 0; v < 1L << 20; v += 1 + v / 64) {
            int i = LatencyHistogram.index(v);
            assertTrue(i >= last, "index must not decrease at " + v);
            double mid = LatencyHistogram.midpoint(i);
            assertTrue(Math.abs(mid - v) <= Math.max(0.5, v / 16.0), v + " lands in a bucket centred at " + mid);
            last = i;
        }
        assertEquals(LatencyHistogram.index(Long.MAX_VALUE), LatencyHistogram.index(1L << 50));
    }

    @Test
    void emptyHistogramHasNoPercentiles() {
        assertTrue(Double.isNaN(new LatencyHistogram().percentileMicros(0.5)));
    }
}
