package io.schedgate.signals;

/** Human-readable nanosecond amounts for summaries. */
public final class Durations {
    private Durations() {
    }

    public static String format(long nanos) {
        double abs = Math.abs((double) nanos);
        if (abs >= 1e9) {
            return String.format("%.2fs", nanos / 1e9);
        }
        if (abs >= 1e6) {
            return String.format("%.1fms", nanos / 1e6);
        }
        if (abs >= 1e3) {
            return String.format("%.1fus", nanos / 1e3);
        }
        return nanos + "ns";
    }
}
