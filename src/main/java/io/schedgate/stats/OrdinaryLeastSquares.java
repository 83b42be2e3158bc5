package io.schedgate.stats;

/**
 * Simple linear regression by ordinary least squares, with the textbook standard errors
 * (Montgomery, Peck &amp; Vining, <i>Introduction to Linear Regression Analysis</i>, 5th ed., §2.2–2.3).
 */
public final class OrdinaryLeastSquares {

    private OrdinaryLeastSquares() {}

    public static LinearFit fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length);
        }
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("a line with standard errors needs at least 3 points, got " + n);
        }
        requireFinite(x, "x");
        requireFinite(y, "y");
        double meanX = mean(x);
        double meanY = mean(y);
        // Sxx = Σ(x−x̄)², Sxy = Σ(x−x̄)(y−ȳ), SST = Σ(y−ȳ)²   (MPV eq. 2.9–2.10)
        double sxx = 0;
        double sxy = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            sst += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("all x values are equal: the slope is undefined");
        }
        // b1 = Sxy/Sxx, b0 = ȳ − b1·x̄   (MPV eq. 2.11)
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (intercept + slope * x[i]);
            sse += r * r;
        }
        // σ̂² = SSE/(n−2)   (MPV eq. 2.19)
        double variance = sse / (n - 2);
        // se(b1) = sqrt(σ̂²/Sxx), se(b0) = sqrt(σ̂²(1/n + x̄²/Sxx))   (MPV eq. 2.23, 2.25)
        double seSlope = Math.sqrt(variance / sxx);
        double seIntercept = Math.sqrt(variance * (1.0 / n + meanX * meanX / sxx));
        // R² = 1 − SSE/SST   (MPV eq. 2.47); a flat y with a perfect fit counts as R² = 1.
        double rSquared = sst == 0 ? 1.0 : 1.0 - sse / sst;
        return new LinearFit(n, slope, intercept, seSlope, seIntercept, Math.sqrt(variance), rSquared);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not a finite number: " + values[i]);
            }
        }
    }
}
