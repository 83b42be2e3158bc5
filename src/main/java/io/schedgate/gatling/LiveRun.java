package io.schedgate.gatling;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The schedgate run Gatling executes in this JVM, for a caller that embeds Gatling (an experiment).
 * Gatling answers an interrupt of the thread running it by shutting its load down and rethrowing,
 * without the simulation's {@code after()}: the collector would go on capturing, the target container
 * stay up and the run stay {@code running}. {@link #cancel} ends them the way Ctrl-C ends a run.
 */
public final class LiveRun {

    /**
     * What a cancelled run left: its directory, where the ramp was cut ({@code step 2 of 6}), the
     * manifest's status, and whether the collector and its captures stopped within the deadline.
     */
    public record Cancelled(Path directory, String position, String status, boolean stopped) {}

    private static final AtomicReference<SchedgateSimulation> CURRENT = new AtomicReference<>();

    private LiveRun() {}

    /** The simulation that now owns a collector and a target (set at the end of its construction). */
    static void began(SchedgateSimulation run) {
        CURRENT.set(run);
    }

    /**
     * Ends the run begun last in this JVM, if any, and forgets it: the collector marks it interrupted
     * ({@code reason} and where it was) and stops, the injectors' endpoint closes, the target container is
     * removed. A run that had ended by itself only loses what it still held. Empty when no run began.
     */
    public static Optional<Cancelled> cancel(String reason) {
        SchedgateSimulation run = CURRENT.getAndSet(null);
        return run == null ? Optional.empty() : Optional.of(run.cancel(reason));
    }

    /** Forgets the run begun last (it ended by itself, its {@code after()} released it all). */
    public static void forget() {
        CURRENT.set(null);
    }
}
