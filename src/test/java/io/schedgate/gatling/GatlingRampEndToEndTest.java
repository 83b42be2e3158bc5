package io.schedgate.gatling;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.app.Gatling$;
import io.schedgate.collect.RampCollectorLabTest;
import io.schedgate.collect.TargetEndpoints;
import io.schedgate.plan.PlanSources;
import io.schedgate.plan.RampPlan;
import io.schedgate.plan.RampPlans;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.ProfileReader;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.service.DockerRequired;
import io.schedgate.service.GoServiceContainer;
import io.schedgate.service.GoToolchain;
import io.schedgate.service.GoroutineLeakProfile;
import io.schedgate.service.ProjectLayout;
import io.schedgate.simulations.LabRampSimulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing in one JVM: Gatling runs LabRampSimulation (open-model steps, the lab's endpoint
 * mix) against its default target, the lab it builds and starts in a container, while the collector
 * captures; the run directory must be complete, every window inside its step, the load counted in
 * every window, and the final goroutine-leak profile must show the lab's leaks.
 */
@ExtendWith(DockerRequired.class)
class GatlingRampEndToEndTest {
    // failOnError=false: the verdict listener judges this mixed run (its leak endpoint fails the gate);
    // without it a failing verdict would halt this test JVM with exit code 2 at shutdown.
    private static final Map<String, String> SETTINGS =
            Map.of("preset", "smoke", "steps", "30,60", "cooldown.seconds", "2", "failOnError", "false");
    private final Properties saved = (Properties) System.getProperties().clone();

    @AfterEach
    void restoreProperties() {
        System.setProperties(saved);
    }

    @Test
    void smokeRampLeavesACompleteRunDirectory(@TempDir Path runs) throws Exception {
        // no target settings: the ramp's default, the lab built and started by the simulation itself
        SETTINGS.forEach((k, v) -> System.setProperty(PlanSources.PREFIX + k, v));
        System.setProperty("schedgate.runs.dir", runs.toString());
        System.setProperty("gatling.data.enableAnalytics", "false");
        RampPlan plan = RampPlans.fromEnvironment();

        runLabRampSimulation(runs);
        Path dir = runDirectory(runs).orElseThrow();
        Manifest m = RunDirectory.open(dir).readManifest();
        assertEquals(Manifest.COMPLETE, m.status(), m.statusReason());
        assertEquals(TargetEndpoints.LAB, m.target().kind());
        String goVersion = GoToolchain.defaultFor(ProjectLayout.find()).version();
        // runtime.Version() names the experiment the lab was built with: go1.26.8-X:goroutineleakprofile
        String expected = goVersion
                + GoroutineLeakProfile.experimentFor(goVersion)
                        .map(x -> "-X:" + x)
                        .orElse("");
        assertEquals(expected, m.target().goVersion());
        assertEquals(List.of(30.0, 60.0), m.plan().stepsQps());
        assertEquals(2, m.steps().size());
        for (Manifest.Step step : m.steps()) {
            step.captures().forEach((k, c) -> assertTrue(c.ok(), "step " + step.index() + " " + k + ": " + c.reason()));
            RampCollectorLabTest.assertWindowInsideSteadyPart(plan, step);
            double window = plan.window().toSeconds();
            // an open model at the step's rate: every arrival in the window is counted (±5 % + 2 requests)
            assertEquals(
                    step.targetQps() * window,
                    step.load().requests(),
                    0.05 * step.targetQps() * window + 2,
                    "requests counted in step " + step.index());
            assertEquals(0, step.load().errors());
            // the pooled users keep to the schedule at these rates: a slack of 1 % plus one 100 ms stall
            // (a GC pause or the JIT on a busy 2-CPU machine delays the 3 arrivals due in it at 30 req/s)
            assertTrue(
                    step.load().late() <= step.load().requests() / 100 + 3,
                    "step " + step.index() + ": " + step.load().late() + " of "
                            + step.load().requests() + " late");
            assertTrue(step.load().latencyMs().p99() > 0);
        }
        assertTrue(Files.size(dir.resolve("step-02/cpu.pb.gz")) > 0);
        assertTrue(m.finalSnapshot().captures().get("goroutine").ok());
        assertGoroutineLeakProfile(goVersion, m, dir);
        assertTrue(Files.isRegularFile(dir.resolve("verdict.json")), "the verdict listener ran");
        // the default 1 s execution trace per step, and the wake-up check counting from it
        for (Manifest.Step step : m.steps()) {
            assertTrue(step.captures().containsKey("trace"), "step " + step.index() + " has a trace");
        }
        String verdict = Files.readString(dir.resolve("verdict.json"));
        assertTrue(verdict.contains("wake-ups from the execution trace, 1.0 s of the 5 s window"), verdict);
    }

