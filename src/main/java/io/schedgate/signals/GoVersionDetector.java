package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Infers the Go minor version from a profile's frames (FINDINGS.md, "What the Java tool should
 * do", 1): frame names that appeared or vanished in a release bound the range, then the
 * {@code file:line} of every lock/unlock call site on a stack is looked up in each remaining
 * version's lock-site table; lines move between releases, so the version whose table knows the
 * most of them wins. Go profiles carry no version string and the build id is a hash, so this
 * is all the evidence there is; goroutine and block profiles often give only a range.
 */
public final class GoVersionDetector {

    private GoVersionDetector() {}

    private record Bound(String function, boolean exactName, int lowest, int highest, String why) {
        boolean matches(String f) {
            return exactName ? f.equals(function) : f.endsWith(function) && !f.startsWith("_.");
        }
    }

    /** Names whose presence bounds the version (FINDINGS §1, §2, §6). */
    private static final List<Bound> NAME_BOUNDS = List.of(
            new Bound("_.goready.func1", true, 27, GoVersion.OPEN, "_.goready.func1 exists from 1.27"),
            new Bound(
                    ".goready.func1",
                    false,
                    GoVersion.OLDEST,
                    26,
                    "per-caller goready closures (e.g. runtime.send.goready.func1) exist up to 1.26"),
            new Bound("runtime.procyieldAsm", true, 26, GoVersion.OPEN, "runtime.procyieldAsm exists from 1.26"),
            new Bound("runtime.entersyscallWakeSysmon", true, 26, GoVersion.OPEN, "syscall-path renames of 1.26"),
            new Bound("runtime.entersyscallHandleGCWait", true, 26, GoVersion.OPEN, "syscall-path renames of 1.26"),
            new Bound("runtime.exitsyscallTryGetP", true, 26, GoVersion.OPEN, "syscall-path renames of 1.26"),
            new Bound("runtime.exitsyscallNoP", true, 26, GoVersion.OPEN, "syscall-path renames of 1.26"),
            new Bound("runtime.entersyscall_sysmon", true, GoVersion.OLDEST, 25, "pre-1.26 syscall-path name"),
            new Bound("runtime.entersyscall_gcwait", true, GoVersion.OLDEST, 25, "pre-1.26 syscall-path name"),
            new Bound("runtime.exitsyscallfast_pidle", true, GoVersion.OLDEST, 25, "pre-1.26 syscall-path name"),
            new Bound("runtime.exitsyscall0", true, GoVersion.OLDEST, 25, "pre-1.26 syscall-path name"),
            new Bound(
                    "runtime.(*mLockProfile).store",
                    true,
                    25,
                    GoVersion.OPEN,
                    "(*mLockProfile).store exists from 1.25"),
            new Bound("runtime.(*lockTimer).begin", true, GoVersion.OLDEST, 24, "(*lockTimer) exists up to 1.24"),
            new Bound("runtime.(*lockTimer).end", true, GoVersion.OLDEST, 24, "(*lockTimer) exists up to 1.24"),
            new Bound(
                    "runtime.unlock2Wake",
                    true,
                    24,
                    GoVersion.OPEN,
                    "runtime.unlock2Wake (spinbit mutex) exists from 1.24"));

    private static final String GOREADY_CLOSURE = ".goready.func1";
    private static final Set<String> BOUND_NAMES = exactBoundNames();

    private static Set<String> exactBoundNames() {
        Set<String> names = new java.util.HashSet<>();
        for (Bound b : NAME_BOUNDS) {
            if (b.exactName()) {
                names.add(b.function());
            }
        }
        return Set.copyOf(names);
    }

