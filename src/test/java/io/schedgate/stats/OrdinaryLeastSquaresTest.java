package io.schedgate.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrdinaryLeastSquaresTest {

    /**
     * F. J. Anscombe, "Graphs in Statistical Analysis", The American Statistician 27(1), 1973, data
     * set I. Anscombe gives slope 0.500, intercept 3.00, R² 0.667 (r = 0.816); R's
     * {@code summary(lm(y1 ~ x1, anscombe))} adds the standard errors 0.1179 (slope), 1.1247
     * (intercept) and residual standard error 1.237 on 9 df.
     */
    static final double[] ANSCOMBE_X = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};

    static final double[] ANSCOMBE_Y1 = {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68};

    @Test
    void anscombeSetOneMatchesThePublishedFit() {
        LinearFit fit = OrdinaryLeastSquares.fit(ANSCOMBE_X, ANSCOMBE_Y1);
        assertEquals(0.500, fit.slope(), 0.0005);
        assertEquals(3.00, fit.intercept(), 0.005);
        assertEquals(0.667, fit.rSquared(), 0.0005);
        assertEquals(0.1179, fit.slopeStandardError(), 0.00005);
        assertEquals(1.1247, fit.interceptStandardError(), 0.00005);
        assertEquals(1.237, fit.residualStandardError(), 0.0005);
        assertEquals(9, fit.degreesOfFreedom());
        assertEquals(4.241, fit.slopeTStatistic(0), 0.0005);
    }

    /**
     * R's {@code confint(lm(y1 ~ x1, anscombe))} gives the 95% slope interval [0.2333, 0.7668]:
     * 0.5001 ± 2.262·0.1179.
     */
    @Test
    void anscombeSlopeIntervalMatchesConfint() {
        ConfidenceInterval ci =
                OrdinaryLeastSquares.fit(ANSCOMBE_X, ANSCOMBE_Y1).slopeInterval(0.95);
        assertEquals(0.2333, ci.lower(), 0.0005);
        assertEquals(0.7668, ci.upper(), 0.0005);
        assertTrue(ci.entirelyAbove(0));
        assertTrue(ci.entirelyBelow(1));
    }

    @Test
    void anExactLineHasZeroErrorAndFullRSquared() {
        LinearFit fit = OrdinaryLeastSquares.fit(new double[] {1, 2, 3, 4}, new double[] {5, 7, 9, 11});
        assertEquals(2.0, fit.slope(), 1e-12);
        assertEquals(3.0, fit.intercept(), 1e-12);
        assertEquals(0.0, fit.slopeStandardError(), 1e-12);
        assertEquals(1.0, fit.rSquared(), 1e-12);
    }

    @Test
    void refusesTooFewOrDegeneratePoints() {
        assertThrows(
                IllegalArgumentException.class,
                () -> OrdinaryLeastSquares.fit(new double[] {1, 2}, new double[] {1, 2}));
        assertThrows(
                IllegalArgumentException.class,
                () -> OrdinaryLeastSquares.fit(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
        assertThrows(
                IllegalArgumentException.class,
                () -> OrdinaryLeastSquares.fit(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}));
    }
}
