package io.schedgate.stats;

/**
 * Student's t distribution: cumulative probability and two-sided critical values, self-written so
 * that the verdict needs no math library.
 *
 * <p>The CDF goes through the regularized incomplete beta function (Abramowitz &amp; Stegun,
 * <i>Handbook of Mathematical Functions</i>, 26.7.1 with 26.5.27), evaluated by the continued
 * fraction of Numerical Recipes, 3rd ed., §6.4 (modified Lentz), with ln Γ from the Lanczos
 * approximation (NR §6.1). The quantile inverts the CDF by bisection, which is slow but cannot
 * diverge: it is called a handful of times per verdict.
 */
public final class StudentT {

    private StudentT() {}

    /** P(T ≤ t) for T ~ t(df). A&amp;S 26.7.1: P(T ≤ t) = 1 − ½·I_{df/(df+t²)}(df/2, ½) for t ≥ 0. */
    public static double cdf(double t, double degreesOfFreedom) {
        requirePositive(degreesOfFreedom);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        double t2 = t * t;
        if (t2 < degreesOfFreedom) {
            // Near the centre use the complementary form (same source, I_{1−x}(½, df/2) = 1 − I_x(df/2, ½))
            // so P(T ≤ t) = ½ + ½·sign(t)·I_{t²/(df+t²)}(½, df/2) keeps full precision around t = 0.
            double central = regularizedIncompleteBeta(t2 / (degreesOfFreedom + t2), 0.5, degreesOfFreedom / 2.0);
            return 0.5 + Math.copySign(0.5 * central, t);
        }
        double x = degreesOfFreedom / (degreesOfFreedom + t2);
        double tail = 0.5 * regularizedIncompleteBeta(x, degreesOfFreedom / 2.0, 0.5);
        return t >= 0 ? 1.0 - tail : tail;
    }

    /**
     * The t value with P(T ≤ t) = p. Bisection on {@link #cdf}: the CDF is monotone, so 200 halvings
     * of [−1e6, 1e6] reach double precision.
     */
    public static double quantile(double p, double degreesOfFreedom) {
        requirePositive(degreesOfFreedom);
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
        }
        double lo = -1e6;
        double hi = 1e6;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1.0, Math.abs(lo)); i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, degreesOfFreedom) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The two-sided critical value t_{1−α/2, df} for a confidence level such as 0.95. */
    public static double twoSidedCritical(double confidenceLevel, double degreesOfFreedom) {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
        }
        return quantile(1.0 - (1.0 - confidenceLevel) / 2.0, degreesOfFreedom);
    }

    /**
     * I_x(a, b). NR 3rd ed. eq. 6.4.5: use the continued fraction directly when x &lt; (a+1)/(a+b+2),
     * otherwise the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
     */
    static double regularizedIncompleteBeta(double x, double a, double b) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        // Front factor x^a (1−x)^b / (a B(a,b)), NR eq. 6.4.5, computed in logs.
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1.0) / (a + b + 2.0)) {
            return Math.exp(lnFront) * betaContinuedFraction(x, a, b) / a;
        }
        return 1.0 - Math.exp(lnFront) * betaContinuedFraction(1.0 - x, b, a) / b;
    }

    /** Continued fraction for I_x(a,b), NR eq. 6.4.5–6.4.6, by the modified Lentz method (NR §5.2). */
    private static double betaContinuedFraction(double x, double a, double b) {
        final double eps = 1e-15;
        double qab = a + b;
        double qap = a + 1.0;
        double qam = a - 1.0;
        double c = 1.0;
        double d = 1.0 / awayFromZero(1.0 - qab * x / qap);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            // Even step d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 / awayFromZero(1.0 + aa * d);
            c = awayFromZero(1.0 + aa / c);
            h *= d * c;
            // Odd step d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)).
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 / awayFromZero(1.0 + aa * d);
            c = awayFromZero(1.0 + aa / c);
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < eps) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta continued fraction did not converge");
    }

    /** Lentz's guard against division by zero (NR §5.2): replace 0 by a tiny number. */
    private static double awayFromZero(double value) {
        return Math.abs(value) < 1e-300 ? 1e-300 : value;
    }

    /** Lanczos coefficients (g = 5, n = 6) as tabulated in Numerical Recipes, 2nd ed., §6.1 (gammln). */
    private static final double[] LANCZOS = {
        76.18009172947146,
        -86.50532032941677,
        24.01409824083091,
        -1.231739572450155,
        0.1208650973866179e-2,
        -0.5395239384953e-5
    };

    /** ln Γ(x) for x &gt; 0, Lanczos approximation, NR 2nd ed. eq. 6.1.5; |error| &lt; 2e-10. */
    static double logGamma(double x) {
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double series = 1.000000000190015;
        for (double coefficient : LANCZOS) {
            series += coefficient / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * series / x);
    }

    private static void requirePositive(double degreesOfFreedom) {
        if (!(degreesOfFreedom > 0.0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, got " + degreesOfFreedom);
        }
    }
}
