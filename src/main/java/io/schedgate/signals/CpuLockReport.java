package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runtime-lock time in a CPU profile, by lock: samples inside {@code runtime.lock2} (acquiring,
 * including spinning and the futex/semasleep entry, and samples that stopped at the caller's inlined
 * {@code runtime.lock} call just before it) and inside {@code runtime.unlock2}
 * (releasing and waking a sleeper), each attributed to the lock its caller takes
 * ({@link LockAttributor}). Shares are of all CPU samples of the profile.
 *
 * @param version      the Go version the attribution used
 * @param totalSamples all CPU samples (samples/count)
 * @param totalNanos   all CPU time (cpu/nanoseconds)
 * @param acquire      the lock2 side
 * @param release      the unlock2 side
 */
public record CpuLockReport(GoVersion version, long totalSamples, long totalNanos, Side acquire, Side release) {

    /**
     * One side (acquire or release) of runtime locking.
     *
     * @param all     every sample on this side, any lock
     * @param buckets per lock family, every bucket present (zero when unseen)
     * @param phases  acquire side only: fast path / spin / sleep / other; empty for release
     * @param sites   per (lock, caller, site), largest first
     */
    public record Side(
            CpuShare all, Map<LockBucket, CpuShare> buckets, Map<LockPhase, CpuShare> phases, List<SiteShare> sites) {}

    /** CPU in one lock call site. */
    public record SiteShare(
            LockBucket bucket,
            String lockExpr,
            String callerFunction,
            String site,
            LockAttributor.Method method,
            CpuShare cpu) {}

    /** The sched.lock acquire share: the headline scheduler-lock pressure number. */
    public CpuShare schedLock() {
        return acquire.buckets().get(LockBucket.SCHED_LOCK);
    }

