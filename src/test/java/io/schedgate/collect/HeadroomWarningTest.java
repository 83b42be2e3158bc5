package io.schedgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.RampPlan;
import io.schedgate.verdict.RunFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-of-ramp warning against the headroom an earlier run beside this one measured. */
class HeadroomWarningTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private static RampPlan plan(double... steps) {
        return new RampPlan(
                "smoke",
                java.util.Arrays.stream(steps).boxed().toList(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                EndpointMix.parse("/"));
    }

    /** A committed run copied under {@code runs} as {@code name}, its harness headroom set, sent by {@code injectors}. */
    private static Path earlierRun(Path runs, String name, Double headroomQps, int injectors, long modifiedMillis)
            throws IOException {
        Path dir = RunFixtures.copyDir(RunFixtures.RUNS.resolve("healthy-go1.26"), runs.resolve("tmp-" + name));
        Path to = runs.resolve(name);
        Files.move(dir, to);
        Path manifest = to.resolve("manifest.json");
        ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
        ObjectNode harness = (ObjectNode) m.path("harness");
        if (headroomQps != null) {
            harness.put("headroomQps", headroomQps);
        }
        if (injectors > 1) {
            m.path("steps").forEach(s -> {
                ObjectNode load = (ObjectNode) s.path("load");
                var each = load.putArray("injectors");
                for (int i = 0; i < injectors; i++) {
                    each.addObject().put("requests", 1);
                }
            });
        }
        JSON.writeValue(manifest.toFile(), m);
        Files.setLastModifiedTime(manifest, FileTime.fromMillis(modifiedMillis));
        return to;
    }

    @Test
    void aStepAboveTheLastMeasuredHeadroomPerInjectorIsNamedWithTheFix(@TempDir Path runs) throws IOException {
        Path current = Files.createDirectories(runs.resolve("now"));
        earlierRun(runs, "old", 100.0, 1, 1_000); // older: not the reference
        earlierRun(runs, "last", 500.0, 1, 2_000);
        earlierRun(runs, "unmeasured", null, 1, 3_000); // newest, but kept to its plan: no figure

        Optional<String> w = HeadroomWarning.of(plan(100, 400, 600), 1, runs, current);
        assertEquals(
                "step 3 asks 600 req/s, above what 1 injector can send: the last run that measured it (last)"
                        + " reached 500 req/s with 1 injector, about 500 req/s for this run; steps above it will be"
                        + " 'harness behind': add injectors (-Dschedgate.injectors) or lower the steps",
                w.orElseThrow());
        assertTrue(HeadroomWarning.of(plan(100, 400, 600), 2, runs, current).isEmpty(), "two injectors send 1000");
        assertTrue(HeadroomWarning.of(plan(100, 400), 1, runs, current).isEmpty(), "under it");
    }

    @Test
    void aHeadroomSentByTwoInjectorsCountsPerInjector(@TempDir Path runs) throws IOException {
        Path current = Files.createDirectories(runs.resolve("now"));
        earlierRun(runs, "two", 800.0, 2, 1_000);
        assertTrue(HeadroomWarning.of(plan(600), 1, runs, current).orElseThrow().contains("about 400 req/s"));
        assertTrue(HeadroomWarning.of(plan(600), 2, runs, current).isEmpty());
    }

    @Test
    void noEarlierRunNoWarning(@TempDir Path runs) throws IOException {
        Path current = Files.createDirectories(runs.resolve("now"));
        assertEquals(Optional.empty(), HeadroomWarning.of(plan(1e6), 1, runs, current));
        assertEquals(Optional.empty(), HeadroomWarning.of(plan(1e6), 1, runs.resolve("absent"), current));
    }
}
