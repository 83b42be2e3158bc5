package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetricsValue;
import io.schedgate.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * sched.lock pressure per step: the share of processor time lost to the scheduler lock, WARN above
 * {@code schedlock.warn}, FAIL above {@code schedlock.fail} (the source
 * article's 15%), always stated with the step's GC share because the article calls it abnormal
 * together with frequent GC. An upper bound (metric fallback) can PASS when below the warning
 * level but cannot FAIL: above it, the step WARNs that profiles are needed to attribute the time.
 */
public final class SchedLockPressureCheck implements Check {

    public static final String ID = "schedlock.pressure";

    public static final Limit FAIL = Limit.fraction(
            "schedlock.fail", 0.15, "sched.lock share of processor time above which a step FAILs (the article's 15%)");
    public static final Limit WARN = Limit.fraction(
                    "schedlock.warn", 0.05, "sched.lock share of processor time above which a step WARNs")
            .notAbove(FAIL);

    /**
     * A superlinear trend WARNs only once the lock is a visible cost: the last step's share at least
     * this fraction of {@code schedlock.warn} (0.5% at the default 5%). Below it a GC-heavy service's
     * stop-the-world and gcstopm paths make sched.lock grow as QPS^4 from 0.00% to 0.27%: real growth
     * of a negligible cost, not a finding.
     */
    static final double TREND_FLOOR_OF_WARN = 0.1;

    /** The values this check reads. */
    record Limits(double schedLockWarn, double schedLockFail, double maxLinearityExponent, double confidenceLevel) {
        static Limits of(Thresholds t) {
            return new Limits(t.get(WARN), t.get(FAIL), t.get(GrowthTrend.MAX_EXPONENT), t.get(GrowthTrend.CONFIDENCE));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Limit> limits() {
        return List.of(WARN, FAIL, GrowthTrend.MAX_EXPONENT, GrowthTrend.CONFIDENCE);
    }

    private final SchedLockSource source;

    public SchedLockPressureCheck(SchedLockSource source) {
        this.source = source;
    }

    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        RunData run = in.run();
        Limits t = Limits.of(in.thresholds());
        List<CheckResult> results = new ArrayList<>();
        List<Object[]> measured = new ArrayList<>();
        for (RunStep step : run.steps()) {
            SchedLockMeasurement m = source.measure(run, step);
            if (!m.present()) {
                results.add(CheckResult.noData(ID, step.index(), "share of processor time", m.absentReason()));
                continue;
            }
            double share = m.share();
            Status status;
            double threshold;
            if (m.upperBound()) {
                status = share <= t.schedLockWarn() ? Status.PASS : Status.WARN;
                threshold = t.schedLockWarn();
            } else {
                status =
                        share > t.schedLockFail() ? Status.FAIL : share > t.schedLockWarn() ? Status.WARN : Status.PASS;
                threshold = share > t.schedLockWarn() ? t.schedLockFail() : t.schedLockWarn();
            }
            boolean gcMetrics = step.metrics() != null;
            Step details = new Step(
                    m.spinShare(),
                    m.waitShare(),
                    m.waitIncludesSpin(),
                    m.shareLower(),
                    m.shareUpper(),
                    m.upperBound(),
                    m.coversSpinning(),
                    m.method(),
                    m.holders(),
                    m.diagnostics(),
                    step.load() != null ? step.load().achievedQps() : null,
                    Double.isNaN(m.gcShareFromProfile()) ? null : m.gcShareFromProfile(),
                    gcMetrics && step.metrics().gcCycles().present()
                            ? step.metrics().gcCycles().value()
                            : null,
                    gcMetrics && step.metrics().gcCpuShare().present()
                            ? step.metrics().gcCpuShare().value()
                            : null);
            String gc = gcPhrase(step, m);
            String amount = (m.upperBound() ? "at most " : "") + Numbers.percent(share);
            String evidence = (m.upperBound() && status == Status.WARN
                            ? "cannot attribute: up to " + Numbers.percent(share)
                                    + " of processor time waiting on locks, which"
                                    + " includes sync.Mutex; take mutex and CPU profiles to isolate sched.lock"
                            : "sched.lock " + (m.coversSpinning() ? "" : "waits ") + amount + " of processor time"
                                    + holdersPhrase(m))
                    + " (" + m.method() + "); " + gc
                    + (m.diagnostics().isEmpty() ? "" : "; " + String.join("; ", m.diagnostics()));
            results.add(new CheckResult(
                    ID,
                    step.index(),
                    status,
                    share,
                    threshold,
                    "share of processor time",
                    m.confidence(),
                    evidence,
                    details));
            measured.add(new Object[] {step, m});
        }
        if (measured.size() >= 2) {
            results.add(trend(measured, t));
        }
        return results;
    }

    /**
     * Across steps: the share at each step and which paths hold the lock, first to last. PASS,
     * or WARN when the share grows faster than the load (log-log exponent of share × QPS against
     * QPS above 1 with its whole confidence interval, 3+ steps): the lock gets relatively hotter as load rises.
     */
    private static CheckResult trend(List<Object[]> measured, Limits t) {
        List<String> shares = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        Map<String, Double> perStep = new LinkedHashMap<>();
        for (Object[] o : measured) {
            RunStep step = (RunStep) o[0];
            SchedLockMeasurement m = (SchedLockMeasurement) o[1];
            shares.add(Numbers.percent(m.share()));
            perStep.put(Evidence.step(step.index()), m.share());
            if (step.load() != null && step.load().achievedQps() > 0 && m.share() > 0) {
                points.add(new double[] {
                    step.load().achievedQps(), m.share() * step.load().achievedQps()
                });
            }
        }
        SchedLockMeasurement first = (SchedLockMeasurement) measured.get(0)[1];
        SchedLockMeasurement last = (SchedLockMeasurement) measured.get(measured.size() - 1)[1];
        Status status = Status.PASS;
        String growth = "";
        GrowthTrend.Fit fit = null;
        if (points.size() >= 3) {
            try {
                GrowthTrend g = GrowthTrend.of(
                        points.stream().mapToDouble(x -> x[0]).toArray(),
                        points.stream().mapToDouble(x -> x[1]).toArray(),
                        t.maxLinearityExponent(),
                        t.confidenceLevel());
                boolean superlinear = g.status() == Status.FAIL;
                double floor = TREND_FLOOR_OF_WARN * t.schedLockWarn();
                boolean visible = last.share() >= floor;
                status = superlinear && visible ? Status.WARN : Status.PASS;
                growth = "; sched.lock time/s " + g.describe("QPS")
                        + (status == Status.WARN ? ": the lock gets hotter faster than the load grows" : "")
                        + (superlinear && !visible
                                ? ": it grows faster than the load, but at " + Numbers.percent(last.share())
                                        + " of processor time it is below " + Numbers.percent(floor)
                                        + " (a tenth of schedlock.warn), no cost yet"
                                : "");
                fit = g.details();
            } catch (IllegalArgumentException e) {
                growth = "; no trend fitted (" + e.getMessage() + ")";
            }
        }
        String evidence = "sched.lock " + String.join(" → ", shares) + " of processor time across " + measured.size()
                + " steps" + pathsTrend(first, last) + growth;
        return new CheckResult(
                ID,
                CheckResult.RAMP,
                status,
                last.share(),
                null,
                "share of processor time",
                last.confidence(),
                evidence,
                new Trend(perStep, first.holders(), last.holders(), fit));
    }

    private static String pathsTrend(SchedLockMeasurement first, SchedLockMeasurement last) {
        if (last.holders().isEmpty()) {
            return "";
        }
        return "; paths first step: " + (first.holders().isEmpty() ? "none" : top(first, 3)) + ", last step: "
                + top(last, 3);
    }

    private static String top(SchedLockMeasurement m, int n) {
        double total =
                m.holders().values().stream().mapToDouble(Double::doubleValue).sum();
        return m.holders().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(n)
                .map(e -> shortName(e.getKey()) + " " + Numbers.percent(total > 0 ? e.getValue() / total : 0))
                .collect(Collectors.joining(", "));
    }

    private static String shortName(String function) {
        return function.startsWith("runtime.") ? function.substring("runtime.".length()) : function;
    }

    /** GC share from /cpu/classes when a GC cycle ended in the window, else from the CPU profile. */
    private static String gcPhrase(RunStep step, SchedLockMeasurement m) {
        String fromProfile = Double.isNaN(m.gcShareFromProfile())
                ? null
                : "GC " + Numbers.percent(m.gcShareFromProfile()) + " of CPU samples (CPU profile)";
        if (step.metrics() == null) {
            return fromProfile != null ? fromProfile : "GC share unknown";
        }
        RuntimeMetricsValue share = step.metrics().gcCpuShare();
        RuntimeMetricsValue cycles = step.metrics().gcCycles();
        if (!share.present() && fromProfile != null) {
            return fromProfile + (cycles.present() ? ", GC cycles in the window: " + Numbers.num(cycles.value()) : "");
        }
        return (share.present() ? "GC " + Numbers.percent(share.value()) + " of CPU" : "GC share unknown")
                + (cycles.present() ? ", GC cycles in the window: " + Numbers.num(cycles.value()) : "");
    }

    private static String holdersPhrase(SchedLockMeasurement m) {
        if (m.holders().isEmpty()) {
            return "";
        }
        return ", held most by "
                + m.holders().entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                        .limit(3)
                        .map(e -> e.getKey() + " " + Numbers.percent(e.getValue()))
                        .collect(Collectors.joining(", "));
    }

    /**
     * A step's sched.lock measurement: the shares, their noise interval (NaN, i.e. null, when unknown), how it
     * was measured, the holding paths; achievedQps with load numbers, and the GC share from whichever of the CPU
     * profile and /cpu/classes the step had.
     */
    public record Step(
            double spinShare,
            double waitShare,
            boolean waitIncludesSpin,
            double shareLower,
            double shareUpper,
            boolean upperBound,
            boolean coversSpinning,
            String method,
            Map<String, Double> holders,
            List<String> diagnostics,
            @CheckDetails.Optional Double achievedQps,
            @CheckDetails.Optional Double gcCpuShareProfile,
            @CheckDetails.Optional Double gcCycles,
            @CheckDetails.Optional Double gcCpuShare)
            implements CheckDetails {

        /** The share's noise interval is known (both ends finite). */
        public boolean hasInterval() {
            return Double.isFinite(shareLower) && Double.isFinite(shareUpper);
        }
    }

    /** Across steps: the share by step, the holders at the first and last step, and the growth fit if any. */
    public record Trend(
            Map<String, Double> shareByStep,
            Map<String, Double> holdersFirst,
            Map<String, Double> holdersLast,
            @CheckDetails.Inline GrowthTrend.Fit growth)
            implements CheckDetails {}
}
