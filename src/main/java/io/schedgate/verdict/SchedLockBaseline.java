package io.schedgate.verdict;

import io.schedgate.text.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sched.lock pressure against a baseline run at matched load: each step is paired with the
 * baseline step of nearest achieved QPS (within {@link #QPS_TOLERANCE}); the pair regresses when
 * the current share's noise interval lies wholly above the baseline's (CPU: Wilson interval of
 * the sample share; mutex profile: ±50%, FINDINGS §2) and the share rose by at least
 * {@code baseline.schedlockMinRise}. Upper bounds (metric fallback, Go 1.22–1.24 without stacks)
 * are not compared: a bound cannot show a rise. Without a baseline run it has no result.
 */
final class SchedLockBaseline implements Check {

    static final String ID = "schedlock.baseline";
    /** Steps whose achieved QPS differ by at most this fraction are "at matched QPS". */
    static final double QPS_TOLERANCE = 0.15;

    static final Limit MIN_RISE = Limit.fraction(
            "baseline.schedlockMinRise",
            0.005,
            "with a baseline run, sched.lock pressure at matched QPS FAILs only when it rose beyond both"
                    + " noise intervals and by at least this share");

    /** The values this check reads. */
    record Limits(double baselineSchedLockMinRise) {
        static Limits of(Thresholds t) {
            return new Limits(t.get(MIN_RISE));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Limit> limits() {
        return List.of(MIN_RISE);
    }

    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        if (in.baseline() == null) {
            return List.of();
        }
        return List.of(compare(in.earlier(), in.run().goVersion(), in.baseline(), Limits.of(in.thresholds())));
    }

    static CheckResult compare(List<CheckResult> current, String currentGoVersion, Verdict baseline, Limits t) {
        List<CheckResult> base = comparable(baseline.results());
        List<String> pairs = new ArrayList<>();
        List<String> risen = new ArrayList<>();
        Map<String, Pair> details = new LinkedHashMap<>();
        double worstRise = Double.NEGATIVE_INFINITY;
        for (CheckResult c : comparable(current)) {
            double qps = step(c).achievedQps();
            CheckResult match = null;
            for (CheckResult b : base) {
                double bq = step(b).achievedQps();
                if (Math.abs(bq / qps - 1) <= QPS_TOLERANCE
                        && (match == null
                                || Math.abs(bq - qps) < Math.abs(step(match).achievedQps() - qps))) {
                    match = b;
                }
            }
            if (match == null) {
                continue;
            }
            double rise = c.value() - match.value();
            worstRise = Math.max(worstRise, rise);
            boolean beyondNoise = lower(c) > upper(match) && rise >= t.baselineSchedLockMinRise();
            String pair = Evidence.step(c.stepIndex()) + " at " + Numbers.num(qps) + " req/s: "
                    + Numbers.percent(c.value()) + " [" + Numbers.percent(lower(c)) + "–" + Numbers.percent(upper(c))
                    + "] vs baseline " + Evidence.step(match.stepIndex()) + " " + Numbers.percent(match.value()) + " ["
                    + Numbers.percent(lower(match)) + "–" + Numbers.percent(upper(match)) + "]";
            pairs.add(pair);
            details.put(
                    Evidence.step(c.stepIndex()), new Pair(c.value(), match.value(), match.stepIndex(), beyondNoise));
            if (beyondNoise) {
                risen.add(pair);
            }
        }
        if (pairs.isEmpty()) {
            return CheckResult.noData(
                    ID,
                    CheckResult.RAMP,
                    "share of processor time",
                    "no step has a baseline step within "
                            + Numbers.percent(QPS_TOLERANCE)
                            + " of its achieved QPS with an attributed sched.lock share (baseline "
                            + baseline.runDir() + "): cannot compare sched.lock pressure at matched load");
        }
        Status status = risen.isEmpty() ? Status.PASS : Status.FAIL;
        int was = MutexWaitMetricSource.goMinor(baseline.goVersion());
        int now = MutexWaitMetricSource.goMinor(currentGoVersion);
        String caveat = (was <= 24) != (now <= 24)
                ? " (caution: " + baseline.goVersion() + " and " + currentGoVersion
                        + " lie on both sides of the 1.24/1.25"
                        + " boundary, where runtime-lock values change meaning: waiter side vs holder side)"
                : "";
        String evidence = status == Status.FAIL
                ? "sched.lock pressure rose beyond its noise at matched QPS: " + String.join("; ", risen)
                : "sched.lock pressure within noise of the baseline at matched QPS: " + String.join("; ", pairs);
        evidence += caveat;
        return new CheckResult(
                ID,
                CheckResult.RAMP,
                status,
                worstRise,
                t.baselineSchedLockMinRise(),
                "share of processor time",
                Confidence.LOW,
                evidence,
                new Details(details));
    }

    private static List<CheckResult> comparable(List<CheckResult> results) {
        return results.stream()
                .filter(r -> r.checkId().equals(SchedLockPressureCheck.ID) && !r.rampWide() && r.value() != null)
                .filter(r -> r.details() instanceof SchedLockPressureCheck.Step s
                        && !s.upperBound()
                        && s.achievedQps() != null
                        && s.achievedQps() > 0
                        && s.hasInterval())
                .toList();
    }

    private static SchedLockPressureCheck.Step step(CheckResult r) {
        return (SchedLockPressureCheck.Step) r.details();
    }

    private static double lower(CheckResult r) {
        return step(r).shareLower();
    }

    private static double upper(CheckResult r) {
        return step(r).shareUpper();
    }

    /** A step and the baseline step matched to it by achieved QPS. */
    public record Pair(double share, double baselineShare, int baselineStep, boolean beyondNoise)
            implements CheckDetails {}

    /** The matched pairs, keyed by the current run's step name (step-03). */
    public record Details(Map<String, Pair> byStep) implements CheckDetails {
        @Override
        public Map<String, Object> asMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            byStep.forEach((step, pair) -> out.put(step, pair.asMap()));
            return java.util.Collections.unmodifiableMap(out);
        }
    }
}
