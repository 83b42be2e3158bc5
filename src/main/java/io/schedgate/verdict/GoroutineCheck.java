package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetricsValue;
import io.schedgate.run.CaptureKind;
import io.schedgate.signals.IdleConnections;
import io.schedgate.stats.LittlesLaw;
import io.schedgate.text.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Goroutines against Little's law. Requests in flight L = λW (achieved QPS × mean latency), each
 * holding g goroutines, so a healthy step has about baseline + L·g goroutines. g is
 * /sched/goroutines-created per request where Go (≥ 1.26) exports it, else it is learnt from the
 * first step (low confidence). A step FAILs above baseline + 2·L·g + slack ("blow-up"); the ramp
 * FAILs when the goroutines after the cool-down stay above the pre-ramp baseline + slack ("leak").
 * Go 1.26+ counts system goroutines in /sched/goroutines (FINDINGS §4): both sides of each
 * comparison come from the same process, so they cancel.
 */
public final class GoroutineCheck implements Check {

    public static final String BLOWUP_ID = "goroutines.littles-law";
    public static final String LEAK_ID = "goroutines.leak";
    public static final String GROWTH_ID = "goroutines.growth";

    static final Limit SLACK = Limit.nonNegative(
            "goroutines.slack", 20, "goroutines tolerated above a prediction or the baseline before judging");

    /** The values this check reads. */
    record Limits(
            double goroutineSlack,
            double maxLinearityExponent,
            double confidenceLevel,
            double saturationAchievedRatio) {
        static Limits of(Thresholds t) {
            return new Limits(
                    t.get(SLACK),
                    t.get(GrowthTrend.MAX_EXPONENT),
                    t.get(GrowthTrend.CONFIDENCE),
                    t.get(SaturationCheck.ACHIEVED_RATIO));
        }
    }

    @Override
    public String id() {
        return "goroutines";
    }

