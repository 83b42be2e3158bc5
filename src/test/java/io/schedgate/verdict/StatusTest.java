package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void noDataFailsTheGateLikeFail() {
        assertTrue(Status.FAIL.failsGate());
        assertTrue(Status.NO_DATA.failsGate());
        assertFalse(Status.WARN.failsGate());
        assertFalse(Status.PASS.failsGate());
        assertEquals(Status.FAIL, Status.NO_DATA.worst(Status.FAIL));
        assertEquals(Status.NO_DATA, Status.WARN.worst(Status.NO_DATA));
        assertEquals(Status.WARN, Status.WARN.worst(Status.PASS));
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        Map<String, Object> details = new HashMap<>();
        details.put("nan", Double.NaN);
        details.put("ok", 1.5);
        CheckResult r = new CheckResult(
                "x",
                1,
                Status.PASS,
                Double.POSITIVE_INFINITY,
                Double.NaN,
                "u",
                Confidence.HIGH,
                "e",
                new MapDetails(details));
        assertNull(r.value());
        assertNull(r.threshold());
        assertNull(r.detailsMap().get("nan"));
        assertEquals(1.5, r.detailsMap().get("ok"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CheckResult("x", 1, null, 1.0, 1.0, "u", Confidence.HIGH, "e", MapDetails.EMPTY));
    }

    @Test
    void baselinePropertyMustPointAtARun() {
        String old = System.getProperty(VerdictEngine.BASELINE_PROPERTY);
        try {
            System.setProperty(VerdictEngine.BASELINE_PROPERTY, "/nonexistent/run");
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, VerdictEngine::baselineFromSystemProperties);
            assertTrue(e.getMessage().startsWith("-Dschedgate.baseline=/nonexistent/run"), e.getMessage());
            System.setProperty(
                    VerdictEngine.BASELINE_PROPERTY,
                    VerdictEngineTest.RUNS.resolve("fanout-go1.26").toString());
            assertEquals(VerdictEngineTest.RUNS.resolve("fanout-go1.26"), VerdictEngine.baselineFromSystemProperties());
            System.clearProperty(VerdictEngine.BASELINE_PROPERTY);
            assertNull(VerdictEngine.baselineFromSystemProperties());
        } finally {
            if (old == null) {
                System.clearProperty(VerdictEngine.BASELINE_PROPERTY);
            } else {
                System.setProperty(VerdictEngine.BASELINE_PROPERTY, old);
            }
        }
    }
}
