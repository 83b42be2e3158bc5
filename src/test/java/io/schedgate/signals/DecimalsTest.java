package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Decimals gives the digits java.util.Formatter gives, so the summaries read as before. */
class DecimalsTest {

    @Test
    void fixedMatchesFormatter() {
        SplittableRandom r = new SplittableRandom(42);
        double[] edges = {0, 1.005, 2.675, 0.125, 99.995, 100, 1e-7, 123456.789, 0.05, 0.15, 0.25, 12.345};
        for (double v : edges) {
            check(v);
        }
        for (int i = 0; i < 20_000; i++) {
            check(r.nextDouble() * Math.pow(10, r.nextInt(-3, 7)));
            check(r.nextInt(0, 100_000) / 1000.0); // values on the rounding boundary, as shares often are
        }
    }

    private static void check(double v) {
        for (int d = 1; d <= 2; d++) {
            assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Decimals.fixed(v, d), v + " to " + d);
        }
    }

    @Test
    void padding() {
        assertEquals("   ab", Decimals.right("ab", 5));
        assertEquals("ab   ", Decimals.left("ab", 5));
        assertEquals("abcdef", Decimals.left("abcdef", 3));
    }
}
