package io.schedgate.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A phase-by-phase wall-clock breakdown of {@code schedgate profile}, printed to stderr when the
 * environment has {@code SCHEDGATE_TIMING=1}: where a run's time goes (JVM start, read, each
 * analysis, output), for tuning. Off, it costs one environment lookup.
 */
final class ProfileTiming {

    static final ProfileTiming INSTANCE = new ProfileTiming("1".equals(System.getenv("SCHEDGATE_TIMING")));

    private final boolean on;
    private final StringBuilder line = new StringBuilder();
    private final ThreadMXBean threads;
    private long last = System.nanoTime();
    private long lastCpu;

    private ProfileTiming(boolean on) {
        this.on = on;
        // CPU time of the main thread: on a shared machine wall-clock phases mostly measure the neighbours.
        this.threads = on ? ManagementFactory.getThreadMXBean() : null;
        if (on) {
            lastCpu = threads.getCurrentThreadCpuTime();
            // JVM start to here: process start time is only known to the millisecond.
            long startMillis = ProcessHandle.current()
                    .info()
                    .startInstant()
                    .map(i -> i.toEpochMilli())
                    .orElse(0L);
            line.append("jvm-start ")
                    .append(startMillis == 0 ? -1 : System.currentTimeMillis() - startMillis)
                    .append(" ms");
        }
    }

    /** Records the time since the previous mark under {@code phase}. */
    void mark(String phase) {
        if (on) {
            long now = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            line.append(", ")
                    .append(phase)
                    .append(' ')
                    .append((now - last) / 1_000_000)
                    .append('/')
                    .append((cpu - lastCpu) / 1_000_000)
                    .append(" ms");
            last = now;
            lastCpu = cpu;
        }
    }

    void print(PrintStream err) {
        if (on) {
            err.println("schedgate timing (wall/main-thread CPU): " + line);
        }
    }
}
