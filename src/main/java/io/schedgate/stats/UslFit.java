package io.schedgate.stats;

/**
 * A Universal Scalability Law fitted to measured (concurrency, throughput) points.
 *
 * @param model the fitted σ, κ, λ
 * @param points number of measurements
 * @param rSquared 1 − SSE/SST of throughput against the model
 * @param iterations Levenberg–Marquardt iterations used to refine the linearised start
 */
public record UslFit(UniversalScalabilityLaw model, int points, double rSquared, int iterations) {

    /** The minimum number of points the verdict accepts for a three-parameter fit. */
    public static final int MIN_POINTS = 6;

    /**
     * Fits X(N) = λN/(1 + σ(N−1) + κN(N−1)) by nonlinear least squares on throughput, started from
     * Gunther's linearised quadratic fit (GCP ch. 5), as the R {@code usl} package and usl4j do.
     */
    public static UslFit fit(double[] concurrency, double[] throughput) {
        return UslFitter.fit(concurrency, throughput);
    }
}
