package io.schedgate.verdict;

import io.schedgate.pprof.Profile;
import io.schedgate.run.CaptureKind;
import io.schedgate.signals.BlockReport;
import io.schedgate.signals.CpuUnderFunction;
import io.schedgate.signals.GoroutineGroups;
import io.schedgate.signals.LockFrameCallers;
import io.schedgate.signals.MutexReport;
import io.schedgate.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * True or pseudo lock contention, per user lock site and step: the source article's
 * four-dimension test (chapter 3.1; reference/source-article-notes.md) over the step's four
 * profiles. A site is examined when the mutex profile gives it at least
 * {@code contention.notableDelayMsPerSecond} of delay per second, or when the CPU profile
 * shows time in sync lock frames under it. Every threshold is a rate (per second of the profiles'
 * window), so a 5 s and a 30 s window of the same load give the same class. It is "true contention"
 * only when every dimension agrees:
 * <ol>
 *   <li>CPU: the site's function has CPU inside its Lock…Unlock chain (lock frames or the
 *       critical section); nothing under it is the article's isolated spike;</li>
 *   <li>block: goroutines blocked in Lock at the site for ≥ {@code contention.blockMinMsPerSecond},
 *       in more than one blocking event;</li>
 *   <li>mutex: ≥ {@code contention.mutexMinContentionsPerSecond} contentions at the site;</li>
 *   <li>goroutine: goroutines parked in semacquire on it in the step's snapshots (reported; the
 *       article gives it no pseudo criterion, and snapshots are instants).</li>
 * </ol>
 * True contention FAILs when its mutex delay per second per GOMAXPROCS exceeds
 * {@code contention.fail}, WARNs above {@code contention.warn}, else PASSes with its numbers (a real but
 * minor lock); a pseudo-spike PASSes. Each site also gets the lock's
 * utilisation U (the CPU share under the function holding it: hold time × acquisitions per second,
 * approximate both ways: the function's CPU outside the critical section adds to it, time the holder
 * sits descheduled while holding is missing; on the lab's hot mutex 47% measured for 60% held) and the
 * rate at which it would saturate, X / U for the step's achieved rate X (the utilisation law,
 * U = X·S, solved for U = 1; Jain, The Art of Computer Systems Performance Analysis, §33.2). Runtime-internal locks never reach
 * the block or goroutine profiles (FINDINGS §3), so they are judged by sched.lock pressure instead.
 */
public final class LockContentionCheck implements Check {

    public static final String ID = "lock.contention";

    /**
     * Waiters' time per second of window per P: the holders' queue, not CPU; above 1 when more goroutines wait
     * than there are Ps (hotlock at 1500 req/s: 9 s waited per second per P).
     */
    static final String UNIT = "s waited per s per P";

    static final String ADVICE = "shard the lock or shorten the critical section";
    /** A CPU-only candidate needs this share of the step's CPU samples in sync lock frames. */
    static final double CPU_LOCK_FRAMES_NOTABLE = 0.02;

    private static final int MAX_SITES_PER_STEP = 5;
    private static final Set<String> PARKED_ON_LOCK = Set.of("sync.Mutex", "sync.RWMutex", "semacquire");

    /** The source article's four-dimension thresholds and the 30 s profiles they were read on. */
    static final double ARTICLE_BLOCK_MS = 5;

    static final double ARTICLE_CONTENTIONS = 100;
    static final double ARTICLE_WINDOW_S = 30;

    // Rates, not counts per window, so a 5 s and a 30 s window give the same class; each replaces
    // the count per window it once was, which is refused naming it.
    static final Limit BLOCK_MIN_MS_PER_SECOND = Limit.nonNegative(
                    "contention.blockMinMsPerSecond",
                    ARTICLE_BLOCK_MS / ARTICLE_WINDOW_S,
                    "block delay at a site per second of window for \"goroutines really blocked\""
                            + " (the article's 5 ms over its 30 s profiles)")
            .replacing("contention.blockMinMs");
    static final Limit MUTEX_MIN_CONTENTIONS_PER_SECOND = Limit.nonNegative(
                    "contention.mutexMinContentionsPerSecond",
                    ARTICLE_CONTENTIONS / ARTICLE_WINDOW_S,
                    "mutex contentions at a site per second of window (the article's 100 over its 30 s profiles)")
            .replacing("contention.mutexMinContentions");
    static final Limit NOTABLE_DELAY_MS_PER_SECOND = Limit.nonNegative(
                    "contention.notableDelayMsPerSecond",
                    0.2,
                    "a lock site is examined when its mutex delay per second of window reaches this")
            .replacing("contention.notableDelayMs");
    static final Limit FAIL = Limit.fraction(
            "contention.fail",
            0.05,
            "true contention FAILs when the site's mutex delay per second per GOMAXPROCS exceeds this");
    static final Limit WARN = Limit.fraction(
                    "contention.warn",
                    0.01,
                    "true contention WARNs above this; below it it PASSes, named with its numbers")
            .notAbove(FAIL);

