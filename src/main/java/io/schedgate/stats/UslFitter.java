package io.schedgate.stats;

/**
 * How {@link UslFit} is computed.
 *
 * <ol>
 *   <li>Start: Gunther's linearisation (<i>Guerrilla Capacity Planning</i>, 2007, §5.5–5.6). With
 *       relative capacity C(N) = X(N)/λ, the USL becomes the quadratic N/C(N) − 1 = κx² + (σ+κ)x with
 *       x = N − 1, fitted through the origin (GCP eq. 5.17–5.20). λ is X(1) when N = 1 was measured,
 *       otherwise the best X/N seen.
 *   <li>Refine: Levenberg–Marquardt (Marquardt, J. SIAM 11(2), 1963; Madsen, Nielsen &amp; Tingleff,
 *       "Methods for Non-Linear Least Squares Problems", 2004, §3.2) on the residuals
 *       X_i − X(N_i; σ, κ, λ), keeping σ, κ ≥ 0 by holding a parameter at its bound when the step
 *       would push it below (a simple active-set rule), as the bounded fit in the R {@code usl}
 *       package does.
 * </ol>
 */
final class UslFitter {

    private static final int MAX_ITERATIONS = 500;

    private UslFitter() {}

    static UslFit fit(double[] n, double[] x) {
        validate(n, x);
        double[] p = linearisedStart(n, x);
        int iterations = 0;
        double damping = 1e-3;
        double cost = cost(n, x, p);
        for (; iterations < MAX_ITERATIONS; iterations++) {
            double[][] jac = jacobian(n, p);
            double[] r = residuals(n, x, p);
            // Normal equations of the Gauss–Newton step: (JᵀJ) δ = Jᵀr, for residual r = X − f.
            double[][] jtj = new double[3][3];
            double[] jtr = new double[3];
            for (int i = 0; i < n.length; i++) {
                for (int a = 0; a < 3; a++) {
                    jtr[a] += jac[i][a] * r[i];
                    for (int b = 0; b < 3; b++) {
                        jtj[a][b] += jac[i][a] * jac[i][b];
                    }
                }
            }
            // Active set: σ or κ at 0 whose step would go negative (Jᵀr < 0 points downhill below 0).
            boolean[] free = {!(p[0] <= 0 && jtr[0] < 0), !(p[1] <= 0 && jtr[1] < 0), true};
            boolean improved = false;
            while (damping < 1e12) {
                double[] step = solveDamped(jtj, jtr, damping, free);
                double[] candidate = {
                    Math.max(0, p[0] + step[0]), Math.max(0, p[1] + step[1]), Math.max(1e-300, p[2] + step[2])
                };
                double candidateCost = cost(n, x, candidate);
                if (candidateCost < cost) {
                    boolean converged = Math.abs(cost - candidateCost) <= 1e-15 * Math.max(cost, 1e-300)
                            || maxRelativeChange(p, candidate) < 1e-12;
                    p = candidate;
                    cost = candidateCost;
                    damping = Math.max(damping / 10, 1e-12);
                    improved = true;
                    if (converged) {
                        return result(n, x, p, iterations + 1);
                    }
                    break;
                }
                damping *= 10;
            }
            if (!improved) {
                break; // no downhill step at any damping: a (bounded) minimum
            }
        }
        return result(n, x, p, iterations);
    }

    private static UslFit result(double[] n, double[] x, double[] p, int iterations) {
        double mean = OrdinaryLeastSquares.mean(x);
        double sst = 0;
        for (double v : x) {
            sst += (v - mean) * (v - mean);
        }
        double sse = cost(n, x, p);
        double rSquared = sst == 0 ? 1.0 : 1.0 - sse / sst;
        return new UslFit(new UniversalScalabilityLaw(p[0], p[1], p[2]), n.length, rSquared, iterations);
    }

    /** GCP §5.5: quadratic through the origin on x = N−1, y = N/C(N) − 1; κ = a, σ = b − a. */
    static double[] linearisedStart(double[] n, double[] x) {
        double lambda = 0;
        for (int i = 0; i < n.length; i++) {
            if (n[i] == 1.0) {
                lambda = x[i];
                break;
            }
            lambda = Math.max(lambda, x[i] / n[i]);
        }
        // Least squares for y = a·u² + b·u: normal equations [Σu⁴ Σu³; Σu³ Σu²][a b]ᵀ = [Σu²y Σuy]ᵀ.
        double s4 = 0;
        double s3 = 0;
        double s2 = 0;
        double s2y = 0;
        double s1y = 0;
        for (int i = 0; i < n.length; i++) {
            double u = n[i] - 1.0;
            double y = n[i] / (x[i] / lambda) - 1.0;
            s4 += u * u * u * u;
            s3 += u * u * u;
            s2 += u * u;
            s2y += u * u * y;
            s1y += u * y;
        }
        double det = s4 * s2 - s3 * s3;
        double a = det == 0 ? 0 : (s2y * s2 - s3 * s1y) / det;
        double b = det == 0 ? 0 : (s4 * s1y - s3 * s2y) / det;
        double kappa = Math.max(0, a);
        double sigma = Math.max(0, b - a);
        return new double[] {sigma, kappa, lambda};
    }

