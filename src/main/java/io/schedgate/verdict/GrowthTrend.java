package io.schedgate.verdict;

import io.schedgate.stats.ConfidenceInterval;
import io.schedgate.stats.PowerLawFit;
import io.schedgate.text.Numbers;

/**
 * "Does y grow faster than x across the steps?" — y ∝ x^b by log-log least squares, judged on b
 * against a limit (1 = linear). FAIL needs b at least {@link #PRACTICAL_MARGIN} above the limit and
 * its whole confidence interval above the limit; b that far above without the interval to back it
 * is a WARN. Shared by the wake-up and goroutine growth checks.
 *
 * @param fit the log-log fit
 * @param limit the exponent judged against
 */
record GrowthTrend(PowerLawFit fit, double limit) {

    /**
     * Exponents within this of the limit count as linear: 10^0.2 ≈ 1.58, i.e. less than 58% more per
     * unit across a tenfold load range. Exact counts (the execution trace) make the interval tight
     * enough to call a queue's mild growth superlinear: a single slot's wake-ups went from 2.8 to 3.2
     * per request over 5× the load (exponent 1.13, CI 1.07–1.19), a herd's from 5 to 30 (1.8).
     */
    static final double PRACTICAL_MARGIN = 0.2;

    /** The limit the growth checks judge against; theirs to list in {@link Check#limits()}. */
    static final Limit MAX_EXPONENT = Limit.number(
            "linearity.maxExponent",
            1.0,
            "growth FAILs when the lower end of the log-log exponent's CI is above this",
            v -> v > 0,
            "must be > 0, got ");

    static final Limit CONFIDENCE = Limit.fraction("confidence", 0.95, "level of the confidence intervals")
            .accepting(v -> v > 0.5 && v < 1, "must be in (0.5, 1), e.g. 0.95; got ");

    static GrowthTrend of(double[] x, double[] y, double limit, double level) {
        return new GrowthTrend(PowerLawFit.fit(x, y, level), limit);
    }

    Status status() {
        boolean material = fit.exponent() >= limit + PRACTICAL_MARGIN;
        if (material && fit.exponentInterval().entirelyAbove(limit)) {
            return Status.FAIL;
        }
        return material ? Status.WARN : Status.PASS;
    }

    /** "∝ x^1.80 (95% CI 1.19–2.40, log-log R² 0.945)". */
    String describe(String x) {
        ConfidenceInterval ci = fit.exponentInterval();
        return "∝ " + x + "^" + Numbers.num(fit.exponent()) + " (" + Math.round(ci.level() * 100) + "% CI "
                + Numbers.num(ci.lower()) + "–" + Numbers.num(ci.upper()) + ", log-log R² "
                + Numbers.num(fit.rSquared()) + ")";
    }

    Fit details() {
        ConfidenceInterval ci = fit.exponentInterval();
        return new Fit(
                fit.exponent(),
                ci.lower(),
                ci.upper(),
                ci.level(),
                fit.rSquared(),
                fit.logLogFit().n());
    }

    /** The power-law fit's exponent, its confidence interval, the log-log R² and how many steps it used. */
    public record Fit(
            double exponent,
            double exponentLower,
            double exponentUpper,
            double confidenceLevel,
            double logLogRSquared,
            int steps)
            implements CheckDetails {}
}
