package io.schedgate.load;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM (Gatling, the collector, everything schedgate runs) has used, to record per
 * step how much of the machine the harness itself took: a step where the load generator ran out of
 * CPU measures the harness, and on a small machine it competes with the target for the same cores.
 */
public final class HarnessCpu {
    private HarnessCpu() {}

    /** Process CPU time in nanoseconds, or -1 where the JVM does not report it. */
    public static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPUs' worth of time used between two readings {@code wallNanos} apart (1.0 = one core busy), null if unknown. */
    public static Double cores(long fromNanos, long toNanos, long wallNanos) {
        if (fromNanos < 0 || toNanos < fromNanos || wallNanos <= 0) {
            return null;
        }
        return Math.round((double) (toNanos - fromNanos) / wallNanos * 1000) / 1000.0;
    }
}
