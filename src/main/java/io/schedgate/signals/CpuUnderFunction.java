package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import java.util.List;

/**
 * The CPU under one function in a CPU profile: what the lock contention test reads as the CPU
 * dimension of a lock site (time inside its Lock…Unlock chain) and as the lock's utilisation.
 *
 * @param samples CPU samples whose stack passes through the function
 * @param lockFrameSamples those of them with a sync lock frame below the function
 * @param totalSamples all samples of the profile
 * @param nanos CPU nanoseconds under the function (samples × period when the profile has no {@code cpu}
 *     column)
 */
public record CpuUnderFunction(long samples, long lockFrameSamples, long totalSamples, long nanos) {

    public static CpuUnderFunction of(Profile cpu, String function) {
        int idx = CpuIndexes.samplesOrDefault(cpu);
        int nanosIdx = CpuIndexes.nanosOrAbsent(cpu);
        long under = 0;
        long nanos = 0;
        long lockFrames = 0;
        for (Sample s : cpu.samples()) {
            List<Frame> stack = s.stack();
            for (int i = 0; i < stack.size(); i++) {
                if (stack.get(i).function().equals(function)) {
                    under += s.value(idx);
                    nanos += nanosIdx >= 0 ? s.value(nanosIdx) : s.value(idx) * cpu.period();
                    for (int j = 0; j < i; j++) {
                        if (LockFrameCallers.isLockFrame(stack.get(j).function())) {
                            lockFrames += s.value(idx);
                            break;
                        }
                    }
                    break;
                }
            }
        }
        return new CpuUnderFunction(under, lockFrames, cpu.total(idx), nanos);
    }
}
