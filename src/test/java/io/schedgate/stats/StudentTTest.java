package io.schedgate.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudentTTest {

    /**
     * Two-sided 95% critical values t_{0.975, df} from NIST/SEMATECH e-Handbook of Statistical
     * Methods, §1.3.6.7.2 "Critical Values of the Student's t Distribution" (3 decimals), and the
     * normal limit 1.960 for very large df.
     */
    @ParameterizedTest
    @CsvSource({
        "1, 12.706",
        "2, 4.303",
        "3, 3.182",
        "4, 2.776",
        "5, 2.571",
        "9, 2.262",
        "10, 2.228",
        "20, 2.086",
        "30, 2.042",
        "100, 1.984",
        "1000000, 1.960"
    })
    void criticalValuesMatchTheNistTable(double df, double expected) {
        assertEquals(expected, StudentT.twoSidedCritical(0.95, df), 0.0005);
    }

    /** One-sided 99% (0.99 quantile) from the same NIST table: df=5 → 3.365, df=15 → 2.602. */
    @ParameterizedTest
    @CsvSource({"5, 3.365", "15, 2.602"})
    void upperQuantilesMatchTheNistTable(double df, double expected) {
        assertEquals(expected, StudentT.quantile(0.99, df), 0.0005);
    }

    /** The distribution is symmetric: the lower quantile is the negated upper one. */
    @Test
    void quantileIsSymmetric() {
        assertEquals(-StudentT.quantile(0.975, 7), StudentT.quantile(0.025, 7), 1e-9);
        assertEquals(0.0, StudentT.quantile(0.5, 7), 1e-9);
    }

    /**
     * R's {@code summary(lm(y1 ~ x1, anscombe))} reports t = 4.241 on 9 df with two-sided p = 0.00217
     * for the slope of Anscombe's set 1 (Anscombe 1973; R datasets::anscombe).
     */
    @Test
    void cdfGivesThePValueRReportsForAnscombe() {
        double p = 2 * (1 - StudentT.cdf(4.241, 9));
        assertEquals(0.00217, p, 0.00001);
    }

    /** With df = 1 the t distribution is Cauchy: P(T ≤ 1) = 1/2 + atan(1)/π = 0.75 exactly. */
    @Test
    void cdfOfOneDegreeOfFreedomIsCauchy() {
        assertEquals(0.75, StudentT.cdf(1.0, 1), 1e-12);
        assertEquals(0.5 + Math.atan(3.0) / Math.PI, StudentT.cdf(3.0, 1), 1e-12);
    }

    /** ln Γ(n) = ln((n−1)!) and Γ(½) = √π. */
    @Test
    void logGammaMatchesFactorials() {
        assertEquals(Math.log(120), StudentT.logGamma(6), 1e-9);
        assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-9);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1.0, 5));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> StudentT.twoSidedCritical(95, 5));
    }
}
