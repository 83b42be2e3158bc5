package io.schedgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path parent;

    @Test
    void manifestRoundTripsWithTheContractsFieldNames() throws Exception {
        RunDirectory dir = RunDirectory.create(parent, "Sim", Instant.parse("2026-11-28T06:15:00Z"));
        assertEquals("Sim-20261128-061500", dir.root().getFileName().toString());
        Manifest.Capture ok = new Manifest.Capture(
                "step-01/cpu.pb.gz",
                "ok",
                null,
                10L,
                Timestamps.format(Instant.parse("2026-11-28T06:15:10Z")),
                "2026-11-28T06:15:40.000Z");
        Manifest m = new Manifest(
                Manifest.SCHEMA,
                "Sim",
                "2026-11-28T06:15:00.000Z",
                null,
                Manifest.COMPLETE,
                null,
                new Manifest.Plan("smoke", List.of(50.0), 3, 5, 1, 5, "/@1"),
                new Manifest.Target("lab", null, "http://a", "http://p", "go1.26.8", 2, 2, "0", 1.5, null),
                new Manifest.Harness("0.1.0", "17", "3.15.1"),
                new Manifest.Snapshot("2026-11-28T06:15:00.000Z", Map.of("goroutine", ok)),
                List.of(new Manifest.Step(
                        1,
                        50,
                        "a",
                        "b",
                        "c",
                        "d",
                        new LoadNumbers(50, 49.5, 250, 2, 0, 0, new LoadNumbers.Latency(1, 1, 2, 3, 4)),
                        Map.of("cpu", ok))),
                new Manifest.Snapshot("2026-11-28T06:16:00.000Z", Map.of()));
        dir.writeManifest(m);
        assertEquals(m, dir.readManifest());
        String json = Files.readString(dir.root().resolve("manifest.json"));
        for (String field : List.of(
                "\"schema\" : \"schedgate.run/1\"",
                "\"final\"",
                "\"stepsQps\"",
                "\"latencyMs\"",
                "\"goroutine\"",
                "\"startedAt\" : \"2026-11-28T06:15:10.000Z\"")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        try (var files = Files.list(dir.root())) {
            assertEquals(List.of(dir.root().resolve("manifest.json")), files.toList(), "no temp files left");
        }
    }

    @Test
    void twoRunsInTheSameSecondGetTwoDirectories() {
        Instant t = Instant.parse("2026-11-28T06:15:00Z");
        assertNotEquals(
                RunDirectory.create(parent, "Sim", t).root(),
                RunDirectory.create(parent, "Sim", t).root());
    }

    @Test
    void stepFoldersHaveTwoDigits() {
        assertEquals("step-01", RunDirectory.stepFolder(0));
        assertEquals("step-12", RunDirectory.stepFolder(11));
    }
}
