package io.schedgate.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the load generator did inside one step's capture window, as the manifest records it and
 * the verdict reads it back.
 *
 * @param offeredQps requests started per second
 * @param achievedQps successful responses per second
 * @param requests requests started in the window (including errors)
 * @param errors failed requests
 * @param late requests sent more than {@code load.StepLoadCounters.LATE_NANOS} after they were due (the
 *     harness was behind its own schedule); 0 in manifests written before it was counted
 * @param lateUsersBusy of those, the ones no pooled user was free for when they fell due: every user
 *     was still waiting on the target's responses, so the lateness is the target's saturation, not the
 *     harness's; 0 in manifests written before it was counted
 * @param latencyMs latency of the requests completed in the window; null when none completed
 * @param harnessCpus CPUs' worth of time the harness's JVM used during the window (1.0 = one core);
 *     null when not measured (older manifests, another load generator)
 * @param hostCpus the CPUs of the machine the harness ran on, null when not recorded
 * @param unsent arrivals of the step that were never sent because the step had ended before a user got to
 *     them (the plan was above the harness's headroom); 0 in manifests written before it was counted
 * @param unsentUsersBusy of the unsent arrivals, those no pooled user was free for (every one waited on the
 *     target): the target's saturation left them unsent, not the harness; 0 in older manifests
 * @param latencyHistogram the window's latencies in µs as HdrHistogram's compressed encoding in base64
 *     ({@code load.LatencyHistogram}): several injectors' windows merge exactly; null in older manifests
 * @param injectors with several injectors, each one's numbers of the window (the collector's own first); these
 *     numbers are then their merge. Null with one injector
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadNumbers(
        double offeredQps,
        double achievedQps,
        long requests,
        long errors,
        long late,
        long lateUsersBusy,
        Latency latencyMs,
        Double harnessCpus,
        Integer hostCpus,
        long unsent,
        long unsentUsersBusy,
        String latencyHistogram,
        java.util.List<LoadNumbers> injectors) {

    /** One injector's numbers. */
    public LoadNumbers(
            double offeredQps,
            double achievedQps,
            long requests,
            long errors,
            long late,
            long lateUsersBusy,
            Latency latencyMs,
            Double harnessCpus,
            Integer hostCpus,
            long unsent,
            long unsentUsersBusy,
            String latencyHistogram) {
        this(
                offeredQps,
                achievedQps,
                requests,
                errors,
                late,
                lateUsersBusy,
                latencyMs,
                harnessCpus,
                hostCpus,
                unsent,
                unsentUsersBusy,
                latencyHistogram,
                null);
    }

    /** Without the latency record. */
    public LoadNumbers(
            double offeredQps,
            double achievedQps,
            long requests,
            long errors,
            long late,
            long lateUsersBusy,
            Latency latencyMs,
            Double harnessCpus,
            Integer hostCpus,
            long unsent) {
        this(
                offeredQps,
                achievedQps,
                requests,
                errors,
                late,
                lateUsersBusy,
                latencyMs,
                harnessCpus,
                hostCpus,
                unsent,
                0,
                null);
    }

    /** Without the harness's CPU. */
    public LoadNumbers(
            double offeredQps,
            double achievedQps,
            long requests,
            long errors,
            long late,
            long lateUsersBusy,
            Latency latencyMs) {
        this(offeredQps, achievedQps, requests, errors, late, lateUsersBusy, latencyMs, null, null, 0);
    }

    /** These numbers with the harness's CPU use over the window. */
    public LoadNumbers withHarnessCpu(Double cpus, Integer host) {
        return new LoadNumbers(
                offeredQps,
                achievedQps,
                requests,
                errors,
                late,
                lateUsersBusy,
                latencyMs,
                cpus,
                host,
                unsent,
                unsentUsersBusy,
                latencyHistogram,
                injectors);
    }

    /** These numbers with the step's dropped arrivals, {@code usersBusy} of them for want of a free user. */
    public LoadNumbers withUnsent(long dropped, long usersBusy) {
        return new LoadNumbers(
                offeredQps,
                achievedQps,
                requests,
                errors,
                late,
                lateUsersBusy,
                latencyMs,
                harnessCpus,
                hostCpus,
                dropped,
                usersBusy,
                latencyHistogram,
                injectors);
    }

    /** These numbers with the window's latency record ({@code load.LatencyHistogram#encoded()}). */
    public LoadNumbers withLatencyHistogram(String encoded) {
        return new LoadNumbers(
                offeredQps,
                achievedQps,
                requests,
                errors,
                late,
                lateUsersBusy,
                latencyMs,
                harnessCpus,
                hostCpus,
                unsent,
                unsentUsersBusy,
                encoded,
                injectors);
    }

    /** These numbers as the merge of several injectors', with each one's numbers ({@link #injectors()}). */
    public LoadNumbers withInjectors(java.util.List<LoadNumbers> each) {
        return new LoadNumbers(
                offeredQps,
                achievedQps,
                requests,
                errors,
                late,
                lateUsersBusy,
                latencyMs,
                harnessCpus,
                hostCpus,
                unsent,
                unsentUsersBusy,
                latencyHistogram,
                each == null ? null : java.util.List.copyOf(each));
    }

    /** Latency in milliseconds; a value the manifest lacks is NaN. */
    public record Latency(double mean, double p50, double p95, double p99, double max) {}

    /** Share of late requests above which a window measured the harness (or the target's saturation), not the target's pace. */
    public static final double LATE_MAX = 0.05;
    /**
     * Share of the late requests that found every pooled user waiting on the target, from which the
     * lateness is the target's saturation (it set the pace) rather than the harness's.
     */
    public static final double USERS_BUSY_MIN = 0.5;

    /** More than {@link #LATE_MAX} of the requests went out late. */
    public boolean tooLate() {
        return lateRate() > LATE_MAX;
    }

    /** Late, and mostly because every pooled user still waited on a response: the target set the pace. */
    public boolean lateForTheTarget() {
        return tooLate() && lateUsersBusyShare() >= USERS_BUSY_MIN;
    }

    /**
     * Late with pooled users free, or arrivals dropped at the step's end with a user free for them: the harness
     * could not send the plan. Arrivals dropped because every user waited on the target are its saturation.
     */
    public boolean harnessBehind() {
        return tooLate() && !lateForTheTarget() || unsent - unsentUsersBusy > 0;
    }

    /** Share of the late requests that waited for a pooled user busy with the target (0 when none was late). */
    public double lateUsersBusyShare() {
        return late == 0 ? 0 : (double) lateUsersBusy / late;
    }

    /** Requests the target is known to have served: requests - errors. */
    public long served() {
        return Math.max(0, requests - errors);
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /** Share of the window's requests the harness sent late. */
    public double lateRate() {
        return requests == 0 ? 0 : (double) late / requests;
    }

    /** Mean latency in ms, NaN without latency numbers. */
    public double meanMs() {
        return latencyMs == null ? Double.NaN : latencyMs.mean();
    }

    /** 99th percentile latency in ms, NaN without latency numbers. */
    public double p99Ms() {
        return latencyMs == null ? Double.NaN : latencyMs.p99();
    }
}
