package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetricsName;
import io.schedgate.metrics.RuntimeMetricsValue;
import io.schedgate.run.CaptureKind;
import io.schedgate.signals.CpuLockReport;
import io.schedgate.signals.CpuShare;
import io.schedgate.signals.GoVersion;
import io.schedgate.signals.LockBucket;
import io.schedgate.signals.MutexReport;
import io.schedgate.stats.Proportion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sched.lock pressure from a step's CPU and mutex profiles (FINDINGS §2–3), per second of profile
 * window per GOMAXPROCS:
 * <ul>
 *   <li>spinning = CPU in {@code runtime.lock2} whose caller takes {@code &sched.lock};</li>
 *   <li>waiting, by Go version: 1.25+ the holder-side delay at sched.lock unlock sites, i.e. the
 *       sleep of the other Ms (spinners are not in it, so spin + wait counts nothing twice);
 *       1.22–1.24 with {@code GODEBUG=runtimecontentionstacks=1} the waiter-side time (spin +
 *       sleep) attributed by the waiter's unlock site, which already contains the spin, so the
 *       CPU spin is not added; 1.22–1.24 without it only the {@code _LostContendedRuntimeLock}
 *       bucket of all runtime locks: an upper bound, low confidence, with the GODEBUG to set.</li>
 * </ul>
 * Steps without both profiles fall back to {@link MutexWaitMetricSource}.
 */
public final class ProfileSchedLockSource implements SchedLockSource {

    /**
     * Relative noise of one short mutex-profile value: repetitions of the same 10 s fan-out capture
     * differed by up to 2–3× (FINDINGS §2, "treat single 10 s profiles as ±50 %").
     */
    static final double MUTEX_RELATIVE_NOISE = 0.5;

    private final SchedLockSource fallback = new MutexWaitMetricSource();

