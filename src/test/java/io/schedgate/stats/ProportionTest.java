package io.schedgate.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Wilson score intervals against the worked examples of R. G. Newcombe, "Two-sided confidence
 * intervals for the single proportion: comparison of seven methods", Statistics in Medicine 17
 * (1998) 857-872, Table I, method 3 (score interval without continuity correction).
 */
class ProportionTest {

    private static void assertInterval(long k, long n, double lower, double upper) {
        Proportion p = Proportion.wilson95(k, n);
        assertEquals(lower, p.lower(), 1e-4, k + "/" + n + " lower");
        assertEquals(upper, p.upper(), 1e-4, k + "/" + n + " upper");
        assertEquals((double) k / n, p.share(), 1e-12);
    }

    @Test
    void newcombeTableOne() {
        assertInterval(81, 263, 0.2553, 0.3662);
        assertInterval(15, 148, 0.0624, 0.1605);
        assertInterval(0, 20, 0.0, 0.1611);
        assertInterval(1, 29, 0.0061, 0.1718);
    }

    @Test
    void zeroSuccessesIncludeZeroAndOthersDoNot() {
        assertTrue(Proportion.wilson95(0, 551).includesZero());
        assertFalse(Proportion.wilson95(1, 551).includesZero());
        assertEquals(1.0, Proportion.wilson95(7, 7).upper());
    }

    @Test
    void noTrialsIsUninformative() {
        Proportion p = Proportion.wilson95(0, 0);
        assertEquals(0, p.lower());
        assertEquals(1, p.upper());
        assertThrows(IllegalArgumentException.class, () -> Proportion.wilson95(3, 2));
    }
}
