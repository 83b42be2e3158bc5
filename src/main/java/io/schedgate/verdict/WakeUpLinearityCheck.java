package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetricsValue;
import io.schedgate.metrics.RuntimeMetricsWindow;
import io.schedgate.run.CaptureKind;
import io.schedgate.stats.LinearFit;
import io.schedgate.stats.OrdinaryLeastSquares;
import io.schedgate.text.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wake-ups should grow linearly with load (the source article: runtime.goready frequency linear in
 * QPS). Per step: scheduling events per request from the /sched/latencies count (× 8 sampling,
 * FINDINGS §4), against the median of the earlier steps (robust to a window that caught a burst
 * of GC work, which makes thousands of scheduling events per cycle): WARN above 2×, FAIL above
 * {@code linearity.maxPerRequestGrowth}× once two earlier steps make the median (a herd's
 * wake-ups per request grow with concurrency, which rises steeply near saturation while the
 * achieved QPS barely moves, so the log-log fit over QPS alone can miss it). Across steps:
 * events/s ∝ QPS^b by log-log least squares; b at least {@link GrowthTrend#PRACTICAL_MARGIN} above the
 * threshold (1) with its whole confidence interval above the threshold is a FAIL, b that far above
 * without the interval to back it a WARN.
 */
public final class WakeUpLinearityCheck implements Check {

    public static final String ID = "wakeup.linearity";
    static final double PER_STEP_GROWTH_WARN = 2.0;
    /**
     * A step FAILs on its own only with this many requests: a GC cycle makes thousands of scheduling
     * events (measured on the lab, Go 1.26: ≈ 4,000 per cycle), which would move events per request
     * of a small step by more than the FAIL factor.
     */
    static final long MIN_REQUESTS_TO_FAIL = 1000;

    /**
     * With exact counts from a trace a step FAILs on its own from this many requests in the traced
     * slice (≈ achieved QPS × its seconds): the GC's wake-ups are left out by wait reason, so what
     * remains moves with requests, and a 1 s slice of a 300 req/s step already holds 300.
     */
    static final long MIN_TRACED_REQUESTS_TO_FAIL = 200;

    static final Limit MAX_PER_REQUEST_GROWTH = Limit.number(
            "linearity.maxPerRequestGrowth",
            6,
            "a step's wake-ups per request FAIL above this × the median of the earlier steps",
            v -> v > 2,
            "must be > 2 (the WARN level), got ");

    /** The values this check reads. */
    record Limits(double maxPerRequestGrowth, double maxLinearityExponent, double confidenceLevel) {
        static Limits of(Thresholds t) {
            return new Limits(
                    t.get(MAX_PER_REQUEST_GROWTH), t.get(GrowthTrend.MAX_EXPONENT), t.get(GrowthTrend.CONFIDENCE));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Limit> limits() {
        return List.of(MAX_PER_REQUEST_GROWTH, GrowthTrend.MAX_EXPONENT, GrowthTrend.CONFIDENCE);
    }

    /** How to get wake-up counts, for a run that has none. */
    static final String HOW_TO_COUNT = "take execution traces (-Dschedgate.trace.seconds=N, default 1: the target"
            + " must serve /debug/pprof/trace, as net/http/pprof does) or serve runtime/metrics' /sched/latencies on /metrics";

    /**
     * The count source, first that the run has: the execution traces (exact wake-ups, goroutines
     * Waiting→Runnable), else runtime/metrics (/sched/latencies count × 8). One source for the whole
     * ramp: the two count different things (wake-ups vs. all scheduling events) and are not compared
     * across steps. Without either the check has no data; CPU time under goready is reported then,
     * but it is a cost with a handful of samples per step and never decides.
     */
    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        RunData run = in.run();
        Limits t = Limits.of(in.thresholds());
        TraceCounts traces = TraceCounts.of(run);
        if (traces.any()) {
            return fromTraces(run, t, traces);
        }
        boolean anyCounts = run.steps().stream()
                .anyMatch(s -> s.metrics() != null
                        && s.metrics().wakeUpEventsPerRequest().present());
        if (!anyCounts
                && run.steps().stream()
                        .anyMatch(s ->
                                run.profiles().load(s.capture(CaptureKind.CPU)).ok())) {
            return goreadyFallback(run, traces);
        }
        List<CheckResult> results = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        List<Double> earlier = new ArrayList<>();
        WakeUpSources sources = null;
        for (RunStep step : run.steps()) {
            RuntimeMetricsWindow w = step.metrics();
            if (w == null) {
                results.add(CheckResult.noData(
                        ID,
                        step.index(),
                        "events/request",
                        Evidence.step(step.index()) + ": no runtime/metrics for the window (" + step.metricsProblem()
                                + ")"));
                continue;
            }
            RuntimeMetricsValue perRequest = w.wakeUpEventsPerRequest();
            if (!perRequest.present()) {
                results.add(CheckResult.noData(ID, step.index(), "events/request", perRequest.absentReason()));
                continue;
            }
            double v = perRequest.value();
            double reference = earlier.isEmpty() ? v : median(earlier);
            double warnAt = PER_STEP_GROWTH_WARN * reference;
            double failAt = t.maxPerRequestGrowth() * reference;
            boolean robustReference = earlier.size() >= 2 && w.requests() >= MIN_REQUESTS_TO_FAIL;
            Status status = robustReference && v > failAt ? Status.FAIL : v > warnAt ? Status.WARN : Status.PASS;
            // Events beyond the reference that the window's GC cycles could have made are no evidence.
            double gcBound = gcEventsBound(run, w);
            double excessEvents = (v - reference) * w.requests();
            boolean gcExplains = status != Status.PASS && excessEvents <= gcBound;
            if (gcExplains) {
                status = Status.PASS;
            }
            RuntimeMetricsValue created = w.goroutinesCreatedPerRequest();
            String evidence = Numbers.num(v) + " scheduling events per request (Δ/sched/latencies count × 8 over "
                    + w.requests() + " requests)"
                    + (created.present() ? ", " + Numbers.num(created.value()) + " goroutines created per request" : "")
                    + (status == Status.PASS
                            ? ""
                            : "; " + Numbers.num(v / reference) + "× the median "
                                    + Numbers.num(reference) + " of the earlier steps"
                                    + (status == Status.FAIL
                                            ? ": wake-ups per request blow up as load rises (goroutine flood)"
                                            : ""))
                    + (gcExplains
                            ? "; above the earlier steps by " + Numbers.num(excessEvents)
                                    + " events, which the window's "
                                    + Numbers.num(w.gcCycles().value()) + " GC cycles can explain (≤ "
                                    + Numbers.num(gcBound) + ")"
                            : "");
            Map<String, Long> failWakers = null;
            Map<String, Long> failWokenAt = null;
            if (status == Status.FAIL) {
                sources = sources == null ? WakeUpSources.of(run) : sources;
                failWakers = sources.wakers();
                failWokenAt = sources.wokenAt();
                evidence += "; top wake-up sources: " + sources.describe(3);
            }
            MetricsStep details = new MetricsStep(
                    w.wakeUpEventsPerSecond().value(),
                    valueOrNull(w.goroutinesCreatedPerRequest()),
                    valueOrNull(w.mutexWaitPerSecondPerProc()),
                    valueOrNull(w.gcCpuShare()),
                    w.requests(),
                    reference,
                    w.gcCycles().present() ? w.gcCycles().value() : null,
                    gcBound,
                    failWakers,
                    failWokenAt);
            results.add(new CheckResult(
                    ID,
                    step.index(),
                    status,
                    v,
                    status == Status.PASS ? warnAt : status == Status.WARN ? failAt : failAt,
                    "events/request",
                    Confidence.HIGH,
                    evidence,
                    details));
            earlier.add(v);
            if (step.load() != null
                    && step.load().achievedQps() > 0
                    && w.wakeUpEventsPerSecond().value() > 0) {
                points.add(new double[] {
                    step.load().achievedQps(), w.wakeUpEventsPerSecond().value(), v, gcBound / w.windowSeconds()
                });
            }
        }
        results.add(rampWide(run, points, t, "events/s", Confidence.HIGH, null));
        return traces.firstProblem().isEmpty()
                ? results
                : withTraceNote(results, traces.firstProblem().get());
    }

    /** The metrics judged although the run has traces: say why the traces could not be used. */
    private static List<CheckResult> withTraceNote(List<CheckResult> results, String problem) {
        List<CheckResult> out = new ArrayList<>();
        for (CheckResult r : results) {
            out.add(new CheckResult(
                    r.checkId(),
                    r.stepIndex(),
                    r.status(),
                    r.value(),
                    r.threshold(),
                    r.unit(),
                    r.confidence(),
                    r.evidence() + " (from runtime/metrics: the execution traces could not be used: " + problem + ")",
                    r.details()));
        }
        return out;
    }

    /**
     * No step has wake-up counts (no trace, no runtime/metrics): NO_DATA, saying how to get counts.
     * CPU time under runtime.goready/runtime.ready per request is reported beside it, LOW confidence:
     * it is a cost, not a count, and 0-5 samples land there per step (a wake-up costs ~1 µs, a CPU
     * sample is 10 ms), so a real thundering herd can look flat: it never decides (FINDINGS §6 (b)).
     */
    private static List<CheckResult> goreadyFallback(RunData run, TraceCounts traces) {
        String why =
                "no wake-up counts: " + traces.firstProblem().map(p -> p + "; ").orElse("")
                        + "no runtime/metrics /sched/latencies either; " + HOW_TO_COUNT;
        List<CheckResult> results = new ArrayList<>();
        for (RunStep step : run.steps()) {
            RunProfiles.Loaded cpu = run.profiles().load(step.capture(CaptureKind.CPU));
            if (!cpu.ok() || step.load() == null || step.load().served() == 0) {
                results.add(CheckResult.noData(
                        ID,
                        step.index(),
                        "goready CPU µs/request",
                        !cpu.ok()
                                ? cpu.problem() + "; " + why
                                : Evidence.step(step.index())
                                        + ": no requests served in the window: nothing to divide by"));
                continue;
            }
            io.schedgate.signals.CpuShare goready = cpu.signals().goready();
            double seconds =
                    cpu.profile().durationNanos() > 0 ? cpu.profile().durationNanos() / 1e9 : step.windowSeconds();
            double served = step.load().achievedQps() * seconds;
            double perRequestUs = goready.cpuNanos() / 1e3 / Math.max(served, 1);
            Goready details = new Goready(goready.samples(), goready.cpuNanos() / 1e9 / seconds);
            results.add(new CheckResult(
                    ID,
                    step.index(),
                    Status.NO_DATA,
                    perRequestUs,
                    null,
                    "goready CPU µs/request",
                    Confidence.LOW,
                    Evidence.step(step.index()) + ": " + why + " (for what it is worth: "
                            + Numbers.num(perRequestUs) + " µs of CPU under runtime.goready/ready per request, "
                            + goready.samples() + " samples, a cost and not a count: it does not judge)",
                    details));
        }
        results.add(CheckResult.noData(ID, CheckResult.RAMP, "exponent", why));
        return results;
    }

    /**
     * Wake-ups per request from each step's execution trace: goroutines Waiting→Runnable in the traced
     * slice, less those of the runtime's own waits (GC workers, the tracer: {@link TraceCounts#runtimeReason}),
     * over the requests of the slice (achieved QPS × the trace's seconds). Judged as the metrics counts
     * are (the median of the earlier steps, the ramp-wide exponent), without the GC allowance: the
     * GC's wake-ups are already left out.
     */
    private static List<CheckResult> fromTraces(RunData run, Limits t, TraceCounts traces) {
        List<CheckResult> results = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        List<Double> earlier = new ArrayList<>();
        String unit = "wake-ups/request";
        for (RunStep step : run.steps()) {
            TraceCounts.Step traced = traces.step(step);
            if (!traced.ok()) {
                results.add(CheckResult.noData(ID, step.index(), unit, traced.problem()));
                continue;
            }
            if (step.load() == null || step.load().achievedQps() <= 0) {
                results.add(CheckResult.noData(
                        ID,
                        step.index(),
                        unit,
                        Evidence.step(step.index()) + ": no requests served in the window: nothing to divide by"));
                continue;
            }
            io.schedgate.signals.TraceStats ts = traced.stats();
            double seconds = ts.seconds();
            double requests = step.load().achievedQps() * seconds;
            if (seconds <= 0 || requests < 1) {
                results.add(CheckResult.noData(
                        ID,
                        step.index(),
                        unit,
                        Evidence.step(step.index()) + ": the trace covers " + Numbers.num(seconds)
                                + " s, under one request: nothing to divide by"));
                continue;
            }
            long wakeUps = TraceCounts.requestWakeUps(ts);
            double v = wakeUps / requests;
            double reference = earlier.isEmpty() ? v : median(earlier);
            double warnAt = PER_STEP_GROWTH_WARN * reference;
            double failAt = t.maxPerRequestGrowth() * reference;
            boolean robustReference = earlier.size() >= 2 && requests >= MIN_TRACED_REQUESTS_TO_FAIL;
            Status status = robustReference && v > failAt ? Status.FAIL : v > warnAt ? Status.WARN : Status.PASS;
            Map<String, Long> wakers = new LinkedHashMap<>();
            ts.wakeUps().topWakers().forEach(w -> wakers.put(w.site(), w.count()));
            TraceStep details = new TraceStep(
                    "trace",
                    wakeUps,
                    TraceCounts.runtimeWakeUps(ts),
                    wakeUps / seconds,
                    seconds,
                    step.windowSeconds(),
                    requests,
                    reference,
                    ts.goroutinesCreated() / requests,
                    ts.schedulingLatency().p99Ns(),
                    ts.wakeUps().byReason(),
                    wakers,
                    // the other count, for comparison only: all scheduling events, sampled 1 in 8
                    step.metrics() != null
                                    && step.metrics().wakeUpEventsPerRequest().present()
                            ? step.metrics().wakeUpEventsPerRequest().value()
                            : null);
            io.schedgate.signals.TraceStats.Site top = ts.topWaker();
            String evidence = Numbers.num(v) + " wake-ups per request (" + wakeUps + " goroutines unblocked over ≈"
                    + Numbers.num(requests) + " requests; wake-ups from the execution trace, "
                    + String.format(
                            java.util.Locale.ROOT, "%.1f s of the %.0f s window), ", seconds, step.windowSeconds())
                    + Numbers.num(ts.goroutinesCreated() / requests) + " goroutines created per request"
                    + (top == null
                            ? ""
                            : "; top waker " + top.site() + " ("
                                    + Numbers.percent((double) top.count()
                                            / Math.max(1, ts.wakeUps().total())) + " of wake-ups)")
                    + (status == Status.PASS
                            ? ""
                            : "; " + Numbers.num(v / reference) + "× the median "
                                    + Numbers.num(reference) + " of the earlier steps"
                                    + (status == Status.FAIL
                                            ? ": wake-ups per request blow up as load rises (thundering herd)"
                                            : ""));
            results.add(new CheckResult(
                    ID,
                    step.index(),
                    status,
                    v,
                    status == Status.PASS ? warnAt : failAt,
                    unit,
                    Confidence.HIGH,
                    evidence,
                    details));
            earlier.add(v);
            if (step.load().achievedQps() > 0 && wakeUps > 0) {
                points.add(new double[] {step.load().achievedQps(), wakeUps / seconds, v});
            }
        }
        results.add(rampWide(run, points, t, "wake-ups/s", Confidence.HIGH, traces));
        return results;
    }

    /** {@code traces}: the run's traces when they are the source (their waker sites), else null (the profiles'). */
    private static CheckResult rampWide(
            RunData run, List<double[]> points, Limits t, String what, Confidence confidence, TraceCounts traces) {
        if (points.size() < 3) {
            return CheckResult.noData(
                    ID,
                    CheckResult.RAMP,
                    "exponent",
                    "needs wake-up counts and achieved QPS at 3 or more steps to fit a trend, got " + points.size());
        }
        double[] qps = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] eventsPerSecond = points.stream().mapToDouble(p -> p[1]).toArray();
        GrowthTrend trend;
        LinearFit linear;
        try {
            trend = GrowthTrend.of(qps, eventsPerSecond, t.maxLinearityExponent(), t.confidenceLevel());
            linear = OrdinaryLeastSquares.fit(qps, eventsPerSecond);
        } catch (IllegalArgumentException e) {
            return CheckResult.noData(ID, CheckResult.RAMP, "exponent", "cannot fit a trend: " + e.getMessage());
        }
        Status status = trend.status();
        // The trend must not rest on GC: the last step's events/s beyond linear growth from the first
        // step have to exceed what its GC cycles can make, else FAIL is only a WARN.
        double[] first = points.get(0);
        double[] last = points.get(points.size() - 1);
        double beyondLinear = last[1] - first[1] * last[0] / first[0];
        boolean gcExplains = status == Status.FAIL && last.length > 3 && beyondLinear <= last[3];
        if (gcExplains) {
            status = Status.WARN;
        }
        String verdict = gcExplains
                ? "wake-ups may grow faster than load, but the last step's excess (" + Numbers.num(beyondLinear)
                        + " events/s) is within what its GC cycles can make (" + Numbers.num(last[3]) + "/s)"
                : switch (status) {
                    case FAIL -> "wake-ups grow faster than load";
                    case WARN ->
                        "wake-ups may grow faster than load (the interval still includes " + Numbers.num(trend.limit())
                                + ")";
                    default -> "wake-ups grow in step with load";
                };
        Map<String, Long> rampWakers = null;
        Map<String, Long> rampWokenAt = null;
        String evidence = verdict + ": " + what + " " + trend.describe("QPS") + ", linear R² "
                + Numbers.num(linear.rSquared()) + ", over " + points.size() + " steps; per request "
                + Numbers.num(points.get(0)[2]) + " → " + Numbers.num(points.get(points.size() - 1)[2]);
        if (status != Status.PASS && traces != null) {
            WakeUpSources sources = WakeUpSources.fromTraces(traces);
            rampWakers = sources.wakers();
            evidence += "; top wake-up sources: " + sources.describe(3);
        } else if (status != Status.PASS) {
            WakeUpSources sources = WakeUpSources.of(run);
            rampWakers = sources.wakers();
            rampWokenAt = sources.wokenAt();
            evidence += "; top wake-up sources: " + sources.describe(3);
        }
        Ramp details = new Ramp(trend.details(), linear.rSquared(), linear.slope(), rampWakers, rampWokenAt);
        return new CheckResult(
                ID,
                CheckResult.RAMP,
                status,
                trend.fit().exponent(),
                trend.limit(),
                "exponent",
                confidence,
                evidence,
                details);
    }

    /**
     * Scheduling events one GC cycle can make, per GOMAXPROCS: idle-priority mark workers run and are
     * preempted whenever a P idles. Measured on the lab (Go 1.26.8, GOMAXPROCS=2, 400 req/s of
     * /healthy with profiles being taken): Δ/sched/latencies count 6,049 with GOGC=100 (5 cycles) vs
     * 657 with GOGC=off, i.e. (6,049 − 657) × 8 / 5 ≈ 8,600 events per cycle, ≈ 4,300 per P; bounded
     * here at 5,000 per P.
     */
    static final double GC_EVENTS_PER_CYCLE_PER_PROC = 5000;

    private static double gcEventsBound(RunData run, RuntimeMetricsWindow w) {
        RuntimeMetricsValue cycles = w.gcCycles();
        RuntimeMetricsValue procs = w.end().get(io.schedgate.metrics.RuntimeMetricsName.SCHED_GOMAXPROCS);
        double p = procs.present() ? procs.value() : Math.max(1, run.gomaxprocs());
        return cycles.present() ? cycles.value() * GC_EVENTS_PER_CYCLE_PER_PROC * p : 0;
    }

    /** Median of the earlier steps: one odd window (a burst of GC work) must not move the reference. */
    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static Double valueOrNull(RuntimeMetricsValue v) {
        return v.present() ? v.value() : null;
    }

    /**
     * One step judged from the /metrics scrapes: scheduling events (Δ/sched/latencies count × 8) per second
     * and per request, the reference (median of the earlier steps), the GC bound; the wake-up sources at a FAIL.
     */
    record MetricsStep(
            double eventsPerSecond,
            @CheckDetails.Optional Double goroutinesCreatedPerRequest,
            @CheckDetails.Optional Double mutexWaitSecondsPerSecondPerProc,
            @CheckDetails.Optional Double gcCpuShare,
            long requests,
            double referencePerRequest,
            Double gcCycles,
            double gcEventsBound,
            @CheckDetails.Optional Map<String, Long> wakers,
            @CheckDetails.Optional Map<String, Long> wokenAt)
            implements CheckDetails {}

    /** One step judged from its execution-trace slice: exact wake-up counts, by reason and by waker. */
    record TraceStep(
            String source,
            long wakeUps,
            long runtimeWakeUps,
            double wakeUpsPerSecond,
            double traceSeconds,
            double windowSeconds,
            double requests,
            double referencePerRequest,
            double goroutinesCreatedPerRequest,
            long schedulingLatencyP99Ns,
            Map<String, Long> byReason,
            Map<String, Long> wakers,
            @CheckDetails.Optional Double metricsEventsPerRequest)
            implements CheckDetails {}

    /** The ramp's trend: the power-law fit's keys, the linear fit beside it, the sources when not PASS. */
    record Ramp(
            @CheckDetails.Inline GrowthTrend.Fit trend,
            double linearRSquared,
            double linearSlopeEventsPerRequest,
            @CheckDetails.Optional Map<String, Long> wakers,
            @CheckDetails.Optional Map<String, Long> wokenAt)
            implements CheckDetails {}

    /** A step judged from the CPU profile alone: goready's samples and CPU seconds per second (NO_DATA). */
    public record Goready(long goreadySamples, double goreadyCpuSecondsPerSecond) implements CheckDetails {}
}
