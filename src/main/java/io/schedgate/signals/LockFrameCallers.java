package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who spends CPU in sync lock frames ({@code sync.(*Mutex).Lock}, the semaphore calls under it) in a
 * CPU profile: the first user frame above the lock frames, with its samples. The lock contention test
 * examines a caller with a notable share even when the mutex profile does not name it.
 *
 * @param callers the callers, in the order the profile first names them
 * @param totalSamples all samples of the profile
 */
public record LockFrameCallers(List<Caller> callers, long totalSamples) {

    /**
     * @param function the first user frame's function
     * @param samples CPU samples in lock frames under it
     * @param site {@code file:line} of the first stack where the function calls a lock frame directly,
     *     else the function's name
     */
    public record Caller(String function, long samples, String site) {}

    public LockFrameCallers {
        callers = List.copyOf(callers);
    }

    public static LockFrameCallers of(Profile cpu) {
        int idx = CpuIndexes.samplesOrDefault(cpu);
        Map<String, long[]> samples = new LinkedHashMap<>();
        for (Sample s : cpu.samples()) {
            List<Frame> stack = s.stack();
            for (int i = 0; i < stack.size(); i++) {
                if (isLockFrame(stack.get(i).function())) {
                    Frame user = WaitSites.firstUserFrame(stack.subList(i, stack.size()));
                    if (user != null) {
                        samples.computeIfAbsent(user.function(), k -> new long[1])[0] += s.value(idx);
                    }
                    break;
                }
            }
        }
        List<Caller> callers = new ArrayList<>();
        samples.forEach((function, n) -> callers.add(new Caller(function, n[0], siteOf(cpu, function))));
        return new LockFrameCallers(callers, cpu.total(idx));
    }

    private static String siteOf(Profile cpu, String function) {
        for (Sample s : cpu.samples()) {
            for (int i = 1; i < s.stack().size(); i++) {
                if (s.stack().get(i).function().equals(function)
                        && isLockFrame(s.stack().get(i - 1).function())) {
                    return s.stack().get(i).site();
                }
            }
        }
        return function;
    }

    /** Sync lock frames: Mutex and RWMutex methods and the semaphore calls they park and wake in. */
    static boolean isLockFrame(String f) {
        return f.startsWith("sync.(*Mutex).")
                || f.startsWith("sync.(*RWMutex).")
                || f.startsWith("internal/sync.(*Mutex).")
                || f.startsWith("internal/sync.runtime_Semacquire")
                || f.startsWith("sync.runtime_Semacquire")
                || f.startsWith("internal/sync.runtime_Semrelease")
                || f.startsWith("sync.runtime_Semrelease");
    }
}