    /**
     * The target crashes at the start of step 2 of 4: the collector ends the run as target-died,
     * keeping step 1, and the watchdog user stops Gatling's load then, not at the plan's end (without
     * it Gatling injects into the dead target until step 4 ends: 36 s in, against about 18 s).
     */
    @Test
    void targetDyingMidRampStopsTheLoad(@TempDir Path runs) throws Exception {
        try (GoServiceContainer doomed = GoServiceContainer.lab()) {
            doomed.start();
            Map.of("preset", "smoke", "steps", "20,30,40,50", "cooldown.seconds", "2")
                    .forEach((k, v) -> System.setProperty(PlanSources.PREFIX + k, v));
            System.setProperty("schedgate.target.url", doomed.appUrl());
            System.setProperty("schedgate.target.pprof", doomed.pprofUrl());
            System.setProperty("schedgate.runs.dir", runs.toString());
            System.setProperty("schedgate.failOnError", "false"); // in-process: no exit-code hook in surefire's JVM
            System.setProperty("gatling.data.enableAnalytics", "false");
            RampPlan plan = RampPlans.fromEnvironment();
            // the killer's failure (step 1 never recorded, the kill refused) reaches this thread through get()
            FutureTask<Void> kill = new FutureTask<>(() -> killWhenStepOneIsIn(runs, doomed), null);
            Thread killer = new Thread(kill, "kill-target");
            killer.setDaemon(true);
            killer.start();

            runLabRampSimulation(runs);
            Instant returned = Instant.now();
            kill.get(10, TimeUnit.SECONDS);
            Manifest m = RunDirectory.open(runDirectory(runs).orElseThrow()).readManifest();
            assertEquals(Manifest.TARGET_DIED, m.status(), m.statusReason());
            assertTrue(m.statusReason().startsWith("target stopped answering during step 2 of 4"), m.statusReason());
            m.steps().get(0).captures().forEach((k, c) -> assertTrue(c.ok(), "step 1 " + k + ": " + c.reason()));
            Instant loadStart = Instant.parse(m.steps().get(0).stepStart());
            Instant step4 = loadStart.plus(plan.stepStartOffset(3));
            assertTrue(returned.isBefore(step4), "the load ran on into step 4 (" + step4 + "): " + returned);
        }
    }