    public static CpuLockReport of(Profile profile, GoVersion version) {
        int nanosIdx = CpuIndexes.nanos(profile);
        long[] samples = CpuIndexes.sampleCounts(profile);
        long[] nanos = profile.stackTotals(nanosIdx);
        long totalSamples = sum(samples);
        long totalNanos = sum(nanos);
        LockAttributor attributor = new LockAttributor(version);
        Accumulator acquire = new Accumulator(totalSamples, true);
        Accumulator release = new Accumulator(totalSamples, false);
        int lock2 = profile.functionId(RuntimeNames.LOCK2);
        int unlock2 = profile.functionId(RuntimeNames.UNLOCK2);
        int lockWithRank = profile.functionId(RuntimeNames.LOCK_WITH_RANK);
        if (lock2 < 0 && unlock2 < 0 && lockWithRank < 0 && profile.functionId("runtime.lock") < 0) {
            return new CpuLockReport(version, totalSamples, totalNanos, acquire.side(), release.side());
        }
        // Per distinct stack: only the few that pass through lock2/unlock2 (or stop at the inlined
        // lock call before lock2) are looked at as frames.
        for (int st = 0; st < samples.length; st++) {
            if (samples[st] == 0 && nanos[st] == 0
                    || !contains(profile, st, lock2, unlock2)
                            && !contains(profile, st, lockWithRank, profile.functionId("runtime.lock"))) {
                continue;
            }
            StackClass c = StackClass.of(profile.stack(st), attributor, version);
            if (c.acquire != null) {
                acquire.add(c.acquire, c.phase, samples[st], nanos[st]);
            }
            if (c.release != null) {
                release.add(c.release, null, samples[st], nanos[st]);
            }
        }
        return new CpuLockReport(version, totalSamples, totalNanos, acquire.side(), release.side());
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    /** True when stack {@code st} has a frame of function {@code a} or {@code b} (ids, -1 for none). */
    static boolean contains(Profile profile, int st, int a, int b) {
        int depth = profile.stackDepth(st);
        for (int i = 0; i < depth; i++) {
            int f = profile.functionOf(profile.frameId(st, i));
            if (f == a || f == b) {
                return true;
            }
        }
        return false;
    }

    /** What one distinct stack is doing in runtime locks, if anything. */
    private record StackClass(LockAttributor.Attribution acquire, LockPhase phase, LockAttributor.Attribution release) {
        static StackClass of(List<Frame> stack, LockAttributor attributor, GoVersion version) {
            int lock2 = indexOf(stack, RuntimeNames.LOCK2);
            int unlock2 = indexOf(stack, RuntimeNames.UNLOCK2);
            if (lock2 < 0 && unlock2 < 0 && stoppedAtTheInlinedLockCall(stack)) {
                // the sample hit the caller's inlined lock() call before lock2 was entered: still its acquisition
                return new StackClass(attributor.attribute(stack, 0, false), LockPhase.FAST_PATH, null);
            }
            return new StackClass(
                    lock2 < 0 ? null : attributor.attribute(stack, lock2, false),
                    lock2 < 0 ? null : LockPhase.of(stack, lock2, version),
                    unlock2 < 0 ? null : attributor.attribute(stack, unlock2, true));
        }

        /** Leaf frames runtime.lockWithRank (inline) ← runtime.lock (inline) ← caller, nothing below them. */
        static boolean stoppedAtTheInlinedLockCall(List<Frame> stack) {
            if (stack.isEmpty()) {
                return false;
            }
            String leaf = stack.get(0).function();
            return leaf.equals(RuntimeNames.LOCK_WITH_RANK) || leaf.equals("runtime.lock");
        }
    }

    static int indexOf(List<Frame> stack, String function) {
        for (int i = 0; i < stack.size(); i++) {
            if (stack.get(i).function().equals(function)) {
                return i;
            }
        }
        return -1;
    }

    private static final class Accumulator {
        private final long total;
        private final boolean phased;
        private long samples;
        private long nanos;
        private final long[][] buckets = new long[LockBucket.values().length][2];
        private final long[][] phases = new long[LockPhase.values().length][2];
        private final Map<String, SiteSum> sites = new LinkedHashMap<>();

        Accumulator(long total, boolean phased) {
            this.total = total;
            this.phased = phased;
        }

        void add(LockAttributor.Attribution a, LockPhase phase, long n, long ns) {
            samples += n;
            nanos += ns;
            buckets[a.bucket().ordinal()][0] += n;
            buckets[a.bucket().ordinal()][1] += ns;
            if (phase != null) {
                phases[phase.ordinal()][0] += n;
                phases[phase.ordinal()][1] += ns;
            }
            String key = a.lockExpr() + "\u0000" + a.callerFunction() + "\u0000" + a.site();
            SiteSum sum = sites.get(key);
            if (sum == null) {
                sum = new SiteSum(a);
                sites.put(key, sum);
            }
            sum.samples += n;
            sum.nanos += ns;
        }

        Side side() {
            Map<LockBucket, CpuShare> b = new EnumMap<>(LockBucket.class);
            for (LockBucket k : LockBucket.values()) {
                b.put(k, CpuShare.of(buckets[k.ordinal()][0], buckets[k.ordinal()][1], total));
            }
            Map<LockPhase, CpuShare> p = new EnumMap<>(LockPhase.class);
            if (phased) {
                for (LockPhase k : LockPhase.values()) {
                    p.put(k, CpuShare.of(phases[k.ordinal()][0], phases[k.ordinal()][1], total));
                }
            }
            List<SiteShare> list = new ArrayList<>();
            for (SiteSum e : sites.values()) {
                LockAttributor.Attribution a = e.attribution;
                list.add(new SiteShare(
                        a.bucket(),
                        a.lockExpr(),
                        a.callerFunction(),
                        a.site(),
                        a.method(),
                        CpuShare.of(e.samples, e.nanos, total)));
            }
            list.sort(BY_CPU);
            return new Side(CpuShare.of(samples, nanos, total), b, p, List.copyOf(list));
        }
    }

    /** Largest CPU first, then by site. */
    private static final Comparator<SiteShare> BY_CPU = new Comparator<>() {
        @Override
        public int compare(SiteShare a, SiteShare b) {
            int c = Long.compare(b.cpu().cpuNanos(), a.cpu().cpuNanos());
            return c != 0 ? c : a.site().compareTo(b.site());
        }
    };

    private static final class SiteSum {
        final LockAttributor.Attribution attribution;
        long samples;
        long nanos;

        SiteSum(LockAttributor.Attribution attribution) {
            this.attribution = attribution;
        }
    }
}