    /** The values this check reads. */
    record Limits(
            double contentionBlockMinMsPerSecond,
            double contentionMutexMinContentionsPerSecond,
            double contentionNotableDelayMsPerSecond,
            double contentionFail,
            double contentionWarn) {
        static Limits of(Thresholds t) {
            return new Limits(
                    t.get(BLOCK_MIN_MS_PER_SECOND),
                    t.get(MUTEX_MIN_CONTENTIONS_PER_SECOND),
                    t.get(NOTABLE_DELAY_MS_PER_SECOND),
                    t.get(FAIL),
                    t.get(WARN));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Limit> limits() {
        // the confidence level: of the ramp-wide trend of a site's delay per request
        return List.of(
                BLOCK_MIN_MS_PER_SECOND,
                MUTEX_MIN_CONTENTIONS_PER_SECOND,
                NOTABLE_DELAY_MS_PER_SECOND,
                FAIL,
                WARN,
                GrowthTrend.CONFIDENCE);
    }

    /** One lock site's four dimensions. */
    record Site(
            String primitive,
            String function,
            String site,
            long mutexContentions,
            long mutexDelayNanos,
            long cpuSamples,
            long cpuLockFrameSamples,
            long cpuTotalSamples,
            long cpuNanos,
            long blockContentions,
            long blockDelayNanos,
            String blockSite,
            long parkedGoroutines) {}

    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        RunData run = in.run();
        Limits t = Limits.of(in.thresholds());
        List<CheckResult> results = new ArrayList<>();
        boolean mutexProfilingOn = mutexProfilingOn(run);
        for (RunStep step : run.steps()) {
            results.addAll(step(run, step, t, mutexProfilingOn));
        }
        delayTrend(run, results, in.thresholds()).ifPresent(results::add);
        return results;
    }

    /** Steps a site needs before its delay-per-request trend is fitted. */
    static final int TREND_MIN_STEPS = 3;

    /**
     * The trend of mutex delay per request across the steps at the site examined at the most steps: y ∝
     * QPS^b by log-log least squares ({@link GrowthTrend}, judged against 0: a lock nobody queues on costs
     * the same per request at any load). Growth WARNs, never FAILs: each step's four-dimension test
     * decides whether the lock is true contention; the trend says whether it is building up with load.
     */
    private static java.util.Optional<CheckResult> delayTrend(RunData run, List<CheckResult> steps, Thresholds th) {
        Map<String, List<CheckResult>> bySite = new LinkedHashMap<>();
        java.util.Set<String> contended = new java.util.HashSet<>();
        for (CheckResult r : steps) {
            if (r.details() instanceof SiteDetails d
                    && d.site() != null
                    && d.mutexDelayMicrosPerRequest() != null
                    && d.mutexDelayMicrosPerRequest() > 0) {
                bySite.computeIfAbsent(d.site(), k -> new ArrayList<>()).add(r);
                if (d.trueContention()) {
                    contended.add(d.site());
                }
            }
        }
        // only a lock found truly contended at some step: a pseudo-spike's per-request cost is noise
        List<CheckResult> series = bySite.entrySet().stream()
                .filter(e -> contended.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .max(java.util.Comparator.comparingInt(List::size))
                .orElse(List.of());
        if (series.size() < TREND_MIN_STEPS) {
            return java.util.Optional.empty();
        }
        double[] qps = new double[series.size()];
        double[] perRequest = new double[series.size()];
        for (int i = 0; i < series.size(); i++) {
            int index = series.get(i).stepIndex();
            RunStep step = run.steps().stream()
                    .filter(st -> st.index() == index)
                    .findFirst()
                    .orElseThrow();
            qps[i] = step.load() == null ? Double.NaN : step.load().achievedQps();
            perRequest[i] = ((SiteDetails) series.get(i).details()).mutexDelayMicrosPerRequest();
            if (!(qps[i] > 0)) {
                return java.util.Optional.empty();
            }
        }
        GrowthTrend trend = GrowthTrend.of(qps, perRequest, 0, th.get(GrowthTrend.CONFIDENCE));
        // material growth the fit backs (its interval above 0, or a tight fit): a lock building up with load
        boolean backed =
                trend.fit().exponentInterval().lower() > 0 || trend.fit().rSquared() >= 0.8;
        Status status = trend.status() != Status.PASS && backed ? Status.WARN : Status.PASS;
        SiteDetails last = (SiteDetails) series.get(series.size() - 1).details();
        String site = last.blockSite() != null && !last.blockSite().isEmpty()
                ? last.blockSite() + " (Lock; released at " + last.site() + ")"
                : last.site();
        DelayTrend d = new DelayTrend(trend.details(), site, qps, perRequest);
        String evidence = "mutex delay per request at " + site + " " + Numbers.num(perRequest[0]) + " → "
                + Numbers.num(perRequest[perRequest.length - 1]) + " µs over " + series.size() + " steps: "
                + trend.describe("QPS")
                + (status == Status.WARN
                        ? ": the lock's cost per request builds up with load"
                        : ": about the same per request at every load");
        return java.util.Optional.of(new CheckResult(
                ID, CheckResult.RAMP, status, trend.fit().exponent(), 0.0, "exponent", Confidence.HIGH, evidence, d));
    }

    /**
     * Whether any step's mutex profile recorded a contention: then mutex profiling is on, and a step whose
     * delta profile is empty had no contention sampled, not profiling turned off.
     */
    private static boolean mutexProfilingOn(RunData run) {
        for (RunStep step : run.steps()) {
            RunProfiles.Loaded l = run.profiles().load(step.capture(CaptureKind.MUTEX));
            if (l.ok() && l.profile().sampleCount() > 0) {
                return true;
            }
        }
        return false;
    }

    private List<CheckResult> step(RunData run, RunStep step, Limits t, boolean mutexProfilingOn) {
        Map<CaptureKind, RunProfiles.Loaded> p = new java.util.EnumMap<>(CaptureKind.class);
        for (CaptureKind name : List.of(
                CaptureKind.MUTEX,
                CaptureKind.CPU,
                CaptureKind.BLOCK,
                CaptureKind.GOROUTINE_START,
                CaptureKind.GOROUTINE_END)) {
            p.put(name, run.profiles().load(step.capture(name)));
        }
        for (CaptureKind name : List.of(CaptureKind.MUTEX, CaptureKind.CPU, CaptureKind.BLOCK)) {
            if (!p.get(name).ok()) {
                return List.of(CheckResult.noData(
                        ID,
                        step.index(),
                        UNIT,
                        "the four-dimension test needs the step's " + name.key() + " profile: "
                                + p.get(name).problem()));
            }
        }
        MutexReport mutex = p.get(CaptureKind.MUTEX).signals().mutex();
        BlockReport block = p.get(CaptureKind.BLOCK).signals().block();
        Profile cpu = p.get(CaptureKind.CPU).profile();
        List<GoroutineGroups> snapshots = new ArrayList<>();
        for (CaptureKind g : List.of(CaptureKind.GOROUTINE_START, CaptureKind.GOROUTINE_END)) {
            if (p.get(g).ok()) {
                snapshots.add(p.get(g).signals().goroutines());
            }
        }
        double windowSeconds = p.get(CaptureKind.MUTEX).profile().durationNanos() > 0
                ? p.get(CaptureKind.MUTEX).profile().durationNanos() / 1e9
                : step.windowSeconds();
        double procs = run.gomaxprocs() > 0 ? run.gomaxprocs() : 1;
        // a service that never called runtime.SetBlockProfileRate / SetMutexProfileFraction serves empty profiles
        boolean blockOff = p.get(CaptureKind.BLOCK).profile().sampleCount() == 0;
        boolean mutexOff = p.get(CaptureKind.MUTEX).profile().sampleCount() == 0;
        if (mutexOff && mutexProfilingOn) {
            Profiling d = new Profiling("on", null, null);
            return List.of(new CheckResult(
                    ID,
                    step.index(),
                    Status.PASS,
                    0.0,
                    t.contentionFail(),
                    UNIT,
                    Confidence.HIGH,
                    "no sync lock contention sampled in the window (the mutex profile is empty; other steps'"
                            + " profiles show mutex profiling is on)",
                    d));
        }
        if (mutexOff) {
            return List.of(mutexProfilingOff(step, snapshots, t));
        }

        List<Site> sites = new ArrayList<>();
        for (MutexReport.UserSite u : mutex.userSites()) {
            if (u.amount().delayNanos() >= t.contentionNotableDelayMsPerSecond() * 1e6 * windowSeconds
                    && sites.size() < MAX_SITES_PER_STEP) {
                sites.add(site(u.primitive(), u.function(), u.site(), u.amount(), cpu, block, snapshots));
            }
        }
        LockFrameCallers lockFrameCallers = LockFrameCallers.of(cpu);
        for (LockFrameCallers.Caller c : lockFrameCallers.callers()) {
            boolean known = sites.stream().anyMatch(s -> s.function().equals(c.function()));
            long total = Math.max(1, lockFrameCallers.totalSamples());
            if (!known && c.samples() >= CPU_LOCK_FRAMES_NOTABLE * total && sites.size() < MAX_SITES_PER_STEP) {
                MutexReport.Amount none = new MutexReport.Amount(0, 0);
                for (MutexReport.UserSite u : mutex.userSites()) {
                    if (u.function().equals(c.function())) {
                        none = u.amount();
                    }
                }
                sites.add(site("sync lock frames", c.function(), c.site(), none, cpu, block, snapshots));
            }
        }
        if (sites.isEmpty()) {
            return List.of(new CheckResult(
                    ID,
                    step.index(),
                    Status.PASS,
                    0.0,
                    t.contentionFail(),
                    UNIT,
                    Confidence.HIGH,
                    "no user lock site with ≥ "
                            + Numbers.num(t.contentionNotableDelayMsPerSecond())
                            + " ms of mutex delay per second or ≥ "
                            + Numbers.percent(CPU_LOCK_FRAMES_NOTABLE) + " of CPU in lock frames (mutex profile: "
                            + mutex.contentions() + " contentions, " + ms(mutex.delayNanos()) + " in all)",
                    new NoSites(0)));
        }
        List<CheckResult> out = new ArrayList<>();
        for (Site s : sites) {
            out.add(judge(step, s, t, windowSeconds, procs, blockOff));
        }
        out.sort(Comparator.comparing(CheckResult::status).reversed());
        return out;
    }

    private CheckResult judge(RunStep step, Site s, Limits t, double windowSeconds, double procs, boolean blockOff) {
        double contentionsPerSecond = s.mutexContentions() / windowSeconds;
        double blockMsPerSecond = s.blockDelayNanos() / 1e6 / windowSeconds;
        boolean cpuInChain = s.cpuLockFrameSamples() > 0 || s.cpuSamples() > 0;
        // without a block profile, the mutex profile's delay (the waiters' time, recorded at the unlock)
        // stands for "really blocked", on the same threshold
        double mutexMsPerSecond = s.mutexDelayNanos() / 1e6 / windowSeconds;
        boolean blocked = blockOff
                ? mutexMsPerSecond >= t.contentionBlockMinMsPerSecond() && s.mutexContentions() > 1
                : blockMsPerSecond >= t.contentionBlockMinMsPerSecond() && s.blockContentions() > 1;
        boolean contended = contentionsPerSecond >= t.contentionMutexMinContentionsPerSecond();
        boolean trueContention = cpuInChain && blocked && contended;
        double delayShare = s.mutexDelayNanos() / (windowSeconds * 1e9 * procs);
        Status status = !trueContention
                ? Status.PASS
                : delayShare > t.contentionFail()
                        ? Status.FAIL
                        : delayShare > t.contentionWarn() ? Status.WARN : Status.PASS;
        List<String> pseudoBecause = new ArrayList<>();
        if (!cpuInChain) {
            pseudoBecause.add("no CPU under it in the Lock/Unlock chain");
        }
        if (!blocked) {
            pseudoBecause.add(
                    blockOff
                            ? "block profile empty (block profiling off) and the mutex delay "
                                    + Numbers.num(mutexMsPerSecond) + " ms/s < "
                                    + Numbers.num(t.contentionBlockMinMsPerSecond()) + " ms/s"
                            : "block delay " + Numbers.num(blockMsPerSecond) + " ms/s < "
                                    + Numbers.num(t.contentionBlockMinMsPerSecond()) + " ms/s or a single waiter");
        }
        if (!contended) {
            pseudoBecause.add(Numbers.num(contentionsPerSecond) + " contentions/s < "
                    + Numbers.num(t.contentionMutexMinContentionsPerSecond()) + "/s");
        }
        long served = step.load() == null ? 0 : step.load().served();
        double achieved = step.load() == null ? Double.NaN : step.load().achievedQps();
        double utilisation = s.cpuNanos() / (windowSeconds * 1e9);
        double saturationQps = utilisation > 0 && achieved > 0 ? achieved / utilisation : Double.NaN;
        String perRequest =
                served > 0 ? ", " + Numbers.num(s.mutexDelayNanos() / 1e3 / served) + " µs delay per request" : "";
        String dims = "CPU " + s.cpuSamples() + " of " + s.cpuTotalSamples() + " samples under " + s.function()
                + " (" + s.cpuLockFrameSamples() + " in lock frames); "
                + (blockOff
                        ? "block profile empty (the service does not call runtime.SetBlockProfileRate; the mutex"
                                + " profile's waiting time stands in)"
                        : "block " + ms(s.blockDelayNanos()) + " in " + s.blockContentions() + " waits"
                                + (s.blockSite() == null ? "" : " at " + s.blockSite()))
                + "; mutex "
                + s.mutexContentions() + " contentions (" + Numbers.num(contentionsPerSecond) + "/s), "
                + ms(s.mutexDelayNanos()) + " delay (" + Numbers.num(delayShare) + " s waited per second per P"
                + perRequest + "); " + s.parkedGoroutines() + " goroutines parked on it";
        String load = utilisation > 0
                ? "; lock busy ≈ " + Numbers.percent(utilisation) + " of the time (CPU under "
                        + s.function() + ")"
                        + (Double.isNaN(saturationQps)
                                ? ""
                                : ", saturating near " + Numbers.num(saturationQps) + " req/s")
                : "";
        // the block profile names the Lock call (where requests wait), the mutex profile the Unlock (where the holder
        // releases)
        String where = s.blockSite() != null && !s.blockSite().equals(s.site())
                ? s.blockSite() + " (Lock: requests wait here; the holder releases at " + s.site() + ")"
                : s.site();
        String evidence = trueContention
                ? "true contention at " + where + " (" + s.function() + ", " + s.primitive() + "): " + dims + load
                        + " → " + ADVICE
                : "pseudo-spike at " + s.site() + " (" + s.function() + "): " + String.join("; ", pseudoBecause) + " — "
                        + dims + load;
        SiteDetails d = new SiteDetails(
                s.site(),
                s.function(),
                s.primitive(),
                trueContention ? TRUE_CONTENTION : "pseudo-spike",
                s.cpuSamples(),
                s.cpuLockFrameSamples(),
                s.cpuTotalSamples(),
                cpuInChain,
                s.blockSite(),
                s.blockContentions(),
                s.blockDelayNanos() / 1e6,
                blockMsPerSecond,
                s.mutexContentions(),
                contentionsPerSecond,
                s.mutexDelayNanos() / 1e6,
                served > 0 ? s.mutexDelayNanos() / 1e3 / served : null,
                utilisation,
                Double.isNaN(saturationQps) ? null : saturationQps,
                s.parkedGoroutines(),
                trueContention ? ADVICE : null);
        return new CheckResult(
                ID, step.index(), status, delayShare, t.contentionFail(), UNIT, Confidence.HIGH, evidence, d);
    }

    /**
     * The mutex profile is empty: the service never called runtime.SetMutexProfileFraction, so no lock
     * can be measured. Goroutines parked on a sync lock in the snapshots are the only sign: WARN naming
     * the largest group and the fix; else PASS saying what could not be looked at.
     */
    private static CheckResult mutexProfilingOff(RunStep step, List<GoroutineGroups> snapshots, Limits t) {
        GoroutineGroups.Group top = null;
        for (GoroutineGroups g : snapshots) {
            for (GoroutineGroups.Group group : g.groups()) {
                if (Set.of("sync.Mutex", "sync.RWMutex").contains(group.state())
                        && (top == null || group.goroutines() > top.goroutines())) {
                    top = group;
                }
            }
        }
        String fix = "call runtime.SetMutexProfileFraction(N) (and runtime.SetBlockProfileRate) in the service to judge"
                + " its locks";
        Profiling d = new Profiling("off", null, null);
        if (top != null && top.goroutines() > 1) {
            d = new Profiling("off", top.site(), top.goroutines());
            return new CheckResult(
                    ID,
                    step.index(),
                    Status.WARN,
                    null,
                    t.contentionFail(),
                    UNIT,
                    Confidence.LOW,
                    "mutex profile empty (mutex profiling is off), but " + top.goroutines() + " goroutines were"
                            + " parked on a " + top.state() + " at " + top.site() + " in the window's snapshots: "
                            + fix,
                    d);
        }
        return new CheckResult(
                ID,
                step.index(),
                Status.PASS,
                null,
                t.contentionFail(),
                UNIT,
                Confidence.LOW,
                "mutex profile empty (mutex profiling is off) and no goroutine parked on a sync lock in the"
                        + " window's snapshots: " + fix,
                d);
    }

    private static Site site(
            String primitive,
            String function,
            String where,
            MutexReport.Amount amount,
            Profile cpu,
            BlockReport block,
            List<GoroutineGroups> snapshots) {
        CpuUnderFunction c = CpuUnderFunction.of(cpu, function);
        long blockC = 0;
        long blockD = 0;
        String blockSite = null;
        for (BlockReport.Site b : block.sites()) {
            if (b.function().equals(function) && PARKED_ON_LOCK.contains(b.state())) {
                blockC += b.contentions();
                blockD += b.delayNanos();
                blockSite = blockSite == null ? b.site() : blockSite;
            }
        }
        long parked = 0;
        for (GoroutineGroups g : snapshots) {
            long n = 0;
            for (GoroutineGroups.Group group : g.groups()) {
                if (group.site().startsWith(function + " ") && PARKED_ON_LOCK.contains(group.state())) {
                    n += group.goroutines();
                }
            }
            parked = Math.max(parked, n);
        }
        return new Site(
                primitive,
                function,
                where,
                amount.contentions(),
                amount.delayNanos(),
                c.samples(),
                c.lockFrameSamples(),
                c.totalSamples(),
                c.nanos(),
                blockC,
                blockD,
                blockSite,
                parked);
    }

    private static String ms(long nanos) {
        return Numbers.num(nanos / 1e6) + " ms";
    }

    static final String TRUE_CONTENTION = "true contention";

    /**
     * One lock site at one step: its four dimensions (CPU, block, mutex, parked goroutines), the verdict (true
     * contention or pseudo-spike), the per-request delay when requests were served, the lock's saturation QPS
     * when it was busy, and the advice on true contention.
     */
    public record SiteDetails(
            String site,
            String function,
            String primitive,
            String verdict,
            long cpuSamples,
            long cpuLockFrameSamples,
            long cpuTotalSamples,
            boolean cpuInLockChain,
            String blockSite,
            long blockContentions,
            double blockDelayMs,
            double blockDelayMsPerSecond,
            long mutexContentions,
            double mutexContentionsPerSecond,
            double mutexDelayMs,
            @CheckDetails.Optional Double mutexDelayMicrosPerRequest,
            double lockUtilisation,
            @CheckDetails.Optional Double saturationQps,
            long parkedGoroutines,
            @CheckDetails.Optional String advice)
            implements CheckDetails {

        public boolean trueContention() {
            return TRUE_CONTENTION.equals(verdict);
        }
    }

    /** No lock site was notable at the step. */
    public record NoSites(int sites) implements CheckDetails {}

    /**
     * The mutex profile was empty: whether mutex profiling was on, and with it off the sync lock most goroutines
     * were parked on in the snapshots, when more than one was.
     */
    public record Profiling(
            String mutexProfiling,
            @CheckDetails.Optional String parkedAt,
            @CheckDetails.Optional Long parkedGoroutines) implements CheckDetails {}

    /** The per-request mutex delay's growth with QPS at the site examined at the most steps, and its points. */
    public record DelayTrend(
            @CheckDetails.Inline GrowthTrend.Fit growth, String site, double[] qps, double[] delayMicrosPerRequest)
            implements CheckDetails {}
}
