package io.schedgate.metrics;

/**
 * A derived runtime signal, or the reason it could not be derived. Absent is never 0: a metric the
 * target does not export must not look like a quiet scheduler.
 *
 * @param value the number when present, NaN when absent
 * @param absentReason why there is no number (names the metric and the fix), null when present
 */
public record RuntimeMetricsValue(double value, String absentReason) {

    public static RuntimeMetricsValue of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a present value must be finite, got " + value);
        }
        return new RuntimeMetricsValue(value, null);
    }

    public static RuntimeMetricsValue absent(String reason) {
        return new RuntimeMetricsValue(Double.NaN, reason);
    }

    public boolean present() {
        return absentReason == null;
    }

    /** The value; throws with the absence reason when there is none. */
    public double orThrow() {
        if (!present()) {
            throw new IllegalStateException(absentReason);
        }
        return value;
    }

    @Override
    public String toString() {
        return present() ? Double.toString(value) : "absent (" + absentReason + ")";
    }
}
