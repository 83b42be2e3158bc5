package io.schedgate.verdict;

import java.util.Properties;

/**
 * The numbers the checks judge against, each overridable with {@code -Dschedgate.<key>=<value>}.
 * Fractions accept {@code 0.05} or {@code 5%}.
 *
 * @param schedLockWarn sched.lock share of processor time above which a step WARNs (5%)
 * @param schedLockFail ... FAILs (15%, the source article's threshold)
 * @param saturationAchievedRatio a step is saturated when achieved &lt; this × offered QPS (0.95)
 * @param maxErrorRate a step is saturated when errors/requests exceeds this (1%)
 * @param p99SloMs a step is saturated when its p99 latency exceeds this; NaN = no SLO
 * @param maxLinearityExponent wake-ups FAIL when the lower end of the log-log exponent's CI is above this (1.0)
 * @param confidenceLevel level of the confidence intervals (0.95)
 * @param baselineCapacityMargin FAIL when capacity drops by more than this against a baseline run (10%)
 * @param goroutineSlack goroutines tolerated above a prediction or the baseline before judging (20)
 * @param uslMinSteps steps needed before the USL is fitted (6)
 * @param contentionBlockMinMsPerSecond four-dimension test: block delay at a site per second of window
 *     for "goroutines really blocked" (0.167 ms/s: the source article's "≥ 5 ms in total" over its 30 s profiles)
 * @param contentionMutexMinContentionsPerSecond ... mutex contentions at a site per second (3.33/s: the
 *     article's 100 over its 30 s profiles). Rates, not counts per window, so a 5 s and a 30 s window
 *     give the same class
 * @param contentionNotableDelayMsPerSecond a lock site is examined when its mutex delay per second of
 *     window reaches this (0.2 ms/s)
 * @param contentionFail true contention FAILs when the site's mutex delay per second per
 *     GOMAXPROCS exceeds this (5%)
 * @param contentionWarn ... WARNs above this (1%); below it true contention PASSes, named with its numbers
 * @param maxPerRequestGrowth a step's wake-ups per request FAIL above this × the median of the
 *     earlier steps (6: a healthy handler reached 4× in one 3 s window, the herd 8–67× when saturated)
 * @param schedLatencyP99FailMs a step FAILs when its p99 scheduling latency (runnable → running) exceeds this (10 ms)
 * @param schedLatencyP99WarnMs across the ramp, a p99 that grew 10× WARNs once above this (1 ms)
 * @param baselineSchedLockMinRise with a baseline run, sched.lock pressure at matched QPS FAILs
 *     only when it rose beyond both noise intervals and by at least this share (0.5%)
 */
