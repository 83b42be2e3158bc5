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
 * A mutex profile split into runtime-internal locks and user {@code sync.Mutex}/{@code RWMutex}
 * sites (FINDINGS.md §3). What a runtime-lock value means depends on the version:
 * <ul>
 *   <li>Go 1.25+: the {@code runtime.unlock} stack of the lock holder, valued as the delay its
 *       critical section caused to other (sleeping) Ms: the same semantics as sync.Mutex.</li>
 *   <li>Go 1.22-1.24: by default one pseudo-frame, {@code runtime._LostContendedRuntimeLock},
 *       with no stack; with {@code GODEBUG=runtimecontentionstacks=1} the waiting M's own later
 *       unlock stack, valued as the time that M itself waited (spin + sleep): waiter side.</li>
 * </ul>
 *
 * @param contentions     total contentions (already scaled by the sampling fraction)
 * @param delayNanos      total delay
 * @param semantics       how the runtime-lock values here are to be read, for this version
 * @param runtimeBuckets  runtime-lock delay per lock family (attributed stacks only)
 * @param runtimeSites    runtime-lock delay per (lock, unlock caller, site), largest first
 * @param lost            the {@code _LostContendedRuntimeLock} bucket
 * @param userSites       user sync.Mutex/RWMutex delay per user frame, largest first
 * @param diagnostics     what the user should do to see more (e.g. set the GODEBUG)
 */
