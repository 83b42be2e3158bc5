package io.schedgate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schedgate.gatling.EndpointMixSimulation;
import io.schedgate.gatling.InjectorProcess;
import io.schedgate.load.LatencyHistogram;
import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ramp on the lab spread over two injector processes (this JVM, which collects and judges, and one
 * forked injector JVM): the merged window counts are the plan's, the merged latency record is exactly
 * the union of the two, the verdict is the one-injector verdict; an injector killed mid-ramp ends the
 * run with one line naming it, the steps before it kept.
 */
@ExtendWith(SchedgateExtension.class)
@GoModule("targets/lab")
class ScaleOutExperimentTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final double[] STEPS = {150, 300, 450};

    @TempDir
    Path runs;

    private static Experiment ramp(ServiceImage lab, String name, double... steps) {
        return LabBehaviourExperimentsTest.shortRamp(lab, name, "/healthy?us=50@1", steps);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void twoInjectorsSendThePlanMergeExactlyAndJudgeAsOne(ServiceImage lab) throws IOException {
        ExperimentResult one = ramp(lab, "one", STEPS).run(runs);
        ExperimentResult two = ramp(lab, "two", STEPS).injectors(1).run(runs);
        System.out.print(one.summary());
        System.out.print(two.summary());

        JsonNode manifest =
                JSON.readTree(two.runDirectory().resolve("manifest.json").toFile());
        assertEquals(
                "complete",
                manifest.path("status").asText(),
                manifest.path("statusReason").asText());
        JsonNode steps = manifest.path("steps");
        assertEquals(STEPS.length, steps.size());
        for (int i = 0; i < STEPS.length; i++) {
            JsonNode load = steps.get(i).path("load");
            JsonNode each = load.path("injectors");
            assertEquals(2, each.size(), "step " + (i + 1) + " has both injectors' numbers");
            long planned = Math.round(STEPS[i] * 3);
            long sent = load.path("requests").asLong();
            assertEquals(
                    sent,
                    each.get(0).path("requests").asLong()
                            + each.get(1).path("requests").asLong());
            assertTrue(
                    Math.abs(sent - planned) <= planned / 100.0,
                    "step " + (i + 1) + ": " + sent + " requests in the window, the plan has " + planned);
            // each injector sent its half of the arrivals (every other one)
            for (JsonNode injector : each) {
                assertTrue(
                        Math.abs(injector.path("requests").asLong() - planned / 2.0) <= planned / 100.0 + 1,
                        "step " + (i + 1) + " injector: " + injector.path("requests"));
            }
            LatencyHistogram union =
                    LatencyHistogram.decode(each.get(0).path("latencyHistogram").asText());
            union.add(
                    LatencyHistogram.decode(each.get(1).path("latencyHistogram").asText()));
            assertEquals(
                    union, LatencyHistogram.decode(load.path("latencyHistogram").asText()), "step " + (i + 1));
            assertEquals(load.path("achievedQps").asDouble() * 3, union.count(), 0.01);
        }
        // the same verdict as one injector: the gate, the capacity's step and every check's FAIL/NO_DATA (a WARN on a
        // borderline fit, e.g. wakeup.linearity's interval just including 1, comes and goes between any two runs)
        assertEquals(one.verdict().gate().passed(), two.verdict().gate().passed());
        assertEquals(
                one.verdict().capacity().stepIndex(),
                two.verdict().capacity().stepIndex(),
                "capacity at the same step");
        assertEquals(failing(one), failing(two));
        assertTrue(Files.readString(two.runDirectory().getParent().resolve("injector-1/injector.log"))
                .contains("injector 2 of 2 for the collector at http://127.0.0.1:"));
    }

    /** check@step → FAIL or NO_DATA, where the run has one. */
    private static TreeMap<String, Status> failing(ExperimentResult r) {
        TreeMap<String, Status> out = new TreeMap<>();
        for (CheckResult c : r.verdict().results()) {
            if (c.status() == Status.FAIL || c.status() == Status.NO_DATA) {
                out.merge(c.checkId() + "@" + c.stepIndex(), c.status(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return out;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aKilledInjectorEndsTheRunNamingItAndKeepsTheStepsBefore(ServiceImage lab) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = runs.resolve("killed");
        try (InjectorProcess injector = InjectorProcess.start(
                "http://127.0.0.1:" + port, EndpointMixSimulation.class, out.resolve("injector"))) {
            // kill it once the collector recorded step 1: step 2's window never gets its numbers
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (System.nanoTime() < deadline && stepsRecorded(out) < 1) {
                    Thread.onSpinWait();
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
                }
                injector.kill();
            });
            ExperimentResult r = ramp(lab, "killed", 150, 300, 450)
                    .set("injectors", "1")
                    .set("coordinator.port", Integer.toString(port))
                    .set("injectors.report.seconds", "3")
                    .run(out);
            killer.get(10, TimeUnit.SECONDS);
            JsonNode manifest =
                    JSON.readTree(r.runDirectory().resolve("manifest.json").toFile());
            assertEquals("failed", manifest.path("status").asText());
            String reason = manifest.path("statusReason").asText();
            assertTrue(
                    reason.startsWith("injector 2 of 2 did not report step 2's window in time (it died, lost the"
                            + " collector or fell behind): step 2 of 3 (300 qps) is not measured; step 1 before it"
                            + " is complete"),
                    reason);
            JsonNode first = manifest.path("steps").get(0);
            assertEquals(1, first.path("index").asInt());
            assertNotNull(first.path("windowEnd").textValue(), "step 1 is whole");
            assertEquals(2, first.path("load").path("injectors").size(), "step 1 kept both injectors' numbers");
            assertTrue(
                    r.verdict()
                            .gate()
                            .reasons()
                            .get(0)
                            .startsWith("run status is failed, not complete: injector 2 of 2"),
                    String.join("\n", r.verdict().gate().reasons()));
        }
    }

    /** Steps with a window end in the run's manifest under {@code out}, 0 before there is one. */
    private static int stepsRecorded(Path out) {
        try (Stream<Path> files = Files.walk(out)) {
            Optional<Path> m = files.filter(p -> p.getFileName().toString().equals("manifest.json"))
                    .findFirst();
            if (m.isEmpty()) {
                return 0;
            }
            int n = 0;
            for (JsonNode s : JSON.readTree(m.get().toFile()).path("steps")) {
                n += s.path("windowEnd").isTextual() ? 1 : 0;
            }
            return n;
        } catch (IOException | RuntimeException partlyWritten) {
            return 0; // the collector writes it as the run goes: read it again
        }
    }
}
