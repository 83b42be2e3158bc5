package io.schedgate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Numbers gives the digits java.util.Formatter gives (the independent expected value), so every sentence reads as before. */
class NumbersTest {

    /** What evidence sentences printed with String.format before Numbers replaced it. */
    private static String formatter(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v) && a < 1e6) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    @Test
    void numMatchesFormatterOverEveryMagnitude() {
        double[] edges = {
            0,
            1,
            -1,
            0.5,
            0.9995,
            0.99949,
            1.005,
            2.675,
            99.995,
            100,
            1e6,
            1e6 + 0.5,
            1e-4,
            9.995e-5,
            0.00012345,
            4.43e-05,
            1e-12,
            -0.0122,
            0.05,
            0.125,
            Double.NaN
        };
        for (double v : edges) {
            assertEquals(formatter(v), Numbers.num(v), Double.toString(v));
        }
        assertEquals("0", Numbers.num(-0.0), "negative zero reads as 0, where Formatter printed -0");
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            double v = (r.nextBoolean() ? 1 : -1) * r.nextDouble() * Math.pow(10, r.nextInt(-9, 8));
            assertEquals(formatter(v), Numbers.num(v), Double.toString(v));
            double boundary = r.nextInt(0, 100_000) / 100_000.0;
            assertEquals(formatter(boundary), Numbers.num(boundary), Double.toString(boundary));
        }
    }

    @Test
    void fixedAndPercentMatchFormatter() {
        SplittableRandom r = new SplittableRandom(42);
        double[] edges = {0, 1.005, 2.675, 0.125, 99.995, 100, 1e-7, 123456.789, 0.05, 0.15, 0.25, 12.345};
        for (double v : edges) {
            checkFixed(v);
        }
        for (int i = 0; i < 20_000; i++) {
            checkFixed(r.nextDouble() * Math.pow(10, r.nextInt(-3, 7)));
            checkFixed(r.nextInt(0, 100_000) / 1000.0); // values on the rounding boundary, as shares often are
            double share = r.nextDouble() * (r.nextBoolean() ? 1 : 0.01);
            double p = share * 100;
            assertEquals(
                    String.format(Locale.ROOT, Math.abs(p) < 1 && p != 0 ? "%.2f%%" : "%.1f%%", p),
                    Numbers.percent(share));
        }
    }

    private static void checkFixed(double v) {
        for (int d = 0; d <= 2; d++) {
            assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Numbers.fixed(v, d), v + " to " + d);
        }
    }

    @Test
    void countsAndPadding() {
        assertEquals("1 step", Numbers.count(1, "step"));
        assertEquals("0 steps", Numbers.count(0, "step"));
        assertEquals("1 more reason", Numbers.count(1, "more reason"));
        assertEquals("   ab", Numbers.right("ab", 5));
        assertEquals("ab   ", Numbers.left("ab", 5));
        assertEquals("abcdef", Numbers.left("abcdef", 3));
    }
}
