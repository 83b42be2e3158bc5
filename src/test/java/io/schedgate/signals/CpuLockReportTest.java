package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.pprof.Fixtures;
import io.schedgate.pprof.Profile;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuLockReportTest {

    /** pprof's cum for a function in the saved -top -sample_index=samples output. */
    private static long pprofCumSamples(String fixture, String function) {
        Pattern row = Pattern.compile("^\\s*\\S+\\s+\\S+%\\s+\\S+%\\s+(\\S+)\\s+\\S+%\\s+(\\S+)(?: \\(.*\\))?$");
        for (String line : Fixtures.gzipLines(Fixtures.file(fixture + ".top-samples.txt.gz"))) {
            Matcher m = row.matcher(line);
            if (m.matches() && m.group(2).equals(function)) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }

    /**
     * Samples of stacks whose leaf is the inlined lock call ({@code runtime.lockWithRank (inline)} or
     * {@code runtime.lock}) with no lock2 below: the saved {@code go tool pprof -traces -sample_index=samples}.
     */
    private static long inlinedLockLeafSamples(String fixture) {
        List<String> lines = Fixtures.gzipLines(Fixtures.file(fixture + ".traces-samples.txt.gz"));
        Pattern leaf = Pattern.compile("^\\s*(\\d+)\\s+(runtime\\.lockWithRank|runtime\\.lock)( \\(inline\\))?$");
        long n = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i - 1).startsWith("-----")) {
                Matcher m = leaf.matcher(lines.get(i));
                if (m.matches()) {
                    n += Long.parseLong(m.group(1));
                }
            }
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "go126-fanout-cpu",
                "go123-fanout-cpu",
                "go123-stacks-fanout-cpu",
                "go126-hotlock-cpu",
                "go123-hotlock-cpu",
                "go126-healthy-cpu",
                "go123-healthy-cpu"
            })
    void sidesCoverExactlyPprofsLock2AndUnlock2(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        CpuLockReport r = CpuLockReport.of(p, GoVersionDetector.detect(p));
        // lock2's cum, plus samples that stopped at the caller's inlined lock() call before entering it
        assertEquals(
                pprofCumSamples(fixture, "runtime.lock2") + inlinedLockLeafSamples(fixture),
                r.acquire().all().samples());
        assertEquals(
                pprofCumSamples(fixture, "runtime.unlock2"), r.release().all().samples());
        long bucketSum = r.acquire().buckets().values().stream()
                .mapToLong(CpuShare::samples)
                .sum();
        assertEquals(r.acquire().all().samples(), bucketSum, "buckets partition the lock2 samples");
        long phaseSum = r.acquire().phases().values().stream()
                .mapToLong(CpuShare::samples)
                .sum();
        assertEquals(r.acquire().all().samples(), phaseSum, "phases partition the lock2 samples");
        assertEquals(p.total(0), r.totalSamples());
    }

    /** go123-fanout-cpu has one such sample (10 ms in runtime.(*timers).adjust's timer lock): counted, as a timer lock. */
    @org.junit.jupiter.api.Test
    void aSampleAtTheInlinedLockCallCountsForItsCaller() {
        assertEquals(1, inlinedLockLeafSamples("go123-fanout-cpu"), "the fixture has the case");
        Profile p = Fixtures.profile("go123-fanout-cpu.pb.gz");
        CpuLockReport r = CpuLockReport.of(p, GoVersionDetector.detect(p));
        assertTrue(
                r.acquire().sites().stream()
                        .anyMatch(s -> s.callerFunction().equals("runtime.(*timers).adjust")
                                || s.callerFunction().equals("runtime.(*timer).lock")),
                r.acquire().sites().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"go126-fanout-cpu", "go123-fanout-cpu", "go123-stacks-fanout-cpu"})
    void fanoutTakesSchedLockInWakepAndFindRunnable(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        CpuLockReport r = CpuLockReport.of(p, GoVersionDetector.detect(p));
        CpuShare sched = r.schedLock();
        assertTrue(sched.samples() > 0, "sched.lock samples in fan-out");
        assertFalse(sched.share().includesZero());
        List<CpuLockReport.SiteShare> schedSites = r.acquire().sites().stream()
                .filter(s -> s.bucket() == LockBucket.SCHED_LOCK)
                .toList();
        CpuLockReport.SiteShare top = schedSites.get(0);
        assertTrue(Set.of("runtime.wakep", "runtime.findRunnable").contains(top.callerFunction()), top.toString());
        assertEquals("&sched.lock", top.lockExpr());
        assertEquals(LockAttributor.Method.SITE, top.method(), "attributed by the version's file:line table");
        // chansend/chanrecv -> lock2 is the hchan lock, never the scheduler's.
        r.acquire().sites().stream()
                .filter(s -> s.callerFunction().startsWith("runtime.chan"))
                .forEach(s -> assertEquals(LockBucket.CHANNEL, s.bucket(), s.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go126-fanout-cpu", "go123-fanout-cpu"})
    void aVersionNewerThanTheTablesFallsBackToFunctionNames(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        GoVersion future = GoVersion.declared(28, "test");
        assertFalse(future.warnings().isEmpty());
        CpuLockReport r = CpuLockReport.of(p, future);
        CpuLockReport exact = CpuLockReport.of(p, GoVersionDetector.detect(p));
        assertTrue(r.acquire().sites().stream()
                .anyMatch(s -> s.callerFunction().equals("runtime.wakep")
                        && s.bucket() == LockBucket.SCHED_LOCK
                        && s.method() == LockAttributor.Method.FUNCTION));
        assertEquals(exact.acquire().all().samples(), r.acquire().all().samples());
    }
}
