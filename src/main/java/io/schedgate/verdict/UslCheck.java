package io.schedgate.verdict;

import io.schedgate.stats.LittlesLaw;
import io.schedgate.stats.UniversalScalabilityLaw;
import io.schedgate.stats.UslFit;
import io.schedgate.text.Numbers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fits the Universal Scalability Law to the steps: throughput X = achieved QPS, concurrency
 * N = X·W by Little's law (mean latency W). Needs {@code usl.minSteps} steps; with fewer
 * it says so in a note and gives no result (too few points is not a failure of the service).
 * Informational: PASS, or WARN when coherency-bound and the ramp already went past the peak, or
 * when the law does not fit (R² below {@link #MIN_R_SQUARED} or σ above 1, e.g. when latency noise
 * dominates the concurrency estimate).
 */
public final class UslCheck implements Check {

    public static final String ID = "usl";

    /** Below this R² the fitted σ, κ and peak are not reported as findings. */
    static final double MIN_R_SQUARED = 0.8;

    static final Limit MIN_STEPS = Limit.integer(
            "usl.minSteps",
            6,
            "steps needed before the USL is fitted (at least 4)",
            v -> v >= 4,
            "must be >= 4 (the USL has 3 parameters), got ");

    /** The values this check reads. */
    record Limits(int uslMinSteps) {
        static Limits of(Thresholds t) {
            return new Limits((int) t.get(MIN_STEPS));
        }
    }

    /** Requests in flight (N = X·W) the top step needs before σ and κ can be told from noise. */
    static final double MIN_CONCURRENCY = 2;

    /** λ/σ and a lock's saturation rate within this factor of each other are the same limit. */
    static final double LOCK_AGREEMENT = 1.5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Limit> limits() {
        return List.of(MIN_STEPS);
    }

    /** The verdict's note when there are too few steps with usable (N, X) points to fit, if so. */
    static Optional<String> notFitted(RunData run, Thresholds thresholds) {
        int usable = (int) run.steps().stream().filter(UslCheck::usable).count();
        int needed = Limits.of(thresholds).uslMinSteps();
        return usable >= needed
                ? Optional.empty()
                : Optional.of("usl: not fitted, " + Numbers.count(usable, "step") + " with load numbers (needs "
                        + needed + ")");
    }

    private static boolean usable(RunStep s) {
        return s.load() != null && s.load().achievedQps() > 0 && s.load().meanMs() > 0;
    }

    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        RunData run = in.run();
        Limits t = Limits.of(in.thresholds());
        List<RunStep> steps = run.steps().stream().filter(UslCheck::usable).toList();
        if (steps.size() < t.uslMinSteps()) {
            return List.of();
        }
        double[] n = new double[steps.size()];
        double[] x = new double[steps.size()];
        double maxN = 0;
        for (int i = 0; i < steps.size(); i++) {
            x[i] = steps.get(i).load().achievedQps();
            n[i] = LittlesLaw.inSystem(x[i], steps.get(i).load().meanMs() / 1000.0);
            maxN = Math.max(maxN, n[i]);
        }
        if (maxN < MIN_CONCURRENCY) {
            // σ and κ describe requests in flight contending with each other: with under two in flight on
            // average at the top step there is no contention to fit, and a fit only reads the noise
            return List.of(new CheckResult(
                    ID,
                    CheckResult.RAMP,
                    Status.PASS,
                    null,
                    null,
                    "req/s",
                    Confidence.LOW,
                    "not fitted: at most " + Numbers.num(maxN) + " requests in flight (Little's law, X·W) at the top"
                            + " step, under " + Numbers.num(MIN_CONCURRENCY) + ": the USL's σ and κ measure requests"
                            + " contending with each other, and there were too few at once to show any",
                    new TooFewInFlight(maxN, MIN_CONCURRENCY)));
        }
        UslFit fit;
        try {
            fit = UslFit.fit(n, x);
        } catch (IllegalArgumentException e) {
            return List.of(new CheckResult(
                    ID,
                    CheckResult.RAMP,
                    Status.WARN,
                    null,
                    null,
                    "req/s",
                    Confidence.LOW,
                    "USL fit failed: " + e.getMessage(),
                    new NoFit()));
        }
        UniversalScalabilityLaw usl = fit.model();
        UniversalScalabilityLaw.Limit limit = usl.limitAt(maxN);
        boolean pastPeak = maxN > usl.peakConcurrency();
        boolean fits = fit.rSquared() >= MIN_R_SQUARED && usl.sigma() <= 1;
        Status status =
                !fits || (limit == UniversalScalabilityLaw.Limit.COHERENCY && pastPeak) ? Status.WARN : Status.PASS;
        Fit details = new Fit(
                usl.sigma(),
                usl.kappa(),
                usl.lambda(),
                Double.isFinite(usl.peakConcurrency()) ? usl.peakConcurrency() : null,
                Double.isFinite(usl.peakThroughput()) ? usl.peakThroughput() : null,
                fit.rSquared(),
                limit.name().toLowerCase(java.util.Locale.ROOT),
                maxN,
                n,
                x,
                null,
                null,
                null);
        String peak = Double.isFinite(usl.peakConcurrency())
                ? "peak " + Numbers.num(usl.peakThroughput()) + " req/s at N*=" + Numbers.num(usl.peakConcurrency())
                : "no peak (κ=0), ceiling λ/σ=" + Numbers.num(usl.peakThroughput()) + " req/s";
        if (!fits) {
            return List.of(new CheckResult(
                    ID,
                    CheckResult.RAMP,
                    Status.WARN,
                    null,
                    null,
                    "req/s",
                    Confidence.LOW,
                    "the USL does not describe these steps (R² " + Numbers.num(fit.rSquared()) + ", σ="
                            + Numbers.num(usl.sigma()) + "): no peak or bound is claimed",
                    details));
        }
        String evidence = limit.name().toLowerCase(java.util.Locale.ROOT) + "-bound (σ=" + Numbers.num(usl.sigma())
                + ", κ=" + Numbers.num(usl.kappa()) + ", λ=" + Numbers.num(usl.lambda())
                + " req/s per unit of concurrency): "
                + peak + ", R² " + Numbers.num(fit.rSquared()) + " over " + steps.size() + " steps"
                + (pastPeak ? "; the ramp went past the peak (N=" + Numbers.num(maxN) + ")" : "");
        Map<String, Object> tie = new LinkedHashMap<>();
        evidence += lockTie(in.earlier(), usl, tie);
        details = details.withLockTie((String) tie.get("lockSite"), (Double) tie.get("lockSaturationQps"), (Double)
                tie.get("serialCeilingQps"));
        return List.of(new CheckResult(
                ID, CheckResult.RAMP, status, usl.peakThroughput(), null, "req/s", Confidence.HIGH, evidence, details));
    }

    /**
     * Ties σ to a lock when one was found: a lock held h seconds per request serialises the service at
     * 1/h req/s, which is what the USL's ceiling λ/σ is when that lock is its serial fraction (Gunther,
     * Guerrilla Capacity Planning, ch. 4: X(N) = λN / (1 + σ(N−1) + κN(N−1)) → λ/σ as N grows, κ = 0).
     * The lock's rate is {@code lock.contention}'s saturationQps (achieved ÷ the lock's busy share) at
     * the latest step with true contention; within {@link #LOCK_AGREEMENT}× of λ/σ the two agree.
     */
    static String lockTie(List<CheckResult> earlier, UniversalScalabilityLaw usl, Map<String, Object> details) {
        CheckResult lock = null;
        LockContentionCheck.SiteDetails site = null;
        for (CheckResult r : earlier) {
            if (r.checkId().equals(LockContentionCheck.ID)
                    && r.details() instanceof LockContentionCheck.SiteDetails d
                    && d.trueContention()
                    && d.saturationQps() != null) {
                lock = r;
                site = d;
            }
        }
        if (lock == null || !(usl.sigma() > 0)) {
            return "";
        }
        double lockQps = site.saturationQps();
        double ceiling = usl.lambda() / usl.sigma();
        double ratio = lockQps / ceiling;
        details.put("lockSite", site.site());
        details.put("lockSaturationQps", lockQps);
        details.put("serialCeilingQps", ceiling);
        boolean agree = ratio <= LOCK_AGREEMENT && ratio >= 1 / LOCK_AGREEMENT;
        return "; σ's ceiling λ/σ=" + Numbers.num(ceiling) + " req/s and the lock at "
                + site.site()
                + " (saturating near " + Numbers.num(lockQps) + " req/s at " + Evidence.step(lock.stepIndex()) + ") "
                + (agree
                        ? "agree: that lock is the serial fraction"
                        : "differ: that lock is not the whole serial fraction");
    }

    /** Details when too few requests were in flight at once to fit the USL. */
    public record TooFewInFlight(double maxMeasuredConcurrency, double minConcurrency) implements CheckDetails {}

    /**
     * Details of a USL fit: its parameters, peak (null without one), R², the bound, and the measured points;
     * the lock.contention site it was tied to, when there was one.
     */
    public record Fit(
            double sigma,
            double kappa,
            double lambda,
            Double peakConcurrency,
            Double peakThroughput,
            double rSquared,
            String limit,
            double maxMeasuredConcurrency,
            double[] concurrency,
            double[] throughput,
            @CheckDetails.Optional String lockSite,
            @CheckDetails.Optional Double lockSaturationQps,
            @CheckDetails.Optional Double serialCeilingQps)
            implements CheckDetails {

        Fit withLockTie(String site, Double saturationQps, Double ceilingQps) {
            return new Fit(
                    sigma,
                    kappa,
                    lambda,
                    peakConcurrency,
                    peakThroughput,
                    rSquared,
                    limit,
                    maxMeasuredConcurrency,
                    concurrency,
                    throughput,
                    site,
                    saturationQps,
                    ceilingQps);
        }
    }

    /** A fit that failed: nothing to show beside the evidence's reason. */
    record NoFit() implements CheckDetails {}
}
