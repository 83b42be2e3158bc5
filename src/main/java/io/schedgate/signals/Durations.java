package io.schedgate.signals;

import io.schedgate.text.Numbers;

/** Human-readable nanosecond amounts for summaries. */
public final class Durations {
    private Durations() {}

    public static String format(long nanos) {
        double abs = Math.abs((double) nanos);
        if (abs >= 1e9) {
            return Numbers.fixed(nanos / 1e9, 2) + "s";
        }
        if (abs >= 1e6) {
            return Numbers.fixed(nanos / 1e6, 1) + "ms";
        }
        if (abs >= 1e3) {
            return Numbers.fixed(nanos / 1e3, 1) + "us";
        }
        return nanos + "ns";
    }
}
