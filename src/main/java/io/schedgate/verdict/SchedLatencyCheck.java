package io.schedgate.verdict;

import io.schedgate.metrics.HistogramWindow;
import io.schedgate.text.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scheduling latency: how long goroutines wait runnable before they run, the most direct "is the
 * scheduler coping" number. Per step, exactly from the step's execution trace slice when there is one
 * (every transition, confidence high); else the 99th percentile of the window's /sched/latencies
 * histogram (the end scrape minus the start scrape; the runtime samples 1 in 8 transitions, which
 * leaves quantiles unbiased). client_golang's buckets are about 11× apart, so the percentile is
 * known to its bucket and estimated inside it by log-linear interpolation; confidence is low. A step
 * FAILs when the p99's bucket lies wholly above {@code schedlatency.p99FailMs} (its lower bound is at or
 * above it): a decision on the bucket, never on the interpolated point. At a saturated step (past
 * capacity) the same WARNs: there, waiting for a P is the saturation the ramp was looking for. Across the ramp the p99 of the top step against the
 * first is reported, WARNing when it grew {@link #GROWTH_WARN}× and passed {@code schedlatency.p99WarnMs}.
 */
public final class SchedLatencyCheck implements Check {

    public static final String ID = "sched.latency";
    /** Growth of the p99 from the first to the top step that WARNs ramp-wide (once it is above the warn level). */
    static final double GROWTH_WARN = 10;

    private static final double P = 0.99;

    static final Limit P99_FAIL_MS = Limit.number(
            "schedlatency.p99FailMs",
            10,
            "a step FAILs when its p99 scheduling latency (runnable → running) is surely above this (ms)",
            v -> true,
            "");
    static final Limit P99_WARN_MS = Limit.number(
            "schedlatency.p99WarnMs",
            1,
            "across the ramp, a p99 that grew 10× WARNs once above this (ms)",
            v -> true,
            "");

    /** The values this check reads. */
    record Limits(double schedLatencyP99FailMs, double schedLatencyP99WarnMs, double saturationAchievedRatio) {
        static Limits of(Thresholds t) {
            return new Limits(t.get(P99_FAIL_MS), t.get(P99_WARN_MS), t.get(SaturationCheck.ACHIEVED_RATIO));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Limit> limits() {
        return List.of(P99_FAIL_MS, P99_WARN_MS, SaturationCheck.ACHIEVED_RATIO);
    }

    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        RunData run = in.run();
        Limits t = Limits.of(in.thresholds());
        List<CheckResult> results = new ArrayList<>();
        List<double[]> p99s = new ArrayList<>();
        TraceCounts traces = TraceCounts.of(run);
        for (RunStep step : run.steps()) {
            TraceCounts.Step trace = traces.step(step);
            if (trace.ok()
                    && trace.stats().schedulingLatency() != null
                    && trace.stats().schedulingLatency().count() > 0) {
                CheckResult r = fromTrace(step, trace.stats(), t);
                results.add(r);
                p99s.add(new double[] {step.index(), r.value()});
                continue;
            }
            Optional<HistogramWindow> window =
                    step.metrics() == null ? Optional.empty() : step.metrics().schedLatencies();
            Optional<HistogramWindow.Quantile> q = window.flatMap(w -> w.quantile(P));
            if (q.isEmpty()) {
                results.add(CheckResult.noData(
                        ID,
                        step.index(),
                        "ms",
                        Evidence.step(step.index())
                                + ": no scheduling latencies: /metrics has no go_sched_latencies_seconds histogram for the window"
                                + (step.metricsProblem() == null ? "" : " (" + step.metricsProblem() + ")")
                                + (trace.problem() == null
                                        ? ""
                                        : " and no execution trace (" + trace.problem() + ")")));
                continue;
            }
            HistogramWindow.Quantile p99 = q.get();
            double ms = p99.estimate() * 1e3;
            // FAIL only when the p99's whole bucket is above the limit: an interpolated point inside an 11×-wide
            // bucket is a guess, the bucket's lower bound is a measurement
            boolean over = p99.lower() * 1e3 >= t.schedLatencyP99FailMs();
            // past capacity (achieved below the saturation ratio) waiting for a P is the saturation itself: WARN
            boolean saturated = SaturationCheck.pastCapacity(step, t.saturationAchievedRatio());
            Status status = !over ? Status.PASS : saturated ? Status.WARN : Status.FAIL;
            SampledStep d = new SampledStep(
                    ms,
                    p99.lower() * 1e3,
                    Double.isInfinite(p99.upper()) ? null : p99.upper() * 1e3,
                    window.get().count(),
                    "/sched/latencies histogram Δ over the window");
            String evidence = "p99 time runnable → running ≈ " + Numbers.num(ms) + " ms (in the "
                    + Numbers.num(p99.lower() * 1e3) + "–"
                    + (Double.isInfinite(p99.upper()) ? "∞" : Numbers.num(p99.upper() * 1e3))
                    + " ms bucket of /sched/latencies, "
                    + Numbers.num(window.get().count()) + " transitions sampled 1 in 8)"
                    + (status == Status.FAIL
                            ? ": at least " + Numbers.num(p99.lower() * 1e3) + " ms, goroutines wait too long"
                                    + " for a P, the scheduler is not keeping up"
                            : "")
                    + (status == Status.WARN
                            ? ": at least " + Numbers.num(p99.lower() * 1e3) + " ms at a saturated step"
                                    + " (achieved below " + Numbers.percent(t.saturationAchievedRatio())
                                    + " of offered): past capacity"
                            : "");
            results.add(new CheckResult(
                    ID, step.index(), status, ms, t.schedLatencyP99FailMs(), "ms", Confidence.LOW, evidence, d));
            p99s.add(new double[] {step.index(), ms});
        }
        if (p99s.size() >= 2) {
            double[] first = p99s.get(0);
            double[] last = p99s.get(p99s.size() - 1);
            double growth = first[1] > 0 ? last[1] / first[1] : Double.POSITIVE_INFINITY;
            boolean warn = growth >= GROWTH_WARN && last[1] > t.schedLatencyP99WarnMs();
            Growth d = new Growth(first[1], last[1], Double.isInfinite(growth) ? null : growth);
            results.add(new CheckResult(
                    ID,
                    CheckResult.RAMP,
                    warn ? Status.WARN : Status.PASS,
                    Double.isInfinite(growth) ? null : growth,
                    GROWTH_WARN,
                    "× p99",
                    Confidence.LOW,
                    "p99 scheduling latency " + Numbers.num(first[1]) + " ms at " + Evidence.step((int) first[0])
                            + " → "
                            + Numbers.num(last[1]) + " ms at " + Evidence.step((int) last[0])
                            + (warn ? ": grows with the load, goroutines increasingly wait for a P" : ""),
                    d));
        }
        return results;
    }

    /** Exact: every Runnable→Running transition of the step's trace slice (tools/tracestat). */
    private static CheckResult fromTrace(RunStep step, io.schedgate.signals.TraceStats stats, Limits t) {
        io.schedgate.signals.TraceStats.Latency l = stats.schedulingLatency();
        double ms = l.p99Ns() / 1e6;
        boolean over = ms > t.schedLatencyP99FailMs();
        Status status = !over
                ? Status.PASS
                : SaturationCheck.pastCapacity(step, t.saturationAchievedRatio()) ? Status.WARN : Status.FAIL;
        TracedStep d = new TracedStep(
                ms,
                l.p50Ns() / 1e6,
                l.maxNs() / 1e6,
                l.count(),
                "execution trace, " + Numbers.num(stats.seconds()) + " s of the window");
        String evidence = "p99 time runnable → running " + Numbers.num(ms) + " ms (p50 "
                + Numbers.num(l.p50Ns() / 1e6)
                + " ms, max " + Numbers.num(l.maxNs() / 1e6) + " ms over " + l.count() + " transitions in "
                + Numbers.num(stats.seconds()) + " s of execution trace)"
                + (status == Status.FAIL ? ": goroutines wait too long for a P, the scheduler is not keeping up" : "")
                + (status == Status.WARN ? ": at a saturated step, past capacity" : "");
        return new CheckResult(
                ID, step.index(), status, ms, t.schedLatencyP99FailMs(), "ms", Confidence.HIGH, evidence, d);
    }

    /** A step's p99 from the sampled /sched/latencies histogram: the estimate and its bucket (upper null: ∞). */
    public record SampledStep(
            double p99Ms, double bucketLowerMs, Double bucketUpperMs, double sampledTransitions, String source)
            implements CheckDetails {}

    /** A step's latencies from every transition in its execution trace. */
    public record TracedStep(double p99Ms, double p50Ms, double maxMs, long transitions, String source)
            implements CheckDetails {}

    /** Ramp-wide: the p99 at the first and last step, and how many times it grew (null: from zero). */
    public record Growth(double firstP99Ms, double lastP99Ms, Double growth) implements CheckDetails {}
}