    /** Gatling's own entry point minus its System.exit (Gatling is a Scala object); exit 0 expected. */
    /**
     * A step far above what this harness can send (20,000 req/s with 64 pooled users): the arrivals it could not send by
     * the step's end are dropped and counted, never carried into the cool-down. Counted on the lab's
     * own counter of /hotlock?us=0 requests: between the window's end and the post-cool-down scrape (tail 1 s,
     * cool-down 5 s) only the tail's arrivals may arrive: at most 3 s at the window's rate, where a backlog
     * carried through the cool-down would be 6 s of it and more.
     */
    @Test
    void aStepAboveTheHeadroomDropsWhatItCouldNotSendInsteadOfFloodingTheCooldown(@TempDir Path runs) throws Exception {
        Map.of(
                        "preset",
                        "smoke",
                        "steps",
                        "200000",
                        "warmup.seconds",
                        "1",
                        "window.seconds",
                        "2",
                        "tail.seconds",
                        "1",
                        "cooldown.seconds",
                        "5",
                        "mix",
                        "/hotlock?us=0@1",
                        "users",
                        "64",
                        "failOnError",
                        "false")
                .forEach((k, v) -> System.setProperty(PlanSources.PREFIX + k, v));
        System.setProperty("schedgate.runs.dir", runs.toString());
        System.setProperty("gatling.data.enableAnalytics", "false");
        runLabRampSimulation(runs);
        Path dir = runDirectory(runs).orElseThrow();
        Manifest m = RunDirectory.open(dir).readManifest();
        Manifest.Step step = m.steps().get(0);
        assertTrue(step.load().unsent() > 0, "a plan above the headroom leaves arrivals unsent: " + step.load());
        double windowEnd = labCounter(dir.resolve("step-01/metrics-end.txt"));
        double afterCooldown = labCounter(dir.resolve("final/metrics.txt"));
        double perSecond = step.load().requests() / 2.0;
        // fixed: the 1 s tail at up to ~2x the window's rate (the harness warms up); carried over: 6 s of it and more
        assertTrue(
                afterCooldown - windowEnd <= perSecond * 3,
                "requests after the window's end: " + (afterCooldown - windowEnd) + ", the window sent " + perSecond
                        + " per second");
    }

    private static double labCounter(Path metrics) throws java.io.IOException {
        return Files.readAllLines(metrics).stream()
                .filter(l -> l.startsWith("lab_hotlock_acquisitions_total "))
                .mapToDouble(
                        l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no lab_hotlock_acquisitions_total in " + metrics));
    }

    private static void runLabRampSimulation(Path runs) {
        int exit = Gatling$.MODULE$.fromArgs(new String[] {
            "--simulation",
            LabRampSimulation.class.getName(),
            "--results-folder",
            runs.resolve("gatling").toAbsolutePath().toString(),
            "--no-reports"
        });
        assertEquals(0, exit, "Gatling's exit code");
    }

    private static java.util.Optional<Path> runDirectory(Path runs) throws java.io.IOException {
        try (var s = Files.list(runs)) {
            return s.filter(p -> p.getFileName().toString().startsWith("LabRampSimulation-"))
                    .findFirst();
        }
    }

    private static void killWhenStepOneIsIn(Path runs, GoServiceContainer target) {
        await("step 1 in the run's manifest")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> RampCollectorLabTest.stepsRecorded(runs, "LabRampSimulation-") >= 1);
        target.getDockerClient().killContainerCmd(target.getContainerId()).exec();
    }

    /**
     * Go 1.26 (built with GOEXPERIMENT=goroutineleakprofile by default) and 1.27 serve the leak
     * profile: the mix's /leak requests must show up in it at main.leakForever. Older Go: 404, recorded as missing.
     */
    private static void assertGoroutineLeakProfile(String goVersion, Manifest m, Path dir) {
        Manifest.Capture leak = m.finalSnapshot().captures().get("goroutineleak");
        if (!goVersion.matches("go1\\.2[67](?![0-9]).*")) {
            assertEquals(Manifest.Capture.MISSING, leak.status(), goVersion + ": " + leak);
            return;
        }
        assertTrue(leak.ok(), goVersion + ": " + leak);
        Profile p = new ProfileReader().read(dir.resolve("final/goroutineleak.pb.gz"));
        assertEquals("goroutineleak", p.sampleTypes().get(0).type());
        long atLeakForever = p.samples().stream()
                .filter(s -> s.stack().stream().anyMatch(f -> f.function().equals("main.leakForever")))
                .mapToLong(s -> s.value(0))
                .sum();
        assertTrue(atLeakForever > 0, "no leaked goroutine at main.leakForever in final/goroutineleak.pb.gz");
    }
}
