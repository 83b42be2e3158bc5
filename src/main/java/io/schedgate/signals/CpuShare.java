package io.schedgate.signals;

import io.schedgate.stats.Proportion;
import io.schedgate.text.Numbers;

/**
 * A part of a CPU profile: its sample count (profiler ticks), its CPU time, and its share of
 * all samples with a 95% Wilson interval. The share is computed on samples, not nanoseconds,
 * because the interval needs counts; for Go CPU profiles both are proportional (each sample is
 * one period).
 */
public record CpuShare(long samples, long cpuNanos, Proportion share) {

    public static CpuShare of(long samples, long cpuNanos, long totalSamples) {
        return new CpuShare(
                samples, cpuNanos, Proportion.wilson95(Math.max(0, samples), Math.max(totalSamples, samples)));
    }

    public CpuShare plus(long moreSamples, long moreNanos, long totalSamples) {
        return of(samples + moreSamples, cpuNanos + moreNanos, totalSamples);
    }

    /** "1.23% [0.98%, 1.54%] of CPU, 12 samples, 120 ms", with "(interval includes 0)" when it does. */
    public String describe() {
        Proportion p = share;
        return Numbers.fixed(100 * p.share(), 2) + "% [" + Numbers.fixed(100 * p.lower(), 2) + "%, "
                + Numbers.fixed(100 * p.upper(), 2) + "%] of CPU, " + samples + " samples, "
                + Durations.format(cpuNanos)
                + (p.includesZero() ? " (interval includes 0)" : "");
    }
}
