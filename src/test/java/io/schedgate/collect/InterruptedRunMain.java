package io.schedgate.collect;

import io.schedgate.load.StepLoadCounters;
import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import io.schedgate.run.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import sun.misc.Signal;

/**
 * Run by {@link RampCollectorLabTest} as a child JVM that gets a real SIGINT (Ctrl-C) mid-ramp:
 * {@code APP_URL PPROF_URL RUNS_DIR}. The ramp: two steps of 1 s warm-up, 3 s window, 1 s tail.
 */
public final class InterruptedRunMain {
    public static void main(String[] args) throws Exception {
        // A JVM started in the background by a non-interactive shell inherits SIGINT as ignored and
        // then installs no handler; do what the JVM does for Ctrl-C in a terminal: exit, running the hooks.
        Signal.handle(new Signal("INT"), s -> System.exit(130));
        RampPlan plan = new RampPlan(
                "test",
                List.of(20.0, 30.0),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                EndpointMix.parse("/healthy?us=50"));
        RampCollector collector = RampCollector.open(
                plan,
                "InterruptedRun",
                TargetEndpoints.of(TargetEndpoints.LAB, null, args[0], args[1]),
                new Manifest.Target("lab", null, null, null, null, null, null, null, null, null),
                new Manifest.Harness("test", "17", "none"),
                Path.of(args[2]),
                new StepLoadCounters(plan.stepCount()),
                line -> System.out.println("[schedgate] " + line),
                RampCollector.Timeouts.DEFAULT);
        collector.baseline();
        collector.start(RampClock.startingNow(plan));
        collector.awaitCompletion(Duration.ofSeconds(60));
    }
}
