package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetrics;
import io.schedgate.metrics.RuntimeMetricsWindow;
import io.schedgate.run.CaptureKind;
import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the checks need from a run directory as {@link RunDirectory} lays it out (manifest.json of schema
 * {@value Manifest#SCHEMA}, baseline/, step-NN/, final/), read through the typed {@link Manifest}: a field an older
 * manifest lacks reads as null or 0. A missing or unreadable capture becomes a recorded problem on its step, never an exception:
 * what was collected is still judged.
 *
 * @param dir the run directory
 * @param simulation the manifest's simulation name
 * @param runStatus complete, target-died, interrupted or failed
 * @param runStatusReason why the run ended early, from the manifest (null when complete or not said)
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
        String runStatusReason,
        String goVersion,
        int gomaxprocs,
        List<RunStep> steps,
        RuntimeMetrics baseline,
        RuntimeMetrics afterCooldown,
        List<String> problems,
        Map<String, Capture> baselineCaptures,
        Map<String, Capture> finalCaptures,
        RunProfiles profiles) {

    public RunData {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
        baselineCaptures = Map.copyOf(baselineCaptures);
        finalCaptures = Map.copyOf(finalCaptures);
    }

    /** The pre-ramp capture of {@code kind}, null when the manifest lists none. */
    public Capture baselineCapture(CaptureKind kind) {
        return baselineCaptures.get(kind.key());
    }

    /** The post-cool-down capture of {@code kind}, null when the manifest lists none. */
    public Capture finalCapture(CaptureKind kind) {
        return finalCaptures.get(kind.key());
    }

    /** Reads manifest.json (through {@link RunDirectory#read}) and the metrics scrapes it lists. */
    public static RunData read(Path dir) {
        Manifest m = RunDirectory.read(dir);
        List<String> problems = new ArrayList<>();
        Map<String, Manifest.Capture> baselineCaptures = captures(m.baseline());
        Map<String, Manifest.Capture> finalCaptures = captures(m.finalSnapshot());
        RuntimeMetrics baseline = scrape(dir, baselineCaptures.get(CaptureKind.METRICS.key()), "baseline", problems);
        RuntimeMetrics after = scrape(dir, finalCaptures.get(CaptureKind.METRICS.key()), "final", problems);
        List<RunStep> steps = new ArrayList<>();
        for (Manifest.Step s : m.steps()) {
            steps.add(step(dir, s, problems));
        }
        Manifest.Target target = m.target();
        String goVersion = target == null ? null : target.goVersion();
        if (goVersion == null && baseline != null) {
            goVersion = baseline.goVersion().orElse(null);
        }
        return new RunData(
                dir,
                m.simulation() == null ? dir.getFileName().toString() : m.simulation(),
                m.status() == null ? "unknown" : m.status(),
                m.statusReason(),
                goVersion,
                target == null || target.gomaxprocs() == null ? 0 : target.gomaxprocs(),
                steps,
                baseline,
                after,
                problems,
                captures(dir, baselineCaptures, "baseline"),
                captures(dir, finalCaptures, "final"),
                new RunProfiles(goVersion));
    }

    private static Map<String, Manifest.Capture> captures(Manifest.Snapshot snapshot) {
        return snapshot == null || snapshot.captures() == null ? Map.of() : snapshot.captures();
    }

    /** Every capture a manifest section lists, by key. */
    private static Map<String, Capture> captures(Path dir, Map<String, Manifest.Capture> listed, String label) {
        Map<String, Capture> out = new LinkedHashMap<>();
        listed.forEach((key, c) -> out.put(key, Capture.of(dir, c, key, label)));
        return out;
    }

    private static RunStep step(Path dir, Manifest.Step s, List<String> problems) {
        int index = s.index();
        String label = Evidence.step(index);
        double window = seconds(s.windowStart(), s.windowEnd());
        LoadNumbers load = s.load();
        if (load == null) {
            problems.add(label + ": the manifest has no load numbers");
        }
        List<String> stepProblems = new ArrayList<>();
        Map<String, Manifest.Capture> captures = s.captures() == null ? Map.of() : s.captures();
        RuntimeMetrics start = scrape(dir, captures.get(CaptureKind.METRICS_START.key()), label, stepProblems);
        RuntimeMetrics end = scrape(dir, captures.get(CaptureKind.METRICS_END.key()), label, stepProblems);
        RuntimeMetricsWindow metrics = null;
        if (start != null && end != null && window > 0) {
            metrics = new RuntimeMetricsWindow(start, end, window, load == null ? 0 : load.served());
        } else if (start != null && end != null) {
            stepProblems.add(label + ": windowStart/windowEnd missing or not increasing in manifest.json");
        }
        problems.addAll(stepProblems);
        return new RunStep(
                index,
                s.targetQps(),
                window,
                load,
                metrics,
                stepProblems.isEmpty() ? null : String.join("; ", stepProblems),
                captures(dir, captures, label));
    }

    /** Reads a scrape the manifest lists; a failed/missing capture or bad file becomes a problem. */
    private static RuntimeMetrics scrape(Path dir, Manifest.Capture listed, String label, List<String> problems) {
        Capture capture = Capture.of(dir, listed, "metrics", label);
        if (!capture.ok()) {
            problems.add(capture.problem());
            return null;
        }
        try {
            return RuntimeMetrics.read(capture.file());
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
