package io.schedgate.verdict;

import io.schedgate.run.CaptureKind;
import io.schedgate.run.RunDirectory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the checks of {@link CheckRegistry} over a run directory (capacity and the baseline comparison
 * among them), states the capacity and decides the gate.
 */
public final class VerdictEngine {

    public static final String BASELINE_PROPERTY = Thresholds.PREFIX + "baseline";

    private final List<Check> checks;
    private final Thresholds thresholds;

    public VerdictEngine(Thresholds thresholds) {
        this(thresholds, CheckRegistry.checks());
    }

    public VerdictEngine(Thresholds thresholds, List<Check> checks) {
        this.thresholds = thresholds;
        this.checks = List.copyOf(checks);
    }

    /**
     * The verdict stage in one call, for the Gatling run's {@code after()} and {@code schedgate
     * analyze}: thresholds from {@code -Dschedgate.*}, baseline from {@code -Dschedgate.baseline},
     * {@code verdict.json} written into the run directory. The caller prints
     * {@code io.schedgate.report.VerdictTable#render} and exits with {@link Gate#exitCode()}.
     */
    public static Verdict judgeAndWrite(Path runDir) {
        Verdict verdict =
                new VerdictEngine(Thresholds.fromSystemProperties()).evaluate(runDir, baselineFromSystemProperties());
        VerdictJson.write(verdict, runDir);
        return verdict;
    }

    public Verdict evaluate(Path runDir) {
        return evaluate(RunData.read(runDir), null);
    }

    /** With a baseline run directory (-Dschedgate.baseline): capacity must not drop by more than the margin. */
    public Verdict evaluate(Path runDir, Path baselineRunDir) {
        Verdict baseline = baselineRunDir == null ? null : evaluate(RunData.read(baselineRunDir), null);
        return evaluate(RunData.read(runDir), baseline);
    }

    /**
     * {@code -Dschedgate.baseline=<run dir>}: the earlier run to compare capacity with, or null when
     * unset. A value that is not a run directory stops here, naming the property.
     */
    public static Path baselineFromSystemProperties() {
        String raw = System.getProperty(BASELINE_PROPERTY);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Path dir = Path.of(raw.strip());
        if (!java.nio.file.Files.isRegularFile(dir.resolve(RunDirectory.MANIFEST))) {
            throw new IllegalArgumentException("-D" + BASELINE_PROPERTY + "=" + raw + " has no manifest.json:"
                    + " point it at an earlier run directory (target/schedgate/<simulation>-<timestamp>/)");
        }
        return dir;
    }

    public Verdict evaluate(RunData run, Verdict baseline) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            results.addAll(check.evaluate(new CheckInput(run, thresholds.readableBy(check), results, baseline)));
        }
        Capacity capacity = CapacityCheck.capacity(new CheckInput(run, thresholds, results, baseline));

        List<String> notes = new ArrayList<>(run.problems());
        UslCheck.notFitted(run, thresholds).ifPresent(notes::add);
        Gate gate = gate(run, results);
        return new Verdict(
                Verdict.SCHEMA,
                run.dir().toString(),
                run.simulation(),
                run.runStatus(),
                run.goVersion() != null ? run.goVersion() : inferredGoVersion(run),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                thresholds.byKey(),
                results,
                capacity,
                gate,
                notes);
    }

    /**
     * For a target that reports no version (no /info, no go_info: a pprof-only URL or image), the version
     * the first readable CPU or mutex profile's runtime frames point at ({@code signals.GoVersionDetector}),
     * labelled as inferred; null when no profile narrows it.
     */
    static String inferredGoVersion(RunData run) {
        for (RunStep step : run.steps()) {
            for (CaptureKind kind : List.of(CaptureKind.CPU, CaptureKind.MUTEX)) {
                Capture c = step.captures().get(kind.key());
                if (c == null || !c.ok()) {
                    continue;
                }
                RunProfiles.Loaded l = run.profiles().load(c);
                if (l.ok()
                        && l.signals() != null
                        && !"unknown".equals(l.signals().version().label())) {
                    return "go" + l.signals().version().label() + " (inferred from the profiles' runtime frames)";
                }
            }
        }
        return null;
    }

    private static Gate gate(RunData run, List<CheckResult> results) {
        List<String> reasons = new ArrayList<>();
        if (!io.schedgate.run.Manifest.COMPLETE.equals(run.runStatus())) {
            // first: a verdict on a run that ended early judges only the steps it has
            reasons.add("run status is " + run.runStatus() + ", not complete"
                    + (run.runStatusReason() == null ? "" : ": " + run.runStatusReason()));
        }
        if (run.steps().isEmpty()) {
            reasons.add("no steps in the run");
        }
        if (results.isEmpty()) {
            reasons.add("no check produced a result");
        }
        for (CheckResult r : results) {
            if (r.status().failsGate()) {
                reasons.add(r.checkId() + (r.rampWide() ? "" : " " + Evidence.step(r.stepIndex())) + ": " + r.status()
                        + " — " + r.evidence());
            }
        }
        boolean checkFailed = results.stream().anyMatch(r -> r.status() == Status.FAIL);
        return new Gate(reasons.isEmpty(), checkFailed, reasons);
    }

    /** Every threshold key (without the {@code schedgate.} prefix) with its default: the one list --help and verdict.json show. */
    public static Map<String, Object> thresholdDefaults() {
        return Thresholds.defaults().byKey();
    }
}