public record Thresholds(
        double schedLockWarn,
        double schedLockFail,
        double saturationAchievedRatio,
        double maxErrorRate,
        double p99SloMs,
        double maxLinearityExponent,
        double confidenceLevel,
        double baselineCapacityMargin,
        double goroutineSlack,
        int uslMinSteps,
        double contentionBlockMinMsPerSecond,
        double contentionMutexMinContentionsPerSecond,
        double contentionNotableDelayMsPerSecond,
        double contentionFail,
        double contentionWarn,
        double schedLatencyP99FailMs,
        double schedLatencyP99WarnMs,
        double baselineSchedLockMinRise,
        double maxPerRequestGrowth) {

    public static final String PREFIX = "schedgate.";
    /** The source article's four-dimension thresholds and the 30 s profiles they were read on. */
    static final double ARTICLE_BLOCK_MS = 5;

    static final double ARTICLE_CONTENTIONS = 100;
    static final double ARTICLE_WINDOW_S = 30;
    /** Keys that were counts per window (the class depended on the window's length), and their rate replacements. */
    private static final String[][] PER_WINDOW_KEYS = {
        {"contention.blockMinMs", "contention.blockMinMsPerSecond"},
        {"contention.mutexMinContentions", "contention.mutexMinContentionsPerSecond"},
        {"contention.notableDelayMs", "contention.notableDelayMsPerSecond"}
    };

    public Thresholds {
        requireFraction("schedlock.warn", schedLockWarn);
        requireFraction("schedlock.fail", schedLockFail);
        if (schedLockWarn > schedLockFail) {
            throw new IllegalArgumentException(PREFIX + "schedlock.warn (" + schedLockWarn + ") is above " + PREFIX
                    + "schedlock.fail (" + schedLockFail + "): warn must be <= fail");
        }
        requireFraction("saturation.achievedRatio", saturationAchievedRatio);
        requireFraction("errors.max", maxErrorRate);
        if (!Double.isNaN(p99SloMs) && !(p99SloMs > 0)) {
            throw new IllegalArgumentException(PREFIX + "p99.sloMs must be > 0 ms, got " + p99SloMs);
        }
        if (!(maxLinearityExponent > 0)) {
            throw new IllegalArgumentException(
                    PREFIX + "linearity.maxExponent must be > 0, got " + maxLinearityExponent);
        }
        if (!(confidenceLevel > 0.5 && confidenceLevel < 1)) {
            throw new IllegalArgumentException(
                    PREFIX + "confidence must be in (0.5, 1), e.g. 0.95; got " + confidenceLevel);
        }
        requireFraction("baseline.capacityMargin", baselineCapacityMargin);
        if (!(goroutineSlack >= 0)) {
            throw new IllegalArgumentException(PREFIX + "goroutines.slack must be >= 0, got " + goroutineSlack);
        }
        for (Object[] kv : new Object[][] {
            {"contention.blockMinMsPerSecond", contentionBlockMinMsPerSecond},
            {"contention.mutexMinContentionsPerSecond", contentionMutexMinContentionsPerSecond},
            {"contention.notableDelayMsPerSecond", contentionNotableDelayMsPerSecond}
        }) {
            if (!((double) kv[1] >= 0)) {
                throw new IllegalArgumentException(PREFIX + kv[0] + " must be >= 0, got " + kv[1]);
            }
        }
        requireFraction("contention.fail", contentionFail);
        requireFraction("contention.warn", contentionWarn);
        if (contentionWarn > contentionFail) {
            throw new IllegalArgumentException(PREFIX + "contention.warn (" + contentionWarn + ") is above " + PREFIX
                    + "contention.fail (" + contentionFail + "): warn must be <= fail");
        }
        if (!(maxPerRequestGrowth > 2)) {
            throw new IllegalArgumentException(PREFIX + "linearity.maxPerRequestGrowth must be > 2 (the WARN"
                    + " level), got " + maxPerRequestGrowth);
        }
        requireFraction("baseline.schedlockMinRise", baselineSchedLockMinRise);
        if (uslMinSteps < 4) {
            throw new IllegalArgumentException(
                    PREFIX + "usl.minSteps must be >= 4 (the USL has 3 parameters), got " + uslMinSteps);
        }
    }

    /** The metrics thresholds with the default lock-contention and baseline thresholds. */
    public Thresholds(
            double schedLockWarn,
            double schedLockFail,
            double saturationAchievedRatio,
            double maxErrorRate,
            double p99SloMs,
            double maxLinearityExponent,
            double confidenceLevel,
            double baselineCapacityMargin,
            double goroutineSlack,
            int uslMinSteps) {
        this(
                schedLockWarn,
                schedLockFail,
                saturationAchievedRatio,
                maxErrorRate,
                p99SloMs,
                maxLinearityExponent,
                confidenceLevel,
                baselineCapacityMargin,
                goroutineSlack,
                uslMinSteps,
                ARTICLE_BLOCK_MS / ARTICLE_WINDOW_S,
                ARTICLE_CONTENTIONS / ARTICLE_WINDOW_S,
                0.2,
                0.05,
                0.01,
                10,
                1,
                0.005,
                6);
    }

    public static Thresholds defaults() {
        return new Thresholds(0.05, 0.15, 0.95, 0.01, Double.NaN, 1.0, 0.95, 0.10, 20, 6);
    }

    public boolean hasP99Slo() {
        return !Double.isNaN(p99SloMs);
    }

    /** Defaults overridden by {@code schedgate.*} system properties. */
    public static Thresholds fromSystemProperties() {
        return from(System.getProperties());
    }

    /** Defaults overridden by {@code schedgate.*} entries; a bad value names its property. */
    public static Thresholds from(Properties p) {
        for (String[] old : PER_WINDOW_KEYS) {
            if (p.getProperty(PREFIX + old[0]) != null) {
                throw new IllegalArgumentException("-D" + PREFIX + old[0]
                        + " counted per window, so the verdict depended on" + " the window's length: give -D" + PREFIX
                        + old[1] + " (the same per second of window) instead");
            }
        }
        Thresholds d = defaults();
        return new Thresholds(
                fraction(p, "schedlock.warn", d.schedLockWarn),
                fraction(p, "schedlock.fail", d.schedLockFail),
                fraction(p, "saturation.achievedRatio", d.saturationAchievedRatio),
                fraction(p, "errors.max", d.maxErrorRate),
                number(p, "p99.sloMs", d.p99SloMs),
                number(p, "linearity.maxExponent", d.maxLinearityExponent),
                fraction(p, "confidence", d.confidenceLevel),
                fraction(p, "baseline.capacityMargin", d.baselineCapacityMargin),
                number(p, "goroutines.slack", d.goroutineSlack),
                (int) Math.round(number(p, "usl.minSteps", d.uslMinSteps)),
                number(p, "contention.blockMinMsPerSecond", d.contentionBlockMinMsPerSecond),
                number(p, "contention.mutexMinContentionsPerSecond", d.contentionMutexMinContentionsPerSecond),
                number(p, "contention.notableDelayMsPerSecond", d.contentionNotableDelayMsPerSecond),
                fraction(p, "contention.fail", d.contentionFail),
                fraction(p, "contention.warn", d.contentionWarn),
                number(p, "schedlatency.p99FailMs", d.schedLatencyP99FailMs),
                number(p, "schedlatency.p99WarnMs", d.schedLatencyP99WarnMs),
                fraction(p, "baseline.schedlockMinRise", d.baselineSchedLockMinRise),
                number(p, "linearity.maxPerRequestGrowth", d.maxPerRequestGrowth));
    }

    private static double fraction(Properties p, String key, double fallback) {
        String raw = p.getProperty(PREFIX + key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String s = raw.strip();
        boolean percent = s.endsWith("%");
        double v = parse(
                key,
                percent ? s.substring(0, s.length() - 1).strip() : s,
                "a fraction like 0.05 or a percentage like 5%");
        return percent ? v / 100.0 : v;
    }

    private static double number(Properties p, String key, double fallback) {
        String raw = p.getProperty(PREFIX + key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return parse(key, raw.strip(), "a number");
    }

    private static double parse(String key, String text, String expected) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PREFIX + key + "=" + text + " is not " + expected);
        }
    }

    private static void requireFraction(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(
                    "-D" + PREFIX + key + " must be between 0 and 1 (or 0% and 100%), got " + v);
        }
    }
}
