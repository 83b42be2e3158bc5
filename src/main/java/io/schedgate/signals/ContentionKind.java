package io.schedgate.signals;

import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;

/**
 * Mutex and block profiles share one format ({@code contentions/count, delay/nanoseconds});
 * tell them apart by the file name the collector gave them, else by their leaves: a mutex
 * profile records unlocks (sync.(*Mutex).Unlock, runtime.unlock, _LostContendedRuntimeLock), a
 * block profile records the blocking call (chanrecv1, selectgo, (*Mutex).Lock, ...).
 */
public enum ContentionKind {
    MUTEX,
    BLOCK,
    UNKNOWN;

    public static ContentionKind of(Profile profile, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        if (name.contains("mutex")) {
            return MUTEX;
        }
        if (name.contains("block")) {
            return BLOCK;
        }
        boolean any = false;
        for (Sample s : profile.samples()) {
            if (s.stack().isEmpty()) {
                continue;
            }
            any = true;
            String leaf = s.stack().get(0).function();
            if (leaf.contains("Unlock") || leaf.equals(RuntimeNames.LOST) || leaf.equals("runtime.unlock")) {
                return MUTEX;
            }
        }
        return any ? BLOCK : UNKNOWN;
    }
}
