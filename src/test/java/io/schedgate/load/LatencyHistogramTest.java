package io.schedgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    /** Nearest rank on the sorted values: the independent expected percentile. */
    private static long nearestRank(long[] sorted, double q) {
        return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
    }

    @Test
    void percentilesAreWithinATenthOfAPercentOfTheRecordedValues() {
        SplittableRandom r = new SplittableRandom(11);
        long[] values = new long[50_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(r.nextDouble(0, Math.log(5_000_000))); // 1 µs to 5 s, log-uniform
            h.record(values[i]);
        }
        Arrays.sort(values);
        assertEquals(values.length, h.count());
        assertEquals(Arrays.stream(values).average().orElseThrow(), h.meanMicros(), 0.001 * h.meanMicros());
        assertEquals(values[values.length - 1], h.maxMicros(), 0.001 * values[values.length - 1]);
        for (double q : new double[] {0.5, 0.95, 0.99, 0.999}) {
            long expected = nearestRank(values, q);
            assertEquals(expected, h.percentileMicros(q), Math.max(1, 0.001 * expected), "p" + q * 100);
        }
    }

    @Test
    void twoInjectorsAddUpToTheUnionOfTheirRecords() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            long v = r.nextLong(1, 200_000);
            (i % 2 == 0 ? a : b).record(v);
            both.record(v);
        }
        LatencyHistogram merged = LatencyHistogram.decode(a.encoded());
        merged.add(LatencyHistogram.decode(b.encoded()));
        assertEquals(both.count(), merged.count());
        for (double q : new double[] {0.5, 0.9, 0.99, 1.0}) {
            assertEquals(both.percentileMicros(q), merged.percentileMicros(q), "p" + q * 100);
        }
        assertEquals(both.encoded(), merged.encoded(), "the same counts in the same buckets");
    }

    @Test
    void smallValuesAreExactAndEmptyHasNoPercentiles() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3);
        h.record(3);
        h.record(7);
        assertEquals(3, h.percentileMicros(0.5));
        assertEquals(7, h.percentileMicros(1.0));
        assertTrue(Double.isNaN(new LatencyHistogram().percentileMicros(0.5)));
    }

    @Test
    void aStringThatIsNoHistogramIsRefusedNamingIt() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LatencyHistogram.decode("bm90IGEgaGlzdG9ncmFt"));
        assertTrue(e.getMessage().startsWith("not an encoded latency histogram"), e.getMessage());
    }
}
