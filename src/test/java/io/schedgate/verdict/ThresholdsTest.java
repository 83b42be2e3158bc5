package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Thresholds t = Thresholds.from(new Properties());
        assertEquals(0.05, t.schedLockWarn());
        assertEquals(0.15, t.schedLockFail());
        assertEquals(0.95, t.saturationAchievedRatio());
        assertEquals(0.01, t.maxErrorRate());
        assertFalse(t.hasP99Slo());
        assertEquals(1.0, t.maxLinearityExponent());
        assertEquals(0.10, t.baselineCapacityMargin());
        assertEquals(6, t.uslMinSteps());
    }

    @Test
    void propertiesOverrideAndPercentagesWork() {
        Properties p = new Properties();
        p.setProperty("schedgate.schedlock.warn", "2%");
        p.setProperty("schedgate.schedlock.fail", "0.08");
        p.setProperty("schedgate.p99.sloMs", "250");
        p.setProperty("schedgate.usl.minSteps", "8");
        Thresholds t = Thresholds.from(p);
        assertEquals(0.02, t.schedLockWarn(), 1e-12);
        assertEquals(0.08, t.schedLockFail(), 1e-12);
        assertTrue(t.hasP99Slo());
        assertEquals(250, t.p99SloMs());
        assertEquals(8, t.uslMinSteps());
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
        assertEquals(10, Thresholds.from(q).contentionMutexMinContentionsPerSecond());
        assertEquals(
                100 / 30.0,
                Thresholds.defaults().contentionMutexMinContentionsPerSecond(),
                1e-12,
                "the article's 100 contentions over its 30 s profiles");
    }
}
