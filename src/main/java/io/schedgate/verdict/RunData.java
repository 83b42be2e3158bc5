package io.schedgate.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schedgate.metrics.RuntimeMetrics;
import io.schedgate.metrics.RuntimeMetricsWindow;
import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checks need from a run directory as {@link RunDirectory} lays it out (manifest.json of schema
 * {@value Manifest#SCHEMA}, baseline/, step-NN/, final/), read as a JSON tree with defaults for absent
 * fields. A missing or unreadable capture becomes a recorded problem on its step, never an exception:
 * what was collected is still judged.
 *
 * @param dir the run directory
 * @param simulation the manifest's simulation name
 * @param runStatus complete, target-died, interrupted or failed
 * @param goVersion from the manifest's target, else from go_info
 * @param gomaxprocs from the manifest's target (0 when unknown)
 * @param steps steps in order
 * @param baseline the idle pre-ramp scrape, null when missing
 * @param afterCooldown the post-cool-down scrape, null when missing
 * @param problems what could not be read, one line each
 * @param baselineCaptures the pre-ramp captures by manifest key ({@code goroutine}, {@code metrics})
 * @param finalCaptures the post-cool-down captures ({@code goroutine}, {@code metrics}, {@code goroutineleak})
 * @param profiles the run's profiles, read once on first use
 */
public record RunData(
        Path dir,
        String simulation,
        String runStatus,
        String goVersion,
        int gomaxprocs,
        List<RunStep> steps,
        RuntimeMetrics baseline,
        RuntimeMetrics afterCooldown,
        List<String> problems,
        java.util.Map<String, Capture> baselineCaptures,
        java.util.Map<String, Capture> finalCaptures,
        RunProfiles profiles) {

    public RunData {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
        baselineCaptures = java.util.Map.copyOf(baselineCaptures);
        finalCaptures = java.util.Map.copyOf(finalCaptures);
    }

    /** Reads manifest.json and the metrics scrapes it lists. */
    public static RunData read(Path dir) {
        Path manifestFile = dir.resolve(RunDirectory.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(
                    "no manifest.json in " + dir + ": pass a run directory written by the schedgate collector"
                            + " (target/schedgate/<simulation>-<timestamp>/)");
        }
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(manifestFile + " is not valid JSON: " + e.getMessage(), e);
        }
        String schema = m.path("schema").asText("");
        if (!Manifest.SCHEMA.equals(schema)) {
            throw new IllegalArgumentException(manifestFile + " has schema '" + schema + "', expected '"
                    + Manifest.SCHEMA + "': written by another schedgate version?");
        }
        List<String> problems = new ArrayList<>();
        RuntimeMetrics baseline = scrape(
                dir, m.path("baseline").path("captures").path("metrics"), "baseline/metrics.txt", "baseline", problems);
        RuntimeMetrics after =
                scrape(dir, m.path("final").path("captures").path("metrics"), "final/metrics.txt", "final", problems);
        List<RunStep> steps = new ArrayList<>();
        for (JsonNode s : m.path("steps")) {
            steps.add(step(dir, s, problems));
        }
        String goVersion = m.path("target").path("goVersion").asText(null);
        if (goVersion == null && baseline != null) {
            goVersion = baseline.goVersion().orElse(null);
        }
        return new RunData(
                dir,
                m.path("simulation").asText(dir.getFileName().toString()),
                m.path("status").asText("unknown"),
                goVersion,
                m.path("target").path("gomaxprocs").asInt(0),
                steps,
                baseline,
                after,
                problems,
                captures(dir, m.path("baseline").path("captures"), "baseline"),
                captures(dir, m.path("final").path("captures"), "final"),
                new RunProfiles(goVersion));
    }

    /** Every capture a manifest section lists, by key. */
    private static java.util.Map<String, Capture> captures(Path dir, JsonNode node, String label) {
        java.util.Map<String, Capture> out = new java.util.LinkedHashMap<>();
        node.fields()
                .forEachRemaining(e -> out.put(e.getKey(), Capture.of(dir, e.getValue(), e.getKey(), null, label)));
        return out;
    }

    /** The manifest's load numbers, read loosely: a field an older or partial manifest lacks gets a neutral value. */
    private static LoadNumbers load(JsonNode l, double targetQps) {
        JsonNode lat = l.path("latencyMs");
        LoadNumbers.Latency latency = lat.isObject()
                ? new LoadNumbers.Latency(
                        lat.path("mean").asDouble(Double.NaN),
                        lat.path("p50").asDouble(Double.NaN),
                        lat.path("p95").asDouble(Double.NaN),
                        lat.path("p99").asDouble(Double.NaN),
                        lat.path("max").asDouble(Double.NaN))
                : null;
        return new LoadNumbers(
                l.path("offeredQps").asDouble(targetQps),
                l.path("achievedQps").asDouble(),
                l.path("requests").asLong(),
                l.path("errors").asLong(),
                l.path("late").asLong(0),
                l.path("lateUsersBusy").asLong(0),
                latency,
                l.hasNonNull("harnessCpus") ? l.get("harnessCpus").asDouble() : null,
                l.hasNonNull("hostCpus") ? l.get("hostCpus").asInt() : null,
                l.path("unsent").asLong(0));
    }

    private static RunStep step(Path dir, JsonNode s, List<String> problems) {
        int index = s.path("index").asInt();
        String label = Evidence.step(index);
        double window =
                seconds(s.path("windowStart").asText(null), s.path("windowEnd").asText(null));
        JsonNode l = s.path("load");
        LoadNumbers load = l.isObject() && l.has("achievedQps")
                ? load(l, s.path("targetQps").asDouble())
                : null;
        if (load == null) {
            problems.add(label + ": the manifest has no load numbers");
        }
        List<String> stepProblems = new ArrayList<>();
        JsonNode captures = s.path("captures");
        RuntimeMetrics start =
                scrape(dir, captures.path("metricsStart"), label + "/metrics-start.txt", label, stepProblems);
        RuntimeMetrics end = scrape(dir, captures.path("metricsEnd"), label + "/metrics-end.txt", label, stepProblems);
        RuntimeMetricsWindow metrics = null;
        if (start != null && end != null && window > 0) {
            metrics = new RuntimeMetricsWindow(start, end, window, load == null ? 0 : load.served());
        } else if (start != null && end != null) {
            stepProblems.add(label + ": windowStart/windowEnd missing or not increasing in manifest.json");
        }
        problems.addAll(stepProblems);
        return new RunStep(
                index,
                s.path("targetQps").asDouble(),
                window,
                load,
                metrics,
                stepProblems.isEmpty() ? null : String.join("; ", stepProblems),
                captures(dir, captures, label));
    }

    /** Reads a scrape the manifest lists; a failed/missing capture or bad file becomes a problem. */
    private static RuntimeMetrics scrape(
            Path dir, JsonNode capture, String defaultFile, String label, List<String> problems) {
        String status = capture.path("status").asText("missing");
        if (!"ok".equals(status)) {
            String reason = capture.path("reason").asText("");
            problems.add(label + ": metrics capture " + status + (reason.isEmpty() ? "" : " (" + reason + ")"));
            return null;
        }
        Path file = dir.resolve(capture.path("file").asText(defaultFile));
        if (!Files.isRegularFile(file)) {
            problems.add(label + ": " + file + " is listed as ok but does not exist");
            return null;
        }
        try {
            return RuntimeMetrics.read(file);
        } catch (RuntimeException e) {
            problems.add(label + ": " + e.getMessage());
            return null;
        }
    }

    private static double seconds(String from, String to) {
        if (from == null || to == null) {
            return Double.NaN;
        }
        try {
            return Duration.between(Instant.parse(from), Instant.parse(to)).toNanos() / 1e9;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
