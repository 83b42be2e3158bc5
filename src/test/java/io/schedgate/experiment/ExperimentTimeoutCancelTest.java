package io.schedgate.experiment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.run.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.testcontainers.DockerClientFactory;

/**
 * An experiment whose thread is interrupted mid-ramp, as JUnit's {@code @Timeout} interrupts a test:
 * {@code run()} throws one line naming the step and the partial run directory, and by then the load,
 * the collector and the lab container are gone. The first test sends the interrupt itself, on a thread
 * of its own, once step 2's window is open (so it does not time out and can look afterwards); two more
 * run a nested class whose real {@code @Timeout} fires (same thread and separate thread) through the
 * JUnit Platform and look once it failed; one interrupts before anything started.
 */
@ExtendWith(SchedgateExtension.class)
@GoModule("targets/lab")
class ExperimentTimeoutCancelTest {

    @TempDir
    Path runs;

    /** Six 5 s steps and a cool-down: 32 s of ramp, far more than the test lets it run. */
    static Experiment longRamp(ServiceImage lab) {
        return lab.experiment()
                .named("cancel")
                .steps(50, 100, 150, 200, 250, 300)
                .warmup(Duration.ofSeconds(1))
                .window(Duration.ofSeconds(3))
                .tail(Duration.ofSeconds(1))
                .cooldown(Duration.ofSeconds(2))
                .mix("/healthy?us=50@1")
                .gomaxprocs(2);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anInterruptCancelsTheRampAtItsStepAndLeavesNothingRunning(ServiceImage lab) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptedAgain = new AtomicBoolean();
        Thread experiment = new Thread(
                () -> {
                    try {
                        longRamp(lab).run(runs);
                    } catch (Throwable t) {
                        thrown.set(t);
                        interruptedAgain.set(Thread.currentThread().isInterrupted());
                    }
                },
                "experiment-under-test");
        experiment.start();
        try {
            // step 1 recorded, then 1 s into step 2's window: its start snapshots are taken, its profiles run
            AtomicReference<Path> dir = new AtomicReference<>();
            await("step 2's window open")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Optional<Manifest> m = manifest(runs.resolve("cancel-1"), dir);
                        return !experiment.isAlive()
                                || m.filter(x -> x.steps().size() == 1)
                                        .map(x -> Timestamps.parse(
                                                        x.steps().get(0).stepEnd())
                                                .plusSeconds(2)
                                                .isBefore(Instant.now()))
                                        .orElse(false);
                    });
            assertTrue(experiment.isAlive(), "the experiment ended before step 2: " + thrown.get());
            assertEquals(1, containersOf(imageId(lab)).size(), "the lab container runs during the ramp");
            experiment.interrupt();
            experiment.join(Duration.ofSeconds(60).toMillis());
            assertFalse(experiment.isAlive(), "run() did not return within 60 s of the interrupt");

            ExperimentCancelledException x = assertInstanceOf(ExperimentCancelledException.class, thrown.get());
            Path run = dir.get();
            assertEquals(
                    "experiment cancel cancelled at step 2 of 6 (its thread was interrupted, e.g. by a JUnit"
                            + " @Timeout): load, collector and target container stopped; the partial run (manifest"
                            + " status interrupted) is in " + run.toAbsolutePath(),
                    x.getMessage());
            assertEquals(Optional.of(run.toAbsolutePath()), x.runDirectory());
            assertTrue(interruptedAgain.get(), "run() hands the interrupt back");

            Manifest m = RunDirectory.open(run).readManifest();
            assertEquals(Manifest.INTERRUPTED, m.status());
            assertEquals("cancelled: the experiment's thread was interrupted during step 2 of 6", m.statusReason());
            assertEquals(2, m.steps().size(), "step 1 and step 2 as far as it got");
            m.steps().get(0).captures().forEach((k, c) -> assertTrue(c.ok(), "step 1 " + k + ": " + c.reason()));
            Manifest.Step partial = m.steps().get(1);
            assertNull(partial.windowEnd(), "step 2 was cut short");
            assertTrue(
                    partial.captures().get("goroutineStart").ok(),
                    partial.captures().toString());
            assertTrue(Files.size(run.resolve("step-01/cpu.pb.gz")) > 0);

