package io.schedgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.app.Gatling$;
import io.schedgate.plan.PlanSources;
import io.schedgate.plan.RampPlan;
import io.schedgate.plan.RampPlans;
import io.schedgate.simulations.LabRampSimulation;
import io.schedgate.target.DockerRequired;
import io.schedgate.target.GoServiceContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing in one JVM: Gatling runs LabRampSimulation (open-model steps, the lab's endpoint
 * mix) against the lab in a container while the collector captures; the run directory must be
 * complete, every window inside its step, and the load counted in every window.
 */
@ExtendWith(DockerRequired.class)
class GatlingRampEndToEndTest {
    // failOnError=false: the verdict listener judges this mixed run (its leak endpoint fails the gate);
    // without it a failing verdict would halt this test JVM with exit code 2 at shutdown.
    private static final Map<String, String> SETTINGS = Map.of("preset", "smoke", "steps", "30,60",
            "cooldown.seconds", "2", "failOnError", "false");
    private final Properties saved = (Properties) System.getProperties().clone();

    @AfterEach
    void restoreProperties() {
        System.setProperties(saved);
    }

    @Test
    void smokeRampLeavesACompleteRunDirectory(@TempDir Path runs) throws Exception {
        try (GoServiceContainer lab = GoServiceContainer.lab()) {
            lab.start();
            SETTINGS.forEach((k, v) -> System.setProperty(PlanSources.PREFIX + k, v));
            System.setProperty("schedgate.target.url", lab.appUrl());
            System.setProperty("schedgate.target.pprof", lab.pprofUrl());
            System.setProperty("schedgate.runs.dir", runs.toString());
            System.setProperty("gatling.data.enableAnalytics", "false");
            RampPlan plan = RampPlans.fromEnvironment();

            // Gatling's own entry point minus its System.exit (Gatling is a Scala object)
            int exit = Gatling$.MODULE$.fromArgs(new String[] {"--simulation", LabRampSimulation.class.getName(),
                    "--results-folder", runs.resolve("gatling").toAbsolutePath().toString(), "--no-reports"});
            assertEquals(0, exit, "Gatling's exit code");

            Path dir;
            try (var s = Files.list(runs)) {
                dir = s.filter(p -> p.getFileName().toString().startsWith("LabRampSimulation-")).findFirst().orElseThrow();
            }
            Manifest m = RunDirectory.open(dir).readManifest();
            assertEquals(Manifest.COMPLETE, m.status(), m.statusReason());
            assertEquals(TargetEndpoints.URL, m.target().kind());
            assertEquals(lab.pprofUrl(), m.target().pprofUrl());
            assertEquals(List.of(30.0, 60.0), m.plan().stepsQps());
            assertEquals(2, m.steps().size());
            for (Manifest.Step step : m.steps()) {
                step.captures().forEach((k, c) -> assertTrue(c.ok(), "step " + step.index() + " " + k + ": " + c.reason()));
                RampCollectorLabTest.assertWindowInsideSteadyPart(plan, step);
                double window = plan.window().toSeconds();
                // an open model at the step's rate: every arrival in the window is counted (±5 % + 2 requests)
                assertEquals(step.targetQps() * window, step.load().requests(), 0.05 * step.targetQps() * window + 2,
                        "requests counted in step " + step.index());
                assertEquals(0, step.load().errors());
                assertTrue(step.load().latencyMs().p99() > 0);
            }
            assertTrue(Files.size(dir.resolve("step-02/cpu.pb.gz")) > 0);
            assertTrue(m.finalSnapshot().captures().get("goroutine").ok());
            assertTrue(Files.isRegularFile(dir.resolve("verdict.json")), "the verdict listener ran");
        }
    }
}
