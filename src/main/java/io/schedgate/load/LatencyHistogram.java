package io.schedgate.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free latency histogram in microseconds with log-linear buckets: 16 linear sub-buckets per
 * power of two (the HdrHistogram layout with 4 significant bits), so a bucket is at most 1/16 =
 * 6.25 % of its value wide. Recording is a few bit operations and one atomic increment.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    // Values up to 2^40 us (12 days) have their own bucket; larger ones land in the last.
    private static final int MAX_EXP = 40;
    private static final int BUCKETS = SUB + (MAX_EXP - SUB_BITS + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();
    private final AtomicLong maxMicros = new AtomicLong();

    public void record(long micros) {
        long v = Math.max(0, micros);
        counts.incrementAndGet(index(v));
        total.increment();
        sumMicros.add(v);
        maxMicros.accumulateAndGet(v, Math::max);
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        if (exp > MAX_EXP) {
            return BUCKETS - 1;
        }
        int sub = (int) ((v >>> (exp - SUB_BITS)) & (SUB - 1));
        return SUB + (exp - SUB_BITS) * SUB + sub;
    }

    /** The midpoint of bucket {@code index}, in microseconds. */
    static double midpoint(int index) {
        if (index < SUB) {
            return index;
        }
        int exp = (index - SUB) / SUB + SUB_BITS;
        int sub = (index - SUB) % SUB;
        long width = 1L << (exp - SUB_BITS);
        long low = (long) (SUB + sub) * width;
        return low + (width - 1) / 2.0;
    }

    public long count() {
        return total.sum();
    }

    public double meanMicros() {
        long n = count();
        return n == 0 ? Double.NaN : (double) sumMicros.sum() / n;
    }

    public long maxMicros() {
        return maxMicros.get();
    }

    /** The value below which a fraction {@code q} of recordings fall (nearest rank), in microseconds. */
    public double percentileMicros(double q) {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(midpoint(i), maxMicros());
            }
        }
        return maxMicros();
    }
}
