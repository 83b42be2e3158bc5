package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.stats.UniversalScalabilityLaw;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** σ tied to the lock found: λ/σ is the ceiling a lock held 1/X s per request imposes (κ = 0). */
class UslLockTieTest {

    private static CheckResult lock(String verdict, double saturationQps) {
        return new CheckResult(
                LockContentionCheck.ID,
                4,
                Status.FAIL,
                0.3,
                0.05,
                LockContentionCheck.UNIT,
                Confidence.HIGH,
                "…",
                new LockContentionCheck.SiteDetails(
                        "main.go:42",
                        "main.handler",
                        "sync.Mutex",
                        verdict,
                        0,
                        0,
                        0,
                        false,
                        null,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        0,
                        saturationQps,
                        0,
                        null));
    }

    @Test
    void aLockAtTheSerialCeilingAgrees() {
        // λ = 1000 req/s per unit of concurrency, σ = 0.5: ceiling λ/σ = 2000 req/s (by hand)
        Map<String, Object> details = new LinkedHashMap<>();
        String tie = UslCheck.lockTie(
                List.of(lock("true contention", 1800)), new UniversalScalabilityLaw(0.5, 0, 1000), details);
        assertEquals(2000.0, (double) details.get("serialCeilingQps"), 1e-9);
        assertTrue(
                tie.contains("λ/σ=2000 req/s and the lock at main.go:42 (saturating near 1800 req/s at step-04) agree"),
                tie);
    }

    @Test
    void aLockFarFromTheCeilingIsNotTheWholeSerialFraction() {
        String tie = UslCheck.lockTie(
                List.of(lock("true contention", 5000)),
                new UniversalScalabilityLaw(0.5, 0, 1000),
                new LinkedHashMap<>());
        assertTrue(tie.endsWith("differ: that lock is not the whole serial fraction"), tie);
    }

    @Test
    void aPseudoSpikeOrNoSigmaTiesNothing() {
        assertEquals(
                "",
                UslCheck.lockTie(
                        List.of(lock("pseudo-spike", 1800)),
                        new UniversalScalabilityLaw(0.5, 0, 1000),
                        new LinkedHashMap<>()));
        assertEquals(
                "",
                UslCheck.lockTie(
                        List.of(lock("true contention", 1800)),
                        new UniversalScalabilityLaw(0, 0, 1000),
                        new LinkedHashMap<>()));
    }
}
