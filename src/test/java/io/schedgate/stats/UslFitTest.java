package io.schedgate.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UslFitTest {

    /**
     * Cisco benchmark from Baron Schwartz, <i>Practical Scalability Analysis with the Universal
     * Scalability Law</i> (VividCortex, 2015), also the reference data set of usl4j's tests. The
     * book's nonlinear fit: σ = 0.02671591, κ = 7.690945e-4, λ = 995.6486, N* ≈ 35, X(N*) ≈ 12341.
     */
    static final double[] CISCO_N = {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32
    };

    static final double[] CISCO_X = {
        955.16, 1878.91, 2688.01, 3548.68, 4315.54, 5130.43, 5931.37, 6531.08, 7219.8, 7867.61, 8278.71, 8646.7,
        9047.84, 9426.55, 9645.37, 9897.24, 10097.6, 10240.5, 10532.39, 10798.52, 11151.43, 11518.63, 11806, 12089.37,
        12075.41, 12177.29, 12211.41, 12158.93, 12155.27, 12118.04, 12140.4, 12074.39
    };

    @Test
    void ciscoBenchmarkMatchesTheBook() {
        UslFit fit = UslFit.fit(CISCO_N, CISCO_X);
        UniversalScalabilityLaw usl = fit.model();
        assertClose(0.02671591, usl.sigma(), 2e-4);
        assertClose(7.690945e-4, usl.kappa(), 2e-4);
        assertClose(995.6486, usl.lambda(), 2e-4);
        assertEquals(35, Math.floor(usl.peakConcurrency())); // the book reports whole workers
        // The book's X_max is X(35), at whole workers; the continuous peak X(N*) is a touch higher.
        assertClose(12341, usl.throughputAt(35), 2e-4);
        assertTrue(usl.peakThroughput() >= usl.throughputAt(35));
        assertTrue(fit.rSquared() > 0.99, "R² " + fit.rSquared());
        // At the peak both terms are comparable; at 32 workers κN = 0.0246 < σ = 0.0267.
        assertEquals(UniversalScalabilityLaw.Limit.CONTENTION, usl.limitAt(32));
        assertEquals(UniversalScalabilityLaw.Limit.COHERENCY, usl.limitAt(64));
    }

    /**
     * R package {@code usl} (S. Moeding), tests/coef.R: tput = 1, 1.8868, 3.0769, 3.5294, 3.5398,
     * 3.3557 at load 1, 2, 4, 6, 8, 10 gives σ = 0.02, κ = 0.02, λ = 1.00 (3 significant digits).
     */
    @Test
    void rPackageCoefExample() {
        double[] load = {1, 2, 4, 6, 8, 10};
        double[] tput = {1, 1.8868, 3.0769, 3.5294, 3.5398, 3.3557};
        UniversalScalabilityLaw usl = UslFit.fit(load, tput).model();
        assertEquals(0.02, usl.sigma(), 0.0005);
        assertEquals(0.02, usl.kappa(), 0.0005);
        assertEquals(1.00, usl.lambda(), 0.005);
        // N* = sqrt(0.98/0.02) = 7.0: past it, throughput falls (coherency-bound).
        assertEquals(7.0, usl.peakConcurrency(), 0.05);
        assertEquals(UniversalScalabilityLaw.Limit.COHERENCY, usl.limitAt(10));
    }

    /**
     * Gunther's ray-tracer benchmark (Guerrilla Capacity Planning, 2007, ch. 5; R package {@code usl}
     * data set {@code raytracer}). R's tests/confint.Rout.save prints the bounded fit: σ = 0.0578,
     * κ = 0.0000, λ = 21.8488 — κ pinned at its lower bound, so the limit is pure contention.
     */
    @Test
    void rayTracerIsContentionBoundWithZeroCoherency() {
        double[] processors = {1, 4, 8, 12, 16, 20, 24, 28, 32, 48, 64};
        double[] throughput = {20, 78, 130, 170, 190, 200, 210, 230, 260, 280, 310};
        UniversalScalabilityLaw usl = UslFit.fit(processors, throughput).model();
        assertEquals(0.0578, usl.sigma(), 0.00005);
        assertEquals(0.0, usl.kappa(), 1e-9);
        assertEquals(21.8488, usl.lambda(), 0.00005);
        assertEquals(Double.POSITIVE_INFINITY, usl.peakConcurrency());
        assertEquals(21.8488 / 0.0578, usl.peakThroughput(), 1.0);
        assertEquals(UniversalScalabilityLaw.Limit.CONTENTION, usl.limitAt(64));
    }

    @Test
    void modelFormulaAndPeak() {
        UniversalScalabilityLaw usl = new UniversalScalabilityLaw(0.06, 0.06, 40);
        // X(4) = 40·4/(1 + 0.06·3 + 0.06·12) = 160/1.9
        assertEquals(160 / 1.9, usl.throughputAt(4), 1e-9);
        assertEquals(Math.sqrt(0.94 / 0.06), usl.peakConcurrency(), 1e-12);
    }

    @Test
    void refusesTooFewOrInvalidPoints() {
        assertThrows(IllegalArgumentException.class, () -> UslFit.fit(new double[] {1, 2, 3}, new double[] {1, 2, 3}));
        assertThrows(
                IllegalArgumentException.class, () -> UslFit.fit(new double[] {1, 2, 3, 4}, new double[] {1, 2, 0, 3}));
    }

    private static void assertClose(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.abs(expected) * relative);
    }
}
