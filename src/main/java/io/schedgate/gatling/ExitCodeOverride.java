package io.schedgate.gatling;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the JVM exit with a failure code after everything else it was doing has finished.
 *
 * <p>Why a halting shutdown hook: Gatling 3.15 runs {@code Simulation.after()} before it writes
 * the report, and an exception thrown there aborts the run without a report. It then calls
 * {@code System.exit(0)} itself. A shutdown hook runs after that exit call, i.e. after the report,
 * and {@link Runtime#halt} replaces the exit status (verified: {@code ./mvnw gatling:test} then
 * fails with the report written).
 */
public final class ExitCodeOverride {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private ExitCodeOverride() {}

    /**
     * Arranges for the JVM to end with {@code code}, printing {@code reason} on its way out. Called
     * while the JVM is already going down (Ctrl-C: Gatling runs {@code after()} from its own hook),
     * it only prints the reason: the exit status is the signal's (130 for Ctrl-C), and halting here
     * would cut short the other hooks, e.g. the collector's final manifest.
     */
    public static void exitWith(RunExit exit, String reason) {
        int code = exit.code();
        if (code == 0 || !INSTALLED.compareAndSet(false, true)) {
            return;
        }
        String line = line(exit, reason);
        Thread hook = new Thread(
                () -> {
                    System.err.println(line);
                    System.err.flush();
                    System.out.flush();
                    Runtime.getRuntime().halt(code);
                },
                "schedgate-exit-code");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is already going down (Ctrl-C): its status is the signal's
            System.err.println("[schedgate] run stopped while the JVM shuts down: " + reason);
            System.err.flush();
        }
    }

    /**
     * The last line of a failed run, at most 120 columns: the code Gatling's JVM ends with, what it means,
     * why (cut), and what the shell sees under Maven.
     */
    static String line(RunExit exit, String reason) {
        String head = "[schedgate] exit " + exit.code() + ", " + exit.meaning() + ": ";
        String tail = " (mvn: BUILD FAILURE, exit 1)";
        int room = 120 - head.length() - tail.length();
        String why = reason.length() <= room ? reason : reason.substring(0, room - 1) + "…";
        return head + why + tail;
    }
}
