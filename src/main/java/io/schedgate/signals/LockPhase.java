package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import java.util.List;

/**
 * Where inside {@code runtime.lock2} a CPU sample landed (FINDINGS.md §2, "Phase inside lock2").
 * The lock2 frame's line is the call it was making; frames above it (procyield, osyield,
 * futexsleep/semasleep) say the same when the version's lines are unknown.
 */
public enum LockPhase {
    /** The first atomic exchange: uncontended acquire, or cache-line bouncing on a hot lock. */
    FAST_PATH("fast path"),
    /** Busy-waiting: procyield or osyield in the contended loop. */
    SPIN("spin"),
    /** Asleep in futexsleep/semasleep (the CPU sample is the syscall's entry or exit). */
    SLEEP("sleep"),
    /** Other lines of the contended slow path (loop bookkeeping, lock-timing for the profile). */
    SLOW_PATH_OTHER("slow path, other"),
    /** lock2 is the leaf and its lines are not known for this version. */
    UNKNOWN("unknown");

    private final String label;

    LockPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** lock2's lines per version: fast-path range, procyield, osyield, sleep call. */
    private record Lines(int fastFrom, int fastTo, int procyield, int osyield, int sleep) {}

    private static Lines linesFor(int minor) {
        return switch (minor) {
            case 22, 23 -> new Lines(64, 66, 95, 106, 116); // lock_futex.go
            case 24 -> new Lines(163, 168, 215, 219, 242); // lock_spinbit.go
            case 25, 26 -> new Lines(165, 170, 216, 220, 250);
            case 27 -> new Lines(174, 179, 225, 229, 259);
            default -> null;
        };
    }

    /**
     * The phase of a sample whose stack has {@code runtime.lock2} at {@code lock2Index}
     * (frames before it are what lock2 was calling).
     */
    public static LockPhase of(List<Frame> stack, int lock2Index, GoVersion version) {
        Lines lines = version.isExact() ? linesFor(version.minor()) : null;
        if (lines != null) {
            long line = stack.get(lock2Index).line();
            if (line >= lines.fastFrom && line <= lines.fastTo) {
                return FAST_PATH;
            }
            if (line == lines.procyield || line == lines.osyield) {
                return SPIN;
            }
            if (line == lines.sleep) {
                return SLEEP;
            }
        }
        for (int i = lock2Index - 1; i >= 0; i--) {
            String f = stack.get(i).function();
            if (f.startsWith("runtime.procyield") || f.equals("runtime.osyield")) {
                return SPIN;
            }
            if (f.startsWith("runtime.futex") || f.equals("runtime.semasleep")) {
                return SLEEP;
            }
        }
        return lines != null ? SLOW_PATH_OTHER : UNKNOWN;
    }
}
