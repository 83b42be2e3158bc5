package io.schedgate.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.schedgate.collect.TargetEndpoints;
import io.schedgate.load.HarnessAffinity;
import io.schedgate.plan.CpuSplit;
import io.schedgate.plan.InvalidPlanException;
import io.schedgate.plan.PlanSources;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Target settings: what must be refused before anything starts, and CPU pinning on a real lab container. */
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
    void anUnknownPinModeIsRefusedBeforeAnythingStarts() {
        assertEquals(CpuSplit.SETTING, refused(Map.of("target.pin", "maybe")).property());
    }

    /**
     * target.pin=on on this machine: the lab container gets the upper CPU, this JVM the lower, the kernel
     * reports both, GOMAXPROCS follows the cpuset, and closing gives the JVM its CPUs back.
     */
    @Test
    void pinOnPutsTheLabAndTheHarnessOnDisjointCpus() {
        int cpus = HarnessAffinity.machineCpus();
        assumeTrue(cpus >= 2, "needs 2 CPUs to split");
        String before = HarnessAffinity.current().orElseThrow();
        Properties p = new Properties();
        p.setProperty("schedgate.target.pin", "on");
        CpuSplit expected = CpuSplit.decide("on", cpus, null, true);
        try (TargetSelection t = TargetSelection.start(PlanSources.of(p, Map.of()))) {
            assertEquals(expected.targetCpus(), t.info().cpuset());
            assertEquals(expected.harnessCpus(), HarnessAffinity.current().orElseThrow());
            assertEquals(expected.harnessCpus(), t.harnessCpus());
            assertEquals(expected.note(), t.pinning());
            assertEquals(cpus - cpus / 2, t.info().gomaxprocs(), "GOMAXPROCS follows the cpuset");
        }
        assertEquals(before, HarnessAffinity.current().orElseThrow(), "the JVM's CPUs are restored on close");
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
            assertTrue(t.pinning().contains("not pinned"), t.pinning());
        }
    }
}
