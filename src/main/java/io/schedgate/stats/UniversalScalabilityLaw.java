package io.schedgate.stats;

/**
 * Gunther's Universal Scalability Law, X(N) = λN / (1 + σ(N−1) + κN(N−1)) (N. J. Gunther,
 * <i>Guerrilla Capacity Planning</i>, Springer 2007, eq. 4.31): throughput X at concurrency N,
 * with λ the throughput of one unit of concurrency, σ the contention (serial fraction, Amdahl)
 * and κ the coherency (crosstalk) penalty.
 */
public record UniversalScalabilityLaw(double sigma, double kappa, double lambda) {

    /** Which term of the denominator limits scaling. */
    public enum Limit {
        /** κ = 0 and σ = 0: the model scales without bound. */
        NONE,
        /** σ(N−1) dominates: queueing for a shared resource (Amdahl); throughput flattens. */
        CONTENTION,
        /** κN(N−1) dominates: crosstalk between workers; throughput peaks and then falls. */
        COHERENCY
    }

    public UniversalScalabilityLaw {
        if (!(sigma >= 0) || !(kappa >= 0) || !(lambda > 0)) {
            throw new IllegalArgumentException("USL needs sigma >= 0, kappa >= 0, lambda > 0; got sigma=" + sigma
                    + " kappa=" + kappa + " lambda=" + lambda);
        }
    }

    /** X(N), GCP eq. 4.31. */
    public double throughputAt(double concurrency) {
        double n = concurrency;
        return lambda * n / (1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0));
    }

    /**
     * N* = sqrt((1 − σ)/κ), where dX/dN = 0 (GCP eq. 4.33). Infinite when κ = 0: without coherency
     * cost throughput only approaches its ceiling λ/σ.
     */
    public double peakConcurrency() {
        if (kappa == 0 || sigma >= 1) {
            return sigma >= 1 ? 1.0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt((1.0 - sigma) / kappa);
    }

    /** X(N*), or the asymptote λ/σ when κ = 0 (Amdahl's ceiling, GCP eq. 4.16 scaled by λ). */
    public double peakThroughput() {
        double peak = peakConcurrency();
        if (Double.isInfinite(peak)) {
            return sigma == 0 ? Double.POSITIVE_INFINITY : lambda / sigma;
        }
        return throughputAt(peak);
    }

    /**
     * The dominant penalty at concurrency N: coherency when κN(N−1) ≥ σ(N−1), i.e. κN ≥ σ. At the
     * peak N* both are judged on the same footing; callers pass the largest concurrency they
     * measured (or the peak) so the answer speaks about the operating range.
     */
    public Limit limitAt(double concurrency) {
        if (sigma == 0 && kappa == 0) {
            return Limit.NONE;
        }
        return kappa * concurrency >= sigma ? Limit.COHERENCY : Limit.CONTENTION;
    }
}
