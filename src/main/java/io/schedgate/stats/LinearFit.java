package io.schedgate.stats;

/**
 * The result of an ordinary least-squares line y = intercept + slope·x.
 *
 * @param n number of points
 * @param residualStandardError s = sqrt(SSE / (n − 2))
 * @param rSquared coefficient of determination 1 − SSE/SST
 */
public record LinearFit(
        int n,
        double slope,
        double intercept,
        double slopeStandardError,
        double interceptStandardError,
        double residualStandardError,
        double rSquared) {

    /** Residual degrees of freedom of a two-parameter fit. */
    public int degreesOfFreedom() {
        return n - 2;
    }

    public ConfidenceInterval slopeInterval(double level) {
        return ConfidenceInterval.ofT(slope, slopeStandardError, degreesOfFreedom(), level);
    }

    public ConfidenceInterval interceptInterval(double level) {
        return ConfidenceInterval.ofT(intercept, interceptStandardError, degreesOfFreedom(), level);
    }

    /** t statistic for H0: slope = {@code hypothesised}, i.e. (b − b0)/se(b). */
    public double slopeTStatistic(double hypothesised) {
        return (slope - hypothesised) / slopeStandardError;
    }

    public double predict(double x) {
        return intercept + slope * x;
    }
}
