package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Thresholds t = Thresholds.from(new Properties());
        assertEquals(0.05, t.get(SchedLockPressureCheck.WARN));
        assertEquals(0.15, t.get(SchedLockPressureCheck.FAIL));
        assertEquals(0.95, t.get(SaturationCheck.ACHIEVED_RATIO));
        assertEquals(0.01, t.get(SaturationCheck.MAX_ERRORS));
        assertTrue(Double.isNaN(t.get(SaturationCheck.P99_SLO)));
        assertEquals(1.0, t.get(GrowthTrend.MAX_EXPONENT));
        assertEquals(0.10, t.get(CapacityCheck.CAPACITY_MARGIN));
        assertEquals(6, UslCheck.Limits.of(t).uslMinSteps());
    }

    @Test
    void propertiesOverrideAndPercentagesWork() {
        Properties p = new Properties();
        p.setProperty("schedgate.schedlock.warn", "2%");
        p.setProperty("schedgate.schedlock.fail", "0.08");
        p.setProperty("schedgate.p99.sloMs", "250");
        p.setProperty("schedgate.usl.minSteps", "8");
        Thresholds t = Thresholds.from(p);
        assertEquals(0.02, t.get(SchedLockPressureCheck.WARN), 1e-12);
        assertEquals(0.08, t.get(SchedLockPressureCheck.FAIL), 1e-12);
        assertEquals(250, t.get(SaturationCheck.P99_SLO));
        assertEquals(8, UslCheck.Limits.of(t).uslMinSteps());
    }

    @Test
    void aBadValueNamesItsProperty() {
        Properties p = new Properties();
        p.setProperty("schedgate.errors.max", "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Thresholds.from(p));
        assertTrue(e.getMessage().contains("-Dschedgate.errors.max=lots"), e.getMessage());

        Properties q = new Properties();
        q.setProperty("schedgate.schedlock.warn", "20%");
        e = assertThrows(IllegalArgumentException.class, () -> Thresholds.from(q));
        assertTrue(e.getMessage().contains("schedgate.schedlock.warn"), e.getMessage());
        assertTrue(e.getMessage().contains("schedgate.schedlock.fail"), e.getMessage());

        Properties r = new Properties();
        r.setProperty("schedgate.saturation.achievedRatio", "150%");
        e = assertThrows(IllegalArgumentException.class, () -> Thresholds.from(r));
        assertTrue(e.getMessage().contains("schedgate.saturation.achievedRatio"), e.getMessage());
    }

    @Test
    void aPerWindowContentionKeyNamesItsRateReplacement() {
        Properties p = new Properties();
        p.setProperty("schedgate.contention.mutexMinContentions", "50");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Thresholds.from(p));
        assertTrue(e.getMessage().contains("-Dschedgate.contention.mutexMinContentionsPerSecond"), e.getMessage());
        Properties q = new Properties();
        q.setProperty("schedgate.contention.mutexMinContentionsPerSecond", "10");
        assertEquals(10, Thresholds.from(q).get(LockContentionCheck.MUTEX_MIN_CONTENTIONS_PER_SECOND));
        assertEquals(
                100 / 30.0,
                Thresholds.defaults().get(LockContentionCheck.MUTEX_MIN_CONTENTIONS_PER_SECOND),
                1e-12,
                "the article's 100 contentions over its 30 s profiles");
    }

    /** verdict.json's thresholds: every key once, with the defaults it had before the keys moved to their checks. */
    @Test
    void theRegistryListsEveryKeyWithItsDefault() {
        java.util.Map<String, Object> expected = new java.util.TreeMap<>();
        expected.put("schedlock.warn", 0.05);
        expected.put("schedlock.fail", 0.15);
        expected.put("saturation.achievedRatio", 0.95);
        expected.put("errors.max", 0.01);
        expected.put("p99.sloMs", null);
        expected.put("linearity.maxExponent", 1.0);
        expected.put("confidence", 0.95);
        expected.put("baseline.capacityMargin", 0.10);
        expected.put("goroutines.slack", 20.0);
        expected.put("usl.minSteps", 6);
        expected.put("contention.blockMinMsPerSecond", 5 / 30.0);
        expected.put("contention.mutexMinContentionsPerSecond", 100 / 30.0);
        expected.put("contention.notableDelayMsPerSecond", 0.2);
        expected.put("contention.fail", 0.05);
        expected.put("contention.warn", 0.01);
        expected.put("schedlatency.p99FailMs", 10.0);
        expected.put("schedlatency.p99WarnMs", 1.0);
        expected.put("baseline.schedlockMinRise", 0.005);
        expected.put("linearity.maxPerRequestGrowth", 6.0);
        assertEquals(expected, new java.util.TreeMap<>(VerdictEngine.thresholdDefaults()));
        assertEquals(expected.size(), CheckRegistry.limits().size());
    }

    @Test
    void capacityAndTheBaselineComparisonAreRegisteredChecks() {
        java.util.List<String> ids =
                CheckRegistry.checks().stream().map(Check::id).toList();
        assertEquals(
                java.util.List.of(
                        SaturationCheck.ID,
                        SchedLockPressureCheck.ID,
                        WakeUpLinearityCheck.ID,
                        SchedLatencyCheck.ID,
                        "goroutines",
                        LockContentionCheck.ID,
                        UslCheck.ID,
                        CapacityCheck.ID,
                        SchedLockBaseline.ID),
                ids);
    }

    @Test
    void crossKeyAndRangeRulesKeepTheirMessages() {
        Properties p = new Properties();
        p.setProperty("schedgate.contention.warn", "6%");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Thresholds.from(p));
        assertEquals(
                "schedgate.contention.warn (0.06) is above schedgate.contention.fail (0.05): warn must be <= fail",
                e.getMessage());
        Properties q = new Properties();
        q.setProperty("schedgate.usl.minSteps", "3");
        e = assertThrows(IllegalArgumentException.class, () -> Thresholds.from(q));
        assertEquals("schedgate.usl.minSteps must be >= 4 (the USL has 3 parameters), got 3", e.getMessage());
        Properties r = new Properties();
        r.setProperty("schedgate.confidence", "40%");
        e = assertThrows(IllegalArgumentException.class, () -> Thresholds.from(r));
        assertEquals("schedgate.confidence must be in (0.5, 1), e.g. 0.95; got 0.4", e.getMessage());
        Properties s = new Properties();
        s.setProperty("schedgate.confidence", "90%");
        assertEquals(0.9, Thresholds.from(s).get(GrowthTrend.CONFIDENCE), 1e-12);
        assertThrows(
                IllegalArgumentException.class, () -> Thresholds.defaults().with(SchedLockPressureCheck.WARN, 0.2));
    }

    /** A check is handed only the limits it lists: reading another names the check, the key and the fix. */
    @Test
    void aCheckReadsOnlyTheLimitsItDeclares() {
        Thresholds view = Thresholds.defaults().readableBy(new UslCheck());
        assertEquals(6, UslCheck.Limits.of(view).uslMinSteps());
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> view.get(SchedLockPressureCheck.WARN));
        assertEquals("UslCheck read schedlock.warn without declaring it in its limits(): add it there", e.getMessage());
    }

    /** Every registered check judges a real run under its own view, so each one's limits() holds what it reads. */
    @Test
    void everyCheckJudgesARealRunOnTheLimitsItDeclares() {
        java.nio.file.Path run = RunFixtures.RUNS.resolve("herd-go1.26");
        // the run as its own baseline only so that the baseline comparison runs too; no status is compared
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(run, run);
        for (Check check : CheckRegistry.checks()) {
            assertTrue(
                    v.results().stream().anyMatch(r -> r.checkId().startsWith(check.id())),
                    check.id() + " judged nothing");
            assertTrue(!check.limits().isEmpty(), check.id() + " declares no limit");
        }
    }
}
