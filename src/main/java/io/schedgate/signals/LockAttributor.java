package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the runtime lock a stack is taking or releasing (FINDINGS.md §2, "Attributing a sample"):
 * walk from the lock implementation toward the root past the inlined wrappers
 * ({@code lockWithRank}, {@code lock}, ...), then look the first real caller's {@code file:line}
 * up in the version's lock-site table; if the line is not there (unknown patch release or
 * version), fall back to the function name when that function takes only one lock, then to
 * the caller's file (chan.go is a channel lock).
 */
public final class LockAttributor {

    /** How a lock was identified, from most to least certain. */
    public enum Method {
        SITE,
        FUNCTION,
        FILE,
        UNATTRIBUTED
    }

    /**
     * @param lockExpr       the lock as written in the runtime source ({@code &sched.lock}), or "?"
     * @param callerFunction the first frame outside the lock implementation
     * @param site           that frame's {@code file:line}
     */
    public record Attribution(LockBucket bucket, String lockExpr, String callerFunction, String site, Method method) {}

    /** Tables whose file:line entries are trusted: the versions the profile may come from. */
    private final List<LockSiteTable> siteTables = new ArrayList<>();
    /** Tables consulted for the function-name rule: every version when none is in range. */
    private final List<LockSiteTable> nameTables = new ArrayList<>();

    public LockAttributor(GoVersion version) {
        for (int minor : LockSiteTable.KNOWN_MINORS) {
            if (minor >= version.lowest() && minor <= version.highest()) {
                siteTables.add(LockSiteTable.forMinor(minor));
            }
        }
        nameTables.addAll(siteTables);
        if (nameTables.isEmpty()) {
            // A version newer than the tables: its lines are unknown, so names only (with the
            // warning GoVersion carries); function names change far less than line numbers.
            for (int minor : LockSiteTable.KNOWN_MINORS) {
                nameTables.add(LockSiteTable.forMinor(minor));
            }
        }
    }

    /**
     * @param stack leaf-first logical stack
     * @param from  index of a lock-implementation frame (lock2, unlock2, or an inlined wrapper)
     * @param unlock true for the release side (unlock sites), false for the acquire side
     */
    public Attribution attribute(List<Frame> stack, int from, boolean unlock) {
        int j = from;
        while (j < stack.size() && isImplementation(stack.get(j).function())) {
            j++;
        }
        if (j >= stack.size()) {
            return new Attribution(LockBucket.OTHER, "?", "(no caller)", "", Method.UNATTRIBUTED);
        }
        Frame caller = stack.get(j);
        Set<String> bySite = new LinkedHashSet<>();
        for (LockSiteTable t : siteTables) {
            LockSite s = t.at(caller.site());
            if (s != null && s.isUnlock() == unlock && RuntimeNames.matchesTableFunction(caller, s.function())) {
                bySite.add(s.lockExpr());
            }
        }
        if (bySite.size() == 1) {
            return attribution(bySite.iterator().next(), caller, Method.SITE);
        }
        String shortName = RuntimeNames.runtimeShortName(caller.function());
        if (shortName != null) {
            Set<String> byName = new LinkedHashSet<>();
            for (LockSiteTable t : nameTables) {
                byName.addAll(t.locksOf(shortName));
                int closure = shortName.indexOf(".func");
                if (closure > 0) {
                    byName.addAll(t.locksOf(shortName.substring(0, closure)));
                }
            }
            if (byName.size() == 1) {
                return attribution(byName.iterator().next(), caller, Method.FUNCTION);
            }
        }
        LockBucket byFile = LockBucket.of("?", caller.site());
        if (byFile != LockBucket.OTHER) {
            return new Attribution(byFile, "?", caller.function(), caller.site(), Method.FILE);
        }
        return new Attribution(LockBucket.OTHER, "?", caller.function(), caller.site(), Method.UNATTRIBUTED);
    }

    private static Attribution attribution(String lockExpr, Frame caller, Method method) {
        return new Attribution(
                LockBucket.of(lockExpr, caller.site()), lockExpr, caller.function(), caller.site(), method);
    }

    private static boolean isImplementation(String function) {
        return RuntimeNames.LOCK_WRAPPERS.contains(function)
                || function.equals(RuntimeNames.LOCK2)
                || function.equals(RuntimeNames.UNLOCK2)
                || function.equals("runtime.unlock2Wake");
    }
}