    private static double model(double n, double[] p) {
        return p[2] * n / (1.0 + p[0] * (n - 1.0) + p[1] * n * (n - 1.0));
    }

    /** ∂X/∂σ = −λN(N−1)/D², ∂X/∂κ = −λN²(N−1)/D², ∂X/∂λ = N/D, D = 1 + σ(N−1) + κN(N−1). */
    private static double[][] jacobian(double[] n, double[] p) {
        double[][] jac = new double[n.length][3];
        for (int i = 0; i < n.length; i++) {
            double nn = n[i];
            double d = 1.0 + p[0] * (nn - 1.0) + p[1] * nn * (nn - 1.0);
            double top = p[2] * nn / (d * d);
            jac[i][0] = -top * (nn - 1.0);
            jac[i][1] = -top * nn * (nn - 1.0);
            jac[i][2] = nn / d;
        }
        return jac;
    }

    private static double[] residuals(double[] n, double[] x, double[] p) {
        double[] r = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            r[i] = x[i] - model(n[i], p);
        }
        return r;
    }

    private static double cost(double[] n, double[] x, double[] p) {
        double sum = 0;
        for (double r : residuals(n, x, p)) {
            sum += r * r;
        }
        return sum;
    }

    /** Solves (JᵀJ + μ·diag(JᵀJ)) δ = Jᵀr over the free parameters (Marquardt's scaled damping). */
    private static double[] solveDamped(double[][] jtj, double[] jtr, double mu, boolean[] free) {
        int[] index = new int[3];
        int m = 0;
        for (int a = 0; a < 3; a++) {
            if (free[a]) {
                index[m++] = a;
            }
        }
        double[][] aug = new double[m][m + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                aug[i][j] = jtj[index[i]][index[j]];
            }
            double diagonal = jtj[index[i]][index[i]];
            aug[i][i] += mu * (diagonal > 0 ? diagonal : 1.0);
            aug[i][m] = jtr[index[i]];
        }
        double[] solved = gaussianElimination(aug);
        double[] step = new double[3];
        for (int i = 0; i < m; i++) {
            step[index[i]] = solved[i];
        }
        return step;
    }

    /** Gaussian elimination with partial pivoting on an augmented m×(m+1) matrix. */
    private static double[] gaussianElimination(double[][] aug) {
        int m = aug.length;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int row = col + 1; row < m; row++) {
                if (Math.abs(aug[row][col]) > Math.abs(aug[pivot][col])) {
                    pivot = row;
                }
            }
            double[] tmp = aug[col];
            aug[col] = aug[pivot];
            aug[pivot] = tmp;
            if (aug[col][col] == 0) {
                return new double[m]; // singular: no step
            }
            for (int row = col + 1; row < m; row++) {
                double factor = aug[row][col] / aug[col][col];
                for (int k = col; k <= m; k++) {
                    aug[row][k] -= factor * aug[col][k];
                }
            }
        }
        double[] out = new double[m];
        for (int row = m - 1; row >= 0; row--) {
            double sum = aug[row][m];
            for (int k = row + 1; k < m; k++) {
                sum -= aug[row][k] * out[k];
            }
            out[row] = sum / aug[row][row];
        }
        return out;
    }

    private static double maxRelativeChange(double[] before, double[] after) {
        double max = 0;
        for (int i = 0; i < before.length; i++) {
            double scale = Math.max(Math.abs(before[i]), 1e-12);
            max = Math.max(max, Math.abs(after[i] - before[i]) / scale);
        }
        return max;
    }

    private static void validate(double[] n, double[] x) {
        if (n.length != x.length) {
            throw new IllegalArgumentException(
                    "concurrency has " + n.length + " points but throughput has " + x.length);
        }
        if (n.length < 4) {
            throw new IllegalArgumentException(
                    "a USL fit has 3 parameters and needs at least 4 points, got " + n.length);
        }
        for (int i = 0; i < n.length; i++) {
            if (!(n[i] > 0) || !(x[i] > 0) || Double.isInfinite(n[i]) || Double.isInfinite(x[i])) {
                throw new IllegalArgumentException(
                        "USL points must be positive and finite, point " + i + " is (N=" + n[i] + ", X=" + x[i] + ")");
            }
        }
    }
}
