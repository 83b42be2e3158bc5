package io.schedgate.load;

import java.util.List;

/**
 * One injector's raw numbers of one step's capture window, as it reports them to the collector: counts
 * (which add up exactly across injectors) and its latencies as HdrHistogram's compressed encoding
 * ({@link LatencyHistogram#encoded()}, null when none completed), which merges exactly too.
 *
 * @param harnessCpus CPUs' worth of time the injector's JVM used over the window, null when not measured
 */
public record WindowCounts(
        long offered,
        long ok,
        long errors,
        long late,
        long lateUsersBusy,
        long unsent,
        long unsentUsersBusy,
        String latencyHistogram,
        Double harnessCpus) {

    /** These counts with the step's dropped arrivals as known now (they are dropped at the step's end). */
    public WindowCounts withUnsent(long n, long usersBusy) {
        return new WindowCounts(offered, ok, errors, late, lateUsersBusy, n, usersBusy, latencyHistogram, harnessCpus);
    }

    /** The window's latencies, empty when none completed. */
    public LatencyHistogram latencies() {
        return latencyHistogram == null ? new LatencyHistogram() : LatencyHistogram.decode(latencyHistogram);
    }

    /** The injectors' windows as one: counts summed, histograms added; CPU summed where all measured it. */
    public static WindowCounts merged(List<WindowCounts> shares) {
        LatencyHistogram h = new LatencyHistogram();
        long offered = 0, ok = 0, errors = 0, late = 0, lateBusy = 0, unsent = 0, unsentBusy = 0;
        Double cpus = 0.0;
        for (WindowCounts c : shares) {
            offered += c.offered;
            ok += c.ok;
            errors += c.errors;
            late += c.late;
            lateBusy += c.lateUsersBusy;
            unsent += c.unsent;
            unsentBusy += c.unsentUsersBusy;
            h.add(c.latencies());
            cpus = cpus == null || c.harnessCpus == null ? null : cpus + c.harnessCpus;
        }
        return new WindowCounts(
                offered, ok, errors, late, lateBusy, unsent, unsentBusy, h.count() == 0 ? null : h.encoded(), cpus);
    }
}
