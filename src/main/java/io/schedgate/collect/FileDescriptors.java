package io.schedgate.collect;

import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import java.util.Optional;

/**
 * This JVM's file descriptors. Above the load headroom an open model opens connections faster than
 * the target answers them, and the whole JVM (Gatling, the collector, the manifest writer) runs out
 * of descriptors: say so in one line that names the fix, before and when it happens.
 */
public final class FileDescriptors {
    /** strerror(EMFILE), as the JDK and Netty report it. */
    static final String EXHAUSTED = "Too many open files";
    /** Share of the limit in use at which {@link #nearLimit()} warns. */
    static final double WARN_AT = 0.8;

    private FileDescriptors() {}

    /** The one-line error when {@code t} or one of its causes is EMFILE, else empty. */
    public static Optional<String> exhaustion(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(EXHAUSTED)) {
                return Optional.of(exhausted());
            }
        }
        return Optional.empty();
    }

    /** The one-line error when a failure reason is EMFILE, else empty. */
    public static Optional<String> exhaustion(String reason) {
        return reason != null && reason.contains(EXHAUSTED) ? Optional.of(exhausted()) : Optional.empty();
    }

    /**
     * Opens and closes /dev/null: the one-line error when that fails with EMFILE, else empty. For
     * failures that hide the cause (a class that cannot load because its jar cannot be opened).
     */
    public static Optional<String> probe() {
        try (FileInputStream in = new FileInputStream("/dev/null")) {
            return Optional.empty();
        } catch (IOException e) {
            return exhaustion(e);
        }
    }

    static String exhausted() {
        return "the JVM ran out of file descriptors (" + EXHAUSTED + limitText() + "): raise the limit with "
                + "`ulimit -n 65536` in the shell that runs ./mvnw, or keep the top step below the load headroom "
                + "(bench/load-headroom.sh)";
    }

    /** A one-line warning when more than {@link #WARN_AT} of the limit is in use, else empty. */
    public static Optional<String> nearLimit() {
        Optional<com.sun.management.UnixOperatingSystemMXBean> os = unix();
        if (os.isEmpty()) {
            return Optional.empty();
        }
        try {
            return nearLimit(os.get().getOpenFileDescriptorCount(), os.get().getMaxFileDescriptorCount());
        } catch (RuntimeException | Error e) {
            return Optional
                    .empty(); // counting needs a descriptor too (/proc/self/fd): when none is left, say nothing here
        }
    }

    static Optional<String> nearLimit(long open, long max) {
        if (max <= 0 || open < WARN_AT * max) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "warning: %d of %d file descriptors in use (connections "
                        + "pile up: the load is above what the target or the harness sustains); raise the limit with "
                        + "`ulimit -n 65536` or lower the top step",
                open,
                max));
    }

    private static String limitText() {
        try {
            return unix().map(os -> ", limit " + os.getMaxFileDescriptorCount()).orElse("");
        } catch (RuntimeException | Error e) {
            return "";
        }
    }

    private static Optional<com.sun.management.UnixOperatingSystemMXBean> unix() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean u ? Optional.of(u) : Optional.empty();
    }
}
