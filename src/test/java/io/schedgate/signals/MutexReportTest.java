package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.pprof.Fixtures;
import io.schedgate.pprof.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MutexReportTest {

    private static MutexReport report(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        return MutexReport.of(p, GoVersionDetector.detect(p));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go126-hotlock-mutex", "go123-hotlock-mutex"})
    void hotMutexIsTheLabsOwnUnlockLine(String fixture) {
        MutexReport m = report(fixture);
        MutexReport.UserSite top = m.userSites().get(0);
        assertEquals("sync.Mutex", top.primitive());
        assertEquals("main.(*hotlock).run", top.function());
        assertEquals("hotlock.go:33", top.site(), "h.mu.Unlock() in targets/lab/hotlock.go");
        assertTrue(top.amount().delayNanos() > 0.75 * m.delayNanos(), "the hot lock dominates: " + top);
    }

    @Test
    void go123WithoutGodebugIsAllLostAndSaysHowToSeeMore() {
        MutexReport m = report("go123-fanout-mutex");
        assertEquals(MutexReport.LOST_ONLY, m.semantics());
        assertTrue(m.lost().delayNanos() > 0.99 * m.delayNanos());
        assertEquals(1, m.diagnostics().size());
        assertTrue(m.diagnostics().get(0).contains("GODEBUG=runtimecontentionstacks=1"));
        assertEquals(
                0,
                m.runtimeBuckets().values().stream()
                        .mapToLong(MutexReport.Amount::delayNanos)
                        .sum());
    }

    @Test
    void go123WithGodebugIsWaiterSideAndMostlySchedLock() {
        MutexReport m = report("go123-stacks-fanout-mutex");
        assertEquals(MutexReport.WAITER_SIDE, m.semantics());
        long sched = m.runtimeBuckets().get(LockBucket.SCHED_LOCK).delayNanos();
        assertTrue(sched > 0.5 * m.runtimeTotal().delayNanos(), "sched.lock majority: " + m.runtimeBuckets());
        assertTrue(m.runtimeSites().stream().limit(3).anyMatch(s -> s.callerFunction()
                .equals("runtime.findRunnable")));
        assertTrue(m.diagnostics().isEmpty());
    }

    @Test
    void go126IsHolderSideThroughUnlockCallers() {
        MutexReport m = report("go126-fanout-mutex");
        assertEquals(MutexReport.HOLDER_SIDE, m.semantics());
        MutexReport.RuntimeSite top = m.runtimeSites().get(0);
        assertEquals(LockBucket.SCHED_LOCK, top.bucket());
        assertEquals("runtime.wakep", top.callerFunction());
        assertEquals(LockAttributor.Method.SITE, top.method());
        long all = m.runtimeTotal().delayNanos()
                + m.userSites().stream().mapToLong(u -> u.amount().delayNanos()).sum();
        assertEquals(m.delayNanos(), all, "runtime + user sites account for all delay");
    }
}
