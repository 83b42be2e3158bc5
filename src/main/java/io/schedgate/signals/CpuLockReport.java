package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runtime-lock time in a CPU profile, by lock: samples inside {@code runtime.lock2} (acquiring,
 * including spinning and the futex/semasleep entry) and inside {@code runtime.unlock2}
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
    public record Side(CpuShare all, Map<LockBucket, CpuShare> buckets, Map<LockPhase, CpuShare> phases,
                       List<SiteShare> sites) {
    }

    /** CPU in one lock call site. */
    public record SiteShare(LockBucket bucket, String lockExpr, String callerFunction, String site,
                            LockAttributor.Method method, CpuShare cpu) {
    }

    /** The sched.lock acquire share: the headline scheduler-lock pressure number. */
    public CpuShare schedLock() {
        return acquire.buckets().get(LockBucket.SCHED_LOCK);
    }

    public static CpuLockReport of(Profile profile, GoVersion version) {
        int samplesIdx = CpuIndexes.samples(profile);
        int nanosIdx = CpuIndexes.nanos(profile);
        long totalSamples = profile.total(samplesIdx);
        long totalNanos = profile.total(nanosIdx);
        LockAttributor attributor = new LockAttributor(version);
        Accumulator acquire = new Accumulator(totalSamples, true);
        Accumulator release = new Accumulator(totalSamples, false);
        // Classify each distinct stack once; NONE marks "not in a runtime lock".
        StackClass[] classes = new StackClass[profile.stackCount()];
        for (Sample s : profile.samples()) {
            StackClass c = classes[s.stackId()];
            if (c == null) {
                c = StackClass.of(s.stack(), attributor, version);
                classes[s.stackId()] = c;
            }
            if (c == StackClass.NONE) {
                continue;
            }
            long n = s.value(samplesIdx);
            long ns = s.value(nanosIdx);
            if (c.acquire != null) {
                acquire.add(c.acquire, c.phase, n, ns);
            }
            if (c.release != null) {
                release.add(c.release, null, n, ns);
            }
        }
        return new CpuLockReport(version, totalSamples, totalNanos, acquire.side(), release.side());
    }

    /** What one distinct stack is doing in runtime locks, if anything. */
    private record StackClass(LockAttributor.Attribution acquire, LockPhase phase, LockAttributor.Attribution release) {
        static final StackClass NONE = new StackClass(null, null, null);

        static StackClass of(List<Frame> stack, LockAttributor attributor, GoVersion version) {
            int lock2 = indexOf(stack, RuntimeNames.LOCK2);
            int unlock2 = indexOf(stack, RuntimeNames.UNLOCK2);
            if (lock2 < 0 && unlock2 < 0) {
                return NONE;
            }
            return new StackClass(lock2 < 0 ? null : attributor.attribute(stack, lock2, false),
                    lock2 < 0 ? null : LockPhase.of(stack, lock2, version),
                    unlock2 < 0 ? null : attributor.attribute(stack, unlock2, true));
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
            SiteSum sum = sites.computeIfAbsent(key, k -> new SiteSum(a));
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
                list.add(new SiteShare(a.bucket(), a.lockExpr(), a.callerFunction(), a.site(), a.method(),
                        CpuShare.of(e.samples, e.nanos, total)));
            }
            list.sort(Comparator.comparingLong((SiteShare x) -> -x.cpu().cpuNanos()).thenComparing(SiteShare::site));
            return new Side(CpuShare.of(samples, nanos, total), b, p, List.copyOf(list));
        }
    }

    private static final class SiteSum {
        final LockAttributor.Attribution attribution;
        long samples;
        long nanos;

        SiteSum(LockAttributor.Attribution attribution) {
            this.attribution = attribution;
        }
    }
}