    @Override
    public SchedLockMeasurement measure(RunData run, RunStep step) {
        RunProfiles.Loaded cpu = run.profiles().load(step.capture(CaptureKind.CPU));
        RunProfiles.Loaded mutex = run.profiles().load(step.capture(CaptureKind.MUTEX));
        if (!cpu.ok() || !mutex.ok()) {
            SchedLockMeasurement m = fallback.measure(run, step);
            String why = !cpu.ok() ? cpu.problem() : mutex.problem();
            if (!m.present()) {
                return SchedLockMeasurement.absent(why + "; " + m.absentReason());
            }
            return new SchedLockMeasurement(
                    m.spinShare(),
                    m.waitShare(),
                    m.upperBound(),
                    m.coversSpinning(),
                    m.confidence(),
                    m.method() + ", profiles missing: " + why,
                    m.holders(),
                    null,
                    m.waitIncludesSpin(),
                    m.shareLower(),
                    m.shareUpper(),
                    Double.NaN,
                    m.diagnostics());
        }
        double procs = gomaxprocs(run, step);
        if (!(procs > 0)) {
            return SchedLockMeasurement.absent(Evidence.step(step.index())
                    + ": GOMAXPROCS unknown (neither the manifest's target.gomaxprocs nor /sched/gomaxprocs):"
                    + " start the service with -Dschedgate.target.gomaxprocs, or serve /metrics with the Go collector");
        }
        CpuLockReport locks = cpu.signals().cpuLocks();
        MutexReport mr = mutex.signals().mutex();
        double cpuSeconds = seconds(cpu.profile().durationNanos(), step.windowSeconds());
        double mutexSeconds = seconds(mutex.profile().durationNanos(), step.windowSeconds());
        double cpuCapacity = cpuSeconds * procs * 1e9; // processor-ns in the CPU profile's window
        double mutexCapacity = mutexSeconds * procs * 1e9;

        CpuShare spin = locks.schedLock();
        double spinShare = spin.cpuNanos() / cpuCapacity;
        // Wilson interval on the sample share, scaled to processor time (each sample is one period).
        Proportion p = spin.share();
        double perSampleShare = locks.totalSamples() == 0 ? 0 : locks.totalNanos() / cpuCapacity;
        double spinLo = p.lower() * perSampleShare;
        double spinHi = p.upper() * perSampleShare;

        GoVersion v = mutex.signals().version();
        boolean stacks = !mr.runtimeSites().isEmpty();
        Map<String, Double> holders = new LinkedHashMap<>();
        List<String> diagnostics = new ArrayList<>(mr.diagnostics());
        double wait;
        boolean upperBound = false;
        boolean waitIncludesSpin;
        Confidence confidence = Confidence.HIGH;
        String method;
        String label = "Go " + v.label();
        if (v.atLeast(25)) {
            wait = mr.runtimeBuckets().get(LockBucket.SCHED_LOCK).delayNanos() / mutexCapacity;
            waitIncludesSpin = false;
            method = "CPU profile: runtime.lock2 under &sched.lock (spinning) + mutex profile: delay at sched.lock"
                    + " unlock sites caused to sleeping Ms (" + label + ", holder side)";
        } else if (v.atMost(24) && stacks) {
            wait = mr.runtimeBuckets().get(LockBucket.SCHED_LOCK).delayNanos() / mutexCapacity;
            waitIncludesSpin = true;
            method = "mutex profile with runtimecontentionstacks=1: waiters' own time in lock2 (spin + sleep)"
                    + " attributed to sched.lock by their unlock site; CPU spin not added, it is inside (" + label
                    + ", waiter side)";
        } else {
            // 1.22–1.24 without stacks, or a version that cannot be told: only a bound over all runtime locks.
            wait = mr.runtimeTotal().delayNanos() / mutexCapacity;
            waitIncludesSpin = true;
            upperBound = true;
            confidence = Confidence.LOW;
            method = v.atMost(24)
                    ? "mutex profile _LostContendedRuntimeLock: all runtime locks, waiter side incl. spinning (" + label
                            + ", no stacks); CPU spin not added"
                    : "mutex profile: all runtime-lock delay, version unknown (" + label + ")";
            if (v.atMost(24) && diagnostics.isEmpty()) {
                diagnostics.add("run the target with GODEBUG=runtimecontentionstacks=1 to attribute runtime-lock"
                        + " contention to sched.lock");
            }
        }
        if (!upperBound) {
            for (CpuLockReport.SiteShare s : locks.acquire().sites()) {
                if (s.bucket() == LockBucket.SCHED_LOCK && !waitIncludesSpin) {
                    holders.merge(s.callerFunction(), s.cpu().cpuNanos() / cpuCapacity, Double::sum);
                }
            }
            for (MutexReport.RuntimeSite s : mr.runtimeSites()) {
                if (s.bucket() == LockBucket.SCHED_LOCK) {
                    holders.merge(s.callerFunction(), s.amount().delayNanos() / mutexCapacity, Double::sum);
                }
            }
        }
        double lo = (waitIncludesSpin ? 0 : spinLo) + wait * (1 - MUTEX_RELATIVE_NOISE);
        double hi = (waitIncludesSpin ? 0 : spinHi) + wait * (1 + MUTEX_RELATIVE_NOISE);
        CpuShare gc = cpu.signals().gc();
        double gcShare = gc == null ? Double.NaN : gc.share().share();
        return new SchedLockMeasurement(
                spinShare,
                wait,
                upperBound,
                true,
                confidence,
                method,
                holders,
                null,
                waitIncludesSpin,
                lo,
                hi,
                gcShare,
                diagnostics);
    }

    private static double seconds(long durationNanos, double windowSeconds) {
        return durationNanos > 0 ? durationNanos / 1e9 : windowSeconds;
    }

    private static double gomaxprocs(RunData run, RunStep step) {
        if (run.gomaxprocs() > 0) {
            return run.gomaxprocs();
        }
        if (step.metrics() != null) {
            RuntimeMetricsValue v = step.metrics().end().get(RuntimeMetricsName.SCHED_GOMAXPROCS);
            if (v.present()) {
                return v.value();
            }
        }
        // the execution trace knows its Ps, wherever pprof is served
        TraceCounts.Step trace = TraceCounts.of(run).step(step);
        if (trace.ok() && trace.stats().gomaxprocs() > 0) {
            return trace.stats().gomaxprocs();
        }
        return Double.NaN;
    }
}
