package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import java.util.Set;

/** Names of the runtime's lock implementation frames and helpers to match runtime functions. */
final class RuntimeNames {

    private RuntimeNames() {}

    static final String LOCK2 = "runtime.lock2";
    static final String UNLOCK2 = "runtime.unlock2";
    static final String LOCK_WITH_RANK = "runtime.lockWithRank";
    static final String LOST = "runtime._LostContendedRuntimeLock";

    /** The inlined wrappers between a caller and lock2/unlock2 (FINDINGS §2, step 2). */
    static final Set<String> LOCK_WRAPPERS =
            Set.of("runtime.lock", "runtime.lockWithRank", "runtime.unlock", "runtime.unlockWithRank");

    /** Frames inside the lock implementation: spinning, sleeping, waking, profiling the lock. */
    static boolean isLockInternal(String function) {
        return LOCK_WRAPPERS.contains(function)
                || function.equals(LOCK2)
                || function.equals(UNLOCK2)
                || function.equals("runtime.unlock2Wake")
                || function.equals("runtime.procyield")
                || function.equals("runtime.procyieldAsm")
                || function.equals("runtime.osyield")
                || function.startsWith("runtime.futex")
                || function.equals("runtime.semasleep")
                || function.equals("runtime.semawakeup")
                || function.startsWith("runtime.(*lockTimer).")
                || function.startsWith("runtime.(*mLockProfile).")
                || function.equals("runtime.nanotime")
                || function.equals("runtime.nanotime1")
                || function.equals("runtime.cputicks")
                || function.equals("runtime.getlockrank");
    }

    /**
     * {@code runtime.wakep} becomes {@code wakep}; a runtime function linked into another
     * package ({@code sync.runtime_notifyListWait}) becomes its runtime name
     * ({@code notifyListWait}); any other function gives null.
     */
    static String runtimeShortName(String function) {
        if (function.startsWith("runtime.")) {
            return function.substring("runtime.".length());
        }
        int linked = function.indexOf(".runtime_");
        return linked > 0 && function.indexOf('.') == linked ? function.substring(linked + ".runtime_".length()) : null;
    }

    /**
     * True when the frame's function is the table's {@code tableFunction} or a closure inside it
     * ({@code runtime.injectglist.func1} matches {@code injectglist}).
     */
    static boolean matchesTableFunction(Frame frame, String tableFunction) {
        String s = runtimeShortName(frame.function());
        return s != null && (s.equals(tableFunction) || s.startsWith(tableFunction + "."));
    }
}
