package io.schedgate.collect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.load.StepLoadCounters;
import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import io.schedgate.run.CaptureKind;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.service.DockerRequired;
import io.schedgate.service.GoServiceContainer;
import io.schedgate.text.Numbers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The collector against the real lab in a container, under a small real load. */
@ExtendWith(DockerRequired.class)
public class RampCollectorLabTest {
    private static final List<String> STEP_CAPTURES =
            CaptureKind.STEP.stream().map(CaptureKind::key).toList();
    private static final Manifest.Harness HARNESS = new Manifest.Harness("test", "17", "none");

    private static GoServiceContainer lab;

    @TempDir
    Path runs;

    private final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startLab() {
        lab = GoServiceContainer.lab();
        lab.start();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.stop();
        }
    }

    static RampPlan plan(List<Double> qps, int warmup, int window, int tail, int cooldown) {
        return new RampPlan(
                "test",
                qps,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(window),
                Duration.ofSeconds(tail),
                Duration.ofSeconds(cooldown),
                EndpointMix.parse("/healthy?us=50"));
    }

    private RampCollector open(
            RampPlan plan, TargetEndpoints target, StepLoadCounters counters, RampCollector.Timeouts timeouts) {
        return RampCollector.open(
                plan,
                "CollectorTest",
                target,
                new Manifest.Target("lab", null, null, null, null, null, null, null, null, null),
                HARNESS,
                runs,
                counters,
                console::add,
                timeouts);
    }

    private static TargetEndpoints labEndpoints(GoServiceContainer c) {
        return TargetEndpoints.of(TargetEndpoints.LAB, null, c.appUrl(), c.pprofUrl());
    }

    /** Runs the plan with a load on /fanout while the collector captures; returns the manifest. */
    private Manifest ramp(RampPlan plan, TargetEndpoints target, RampCollector.Timeouts timeouts, Runnable duringStep2)
            throws Exception {
        return ramp(plan, target, timeouts, duringStep2, 0);
    }

    private Manifest ramp(
            RampPlan plan,
            TargetEndpoints target,
            RampCollector.Timeouts timeouts,
            Runnable duringStep2,
            int traceSeconds)
            throws Exception {
        StepLoadCounters counters = new StepLoadCounters(plan.stepCount());
        RampCollector collector = open(plan, target, counters, timeouts).traceSeconds(traceSeconds);
        collector.baseline();
        RampClock clock = RampClock.startingNow(plan);
        collector.start(clock);
        try (TestLoad load = new TestLoad(target.appUrl() + "/fanout?n=16", 40, plan.loadDuration(), counters)) {
            if (duringStep2 != null) {
                awaitWindowOpen(collector, plan, 1);
                duringStep2.run();
            }
            Manifest m = collector.awaitCompletion(plan.totalDuration().plusSeconds(60));
            assertEquals(m, collector.directory().readManifest(), "manifest on disk is the final one");
            return m;
        }
    }

    /**
     * Waits until step {@code i}'s capture window is open: the collector has launched the window's
     * captures and printed its first progress line ("step 2/2 40 qps: capturing 0/3 s"). Fails loudly
     * when the run ends before it, or after the plan's time to that window plus a minute.
     */
    private void awaitWindowOpen(RampCollector collector, RampPlan plan, int i) {
        String opened = String.format(
                java.util.Locale.ROOT,
                "step %d/%d %s qps: capturing 0/",
                i + 1,
                plan.stepCount(),
                Numbers.num(plan.stepsQps().get(i)));
        await("step " + (i + 1) + "'s capture window to open")
                .atMost(plan.windowStartOffset(i).plusSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> collector.isDone() || console.stream().anyMatch(l -> l.startsWith(opened)));
        assertTrue(
                console.stream().anyMatch(l -> l.startsWith(opened)),
                "the run ended before step " + (i + 1) + "'s window: "
                        + collector.manifest().statusReason() + " " + console);
    }

    /**
     * How many steps the manifest of the run directory named {@code prefix}... under {@code runs}
     * records so far; 0 before the directory or its manifest exists (the manifest is replaced
     * atomically, so a read never sees half of one).
     */
    public static int stepsRecorded(Path runs, String prefix) throws IOException {
        try (var s = Files.list(runs)) {
            Optional<Path> dir =
                    s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
            if (dir.isEmpty() || !Files.exists(dir.get().resolve("manifest.json"))) {
                return 0;
            }
            return RunDirectory.open(dir.get()).readManifest().steps().size();
        }
    }

    /**
     * The lab is shared by this class's tests, and a run that ended early can leave its CPU profile
     * running on it until that profile's seconds are over (Go allows one at a time): wait until a
     * 1 s profile is accepted again, failing loudly after 30 s.
     */
    private static void awaitCpuProfilerFree() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest probe = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(lab.pprofUrl() + "/debug/pprof/profile?seconds=1"))
                .build();
        await("the lab's CPU profiler to accept a 1 s profile")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertEquals(
                        200,
                        http.send(probe, java.net.http.HttpResponse.BodyHandlers.discarding())
                                .statusCode(),
                        "the last answer to " + probe.uri()));
    }

    /**
     * With a 1 s trace per step: the trace is the step's last capture, taken in the middle of the
     * window while the CPU profile runs (Go allows both at once), a real trace ("go 1.N trace"
     * header). In step 2 someone else traces first (Go allows one trace at a time): that step's
     * trace is a failed capture with the target's reason, and the run completes.
     */
    @Test
    void traceSliceMidWindowAndATraceRefusedIsRecorded() throws Exception {
        awaitCpuProfilerFree();
        RampPlan plan = plan(List.of(20.0, 40.0), 1, 4, 1, 1);
        // the other tracer's answer, or its failure, reaches this thread through get()
        FutureTask<byte[]> other = new FutureTask<>(() -> {
            try (InputStream in = java.net
                    .URI
                    .create(lab.pprofUrl() + "/debug/pprof/trace?seconds=2")
                    .toURL()
                    .openStream()) {
                return in.readAllBytes();
            }
        });
        Manifest m = ramp(
                plan,
                labEndpoints(lab),
                RampCollector.Timeouts.DEFAULT,
                () -> new Thread(other, "other-tracer").start(),
                1);
        assertTrue(
                isGoTrace(other.get(30, TimeUnit.SECONDS)), "the other tracer got the trace step 2's was refused for");
        assertEquals(Manifest.COMPLETE, m.status(), m.statusReason());
        Manifest.Step s1 = m.steps().get(0);
        List<String> keys = new java.util.ArrayList<>(STEP_CAPTURES);
        keys.add(CaptureKind.TRACE.key());
        assertEquals(keys, List.copyOf(s1.captures().keySet()));
        Manifest.Capture t1 = s1.captures().get("trace");
        assertEquals(Manifest.Capture.OK, t1.status(), t1.reason());
        assertEquals("step-01/trace.out", t1.file());
        assertTrue(isGoTrace(Files.readAllBytes(findRunDir().resolve(t1.file()))), "a Go execution trace");
        Manifest.Capture cpu = s1.captures().get("cpu");
        assertEquals(Manifest.Capture.OK, cpu.status(), "the CPU profile ran beside the trace: " + cpu.reason());
        // centred: the collector holds the trace back to the window's middle (1.5 s into the 4 s window,
        // less 100 ms for the wall clock against nanoTime), and it runs while the CPU profile does
        Instant traceStart = Instant.parse(t1.startedAt());
        String when = "window " + s1.windowStart() + ", trace " + t1.startedAt() + " to " + t1.finishedAt() + ", cpu "
                + cpu.startedAt() + " to " + cpu.finishedAt();
        assertFalse(traceStart.isBefore(Instant.parse(s1.windowStart()).plusMillis(1400)), "held back: " + when);
        assertTrue(traceStart.isAfter(Instant.parse(cpu.startedAt())), "inside the CPU profile: " + when);
        assertTrue(
                Instant.parse(t1.finishedAt()).isBefore(Instant.parse(cpu.finishedAt())),
                "inside the CPU profile: " + when);
        Manifest.Capture t2 = m.steps().get(1).captures().get("trace");
        assertEquals(Manifest.Capture.FAILED, t2.status(), t2.toString());
        assertTrue(t2.reason().contains("trace?seconds=1"), t2.reason());
        assertEquals(Manifest.Capture.OK, m.steps().get(1).captures().get("cpu").status());
    }

    @Test
    void everyStepGetsEveryCaptureInsideItsSteadyPart() throws Exception {
        RampPlan plan = plan(List.of(20.0, 40.0), 1, 3, 1, 1);
        Manifest m = ramp(plan, labEndpoints(lab), RampCollector.Timeouts.DEFAULT, null);

        assertEquals(Manifest.COMPLETE, m.status(), m.statusReason());
        assertEquals("go1.26.8".substring(0, 4), m.target().goVersion().substring(0, 4));
        assertNotNull(m.target().gomaxprocs());
        assertEquals(2, m.steps().size());
        for (Manifest.Step step : m.steps()) {
            assertEquals(STEP_CAPTURES, List.copyOf(step.captures().keySet()));
            for (String key : STEP_CAPTURES) {
                Manifest.Capture c = step.captures().get(key);
                assertEquals(Manifest.Capture.OK, c.status(), key + ": " + c.reason());
            }
            assertWindowInsideSteadyPart(plan, step);
            assertTrue(step.load().requests() > 0, "load counted in window of step " + step.index());
            assertEquals(0, step.load().errors());
            assertNotNull(step.load().latencyMs());
            assertTrue(
                    step.load().harnessCpus() != null && step.load().harnessCpus() > 0,
                    "the harness's own CPU over the window: " + step.load());
            assertEquals(Runtime.getRuntime().availableProcessors(), step.load().hostCpus());
        }
        Path dir = findRunDir();
        for (String f :
                List.of("cpu.pb.gz", "mutex.pb.gz", "block.pb.gz", "goroutine-start.pb.gz", "goroutine-end.pb.gz")) {
            assertGzip(dir.resolve("step-01").resolve(f));
            assertGzip(dir.resolve("step-02").resolve(f));
        }
        assertTrue(Files.readString(dir.resolve("step-02/metrics-end.txt")).contains("go_info{"));
        assertGzip(dir.resolve("baseline/goroutine.pb.gz"));
        assertGzip(dir.resolve("final/goroutine.pb.gz"));
        // the lab on go1.26 without the GOEXPERIMENT serves no goroutineleak profile: recorded, run goes on
        Manifest.Capture leak = m.finalSnapshot().captures().get("goroutineleak");
        assertTrue(leak.ok() || Manifest.Capture.MISSING.equals(leak.status()), leak.toString());
        assertTrue(
                console.stream().anyMatch(l -> l.startsWith("step 2/2 40 qps: capturing 0/3 s")), console.toString());
        assertTrue(console.stream().anyMatch(l -> l.startsWith("step 1/2 20 qps: done")), console.toString());
    }

    /** The check the issue asks for, from the manifest's timestamps alone. */
    public static void assertWindowInsideSteadyPart(RampPlan plan, Manifest.Step step) {
        Instant stepStart = Instant.parse(step.stepStart());
        Instant steadyFrom = stepStart.plus(plan.warmup());
        Instant stepEnd = Instant.parse(step.stepEnd());
        Instant windowStart = Instant.parse(step.windowStart());
        Instant windowEnd = Instant.parse(step.windowEnd());
        String where = "step " + step.index();
        assertFalse(windowStart.isBefore(steadyFrom), where + ": window starts in the warm-up");
        assertFalse(windowEnd.isAfter(stepEnd), where + ": window ends after the step");
        assertEquals(plan.window(), Duration.between(windowStart, windowEnd), where);
        for (String delta : List.of("cpu", "mutex", "block")) {
            Manifest.Capture c = step.captures().get(delta);
            Instant started = Instant.parse(c.startedAt());
            Instant finished = Instant.parse(c.finishedAt());
            assertFalse(started.isBefore(steadyFrom), where + " " + delta + " starts in the warm-up");
            assertFalse(finished.isAfter(stepEnd), where + " " + delta + " ends after the step");
            // the server sleeps the whole window between its two reads, so the answer cannot come sooner
            assertTrue(Duration.between(started, finished).compareTo(plan.window()) >= 0, where + " " + delta);
        }
    }

    private static boolean isGoTrace(byte[] bytes) {
        return bytes.length >= 16
                && new String(bytes, 0, 16, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("go 1.");
    }

    private Path findRunDir() throws IOException {
        try (var s = Files.list(runs)) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return dirs.get(0);
        }
    }

    private static void assertGzip(Path file) throws IOException {
        assertTrue(Files.size(file) > 20, file + " is too small");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertTrue(in.readAllBytes().length > 0, file + " has no protobuf inside");
        }
    }

    @Test
    void missingPprofEndpointIsRecordedAndTheRunFailsLoudly() throws Exception {
        RampPlan plan = plan(List.of(20.0), 1, 2, 1, 0);
        TargetEndpoints wrongPath = TargetEndpoints.of("url", null, lab.appUrl(), lab.pprofUrl() + "/nothing-here");
        Manifest m = ramp(plan, wrongPath, RampCollector.Timeouts.DEFAULT, null);
        Manifest.Capture cpu = m.steps().get(0).captures().get("cpu");
        assertEquals(Manifest.Capture.MISSING, cpu.status());
        assertTrue(cpu.reason().startsWith("HTTP 404"), cpu.reason());
        assertEquals(Manifest.FAILED, m.status(), "no profile at all is an error, never a pass");
        assertTrue(m.statusReason().contains("schedgate.target.pprof"), m.statusReason());
    }

    @Test
    void slowProfileTimesOutAndTheRunGoesOn() throws Exception {
        RampPlan plan = plan(List.of(20.0, 30.0), 1, 2, 2, 0);
        // the CPU profile answers 6 s late; the collector waits window + 1 s
        try (SlowProfileProxy proxy =
                new SlowProfileProxy(lab.pprofUrl(), "/debug/pprof/profile", Duration.ofSeconds(6))) {
            TargetEndpoints slow = TargetEndpoints.of("url", null, lab.appUrl(), proxy.url());
            Manifest m =
                    ramp(plan, slow, new RampCollector.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)), null);
            assertEquals(Manifest.COMPLETE, m.status(), m.statusReason());
            for (Manifest.Step step : m.steps()) {
                Manifest.Capture cpu = step.captures().get("cpu");
                assertEquals(Manifest.Capture.FAILED, cpu.status());
                assertTrue(cpu.reason().startsWith("timeout"), cpu.reason());
                assertTrue(
                        step.captures().get("mutex").ok(),
                        step.captures().get("mutex").toString());
                assertTrue(step.captures().get("block").ok());
            }
        }
    }

    @Test
    void targetThatDoesNotAnswerFailsFastWithOneLine() {
        TargetEndpoints nobody = TargetEndpoints.of("url", null, "http://127.0.0.1:9", "http://127.0.0.1:9");
        long t0 = System.nanoTime();
        TargetUnreachableException e = assertThrows(
                TargetUnreachableException.class,
                () -> open(
                        plan(List.of(10.0), 1, 2, 1, 0),
                        nobody,
                        new StepLoadCounters(1),
                        RampCollector.Timeouts.DEFAULT));
        System.out.printf(
                java.util.Locale.ROOT,
                "unreachable target refused after %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dschedgate.target.pprof"), e.getMessage());
        assertFalse(Files.exists(runs.resolve("CollectorTest")), "no run directory for a run that never started");
    }

    @Test
    void targetDyingMidRampStopsTheRunAndKeepsEarlierSteps() throws Exception {
        GoServiceContainer doomed = GoServiceContainer.lab();
        doomed.start();
        try {
            RampPlan plan = plan(List.of(20.0, 30.0, 40.0), 1, 2, 1, 1);
            // a crash, not a graceful stop: the process is gone at once
            Manifest m = ramp(plan, labEndpoints(doomed), RampCollector.Timeouts.DEFAULT, () -> doomed.getDockerClient()
                    .killContainerCmd(doomed.getContainerId())
                    .exec());
            assertEquals(Manifest.TARGET_DIED, m.status());
            assertTrue(
                    m.statusReason().startsWith("target stopped answering during step 2 of 3"),
                    m.statusReason() + " " + m.steps() + " " + console);
            assertEquals(2, m.steps().size(), "step 1 complete, step 2 as far as it got");
            m.steps().get(0).captures().forEach((k, c) -> assertTrue(c.ok(), k + ": " + c.reason()));
            assertTrue(Files.size(findRunDir().resolve("step-01/cpu.pb.gz")) > 0);
            assertEquals(null, m.finalSnapshot());
            assertNotNull(m.finishedAt());
        } finally {
            doomed.stop();
        }
    }

    @Test
    void interruptedRunKeepsWhatItCollected() throws Exception {
        RampPlan plan = plan(List.of(20.0, 30.0), 1, 3, 1, 1);
        StepLoadCounters counters = new StepLoadCounters(plan.stepCount());
        RampCollector collector = open(plan, labEndpoints(lab), counters, RampCollector.Timeouts.DEFAULT);
        collector.baseline();
        collector.start(RampClock.startingNow(plan));
        // step 2's window opens at 6 s and its start snapshots land at once; its 3 s CPU profile runs on
        await("step 2's goroutine snapshot at its window's start")
                .atMost(plan.windowStartOffset(1).plusSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> collector.isDone()
                        || collector
                                .stepSoFar()
                                .filter(st -> st.index() == 2)
                                .filter(st -> st.captures().containsKey("goroutineStart"))
                                .isPresent());
        collector.interrupted("test pressed Ctrl-C");
        Manifest m = collector.directory().readManifest();
        assertEquals(Manifest.INTERRUPTED, m.status());
        assertEquals("test pressed Ctrl-C during step 2 of 2", m.statusReason());
        assertEquals(2, m.steps().size());
        Map<String, Manifest.Capture> partial = m.steps().get(1).captures();
        assertTrue(partial.get("goroutineStart").ok(), partial.toString());
        assertFalse(partial.containsKey("cpu"), "the CPU profile was still running");
        assertEquals(
                Manifest.INTERRUPTED,
                collector.awaitCompletion(Duration.ofSeconds(5)).status());
    }

    /**
     * A cancel from outside (an experiment's interrupted thread) while step 1's profiles are in flight:
     * when it returns, the collector's thread and every capture thread are over, the run is interrupted
     * where it was, and a second cancel changes nothing.
     */
    @Test
    void cancelEndsTheCollectorAndItsCapturesBeforeItReturns() throws Exception {
        awaitCpuProfilerFree();
        RampPlan plan = plan(List.of(20.0, 30.0), 1, 3, 1, 1);
        StepLoadCounters counters = new StepLoadCounters(plan.stepCount());
        RampCollector collector = open(plan, labEndpoints(lab), counters, RampCollector.Timeouts.DEFAULT);
        collector.baseline();
        collector.start(RampClock.startingNow(plan));
        awaitWindowOpen(collector, plan, 0);
        assertEquals("step 1 of 2", collector.position());
        assertTrue(collector.cancel("test cancelled it", Duration.ofSeconds(20)), "stopped within the deadline");
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.equals("schedgate-collector") || n.startsWith("schedgate-capture-"))
                .toList();
        assertEquals(List.of(), left, "collector threads alive after cancel returned");
        Manifest m = collector.directory().readManifest();
        assertEquals(Manifest.INTERRUPTED, m.status());
        assertEquals("test cancelled it during step 1 of 2", m.statusReason());
        assertTrue(collector.cancel("again", Duration.ofSeconds(1)));
        assertEquals(m, collector.directory().readManifest(), "a second cancel changes nothing");
    }

    @Test
    void ctrlCInAChildJvmKeepsWhatItCollected() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        javaBin,
                        "-cp",
                        System.getProperty("java.class.path"),
                        InterruptedRunMain.class.getName(),
                        lab.appUrl(),
                        lab.pprofUrl(),
                        runs.toString())
                .redirectErrorStream(true)
                .redirectOutput(runs.resolve("child.log").toFile())
                .start();
        try {
            // press Ctrl-C once step 1 is in the manifest (at about 5 s of the 11 s ramp)
            await("step 1 in the child's manifest")
                    .atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !child.isAlive() || stepsRecorded(runs, "InterruptedRun-") >= 1);
            assertTrue(
                    child.isAlive(), "the child ended before step 1: " + Files.readString(runs.resolve("child.log")));
            Path manifest = findRunDir("InterruptedRun-").orElseThrow().resolve("manifest.json");
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid()))
                    .start()
                    .waitFor();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child ignored Ctrl-C");
            Manifest m = RunDirectory.open(manifest.getParent()).readManifest();
            String log = Files.readString(runs.resolve("child.log"));
            assertEquals(Manifest.INTERRUPTED, m.status(), log);
            assertTrue(m.statusReason().startsWith("JVM shut down (Ctrl-C or kill)"), m.statusReason());
            assertNotNull(m.finishedAt());
            m.steps().get(0).captures().forEach((k, c) -> assertTrue(c.ok(), k + ": " + c.reason()));
            assertTrue(Files.size(manifest.getParent().resolve("step-01/cpu.pb.gz")) > 0);
            assertTrue(log.contains("run interrupted: JVM shut down (Ctrl-C or kill)"), log);
        } finally {
            child.destroyForcibly();
        }
    }

    private java.util.Optional<Path> findRunDir(String prefix) throws IOException {
        try (var s = Files.list(runs)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
        }
    }
}
