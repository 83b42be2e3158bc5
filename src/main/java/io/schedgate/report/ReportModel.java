package io.schedgate.report;

import io.schedgate.pprof.Aggregator;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.ProfileException;
import io.schedgate.pprof.ProfileReader;
import io.schedgate.pprof.SampleFilter;
import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Evidence;
import io.schedgate.verdict.GoroutineCheck;
import io.schedgate.verdict.SchedLockPressureCheck;
import io.schedgate.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTML report shows, apart from how it is drawn ({@link HtmlReport}): the verdict, the
 * manifest's target and plan, per step the load numbers (a number the run lacks is null with the
 * reason beside it, never 0), the CPU, mutex and end-of-window goroutine profiles as folded stacks, and
 * every raw capture; the goroutines.littles-law and goroutines.leak results per step and after the ramp; the
 * link to Gatling's report of the same run ({@link GatlingReport}); and, given one, the baseline run read the
 * same way.
 *
 * <p>The manifest is the typed {@link Manifest} {@link RunDirectory#read} gives the verdict too.
 */
public record ReportModel(
        Path runDir,
        Verdict verdict,
        String status,
        String statusReason,
        Map<String, String> target,
        Map<String, String> plan,
        Map<String, String> harness,
        List<StepView> steps,
        List<CaptureView> baseline,
        List<CaptureView> finalSnapshot,
        GatlingReport gatling,
        Leak leak,
        ReportModel baselineRun) {

    /**
     * The post-ramp leak check ({@code goroutines.leak}): goroutines before the ramp and after the cool-down
     * (null: not measured), its status and evidence.
     */
    public record Leak(String status, Double before, Double afterCooldown, String evidence) {}

    /** One raw file the manifest lists: linked when it is there, else its status and reason. */
    public record CaptureView(String kind, String file, String status, String reason, Long bytes, boolean present) {
        public boolean isProfile() {
            return file != null && file.endsWith(".pb.gz");
        }
    }

    /**
     * One step as the charts and its section need it. A null number is missing; {@code missing} says why,
     * keyed by the chart series ({@code achieved}, {@code latency}, {@code wakeups}, {@code schedlock},
     * {@code gc}, {@code goroutines}). The goroutines are the {@code goroutines.littles-law} result's: measured
     * at the window's end, Little's-law prediction and the limit above which the step FAILs.
     */
    public record StepView(
            int index,
            double targetQps,
            Long requests,
            Double offeredQps,
            Double achievedQps,
            Double p50Ms,
            Double p95Ms,
            Double p99Ms,
            Double wakeupsPerRequest,
            SchedLockPoint schedLock,
            Double gcCpuShare,
            Double goroutines,
            Double goroutinesPredicted,
            Double goroutinesLimit,
            List<FlameView> flames,
            Map<String, String> missing,
            List<CaptureView> captures) {

        /** This step's flame graph of {@code kind} ({@code cpu}, {@code mutex}, {@code goroutineEnd}), if listed. */
        public FlameView flame(String kind) {
            return flames.stream()
                    .filter(f -> f.kind().equals(kind))
                    .findFirst()
                    .orElse(null);
        }

        /** x of this step on every chart: the offered rate, else the planned one. */
        public double x() {
            return offeredQps != null ? offeredQps : targetQps;
        }
    }

    /** sched.lock's share of processor time at one step with its 95% interval (null bounds: none given). */
    public record SchedLockPoint(double share, Double lower, Double upper) {}

    /**
     * One flame graph of a step: {@code folded} stacks ({@code root;...;leaf value}, values in {@code unit}),
     * or null with {@code missing} saying why there is none.
     */
    public record FlameView(String kind, String title, String unit, String file, List<String> folded, String missing) {}

    /** The profiles drawn per step: capture key, title, sample type, unit and the divisor into it. */
    private record FlameKind(
            String capture, String title, String sampleType, String unit, long divisor, String whenEmpty) {}

    private static final List<FlameKind> FLAMES = List.of(
            new FlameKind("cpu", "CPU", "samples", "samples", 1, "no samples (the target was idle)"),
            new FlameKind("mutex", "mutex delay", "delay", "µs", 1000, "no contention in the window"),
            new FlameKind("goroutineEnd", "goroutines at the window's end", null, "goroutines", 1, "no goroutines"));

    /** Reads manifest.json of {@code runDir} (through {@link RunDirectory#read}) and the profiles of every step. */
    public static ReportModel of(Path runDir, Verdict verdict) {
        return of(runDir, verdict, null, null, false);
    }

    /**
     * With a baseline run: {@code baselineDir} read the same way, judged by {@code baselineVerdict}, as
     * {@link #baselineRun} (null without one). {@code gatlingRunning}: written at the ramp's end inside
     * Gatling's run, before Gatling writes its own report ({@link GatlingReport#find}).
     */
    public static ReportModel of(
            Path runDir, Verdict verdict, Path baselineDir, Verdict baselineVerdict, boolean gatlingRunning) {
        Manifest m = RunDirectory.read(runDir);
        Map<String, String> target = new LinkedHashMap<>();
        Manifest.Target t = m.target() == null
                ? new Manifest.Target(null, null, null, null, null, null, null, null, null, null)
                : m.target();
        put(target, "kind", t.kind());
        put(target, "image", t.image());
        put(target, "app URL", t.appUrl());
        put(target, "pprof URL", t.pprofUrl());
        put(target, "Go version", t.goVersion());
        put(target, "GOMAXPROCS", t.gomaxprocs());
        put(target, "CPUs seen", t.numCpu());
        put(target, "runtime info from", t.runtimeSource());
        put(target, "cpuset", t.cpuset());
        put(target, "CPU quota", t.cpuQuota());
        Map<String, String> plan = new LinkedHashMap<>();
        Manifest.Plan p = m.plan();
        if (p != null) {
            put(plan, "preset", p.preset());
            put(plan, "steps (req/s)", p.stepsQps());
            put(plan, "warm-up (s)", p.warmupSeconds());
            put(plan, "window (s)", p.windowSeconds());
            put(plan, "tail (s)", p.tailSeconds());
            put(plan, "cool-down (s)", p.cooldownSeconds());
            put(plan, "endpoint mix", p.endpointMix());
        }
        Map<String, String> harness = new LinkedHashMap<>();
        Manifest.Harness h = m.harness();
        if (h != null) {
            put(harness, "schedgate", h.schedgateVersion());
            put(harness, "Java", h.javaVersion());
            put(harness, "Gatling", h.gatlingVersion());
        }
        List<StepView> steps = new ArrayList<>();
        for (Manifest.Step s : m.steps()) {
            steps.add(step(runDir, s, verdict));
        }
        return new ReportModel(
                runDir,
                verdict,
                m.status(),
                m.statusReason(),
                target,
                plan,
                harness,
                steps,
                captures(runDir, m.baseline() == null ? null : m.baseline().captures()),
                captures(
                        runDir,
                        m.finalSnapshot() == null ? null : m.finalSnapshot().captures()),
                GatlingReport.find(runDir, m, gatlingRunning),
                leak(verdict),
                baselineDir == null ? null : of(baselineDir, baselineVerdict));
    }

    private static Leak leak(Verdict verdict) {
        CheckResult r = verdict.result(GoroutineCheck.LEAK_ID, CheckResult.RAMP).orElse(null);
        if (r == null) {
            return new Leak(null, null, null, "no " + GoroutineCheck.LEAK_ID + " result in the verdict");
        }
        GoroutineCheck.Leak d = r.details() instanceof GoroutineCheck.Leak x ? x : null;
        return new Leak(
                r.status().name(),
                d == null ? null : finite(d.baseline()),
                d == null ? null : finite(d.afterCooldown()),
                r.evidence());
    }

    private static StepView step(Path runDir, Manifest.Step s, Verdict verdict) {
        int index = s.index();
        Map<String, String> missing = new LinkedHashMap<>();
        LoadNumbers load = s.load();
        Double offered = load == null ? null : finite(load.offeredQps());
        Double achieved = load == null ? null : finite(load.achievedQps());
        if (load == null) {
            missing.put("achieved", "no load numbers in the manifest (the step did not finish its window)");
        }
        LoadNumbers.Latency lat = load == null ? null : load.latencyMs();
        Double p50 = lat == null ? null : finite(lat.p50());
        Double p95 = lat == null ? null : finite(lat.p95());
        Double p99 = lat == null ? null : finite(lat.p99());
        if (p50 == null || p95 == null || p99 == null) {
            missing.put(
                    "latency",
                    lat == null
                            ? "no latency: no request completed in the window"
                            : "latency percentiles incomplete in the manifest");
        }
        Double wakeups = null;
        CheckResult w = verdict.result("wakeup.linearity", index).orElse(null);
        if (w == null) {
            missing.put("wakeups", "no wakeup.linearity result for this step");
        } else if (w.value() == null) {
            missing.put("wakeups", w.status() + ": " + w.evidence());
        } else {
            wakeups = w.value();
        }
        SchedLockPoint schedLock = null;
        Double gc = null;
        CheckResult sl = verdict.result("schedlock.pressure", index).orElse(null);
        if (sl == null) {
            missing.put("schedlock", "no schedlock.pressure result for this step");
            missing.put("gc", "no schedlock.pressure result for this step");
        } else {
            SchedLockPressureCheck.Step d = sl.details() instanceof SchedLockPressureCheck.Step x ? x : null;
            if (sl.value() == null) {
                missing.put("schedlock", sl.status() + ": " + sl.evidence());
            } else {
                schedLock = new SchedLockPoint(
                        sl.value(),
                        d == null ? null : finite(d.shareLower()),
                        d == null ? null : finite(d.shareUpper()));
                if (schedLock.lower() == null || schedLock.upper() == null) {
                    missing.put(
                            "schedlockInterval",
                            "no 95% interval for the share (method: " + (d == null ? "unknown" : d.method()) + ")");
                }
            }
            gc = d == null || d.gcCpuShare() == null ? null : finite(d.gcCpuShare());
            if (gc == null) {
                missing.put("gc", "no GC CPU share at this step (no runtime/metrics GC CPU numbers in the window)");
            }
        }
        Double goroutines = null;
        Double predicted = null;
        Double limit = null;
        CheckResult g = verdict.result(GoroutineCheck.BLOWUP_ID, index).orElse(null);
        if (g == null) {
            missing.put("goroutines", "no " + GoroutineCheck.BLOWUP_ID + " result for this step");
        } else if (g.value() == null) {
            missing.put("goroutines", g.status() + ": " + g.evidence());
        } else {
            goroutines = g.value();
            predicted = g.details() instanceof GoroutineCheck.Blowup d ? finite(d.predicted()) : null;
            limit = g.threshold();
        }
        List<CaptureView> captures = captures(runDir, s.captures());
        List<FlameView> flames = new ArrayList<>();
        for (FlameKind k : FLAMES) {
            flames.add(flame(runDir, Evidence.step(index), k, captures));
        }
        Long requests = load == null ? null : load.requests();
        return new StepView(
                index,
                s.targetQps(),
                requests,
                offered,
                achieved,
                p50,
                p95,
                p99,
                wakeups,
                schedLock,
                gc,
                goroutines,
                predicted,
                limit,
                flames,
                missing,
                captures);
    }

    private static FlameView flame(Path runDir, String step, FlameKind k, List<CaptureView> captures) {
        String title = step + " " + k.title() + " (" + k.unit() + ")";
        CaptureView c = captures.stream()
                .filter(x -> x.kind().equals(k.capture()))
                .findFirst()
                .orElse(null);
        if (c == null) {
            return new FlameView(
                    k.capture(),
                    title,
                    k.unit(),
                    null,
                    null,
                    "the manifest lists no " + k.capture() + " capture for this step");
        }
        if (!c.present()) {
            return new FlameView(
                    k.capture(),
                    title,
                    k.unit(),
                    c.file(),
                    null,
                    k.capture() + " profile " + c.file() + " " + c.status()
                            + (c.reason() == null ? "" : ": " + c.reason()));
        }
        try {
            Profile profile = new ProfileReader().read(runDir.resolve(c.file()));
            int index = profile.sampleIndex(
                    k.sampleType() != null && hasType(profile, k.sampleType()) ? k.sampleType() : null);
            List<String> folded = Aggregator.folded(profile, index, SampleFilter.NONE);
            if (k.divisor() != 1) {
                folded = FlameGraphs.scaled(folded, 1.0 / k.divisor());
            }
            return folded.isEmpty()
                    ? new FlameView(
                            k.capture(),
                            title,
                            k.unit(),
                            c.file(),
                            null,
                            k.capture() + " profile " + c.file() + ": " + k.whenEmpty())
                    : new FlameView(k.capture(), title, k.unit(), c.file(), folded, null);
        } catch (ProfileException e) {
            return new FlameView(
                    k.capture(),
                    title,
                    k.unit(),
                    c.file(),
                    null,
                    k.capture() + " profile " + c.file() + " unreadable: " + e.getMessage());
        }
    }

    private static boolean hasType(Profile p, String type) {
        return p.sampleTypes().stream().anyMatch(t -> t.type().equals(type));
    }

    private static List<CaptureView> captures(Path runDir, Map<String, Manifest.Capture> listed) {
        List<CaptureView> out = new ArrayList<>();
        if (listed == null) {
            return out;
        }
        listed.forEach((kind, c) -> {
            String file = c.file();
            String status = c.status();
            boolean present = c.ok() && file != null && Files.isRegularFile(runDir.resolve(file));
            String reason = c.reason();
            if (c.ok() && !present) {
                status = Manifest.Capture.MISSING;
                reason = "listed as ok in the manifest but not in the run directory";
            }
            out.add(new CaptureView(kind, file, status, reason, c.bytes(), present));
        });
        return out;
    }

    private static void put(Map<String, String> into, String label, Object value) {
        String v = value == null ? null : value.toString();
        into.put(label, v == null || v.isEmpty() ? "—" : v);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