    public static GoVersion detect(Profile profile) {
        int lowest = GoVersion.OLDEST;
        int highest = GoVersion.OPEN;
        List<String> evidence = new ArrayList<>();
        Set<String> functions = new LinkedHashSet<>();
        Set<Frame> lockSites = new LinkedHashSet<>();
        boolean sawUnlockStack = false;
        boolean sawLost = false;
        // Function names are checked once each, not once per frame; stacks are walked as ids.
        boolean[] wrapper = new boolean[profile.functionCount()];
        for (int f = 0; f < profile.functionCount(); f++) {
            String name = profile.functionName(f);
            wrapper[f] = RuntimeNames.LOCK_WRAPPERS.contains(name);
        }
        int lost = profile.functionId(RuntimeNames.LOST);
        int unlock = profile.functionId("runtime.unlock");
        boolean[] used = new boolean[profile.functionCount()];
        for (int st = 0; st < profile.stackCount(); st++) {
            int depth = profile.stackDepth(st);
            for (int i = 0; i < depth; i++) {
                int frame = profile.frameId(st, i);
                int f = profile.functionOf(frame);
                used[f] = true;
                if (wrapper[f]) {
                    lockSites.add(profile.frame(frame));
                    sawUnlockStack |= f == unlock;
                    if (i + 1 < depth) {
                        int next = profile.frameId(st, i + 1);
                        if (!wrapper[profile.functionOf(next)]) {
                            lockSites.add(profile.frame(next));
                        }
                    }
                }
                sawLost |= f == lost;
            }
        }
        for (int f = 0; f < used.length; f++) {
            String name = profile.functionName(f);
            if (used[f] && (BOUND_NAMES.contains(name) || name.endsWith(GOREADY_CLOSURE))) {
                functions.add(name);
            }
        }
        for (Bound b : NAME_BOUNDS) {
            String hit = null;
            for (String f : functions) {
                if (b.matches(f)) {
                    hit = f;
                    break;
                }
            }
            if (hit != null && (b.lowest > lowest || b.highest < highest)) {
                lowest = Math.max(lowest, b.lowest);
                highest = Math.min(highest, b.highest);
                evidence.add(b.why);
            }
        }
        for (Frame f : lockSites) {
            if (f.function().equals("runtime.lock") || f.function().equals("runtime.unlock")) {
                if (f.fileBase().equals("lock_futex.go") && highest > 23) {
                    highest = 23;
                    evidence.add("runtime.lock in lock_futex.go: the futex mutex of 1.22-1.23");
                } else if (f.fileBase().equals("lock_spinbit.go") && lowest < 24) {
                    lowest = 24;
                    evidence.add("runtime.lock in lock_spinbit.go: the spinbit mutex of 1.24+");
                }
            }
        }
        if (sawLost && !sawUnlockStack && profile.kind().equals("contentions") && highest > 24) {
            highest = 24;
            evidence.add("runtime-lock contention only under _LostContendedRuntimeLock: 1.22-1.24 without "
                    + "GODEBUG=runtimecontentionstacks=1 (1.25+ records runtime.unlock stacks)");
        }
        List<String> warnings = new ArrayList<>();
        if (lowest > highest) {
            warnings.add("contradictory version evidence " + evidence + ": attribution by function name only");
            return new GoVersion(GoVersion.OLDEST, GoVersion.OPEN, evidence, warnings);
        }
        return refineByLockSites(lowest, highest, lockSites, evidence, warnings);
    }

    private static GoVersion refineByLockSites(
            int lowest, int highest, Set<Frame> lockSites, List<String> evidence, List<String> warnings) {
        if (lockSites.isEmpty()) {
            return new GoVersion(lowest, highest, evidence, warnings);
        }
        int best = 0;
        List<Integer> winners = new ArrayList<>();
        for (int minor : LockSiteTable.KNOWN_MINORS) {
            if (minor < lowest || minor > highest) {
                continue;
            }
            LockSiteTable table = LockSiteTable.forMinor(minor);
            int score = 0;
            for (Frame f : lockSites) {
                LockSite site = table.at(f.site());
                if (site != null && RuntimeNames.matchesTableFunction(f, site.function())) {
                    score++;
                }
            }
            if (score > best) {
                best = score;
                winners.clear();
            }
            if (score == best && score > 0) {
                winners.add(minor);
            }
        }
        if (winners.isEmpty()) {
            int newest = Collections.max(LockSiteTable.KNOWN_MINORS);
            if (highest > newest) {
                warnings.add("no lock-call site matches the lock-site tables of 1." + Math.max(lowest, GoVersion.OLDEST)
                        + "-1." + newest + ": probably a newer Go; runtime locks are attributed by function name only");
            } else {
                warnings.add("no lock-call site matches the lock-site tables (patch release or non-amd64 build?): "
                        + "runtime locks are attributed by function name only");
            }
            return new GoVersion(lowest, highest, evidence, warnings);
        }
        int lo = winners.get(0);
        int hi = winners.get(winners.size() - 1);
        evidence.add(best + " of " + lockSites.size() + " lock/unlock call sites match the 1." + lo
                + (lo == hi ? "" : "-1." + hi) + " lock-site table" + (lo == hi ? "" : "s") + " by file:line");
        return new GoVersion(lo, hi, evidence, warnings);
    }
}
