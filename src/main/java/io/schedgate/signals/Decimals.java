package io.schedgate.signals;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point text for summaries, the digits {@code String.format("%.Nf")} gives (the shortest
 * decimal of the double, rounded half up) without java.util.Formatter, whose first use loads
 * the locale data: ~15 ms of a short CLI run.
 */
public final class Decimals {

    private Decimals() {}

    /** {@code v} with exactly {@code decimals} digits after the point, e.g. fixed(1.005, 2) = "1.01". */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code s} padded with spaces on the left to {@code width} (as %Ns). */
    public static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** {@code s} padded with spaces on the right to {@code width} (as %-Ns). */
    public static String left(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
