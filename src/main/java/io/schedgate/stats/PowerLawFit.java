package io.schedgate.stats;

/**
 * y = a·x^b fitted as the straight line ln y = ln a + b·ln x (log-log least squares). The exponent b
 * says how y scales with x: b ≈ 1 linear, b clearly above 1 superlinear. "Clearly" means the lower
 * end of b's t interval is above 1, so noise on few points does not raise an alarm.
 *
 * @param logLogFit the OLS fit on (ln x, ln y)
 * @param level confidence level of {@link #exponentInterval()}
 */
public record PowerLawFit(LinearFit logLogFit, double level) {

    /** Fits on strictly positive points; a zero or negative value has no logarithm. */
    public static PowerLawFit fit(double[] x, double[] y, double level) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length);
        }
        double[] lx = new double[x.length];
        double[] ly = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException(
                        "a power law needs positive values, point " + i + " is (" + x[i] + ", " + y[i] + ")");
            }
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
        }
        return new PowerLawFit(OrdinaryLeastSquares.fit(lx, ly), level);
    }

    public double exponent() {
        return logLogFit.slope();
    }

    public double coefficient() {
        return Math.exp(logLogFit.intercept());
    }

    public ConfidenceInterval exponentInterval() {
        return logLogFit.slopeInterval(level);
    }

    /** The exponent's whole confidence interval lies above 1: growth is faster than linear. */
    public boolean clearlySuperlinear() {
        return exponentInterval().entirelyAbove(1.0);
    }

    /** R² of the log-log line (not of y itself). */
    public double rSquared() {
        return logLogFit.rSquared();
    }
}