    @Override
    public List<Limit> limits() {
        return List.of(SLACK, GrowthTrend.MAX_EXPONENT, GrowthTrend.CONFIDENCE, SaturationCheck.ACHIEVED_RATIO);
    }

    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        RunData run = in.run();
        Limits t = Limits.of(in.thresholds());
        List<CheckResult> results = new ArrayList<>();
        GoroutineCounts counts = GoroutineCounts.of(run);
        RuntimeMetricsValue baseline = counts.baseline();
        double learnt = Double.NaN;
        // goroutines per request at the last step with requests in flight: what a request still being
        // served after the cool-down may hold besides its handler (a fan-out's children)
        double lastPerRequest = Double.NaN;
        List<double[]> growth = new ArrayList<>();
        for (RunStep step : run.steps()) {
            if (!baseline.present()) {
                results.add(CheckResult.noData(BLOWUP_ID, step.index(), "goroutines", baseline.absentReason()));
                continue;
            }
            if (step.load() == null || Double.isNaN(step.load().meanMs())) {
                results.add(CheckResult.noData(
                        BLOWUP_ID,
                        step.index(),
                        "goroutines",
                        Evidence.step(step.index()) + ": needs the window's mean latency (no load numbers)"));
                continue;
            }
            RuntimeMetricsValue observedAll = counts.atWindowEnd(step);
            if (!observedAll.present()) {
                results.add(CheckResult.noData(BLOWUP_ID, step.index(), "goroutines", observedAll.absentReason()));
                continue;
            }
            // idle keep-alive connections follow the client's pool, not the requests in flight
            long idleInProfile = Math.max(0, idleConnections(run, step.capture(CaptureKind.GOROUTINE_END)));
            // counted in the goroutine profile: when the count is /metrics', at most its rise above the
            // baseline (a profile and a scrape that disagree must not give fewer goroutines than idle)
            long idle = Math.min(idleInProfile, (long) Math.max(0, observedAll.value() - baseline.value()));
            RuntimeMetricsValue observed = RuntimeMetricsValue.of(observedAll.value() - idle);
            double inFlight =
                    LittlesLaw.inSystem(step.load().achievedQps(), step.load().meanMs() / 1000.0);
            RuntimeMetricsValue created = step.metrics() == null
                    ? RuntimeMetricsValue.absent("no /metrics for the window")
                    : step.metrics().goroutinesCreatedPerRequest();
            String createdSource = "/sched/goroutines-created per request";
            TraceCounts.Step trace = TraceCounts.of(run).step(step);
            if (trace.ok() && step.load().achievedQps() > 0 && trace.stats().durationNs() > 0) {
                // exact, from the step's execution trace: goroutines created per request served in the slice
                created = RuntimeMetricsValue.of(trace.stats().goroutinesCreated()
                        / (step.load().achievedQps() * trace.stats().seconds()));
                createdSource = "execution trace: goroutines created per request";
            }
            double perRequest;
            Confidence confidence;
            if (created.present()) {
                perRequest = created.value();
                confidence = Confidence.HIGH;
            } else {
                if (Double.isNaN(learnt) && inFlight > 0) {
                    // Learnt once, from the first step with requests in flight: goroutines above baseline per request.
                    learnt = Math.max(1.0, (observed.value() - baseline.value()) / inFlight);
                }
                // a step where no request completed predicts the baseline whatever the factor
                perRequest = !Double.isNaN(learnt) ? learnt : !Double.isNaN(lastPerRequest) ? lastPerRequest : 1.0;
                confidence = Confidence.LOW;
            }
            if (inFlight > 0) {
                lastPerRequest = perRequest;
            }
            double predicted = baseline.value() + inFlight * perRequest;
            double limit = baseline.value() + 2 * inFlight * perRequest + t.goroutineSlack();
            // past capacity requests queue, and their goroutines with them: a consequence of the saturation, WARN
            boolean saturated = SaturationCheck.pastCapacity(step, t.saturationAchievedRatio());
            Status status = observed.value() <= limit ? Status.PASS : saturated ? Status.WARN : Status.FAIL;
            Blowup details = new Blowup(
                    baseline.value(),
                    inFlight,
                    perRequest,
                    created.present() ? createdSource : "learnt from the first step",
                    predicted,
                    counts.sourceInDetails(),
                    idle,
                    idleInProfile);
            String evidence = Numbers.num(observed.value()) + " goroutines at the window's end" + counts.suffix()
                    + (idle > 0 ? " (without " + idle + " idle keep-alive connections)" : "")
                    + (idle < idleInProfile
                            ? " (the goroutine profile has " + idleInProfile + " idle keep-alive connections, more"
                                    + " than the count's rise above the baseline: the two disagree, so at most the"
                                    + " rise is left out)"
                            : "")
                    + "; Little's law predicts "
                    + Numbers.num(baseline.value()) + " + " + Numbers.num(inFlight) + " requests in flight × "
                    + Numbers.num(perRequest) + " = " + Numbers.num(predicted)
                    + (status == Status.FAIL ? ": goroutines pile up faster than requests complete (blow-up)" : "")
                    + (status == Status.WARN ? ": goroutines pile up with the requests queued at a saturated step" : "")
                    // where the window's last snapshot has the handlers waiting, when they wait on something
                    + (status == Status.PASS ? "" : Backlog.waitingAt(run, step.capture(CaptureKind.GOROUTINE_END)))
                    + counts.from();
            results.add(new CheckResult(
                    BLOWUP_ID,
                    step.index(),
                    status,
                    observed.value(),
                    limit,
                    "goroutines",
                    confidence,
                    evidence,
                    details));
            double excess = observed.value() - baseline.value();
            if (excess >= 1 && inFlight * perRequest > 0) {
                growth.add(new double[] {inFlight * perRequest, excess});
            }
        }
        if (growth.size() >= 3) {
            results.add(growth(growth, t));
        }
        results.add(leak(run, counts, lastPerRequest, t));
        return results;
    }

    /**
     * Across steps: goroutines above baseline against Little's-law prediction, excess ∝ predicted^b.
     * b clearly above 1 means goroutines pile up faster than the load explains. Only steps with at
     * least one goroutine above baseline count; with fewer than 3 there is no trend to judge and the
     * per-step results stand alone.
     */
    private static CheckResult growth(List<double[]> points, Limits t) {
        double[] predicted = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] excess = points.stream().mapToDouble(p -> p[1]).toArray();
        GrowthTrend trend;
        try {
            trend = GrowthTrend.of(predicted, excess, t.maxLinearityExponent(), t.confidenceLevel());
        } catch (IllegalArgumentException e) {
            return CheckResult.noData(GROWTH_ID, CheckResult.RAMP, "exponent", "cannot fit a trend: " + e.getMessage());
        }
        Status status = trend.status();
        String verdict =
                switch (status) {
                    case FAIL -> "goroutines grow faster than Little's law predicts (blow-up)";
                    case WARN -> "goroutines may grow faster than Little's law predicts";
                    default -> "goroutines grow no faster than Little's law predicts";
                };
        return new CheckResult(
                GROWTH_ID,
                CheckResult.RAMP,
                status,
                trend.fit().exponent(),
                trend.limit(),
                "exponent",
                Confidence.HIGH,
                verdict + ": goroutines above baseline " + trend.describe("predicted") + " over " + points.size()
                        + " steps",
                trend.details());
    }

    private static CheckResult leak(RunData run, GoroutineCounts counts, double perRequest, Limits t) {
        RuntimeMetricsValue baseline = counts.baseline();
        if (!baseline.present()) {
            return CheckResult.noData(LEAK_ID, CheckResult.RAMP, "goroutines", baseline.absentReason());
        }
        RuntimeMetricsValue after = counts.afterCooldown();
        if (!after.present()) {
            return CheckResult.noData(LEAK_ID, CheckResult.RAMP, "goroutines", after.absentReason());
        }
        Capture before = run.baselineCapture(CaptureKind.GOROUTINE);
        Capture end = run.finalCapture(CaptureKind.GOROUTINE);
        long idleGrowth = grown(idleConnections(run, before), idleConnections(run, end));
        // requests still being served after the cool-down (a backlog draining) are not leaked goroutines
        long backlog = grown(Backlog.serving(run, before), Backlog.serving(run, end));
        double excess = after.value() - baseline.value() - idleGrowth - backlog;
        // the goroutines those requests started (a fan-out's children) are not in a handler's stack: up to
        // the goroutines a request holds at the last step, per handler still running
        long handlers = grown(Backlog.handlers(run, before), Backlog.handlers(run, end));
        double children = Double.isNaN(perRequest) ? 0 : Math.ceil(handlers * perRequest);
        Status status = excess > t.goroutineSlack() + children
                ? Status.FAIL
                : backlog > t.goroutineSlack() || excess > t.goroutineSlack() ? Status.WARN : Status.PASS;
        Map<String, Long> grewAt = null;
        Map<String, Long> leakProfile = null;
        String sites = "";
        if (status == Status.FAIL) {
            LeakSites leak = LeakSites.of(run);
            grewAt = leak.grew();
            leakProfile = leak.leakProfile();
            String named = leak.describe(3);
            sites = named.isEmpty()
                    ? "; wait sites unknown (" + String.join("; ", leak.problems()) + ")"
                    : "; " + named;
        }
        String evidence = status == Status.FAIL
                ? "leak: " + Numbers.num(after.value()) + " goroutines after the cool-down against "
                        + Numbers.num(baseline.value()) + " before the ramp (+" + Numbers.num(excess) + ")"
                        + counts.suffix() + sites
                : Numbers.num(after.value()) + " goroutines after the cool-down, " + Numbers.num(baseline.value())
                        + " before the ramp: "
                        + (status == Status.WARN
                                ? "no leak beyond the requests still being served"
                                : "back to baseline")
                        + counts.suffix();
        if (idleGrowth > 0) {
            evidence += " (" + idleGrowth
                    + " more idle keep-alive connections, net/http conn.serve in IO wait, not counted)";
        }
        if (backlog > 0) {
            evidence += "; " + backlog + " goroutines still serving requests after the cool-down, not counted"
                    + Backlog.where(run, end)
                    + (status == Status.WARN && excess > t.goroutineSlack()
                            ? "; the other +" + Numbers.num(excess) + " are within what their " + handlers
                                    + " handlers' requests hold (" + Numbers.num(perRequest)
                                    + " goroutines per request at the last step: up to " + Numbers.num(children)
                                    + ")"
                            : "")
                    + (status == Status.WARN
                            ? ": the backlog had not drained, lengthen -Dschedgate.cooldown.seconds to"
                                    + " see whether anything leaked"
                            : "");
        }
        evidence += counts.from();
        Leak details = new Leak(
                grewAt,
                leakProfile,
                idleGrowth > 0 ? idleGrowth : null,
                backlog > 0 ? backlog : null,
                baseline.value(),
                after.value(),
                counts.sourceInDetails());
        return new CheckResult(
                LEAK_ID,
                CheckResult.RAMP,
                status,
                excess,
                t.goroutineSlack(),
                "goroutines above baseline",
                Confidence.HIGH,
                evidence,
                details);
    }

    /** How many more after than before, 0 when either snapshot could not be read (-1). */
    private static long grown(long before, long after) {
        return before >= 0 && after >= 0 ? Math.max(0, after - before) : 0;
    }

    /** Idle connections in a capture's goroutine profile, or -1 when it cannot be read. */
    private static long idleConnections(RunData run, Capture capture) {
        return run.profiles().goroutines(capture).map(IdleConnections::count).orElse(-1L);
    }

    /**
     * A step's goroutine count against the prediction: the baseline, requests in flight, goroutines per request
     * and where that came from, idle keep-alive connections left out; the count's source unless runtime/metrics.
     */
    public record Blowup(
            double baseline,
            double requestsInFlight,
            double goroutinesPerRequest,
            String goroutinesPerRequestSource,
            double predicted,
            @CheckDetails.Optional String goroutineCountSource,
            long idleConnectionsExcluded,
            long idleConnectionsInProfile)
            implements CheckDetails {}

    /**
     * Goroutines before the ramp and after the cool-down; on a leak where they grew (grewAt, the goroutineleak
     * profile); what was left out, when any: idle connections gained, requests still being served.
     */
    public record Leak(
            @CheckDetails.Optional Map<String, Long> grewAt,
            @CheckDetails.Optional Map<String, Long> goroutineleakProfile,
            @CheckDetails.Optional Long idleConnectionsExcluded,
            @CheckDetails.Optional Long servingRequestsExcluded,
            double baseline,
            double afterCooldown,
            @CheckDetails.Optional String goroutineCountSource)
            implements CheckDetails {}
}
