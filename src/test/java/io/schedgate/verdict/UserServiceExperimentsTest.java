package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.service.DockerRequired;
import io.schedgate.service.GoServiceImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verdicts on Go services that are not the lab (targets/services), each built into its own image and
 * started by the harness through the documented {@code -Dschedgate.target.image} path: no /info, most
 * without /metrics. Short ramps (warm-up 1 s, window 3 s, tail 1 s, cool-down 2 s).
 * {@code -Dschedgate.experiments.repeat=N} repeats each N times (target/experiments-verdicts.txt).
 */
@ExtendWith(DockerRequired.class)
class UserServiceExperimentsTest {

    static final Path SERVICES = Path.of("targets/services");
    private final Properties saved = (Properties) System.getProperties().clone();

    @TempDir
    Path runs;

    @AfterEach
    void restoreProperties() {
        System.setProperties(saved);
    }

    /** The pub/sub herd with no /metrics at all: wake-ups per request from the execution trace, FAIL naming its lines. */
    @Test
    void aHerdWithoutMetricsFailsOnWakeUpsNamingItsLines() throws Exception {
        String publish = "main.go:" + line("pubsub-herd", "b.cond.Broadcast()");
        experiment("pubsub-herd", Map.of(), "200,500,1500", Map.of(), v -> {
            CheckResult worst = v.results().stream()
                    .filter(r -> r.checkId().equals(WakeUpLinearityCheck.ID) && r.status() == Status.FAIL)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no wake-up FAIL: " + VerdictExperimentsTest.summary(v)));
            assertTrue(worst.evidence().contains(publish), worst.evidence());
            assertFalse(v.gate().passed());
        });
    }

    /** The same herd serving hand-rolled /metrics without # TYPE lines: still a wake-up FAIL. */
    @Test
    void aHerdWithUntypedMetricsFailsOnWakeUps() throws Exception {
        experiment("pubsub-herd", Map.of(), "200,500,1500", Map.of("target.env", "HERD_METRICS=untyped"), v -> {
            assertTrue(
                    v.results().stream()
                            .anyMatch(r -> r.checkId().equals(WakeUpLinearityCheck.ID) && r.status() == Status.FAIL),
                    VerdictExperimentsTest.summary(v));
            assertFalse(v.gate().passed());
        });
    }

    /** A healthy bounded worker pool with client_golang's default /metrics: PASS with capacity, every check with data. */
    @Test
    void aHealthyWorkerPoolPassesWithCapacity() throws Exception {
        experiment("worker-pool", Map.of(), "100,200,400", Map.of(), v -> {
            assertTrue(v.gate().passed(), String.join("\n", v.gate().reasons()));
            assertNotNull(v.capacity().qps());
            assertTrue(
                    v.results().stream().noneMatch(r -> r.status() == Status.NO_DATA),
                    VerdictExperimentsTest.summary(v));
        });
    }

    /** The same pool with no /metrics: every check still has data (profiles and the trace), PASS with capacity. */
    @Test
    void aHealthyWorkerPoolWithoutMetricsPassesToo() throws Exception {
        experiment("worker-pool", Map.of(), "100,200,400", Map.of("target.env", "POOL_METRICS=none"), v -> {
            assertTrue(v.gate().passed(), String.join("\n", v.gate().reasons()));
            assertNotNull(v.capacity().qps());
            assertTrue(
                    v.results().stream().noneMatch(r -> r.status() == Status.NO_DATA),
                    VerdictExperimentsTest.summary(v));
        });
    }

    /**
     * One slot guarding 2 ms spent waiting on a dependency (SLOT_WORK_US=2000: a ceiling of 500 req/s,
     * the load generator keeping both CPUs): capacity below the ceiling, the top step its saturation, the
     * queue at the slot's send.
     */
    @Test
    void aSingleSlotSaturatesAndNamesWhereRequestsQueue() throws Exception {
        experiment("single-slot", Map.of(), "100,200,800", Map.of("target.env", "SLOT_WORK_US=2000"), v -> {
            assertNotNull(v.capacity().qps(), VerdictExperimentsTest.summary(v));
            assertTrue(v.capacity().qps() < 500, "capacity below the slot's ceiling: " + v.capacity());
            CheckResult top = v.result(SaturationCheck.ID, 3).orElseThrow();
            assertEquals(Status.WARN, top.status(), top.evidence());
            assertTrue(top.evidence().contains("requests queue at main.work main.go:"), top.evidence());
            assertTrue(top.evidence().contains("(chan send)"), top.evidence());
        });
    }

    /** A sync.RWMutex held ~50 µs per request: named at its Lock line, as an RWMutex, with utilisation and saturation rate. */
    @Test
    void aLockHeld50MicrosecondsIsNamedAtItsLockLine() throws Exception {
        String lock = "main.go:" + line("rwlock-50us", "s.mu.Lock()");
        experiment("rwlock-50us", Map.of(), "400,800,1600", Map.of(), v -> {
            CheckResult c = v.results().stream()
                    .filter(r -> r.checkId().equals(LockContentionCheck.ID)
                            && "true contention".equals(r.detailsMap().get("verdict")))
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no true contention: " + VerdictExperimentsTest.summary(v)));
            assertTrue(
                    c.evidence().startsWith("true contention at " + lock + " (Lock: requests wait here"), c.evidence());
            assertEquals("sync.RWMutex", c.detailsMap().get("primitive"), c.evidence());
            assertTrue(c.evidence().contains("lock busy ≈ "), c.evidence());
            assertTrue(c.evidence().contains("saturating near "), c.evidence());
        });
    }

    /** A goroutine leaked per request: the leak at its line, counted in the goroutine profiles (no /metrics). */
    @Test
    void aLeakIsFoundAtItsSiteWithoutMetrics() throws Exception {
        String site = "main.leak.func1 main.go:" + line("leaky", "<-ch");
        experiment("leaky", Map.of(), "100,200,300", Map.of(), v -> {
            CheckResult leak =
                    v.result(GoroutineCheck.LEAK_ID, CheckResult.RAMP).orElseThrow();
            assertEquals(Status.FAIL, leak.status(), leak.evidence());
            assertTrue(leak.evidence().contains(site), leak.evidence());
            assertTrue(leak.evidence().contains("counted in the goroutine profiles"), leak.evidence());
            assertFalse(v.gate().passed());
        });
    }

    private void experiment(
            String service,
            Map<String, String> env,
            String steps,
            Map<String, String> settings,
            Consumer<Verdict> expect)
            throws Exception {
        int repeat = Integer.getInteger("schedgate.experiments.repeat", 1);
        try (GoServiceImage image = GoServiceImage.build(SERVICES.resolve(service))) {
            for (int rep = 1; rep <= repeat; rep++) {
                Path dir = ramp(image.tag(), service + "-" + rep, steps, settings);
                Verdict v = new VerdictEngine(Thresholds.fromSystemProperties()).evaluate(dir);
                ShortRamp.log(service, rep, repeat, v);
                expect.accept(v);
            }
        }
    }

    /** The documented user path: -Dschedgate.target.image, the harness starts and stops the container. */
    private Path ramp(String image, String label, String steps, Map<String, String> settings) throws IOException {
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put("mix", "/work@1");
        plan.put("target.image", image);
        plan.putAll(settings);
        return ShortRamp.run(saved, runs.resolve(label), steps, plan);
    }

    /** The 1-based line of the first line of targets/services/NAME/main.go containing {@code text}. */
    static int line(String service, String text) throws IOException {
        var lines = Files.readAllLines(SERVICES.resolve(service).resolve("main.go"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + service + "/main.go");
    }
}
