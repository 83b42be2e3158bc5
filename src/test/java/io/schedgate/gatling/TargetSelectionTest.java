package io.schedgate.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.schedgate.collect.TargetEndpoints;
import io.schedgate.plan.InvalidPlanException;
import io.schedgate.plan.PlanSources;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Target settings that must be refused before anything starts (no container is started by these). */
class TargetSelectionTest {

    private static InvalidPlanException refused(Map<String, String> settings) {
        Properties p = new Properties();
        settings.forEach((k, v) -> p.setProperty(PlanSources.PREFIX + k, v));
        return assertThrows(InvalidPlanException.class, () -> TargetSelection.start(PlanSources.of(p, Map.of())));
    }

    @Test
    void urlWithoutPprofNamesTheMissingSetting() {
        assertEquals(
                TargetSelection.PPROF,
                refused(Map.of("target.url", "http://127.0.0.1:8080")).property());
    }

    @Test
    void urlAndImageTogetherAreRefused() {
        assertEquals(
                TargetSelection.URL,
                refused(Map.of("target.url", "http://a", "target.image", "x:1")).property());
    }

    @Test
    void malformedHeaderIsRefusedWithoutEchoingIt() {
        InvalidPlanException e = refused(
                Map.of("target.url", "http://a", "target.pprof", "http://b", "target.header", "no-colon-secret"));
        assertEquals(TargetSelection.HEADER, e.property());
        assertFalse(e.getMessage().contains("no-colon-secret"), e.getMessage());
    }

    @Test
    void goExperimentIsForTheLabOnly() {
        assertEquals(
                TargetSelection.GOEXPERIMENT,
                refused(Map.of("target.image", "x:1", "target.goexperiment", "goroutineleakprofile"))
                        .property());
    }

    @Test
    void malformedGoExperimentNamesTheSetting() {
        assertEquals(
                TargetSelection.GOEXPERIMENT,
                refused(Map.of("target.goexperiment", "goroutine leak")).property());
    }

    @Test
    void malformedEnvNamesTheSetting() {
        assertEquals(
                TargetSelection.ENV,
                refused(Map.of("target.image", "x:1", "target.env", "A=1,B")).property());
    }

    @Test
    void runningServiceIsUsedAsGiven() {
        Properties p = new Properties();
        p.setProperty("schedgate.target.url", "http://127.0.0.1:8080/");
        p.setProperty("schedgate.target.pprof", "http://127.0.0.1:6060");
        p.setProperty("schedgate.target.header", "Authorization: Bearer t0k");
        try (TargetSelection t = TargetSelection.start(PlanSources.of(p, Map.of()))) {
            assertEquals("http://127.0.0.1:8080", t.endpoints().appUrl());
            assertEquals("Authorization", t.endpoints().headerName());
            assertEquals(TargetEndpoints.URL, t.info().kind());
        }
    }
}
