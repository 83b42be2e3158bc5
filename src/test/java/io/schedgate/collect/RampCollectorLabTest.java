package io.schedgate.collect;

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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
                Thread.sleep(plan.windowStartOffset(1).plusSeconds(1).toMillis());
                duringStep2.run();
            }
            Manifest m = collector.awaitCompletion(plan.totalDuration().plusSeconds(60));
            assertEquals(m, collector.directory().readManifest(), "manifest on disk is the final one");
            return m;
        }
    }

    /**
     * The lab is shared by this class's tests, and a run that ended early can leave its CPU profile
     * running on it until that profile's seconds are over (Go allows one at a time): wait until a
     * 1 s profile is accepted again, failing loudly after 30 s.
     */
    private static void awaitCpuProfilerFree() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int code = 0;
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest probe = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(lab.pprofUrl() + "/debug/pprof/profile?seconds=1"))
                .build();
        while (System.nanoTime() < deadline) {
            code = http.send(probe, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (code == 200) {
                return;
            }
        }
        throw new AssertionError("the lab's CPU profiler stayed busy for 30 s (last answer HTTP " + code + ")");
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
        Thread[] other = new Thread[1];
        Manifest m = ramp(
                plan,
                labEndpoints(lab),
                RampCollector.Timeouts.DEFAULT,
                () -> {
                    other[0] = new Thread(() -> {
                        try (InputStream in = java.net
                                .URI
                                .create(lab.pprofUrl() + "/debug/pprof/trace?seconds=2")
                                .toURL()
                                .openStream()) {
                            in.readAllBytes();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    other[0].start();
                },
                1);
        other[0].join();
        assertEquals(Manifest.COMPLETE, m.status(), m.statusReason());
        Manifest.Step s1 = m.steps().get(0);
        List<String> keys = new java.util.ArrayList<>(STEP_CAPTURES);
        keys.add(CaptureKind.TRACE.key());
        assertEquals(keys, List.copyOf(s1.captures().keySet()));
        Manifest.Capture t1 = s1.captures().get("trace");
        assertEquals(Manifest.Capture.OK, t1.status(), t1.reason());
        assertEquals("step-01/trace.out", t1.file());
        byte[] head = Files.readAllBytes(findRunDir().resolve(t1.file()));
        assertTrue(
                new String(head, 0, 16, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("go 1."),
                "a Go execution trace");
        Instant windowStart = Instant.parse(s1.windowStart());
        Instant traceStart = Instant.parse(t1.startedAt());
        assertTrue(
                !traceStart.isBefore(windowStart.plusMillis(1400)) && traceStart.isBefore(windowStart.plusMillis(2500)),
                "centred: window " + s1.windowStart() + ", trace " + t1.startedAt());
        Manifest.Capture cpu = s1.captures().get("cpu");
        assertEquals(Manifest.Capture.OK, cpu.status(), "the CPU profile ran beside the trace: " + cpu.reason());
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
            assertTrue(Duration.between(windowStart, started).toMillis() < 500, where + " " + delta + " started late");
        }
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
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "should fail within seconds");
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
        // step 1 completes at 5 s; step 2's window opens at 6 s and its start snapshots land at once
        Thread.sleep(plan.windowStartOffset(1).plusMillis(1500).toMillis());
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
            Path manifest = null;
            // press Ctrl-C once step 1 is in the manifest (at about 5 s of the 11 s ramp)
            for (long deadline = System.nanoTime() + 40_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
                manifest = findRunDir("InterruptedRun-")
                        .map(d -> d.resolve("manifest.json"))
                        .orElse(null);
                if (manifest != null
                        && Files.exists(manifest)
                        && Files.readString(manifest).contains("\"index\" : 1")) {
                    break;
                }
            }
            assertNotNull(manifest, Files.readString(runs.resolve("child.log")));
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
