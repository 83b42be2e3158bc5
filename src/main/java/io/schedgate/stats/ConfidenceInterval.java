package io.schedgate.stats;

/** A point estimate with a two-sided confidence interval at {@code level} (e.g. 0.95). */
public record ConfidenceInterval(double estimate, double lower, double upper, double level) {

    public ConfidenceInterval {
        if (!(lower <= upper) && !(Double.isNaN(lower) || Double.isNaN(upper))) {
            throw new IllegalArgumentException("lower " + lower + " > upper " + upper);
        }
    }

    /**
     * estimate ± t_{1−α/2, df} · standardError: the usual t interval for a regression coefficient
     * (e.g. Montgomery, Peck &amp; Vining, <i>Introduction to Linear Regression Analysis</i>, eq. 2.29).
     */
    public static ConfidenceInterval ofT(double estimate, double standardError, double degreesOfFreedom, double level) {
        double half = StudentT.twoSidedCritical(level, degreesOfFreedom) * standardError;
        return new ConfidenceInterval(estimate, estimate - half, estimate + half, level);
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** True when the whole interval lies above {@code value}: "clearly above", not just on average. */
    public boolean entirelyAbove(double value) {
        return lower > value;
    }

    public boolean entirelyBelow(double value) {
        return upper < value;
    }
}
