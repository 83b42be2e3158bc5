package io.schedgate.stats;

/**
 * A share k/n of counted events (e.g. CPU profile samples in a category out of all samples)
 * with a 95% Wilson score interval.
 *
 * <p>Wilson score interval (E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22 (1927) 209-212; see also Agresti &amp; Coull, The American
 * Statistician 52 (1998) 119-126): with p = k/n and z the normal quantile,
 * <pre>
 *   centre = (p + z^2/(2n)) / (1 + z^2/n)
 *   half   = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4n^2))
 * </pre>
 * Unlike the Wald interval p &plusmn; z&middot;sqrt(p(1-p)/n) it stays inside [0, 1] and does not
 * collapse to a zero width at k = 0, which matters for the few-sample shares a 10 s profile
 * gives. CPU samples are treated as independent draws, which is what a sampling profiler's
 * ticks approximate.
 *
 * @param successes samples in the category (k)
 * @param trials    all samples (n)
 * @param share     k/n (0 when n = 0)
 * @param lower     lower bound of the interval
 * @param upper     upper bound of the interval
 * @param level     confidence level, 0.95
 */
public record Proportion(long successes, long trials, double share, double lower, double upper, double level) {

    /** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
    public static final double Z95 = 1.959963984540054;

    public Proportion {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + "/" + trials);
        }
    }

    /** The share k/n with its 95% Wilson score interval; n = 0 gives the uninformative [0, 1]. */
    public static Proportion wilson95(long successes, long trials) {
        if (trials == 0) {
            return new Proportion(0, 0, 0, 0, 1, 0.95);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double lower = successes == 0 ? 0 : Math.max(0, centre - half);
        double upper = successes == trials ? 1 : Math.min(1, centre + half);
        return new Proportion(successes, trials, p, lower, upper, 0.95);
    }

    /** True when the interval reaches zero: the data cannot tell this share from nothing. */
    public boolean includesZero() {
        return lower <= 0;
    }
}
