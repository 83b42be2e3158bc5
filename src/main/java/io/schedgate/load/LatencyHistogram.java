package io.schedgate.load;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One window's latencies in microseconds: an HdrHistogram ({@code org.hdrhistogram}, 3 significant
 * digits, so a value is within 0.1 % of what was recorded), recorded from any thread without locks. Its
 * compressed form ({@link #encoded()}) goes into the manifest, so several injectors' windows add up
 * exactly ({@link #add}) instead of averaging their percentiles.
 */
public final class LatencyHistogram {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram h;

    public LatencyHistogram() {
        this(new ConcurrentHistogram(SIGNIFICANT_DIGITS));
    }

    private LatencyHistogram(Histogram h) {
        this.h = h;
    }

    public void record(long micros) {
        h.recordValue(Math.max(0, micros));
    }

    public long count() {
        return h.getTotalCount();
    }

    public double meanMicros() {
        return count() == 0 ? Double.NaN : h.getMean();
    }

    public long maxMicros() {
        return count() == 0 ? 0 : h.getMaxValue();
    }

    /** The value below which a fraction {@code q} of recordings fall (nearest rank), in microseconds. */
    public double percentileMicros(double q) {
        return count() == 0 ? Double.NaN : Math.min(h.getValueAtPercentile(q * 100), h.getMaxValue());
    }

    /** Adds {@code other}'s recordings to this one: the merged window of two injectors. */
    public void add(LatencyHistogram other) {
        h.add(other.h);
    }

    /** The same recordings (every bucket's count equal): how two injectors' merge is checked against their union. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram other && h.equals(other.h);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count());
    }

    /** The compressed histogram as base64 (HdrHistogram's own encoding), for the manifest. */
    public String encoded() {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[n];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The histogram {@link #encoded()} wrote; a string that is not one is an error naming it. */
    public static LatencyHistogram decode(String base64) {
        try {
            Histogram read = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
            return new LatencyHistogram(read);
        } catch (DataFormatException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("not an encoded latency histogram: " + e.getMessage(), e);
        }
    }
}