            await("no Gatling or collector thread left")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> loadThreads().isEmpty());
            assertEquals(List.of(), containersOf(imageId(lab)), "the lab container is removed");
        } finally {
            experiment.interrupt();
        }
    }

    /**
     * Interrupted before it starts (a timeout spent by what ran before it): one line, nothing started,
     * the interrupt kept; not "no Docker engine answers", which is what docker-java's refusal of an
     * interrupted thread would otherwise read as.
     */
    @Test
    void anExperimentInterruptedBeforeItStartsSendsNothing(ServiceImage lab) {
        List<String> before = containersOf(imageId(lab));
        Thread.currentThread().interrupt();
        ExperimentCancelledException x;
        try {
            x = assertThrows(
                    ExperimentCancelledException.class, () -> longRamp(lab).run(runs));
        } finally {
            assertTrue(Thread.interrupted(), "run() hands the interrupt back");
        }
        assertEquals(
                "experiment cancel cancelled before its ramp began (its thread was interrupted, e.g. by a JUnit"
                        + " @Timeout): no load was sent",
                x.getMessage());
        assertEquals(Optional.empty(), x.runDirectory());
        assertEquals(before, containersOf(imageId(lab)), "no container started");
    }

    /**
     * A real {@code @Timeout} (JUnit interrupts the test's thread): the class below, run through the
     * JUnit Platform, fails with JUnit's timeout and the cancellation as its suppressed cause; by then no
     * load thread is left, and once its class is over neither its container nor its image is.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aJUnitTimeoutFailsTheTestAndLeavesNoContainerImageOrLoad(@TempDir Path out) {
        Throwable failure = timedOut(TimesOut.class, out);
        assertEquals(1, failure.getSuppressed().length, failure::toString);
        assertSame(TimesOut.thrown, failure.getSuppressed()[0], "the cancellation is the timeout's suppressed cause");
        assertCancelledAndCleanedUp();
    }

    /**
     * With {@code threadMode = SEPARATE_THREAD} JUnit fails the test at once and interrupts the thread it
     * ran on: the cancellation still happens there, and ends the same way.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSeparateThreadTimeoutCancelsTheRampToo(@TempDir Path out) {
        timedOut(TimesOutInItsOwnThread.class, out);
        await("the abandoned thread's cancellation")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> TimesOut.thrown != null);
        assertCancelledAndCleanedUp();
    }

    /** Runs {@code testClass} through the JUnit Platform; its one test must fail with JUnit's timeout. */
    private static Throwable timedOut(Class<?> testClass, Path out) {
        TimesOut.runs = out;
        TimesOut.image = null;
        TimesOut.thrown = null;
        EngineExecutionResults results;
        try {
            results = EngineTestKit.engine("junit-jupiter")
                    .selectors(DiscoverySelectors.selectClass(testClass))
                    .execute();
        } finally {
            TimesOut.runs = null;
        }
        Events tests = results.testEvents();
        tests.assertStatistics(st -> st.started(1).failed(1));
        Throwable failure = tests.failed().stream()
                .findFirst()
                .flatMap(e -> e.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
        assertInstanceOf(TimeoutException.class, failure);
        assertEquals(
                "rampUnderATimeout(" + ServiceImage.class.getName() + ") timed out after " + TimesOut.SECONDS
                        + " seconds",
                failure.getMessage());
        return failure;
    }

    /** The nested class's experiment was cancelled mid-ramp, and left no load, container or image. */
    private static void assertCancelledAndCleanedUp() {
        ExperimentCancelledException x = assertInstanceOf(ExperimentCancelledException.class, TimesOut.thrown);
        assertTrue(
                x.getMessage()
                        .matches(
                                "experiment cancel cancelled at step [1-6] of 6 \\(its thread was interrupted, e\\.g\\."
                                        + " by a JUnit @Timeout\\): load, collector and target container stopped; the partial"
                                        + " run \\(manifest status interrupted\\) is in .*"),
                x.getMessage());
        Manifest m = RunDirectory.open(x.runDirectory().orElseThrow()).readManifest();
        assertEquals(Manifest.INTERRUPTED, m.status());
        assertTrue(
                m.steps().size() >= 1,
                "the steps before the timeout are kept: " + m.steps().size());

        await("no Gatling or collector thread left")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> loadThreads().isEmpty());
        ServiceImage image = TimesOut.image;
        assertTrue(image != null, "the test saw its image");
        // the same sources build the same image id as this class's own lab: the nested class's tag is what goes
        assertEquals(List.of(), containersOf(TimesOut.imageId), "the lab container is removed");
        await("the nested class's lab image removed")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> DockerClientFactory.instance()
                        .client()
                        .listImagesCmd()
                        .withReferenceFilter(image.tag())
                        .exec()
                        .isEmpty());
    }

    /**
     * Run only by {@link #aJUnitTimeoutFailsTheTestAndLeavesNoContainerImageOrLoad} (surefire skips
     * nested classes; elsewhere the assumption skips it): its ramp is longer than its {@code @Timeout}.
     */
    @ExtendWith(SchedgateExtension.class)
    @GoModule("targets/lab")
    static class TimesOut {
        static final int SECONDS = 25;
        static volatile Path runs;
        /** The lab image and its id, as the test saw them, and what run() threw. */
        static volatile ServiceImage image;

        static volatile String imageId;
        static volatile Throwable thrown;

        @Test
        @Timeout(value = SECONDS, unit = TimeUnit.SECONDS)
        void rampUnderATimeout(ServiceImage lab) {
            run(lab);
        }

        static void run(ServiceImage lab) {
            Assumptions.assumeTrue(runs != null, "run by ExperimentTimeoutCancelTest");
            image = lab;
            imageId = imageId(lab);
            try {
                longRamp(lab).run(runs);
            } catch (RuntimeException e) {
                thrown = e;
                throw e;
            }
        }
    }

    /** As {@link TimesOut}, the test on a thread of its own that JUnit abandons (and interrupts) at the timeout. */
    @ExtendWith(SchedgateExtension.class)
    @GoModule("targets/lab")
    static class TimesOutInItsOwnThread {
        @Test
        @Timeout(value = TimesOut.SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void rampUnderATimeout(ServiceImage lab) {
            TimesOut.run(lab);
        }
    }

    static String imageId(ServiceImage lab) {
        return DockerClientFactory.instance()
                .client()
                .inspectImageCmd(lab.tag())
                .exec()
                .getId();
    }

    /** The run directory's manifest under {@code out}, once there, noting the directory in {@code dir}. */
    static Optional<Manifest> manifest(Path out, AtomicReference<Path> dir) throws IOException {
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(out)) {
            Optional<Path> run = s.filter(p -> p.getFileName().toString().startsWith("EndpointMixSimulation-"))
                    .filter(p -> Files.exists(p.resolve("manifest.json")))
                    .findFirst();
            run.ifPresent(dir::set);
            return run.map(p -> RunDirectory.open(p).readManifest());
        }
    }

    /**
     * Threads that send load or capture: Gatling's event loops ({@code gatling-N-M}), any thread running
     * Gatling's code (its actor pool is unnamed), schedgate's collector and capture pool.
     */
    static List<String> loadThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive())
                .filter(e -> {
                    String n = e.getKey().getName();
                    return n.startsWith("gatling-")
                            || n.equals("schedgate-collector")
                            || n.startsWith("schedgate-capture-")
                            || Stream.of(e.getValue())
                                    .anyMatch(f -> f.getClassName().startsWith("io.gatling."));
                })
                .map(e -> e.getKey().getName())
                .collect(Collectors.toList());
    }

    /** Containers (running or not) of the image with this id. */
    static List<String> containersOf(String imageId) {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> imageId.equals(c.getImageId()))
                .map(c -> c.getId())
                .collect(Collectors.toList());
    }
}
