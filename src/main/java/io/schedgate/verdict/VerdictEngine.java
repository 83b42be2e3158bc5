package io.schedgate.verdict;

import io.schedgate.run.RunDirectory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every check over a run directory, derives capacity, compares with a baseline, decides the gate. */
public final class VerdictEngine {

    public static final String CAPACITY_ID = "capacity";
    public static final String BASELINE_PROPERTY = Thresholds.PREFIX + "baseline";

    /**
     * The checks that need only runtime/metrics and load numbers; sched.lock pressure is bounded by
     * the /sync/mutex/wait fallback. For unit tests of the metrics logic; a run is judged by
     * {@link #allChecks()}, in which missing profiles are NO_DATA.
     */
    static List<Check> metricsChecks() {
        return List.of(
                new SaturationCheck(),
                new SchedLockPressureCheck(new MutexWaitMetricSource()),
                new WakeUpLinearityCheck(),
                new SchedLatencyCheck(),
                new GoroutineCheck(),
                new UslCheck());
    }

    /** Every check: sched.lock from the profiles (metric fallback per step), and the four-profile lock test. */
    public static List<Check> allChecks() {
        return List.of(
                new SaturationCheck(),
                new SchedLockPressureCheck(new ProfileSchedLockSource()),
                new WakeUpLinearityCheck(),
                new SchedLatencyCheck(),
                new GoroutineCheck(),
                new LockContentionCheck(),
                new UslCheck());
    }

    private final List<Check> checks;
    private final Thresholds thresholds;

    public VerdictEngine(Thresholds thresholds) {
        this(thresholds, allChecks());
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
            results.addAll(check.evaluate(run, thresholds));
        }
        List<CheckResult> perStep = results.stream().filter(r -> !r.rampWide()).toList();
        Double baselineQps = baseline == null ? null : baseline.capacity().qps();
        Capacity capacity = Capacity.of(run, perStep, baselineQps);
        results.add(capacityResult(run, capacity, baseline));
        if (baseline != null) {
            results.add(SchedLockBaseline.compare(results, run.goVersion(), baseline, thresholds));
        }

        List<String> notes = new ArrayList<>(run.problems());
        int uslSteps = UslCheck.usableSteps(run);
        if (uslSteps < thresholds.uslMinSteps()) {
            notes.add("usl: not fitted, " + Evidence.count(uslSteps, "step") + " with load numbers (needs "
                    + thresholds.uslMinSteps() + ")");
        }
        Gate gate = gate(run, results);
        return new Verdict(
                Verdict.SCHEMA,
                run.dir().toString(),
                run.simulation(),
                run.runStatus(),
                run.goVersion(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                thresholdMap(thresholds),
                results,
                capacity,
                gate,
                notes);
    }

    private CheckResult capacityResult(RunData run, Capacity capacity, Verdict baseline) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stepIndex", capacity.stepIndex());
        if (run.steps().isEmpty()) {
            return CheckResult.noData(CAPACITY_ID, CheckResult.RAMP, "req/s", "no steps completed");
        }
        if (capacity.qps() == null) {
            return new CheckResult(
                    CAPACITY_ID,
                    CheckResult.RAMP,
                    Status.FAIL,
                    null,
                    null,
                    "req/s",
                    Confidence.HIGH,
                    "no step passed every check, so no capacity can be stated",
                    details);
        }
        String at = Evidence.num(capacity.qps()) + " req/s (" + Evidence.step(capacity.stepIndex())
                + ", the highest step where every check passed)";
        if (baseline == null) {
            return new CheckResult(
                    CAPACITY_ID,
                    CheckResult.RAMP,
                    Status.PASS,
                    capacity.qps(),
                    null,
                    "req/s",
                    Confidence.HIGH,
                    "capacity " + at,
                    details);
        }
        if (capacity.baselineQps() == null) {
            return new CheckResult(
                    CAPACITY_ID,
                    CheckResult.RAMP,
                    Status.NO_DATA,
                    capacity.qps(),
                    null,
                    "req/s",
                    Confidence.HIGH,
                    "capacity " + at + ", but the baseline run " + baseline.runDir()
                            + " has no capacity to compare with",
                    details);
        }
        double floor = capacity.baselineQps() * (1 - thresholds.baselineCapacityMargin());
        details.put("baselineQps", capacity.baselineQps());
        double change = capacity.qps() / capacity.baselineQps() - 1;
        boolean dropped = capacity.qps() < floor;
        return new CheckResult(
                CAPACITY_ID,
                CheckResult.RAMP,
                dropped ? Status.FAIL : Status.PASS,
                capacity.qps(),
                floor,
                "req/s",
                Confidence.HIGH,
                "capacity " + at + ", baseline " + Evidence.num(capacity.baselineQps()) + " req/s ("
                        + (change >= 0 ? "+" : "") + Evidence.percent(change)
                        + (dropped
                                ? ", dropped more than " + Evidence.percent(thresholds.baselineCapacityMargin())
                                : "")
                        + ")",
                details);
    }

    private static Gate gate(RunData run, List<CheckResult> results) {
        List<String> reasons = new ArrayList<>();
        if (!"complete".equals(run.runStatus())) {
            reasons.add("run status is " + run.runStatus() + ", not complete");
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
        return thresholdMap(Thresholds.defaults());
    }

    /** Thresholds keyed by their -Dschedgate.* property names; no SLO is null. */
    static Map<String, Object> thresholdMap(Thresholds t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schedlock.warn", t.schedLockWarn());
        m.put("schedlock.fail", t.schedLockFail());
        m.put("saturation.achievedRatio", t.saturationAchievedRatio());
        m.put("errors.max", t.maxErrorRate());
        m.put("p99.sloMs", t.hasP99Slo() ? t.p99SloMs() : null);
        m.put("linearity.maxExponent", t.maxLinearityExponent());
        m.put("confidence", t.confidenceLevel());
        m.put("baseline.capacityMargin", t.baselineCapacityMargin());
        m.put("goroutines.slack", t.goroutineSlack());
        m.put("usl.minSteps", t.uslMinSteps());
        m.put("contention.blockMinMsPerSecond", t.contentionBlockMinMsPerSecond());
        m.put("contention.mutexMinContentionsPerSecond", t.contentionMutexMinContentionsPerSecond());
        m.put("contention.notableDelayMsPerSecond", t.contentionNotableDelayMsPerSecond());
        m.put("contention.fail", t.contentionFail());
        m.put("contention.warn", t.contentionWarn());
        m.put("schedlatency.p99FailMs", t.schedLatencyP99FailMs());
        m.put("schedlatency.p99WarnMs", t.schedLatencyP99WarnMs());
        m.put("baseline.schedlockMinRise", t.baselineSchedLockMinRise());
        m.put("linearity.maxPerRequestGrowth", t.maxPerRequestGrowth());
        return m;
    }
}
