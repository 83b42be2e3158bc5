package io.schedgate.signals;

import java.util.Locale;

/**
 * Coarse families of runtime-internal locks, the level at which a scheduler verdict reads them.
 * Classification is by the locked expression, then by the source file of the call.
 */
public enum LockBucket {
    /** {@code &sched.lock}: the global scheduler lock (run queue, idle Ps/Ms, wakep). */
    SCHED_LOCK("sched.lock"),
    /** The other {@code sched.*} locks: gFree (dead G pool), sudoglock, deferlock, sysmonlock. */
    SCHED_OTHER("sched.other"),
    /** A channel's {@code hchan.lock} (chan.go, select.go). */
    CHANNEL("channel"),
    /** Locks of the profilers and the tracer themselves: the cost of observing. */
    PROFILER_INTERNAL("profiler-internal"),
    /** Heap, span, stack, GC work and finalizer locks. */
    MEMORY_GC("memory/GC"),
    /** Everything else (timers, netpoll, semaphores, itabs, ...). */
    OTHER("other");

    private final String label;

    LockBucket(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Classifies a lock by its expression (e.g. {@code &sched.gFree.lock}) and call site file. */
    public static LockBucket of(String lockExpr, String site) {
        String e = lockExpr.toLowerCase(Locale.ROOT);
        String file = site.contains(":") ? site.substring(0, site.indexOf(':')) : site;
        if (e.equals("&sched.lock")) {
            return SCHED_LOCK;
        }
        if (e.startsWith("&sched.")) {
            return SCHED_OTHER;
        }
        if (file.equals("chan.go")
                || file.equals("select.go")
                || e.equals("(*mutex)(chanlock)")
                || e.contains(".c.get().lock")) {
            return CHANNEL;
        }
        if (e.startsWith("&prof")
                || e.equals("&cpuprof.lock")
                || e.startsWith("&trace")
                || file.equals("mprof.go")
                || file.equals("cpuprof.go")
                || file.startsWith("trace")) {
            return PROFILER_INTERNAL;
        }
        if (e.contains("mheap")
                || e.startsWith("&h.")
                || e.contains("speciallock")
                || e.startsWith("&work.")
                || e.contains("stack")
                || e.contains("gcbits")
                || e.equals("&finlock")
                || e.startsWith("&sweep")
                || e.contains("arena")
                || e.contains("globalalloc")
                || file.startsWith("mgc")
                || file.startsWith("mheap")
                || file.equals("malloc.go")
                || file.equals("mcentral.go")
                || file.equals("mfinal.go")
                || file.equals("stack.go")
                || file.equals("arena.go")
                || file.startsWith("mspan")
                || file.startsWith("mpage")
                || file.equals("mcache.go")
                || file.equals("mbitmap.go")) {
            return MEMORY_GC;
        }
        return OTHER;
    }
}
