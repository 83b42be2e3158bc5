package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hot lock's mutex delay per request across steps: its trend row, the exponent recomputed by hand. */
class LockDelayTrendTest {

    /** Ordinary least squares slope of ln y on ln x: the exponent, computed apart from stats.PowerLawFit. */
    private static double logLogSlope(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
            sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
        }
        return sxy / sxx;
    }

    @Test
    void theHotLocksCostPerRequestBuildsUpWithLoad() {
        Verdict v = ProfileVerdictTest.judge("hotlock-go1.26");
        CheckResult trend = v.result(LockContentionCheck.ID, CheckResult.RAMP).orElseThrow();
        assertEquals(Status.WARN, trend.status(), trend.evidence());
        assertTrue(
                trend.evidence()
                        .startsWith("mutex delay per request at hotlock.go:25 (Lock; released at hotlock.go:33)"),
                trend.evidence());
        double[] qps = (double[]) trend.detailsMap().get("qps");
        double[] perRequest = (double[]) trend.detailsMap().get("delayMicrosPerRequest");
        assertEquals(3, qps.length);
        // the per-step rows' own numbers feed the trend: step by step, the same per-request delay
        List<CheckResult> steps = v.results().stream()
                .filter(r -> r.checkId().equals(LockContentionCheck.ID) && !r.rampWide())
                .filter(r -> "hotlock.go:33".equals(r.detailsMap().get("site")))
                .toList();
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(
                    ((Number) steps.get(i).detailsMap().get("mutexDelayMicrosPerRequest")).doubleValue(),
                    perRequest[i]);
        }
        assertEquals(logLogSlope(qps, perRequest), trend.value(), 1e-9);
        assertTrue(trend.value() > 1, "superlinear: " + trend.value());
    }

    @Test
    void aRunWithoutATrulyContendedLockHasNoTrendRow() {
        Verdict v = ProfileVerdictTest.judge("healthy-go1.26");
        assertTrue(v.result(LockContentionCheck.ID, CheckResult.RAMP).isEmpty());
    }
}