public record MutexReport(
        long contentions,
        long delayNanos,
        String semantics,
        Map<LockBucket, Amount> runtimeBuckets,
        List<RuntimeSite> runtimeSites,
        Amount lost,
        List<UserSite> userSites,
        List<String> diagnostics) {

    /** Contentions and delay. */
    public record Amount(long contentions, long delayNanos) {
        Amount plus(long c, long d) {
            return new Amount(contentions + c, delayNanos + d);
        }
    }

    public record RuntimeSite(
            LockBucket bucket,
            String lockExpr,
            String callerFunction,
            String site,
            LockAttributor.Method method,
            Amount amount) {}

    /**
     * @param primitive {@code sync.Mutex} or {@code sync.RWMutex}
     * @param function  the user function that unlocked
     * @param site      its {@code file:line}
     */
    public record UserSite(String primitive, String function, String site, Amount amount) {}

    public static final String HOLDER_SIDE = "holder side (Go 1.25+): runtime.unlock stacks valued as the delay "
            + "the critical section caused to sleeping waiters";
    public static final String WAITER_SIDE = "waiter side (Go 1.22-1.24, runtimecontentionstacks=1): each value is "
            + "the time the unlocking M itself waited in lock2 (spin + sleep), not the delay it caused";
    public static final String LOST_ONLY = "Go 1.22-1.24 without runtimecontentionstacks: runtime-lock contention "
            + "(waiter side) is only in the _LostContendedRuntimeLock bucket";
    public static final String UNKNOWN =
            "Go version unknown: runtime-lock values are holder-side on 1.25+ and " + "waiter-side on 1.22-1.24";

    public Amount runtimeTotal() {
        Amount a = lost;
        for (Amount b : runtimeBuckets.values()) {
            a = a.plus(b.contentions(), b.delayNanos());
        }
        return a;
    }

    public static MutexReport of(Profile profile, GoVersion version) {
        int cIdx = profile.sampleIndex("contentions");
        int dIdx = profile.sampleIndex("delay");
        LockAttributor attributor = new LockAttributor(version);
        long contentions = 0;
        long delay = 0;
        Amount lost = new Amount(0, 0);
        Map<LockBucket, Amount> buckets = new EnumMap<>(LockBucket.class);
        for (LockBucket b : LockBucket.values()) {
            buckets.put(b, new Amount(0, 0));
        }
        Map<String, RuntimeSite> runtimeSites = new LinkedHashMap<>();
        Map<String, UserSite> userSites = new LinkedHashMap<>();
        boolean sawStacks = false;
        for (Sample s : profile.samples()) {
            long c = s.value(cIdx);
            long d = s.value(dIdx);
            contentions += c;
            delay += d;
            List<Frame> stack = s.stack();
            if (stack.isEmpty()) {
                continue;
            }
            String leaf = stack.get(0).function();
            if (leaf.equals(RuntimeNames.LOST)) {
                lost = lost.plus(c, d);
            } else if (RuntimeNames.LOCK_WRAPPERS.contains(leaf) || leaf.equals(RuntimeNames.UNLOCK2)) {
                sawStacks = true;
                LockAttributor.Attribution a = attributor.attribute(stack, 0, true);
                buckets.merge(a.bucket(), new Amount(c, d), (x, y) -> x.plus(y.contentions(), y.delayNanos()));
                runtimeSites.merge(
                        a.lockExpr() + "\u0000" + a.callerFunction() + "\u0000" + a.site(),
                        new RuntimeSite(
                                a.bucket(), a.lockExpr(), a.callerFunction(), a.site(), a.method(), new Amount(c, d)),
                        (x, y) -> new RuntimeSite(
                                x.bucket(),
                                x.lockExpr(),
                                x.callerFunction(),
                                x.site(),
                                x.method(),
                                x.amount()
                                        .plus(
                                                y.amount().contentions(),
                                                y.amount().delayNanos())));
            } else {
                String primitive = primitive(stack);
                Frame user = WaitSites.firstUserFrame(stack);
                String fn = user == null ? leaf : user.function();
                String site = user == null ? stack.get(0).site() : user.site();
                userSites.merge(
                        primitive + "\u0000" + fn + "\u0000" + site,
                        new UserSite(primitive, fn, site, new Amount(c, d)),
                        (x, y) -> new UserSite(
                                x.primitive(),
                                x.function(),
                                x.site(),
                                x.amount()
                                        .plus(
                                                y.amount().contentions(),
                                                y.amount().delayNanos())));
            }
        }
        List<RuntimeSite> rs = new ArrayList<>(runtimeSites.values());
        rs.sort(Comparator.comparingLong((RuntimeSite x) -> -x.amount().delayNanos())
                .thenComparing(RuntimeSite::site));
        List<UserSite> us = new ArrayList<>(userSites.values());
        us.sort(Comparator.comparingLong((UserSite x) -> -x.amount().delayNanos())
                .thenComparing(UserSite::site));

        String semantics;
        List<String> diagnostics = new ArrayList<>();
        if (version.atLeast(25)) {
            semantics = HOLDER_SIDE;
        } else if (version.atMost(24)) {
            semantics = sawStacks ? WAITER_SIDE : LOST_ONLY;
            if (!sawStacks && lost.delayNanos() > 0) {
                diagnostics.add("runtime-lock contention is all in _LostContendedRuntimeLock ("
                        + Durations.format(lost.delayNanos())
                        + "): run the target with GODEBUG=runtimecontentionstacks=1 to see which runtime lock");
            }
        } else {
            semantics = UNKNOWN;
        }
        return new MutexReport(
                contentions,
                delay,
                semantics,
                buckets,
                List.copyOf(rs),
                lost,
                List.copyOf(us),
                List.copyOf(diagnostics));
    }

    /**
     * The primitive as the user's code holds it: the sync frame nearest the user's frame. An
     * {@code RWMutex.Unlock} releases its inner {@code Mutex}, so the leaf alone would say sync.Mutex.
     */
    static String primitive(List<Frame> stack) {
        String found = null;
        for (Frame f : stack) {
            String fn = f.function();
            if (!WaitSites.isInternal(fn)) {
                break;
            }
            if (fn.contains("(*RWMutex).")) {
                found = "sync.RWMutex";
            } else if (found == null && fn.contains("Mutex")) {
                found = "sync.Mutex";
            }
        }
        return found != null ? found : stack.get(0).function();
    }
}
