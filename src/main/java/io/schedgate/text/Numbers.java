package io.schedgate.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one number formatter of every sentence schedgate prints (evidence, console, report): short,
 * locale-independent, with the digits {@code java.util.Formatter} gives (the shortest decimal of the
 * double, rounded half up) but without it, whose first use loads the locale data: ~15 ms of a short CLI run.
 */
public final class Numbers {
    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);

    private Numbers() {}

    /**
     * A measured number: whole numbers and anything from 100 up without decimals ({@code 1523}), from 1
     * two decimals ({@code 4.40}), below 1 three significant digits ({@code 0.0122}, {@code 4.43e-05}:
     * {@code %.3g}); NaN is {@code n/a}.
     */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v) && a < 1e6) {
            return fixed(v, 0);
        }
        if (a >= 1) {
            return fixed(v, 2);
        }
        return significant3(v);
    }

    /** A share as a percentage: {@code 12.5%}, two decimals below 1% ({@code 0.35%}). */
    public static String percent(double fraction) {
        double p = fraction * 100;
        return fixed(p, Math.abs(p) < 1 && p != 0 ? 2 : 1) + "%";
    }

    /** "1 step", "3 steps": a count with its noun in the right number. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code v} with exactly {@code decimals} digits after the point, e.g. fixed(1.005, 2) = "1.01" ({@code %.Nf}). */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
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

    /** {@code %.3g} for |v| < 1: decimal from 1e-4 up, else {@code d.dde-XX}. */
    private static String significant3(double v) {
        BigDecimal b = BigDecimal.valueOf(v).round(THREE_DIGITS);
        if (b.signum() == 0) {
            return "0.00";
        }
        int exponent = b.precision() - b.scale() - 1;
        if (exponent >= -4) {
            return b.setScale(2 - exponent, RoundingMode.HALF_UP).toPlainString();
        }
        BigDecimal mantissa = b.movePointRight(-exponent).setScale(2, RoundingMode.HALF_UP);
        int e = -exponent;
        return mantissa.toPlainString() + "e-" + (e < 10 ? "0" : "") + e;
    }
}
