package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import java.util.List;

/**
 * Where a goroutine waits, read off its stack: the first frame outside the runtime and the
 * standard synchronisation internals (the code a user would change), and what it waits on.
 */
public final class WaitSites {

    private WaitSites() {}

    private static final List<String> INTERNAL_PREFIXES =
            List.of("runtime.", "sync.", "internal/sync.", "internal/runtime/", "runtime/internal/", "internal/poll.");

    /** True for runtime, sync and chan/poll internals: frames that say how, not where, code waits. */
    public static boolean isInternal(String function) {
        for (String p : INTERNAL_PREFIXES) {
            if (function.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The first non-internal frame (leaf first), or null when the stack is all internal. */
    public static Frame firstUserFrame(List<Frame> stack) {
        for (Frame f : stack) {
            if (!isInternal(f.function())) {
                return f;
            }
        }
        return null;
    }

    /** {@code function file:line} of the first user frame, or the leaf's function when there is none. */
    public static String describe(List<Frame> stack) {
        Frame f = firstUserFrame(stack);
        if (f == null) {
            f = stack.get(stack.size() - 1);
        }
        return f.function() + " " + f.site();
    }

    /**
     * What the stack is blocked on, from the runtime/sync frames under it: "chan receive",
     * "chan send", "select", "sync.Mutex", "sync.RWMutex", "sync.Cond.Wait", "semacquire"
     * (WaitGroup and friends), "IO wait", "sleep", "parked" (other gopark), or "not parked" (running, runnable or in a syscall).
     */
    public static String state(List<Frame> stack) {
        // the primitive first: since Go 1.24 a contended sync.Mutex parks in runtime.semacquire1 too
        for (Frame frame : stack) {
            String f = frame.function();
            if (f.startsWith("runtime.chanrecv")) {
                return "chan receive";
            }
            if (f.startsWith("runtime.chansend")) {
                return "chan send";
            }
            if (f.equals("runtime.selectgo") || f.equals("runtime.block")) {
                return "select";
            }
            if (f.contains("(*RWMutex).")) {
                return "sync.RWMutex";
            }
            if (f.contains("(*Mutex).")
                    || f.equals("sync.runtime_SemacquireMutex")
                    || f.equals("internal/sync.runtime_SemacquireMutex")) {
                return "sync.Mutex";
            }
            if (f.contains("(*Cond).Wait") || f.equals("sync.runtime_notifyListWait")) {
                return "sync.Cond.Wait";
            }
        }
        boolean parked = false;
        for (Frame frame : stack) {
            String f = frame.function();
            if (f.startsWith("sync.runtime_Semacquire")
                    || f.contains("(*WaitGroup).Wait")
                    || f.startsWith("runtime.semacquire")) {
                return "semacquire";
            }
            if (f.equals("runtime.netpollblock") || f.startsWith("internal/poll.runtime_pollWait")) {
                return "IO wait";
            }
            if (f.equals("time.Sleep")) {
                return "sleep";
            }
            parked |= f.equals("runtime.gopark") || f.equals("runtime.goparkunlock");
        }
        return parked ? "parked" : "not parked";
    }
}
