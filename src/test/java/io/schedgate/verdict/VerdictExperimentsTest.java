package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schedgate.service.DockerRequired;
import io.schedgate.service.GoServiceContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiments of issue 5: Gatling ramps LabRampSimulation (one lab endpoint each) against the
 * lab in a fresh container (GOMAXPROCS=2) while the collector captures, the verdict listener judges
 * the run directory in the simulation's after() and writes verdict.json; each experiment asserts the
 * verdict it must reach. Short ramps: warm-up 1 s, window 3 s, tail 1 s per step, cool-down 2 s. What
 * each lab behaviour must reach through the public API is experiment/LabBehaviourExperimentsTest; these
 * are the experiments on the measurement itself (traces, window length, sched.lock holders).
 * {@code -Dschedgate.experiments.repeat=N} runs each experiment N times, each on a fresh lab container
 * and appends every repetition's verdict to target/experiments-verdicts.txt.
 */
@ExtendWith(DockerRequired.class)
class VerdictExperimentsTest {

    static final int REPEAT = Integer.getInteger("schedgate.experiments.repeat", 1);
    private final Properties saved = (Properties) System.getProperties().clone();

    @TempDir
    Path runs;

    @AfterEach
    void restoreProperties() {
        System.setProperties(saved);
    }

    /**
     * The herd (LabBehaviourExperimentsTest fails it from /metrics), judged on its execution traces alone (each step traces 1 s of its 3 s window,
     * the default): the run directory's /metrics scrapes are deleted before a second verdict, as for a
     * service without /metrics. The trace-derived wake-ups must still FAIL it and name the herd's
     * Broadcast as the waker. Prints, per step, the trace's size and counts (the agreement with
     * /sched/latencies is asserted where both cover the same seconds: traceAndSchedLatenciesAgree).
     */
    @Test
    void herdFailsOnTraceWakeUpsWithoutMetrics() throws Exception {
        Path dir;
        try (GoServiceContainer lab = started()) {
            dir = ramp(lab, "herd-trace", "/herd?us=1000", "150,300,450,1200", Map.of());
        }
        RunData full = RunData.read(dir);
        TraceCounts traces = TraceCounts.of(full);
        for (RunStep step : full.steps()) {
            Capture c = step.capture("trace");
            assertTrue(c.ok(), String.valueOf(c.problem()));
            TraceCounts.Step t = traces.step(step);
            assertTrue(t.ok(), t.problem());
            double traceRate = t.stats().schedulingLatency().count() / t.stats().seconds();
            double metricRate = step.metrics().wakeUpEventsPerSecond().value();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "[experiment] herd-trace %s: trace %d bytes over %.2f s, %d wake-ups"
                            + " (%.0f/s), scheduling events %.0f/s; /sched/latencies × 8 over the window: %.0f/s (ratio %.2f);"
                            + " top waker %s%n",
                    Evidence.step(step.index()),
                    Files.size(c.file()),
                    t.stats().seconds(),
                    t.stats().wakeUps().total(),
                    t.stats().wakeUps().total() / t.stats().seconds(),
                    traceRate,
                    metricRate,
                    traceRate / metricRate,
                    t.stats().topWaker());
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("metrics"))
                    .toList()) {
                Files.delete(p);
            }
        }
        Verdict v = new VerdictEngine(Thresholds.fromSystemProperties()).evaluate(dir);
        log("herd-trace-no-metrics", 1, v);
        CheckResult fail = v.results().stream()
                .filter(r -> r.checkId().equals(WakeUpLinearityCheck.ID) && r.status() == Status.FAIL)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no wake-up linearity FAIL from traces: " + summary(v)));
        assertTrue(fail.evidence().contains("execution trace"), fail.evidence());
        assertTrue(fail.evidence().contains("main.(*herd).run herd.go:"), fail.evidence());
        assertFalse(v.gate().passed());
    }

    /**
     * Trace-derived counts against runtime/metrics where both cover the same seconds: the trace spans
     * the whole 3 s window (trace.seconds = window), the /metrics scrapes bracket it. The comparable
     * pair is scheduling events: Runnable→Running transitions in the trace against
     * Δ/sched/latencies count × 8 (the runtime times 1 in 8 of each goroutine's trips out of running,
     * proc.go casgstatus).
     *
     * <p>Two things keep them from being equal, both measured here. (1) The GC: with it on the metric
     * counts more, by a varying amount that is no Runnable→Running transition in the trace (at 200
     * req/s with 6 cycles in the window: trace 2,333 events against 18,952; in another run, 1-3
     * cycles per window, 0 to 1,930 events more, up to 6σ), not explained yet; so the lab runs with
     * GOGC=off here ({@code -Dschedgate.experiments.agree.gogc=100} shows it). (2) Goroutine creation: Go 1.26 never clears
     * {@code g.tracking} when a goroutine exits (only proc.go:1326/1379/5378 assign it), and
     * {@code newproc1} only ever sets it, so a reused g that died tracked (1 in 8) is tracked again
     * from its next creation: creations are sampled 2 in 8, and × 8 counts about one extra event
     * per goroutine created. Measured: trace/metric 0.73-0.80 plain; trace + created against the
     * metric within 1.3σ. Asserted: |metric × 8 − (trace events + goroutines created)| within 4σ of
     * the metric's 1-in-8 sample (σ = 8 √records). Printed per step.
     */
    @Test
    void traceAndSchedLatenciesAgree() throws Exception {
        Path dir;
        // -Dschedgate.experiments.agree.gogc=100 shows the GC's surplus (then the assertion fails)
        String gogc = System.getProperty("schedgate.experiments.agree.gogc", "off");
        try (GoServiceContainer lab = GoServiceContainer.lab().withGomaxprocs(2).withGogc(gogc)) {
            lab.start();
            dir = ramp(lab, "agree", "/healthy?us=50", "200,400,800", Map.of("trace.seconds", "3"));
        }
        RunData run = RunData.read(dir);
        TraceCounts traces = TraceCounts.of(run);
        for (RunStep step : run.steps()) {
            TraceCounts.Step t = traces.step(step);
            assertTrue(t.ok(), t.problem());
            long traced = t.stats().schedulingLatency().count();
            long created = t.stats().goroutinesCreated();
            double metric = step.metrics().wakeUpEventsPerSecond().value() * step.windowSeconds();
            double sigma = 8 * Math.sqrt(metric / 8);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "[experiment] agree %s: trace %.2f s, %d bytes: %d scheduling events,"
                            + " %d wake-ups, %d goroutines created; /sched/latencies Δcount × 8 over %.2f s: %.0f (trace/metric"
                            + " %.3f; trace + created − metric = %.0f = %.2f σ)%n",
                    Evidence.step(step.index()),
                    t.stats().seconds(),
                    Files.size(step.capture("trace").file()),
                    traced,
                    t.stats().wakeUps().total(),
                    created,
                    step.windowSeconds(),
                    metric,
                    traced / metric,
                    traced + created - metric,
                    (traced + created - metric) / sigma);
            System.out.println(
                    "[experiment] agree " + Evidence.step(step.index()) + ": GOGC=" + gogc + ", GC cycles in the"
                            + " trace " + t.stats().gc().count() + ", in /metrics "
                            + step.metrics().gcCycles().value()
                            + "; wake-ups by reason " + t.stats().wakeUps().byReason());
        }
        for (RunStep step : run.steps()) {
            TraceCounts.Step t = traces.step(step);
            long traced = t.stats().schedulingLatency().count();
            long created = t.stats().goroutinesCreated();
            double metric = step.metrics().wakeUpEventsPerSecond().value() * step.windowSeconds();
            double sigma = 8 * Math.sqrt(metric / 8);
            // measured once with the machine swamped (load average 16 on 2 CPUs, the harness sending a
            // tenth of the plan, p99 7.7 s): -7.5σ at step 3. Only a steady load is a comparison.
            assertTrue(
                    step.load().late() <= step.load().requests() / 100,
                    Evidence.step(step.index())
                            + ": harness behind schedule (" + step.load().late() + " of "
                            + step.load().requests()
                            + " late): the machine is too loaded for this comparison");
            assertTrue(
                    Math.abs(traced + created - metric) < 4 * sigma,
                    "trace " + traced + " + created " + created + " vs metrics " + metric + " (σ " + sigma + ") at "
                            + Evidence.step(step.index()));
        }
    }

    /**
     * What tracing costs the target, measured, not asserted: the same lab container ramped twice at
     * the same rates, the window fully traced (trace.seconds = 3) and not at all (0), interleaved
     * B-A-B-A... is too long for a test, so one each; prints per step the CPU seconds the CPU profile
     * saw per request and the p99 latency, for the README's figure. Only asserts that both ran.
     */
    @Test
    @org.junit.jupiter.api.Tag("bench")
    void traceOverheadIsMeasured() throws Exception {
        try (GoServiceContainer lab = started()) {
            for (String seconds : List.of("0", "3", "0", "3")) {
                Path dir = ramp(
                        lab,
                        "overhead-" + seconds + "-" + System.nanoTime(),
                        "/healthy?us=50",
                        "400,800",
                        Map.of("trace.seconds", seconds));
                RunData run = RunData.read(dir);
                for (RunStep step : run.steps()) {
                    RunProfiles.Loaded cpu = run.profiles().load(step.capture("cpu"));
                    assertTrue(cpu.ok(), cpu.problem());
                    double cpuSeconds = cpu.profile().total(cpu.profile().sampleIndex("cpu")) / 1e9;
                    double requests = step.load().achievedQps() * step.windowSeconds();
                    System.out.printf(
                            java.util.Locale.ROOT,
                            "[experiment] overhead trace.seconds=%s %s: %.0f req/s achieved,"
                                    + " CPU %.1f µs/request (%.2f s over %.1f s), p99 %.2f ms, trace %s%n",
                            seconds,
                            Evidence.step(step.index()),
                            step.load().achievedQps(),
                            cpuSeconds * 1e6 / requests,
                            cpuSeconds,
                            step.windowSeconds(),
                            step.load().latencyMs().p99(),
                            step.capture("trace").ok()
                                    ? Files.size(step.capture("trace").file()) + " bytes"
                                    : "none");
                }
            }
        }
    }

    /**
     * Fan-out: sched.lock is measured from the profiles (high confidence, a value at every step) and
     * attributed to the functions that take it. On 2 Ps it stays far below the article's 5%/15%, and how far
     * varies with the machine: a FAIL at thresholds lowered 10,000× failed on a busy CI run (every step
     * 0.00x%), and the status at a rigged threshold proves nothing the fixture tests do not (yield's FAIL
     * at the default, CheckStatusCoverageTest; its PASS at the default is LabBehaviourExperimentsTest's): what
     * this live run adds is the measurement and the names.
     */
    @Test
    void fanoutSchedLockMeasuredAndAttributedToItsHolders() throws Exception {
        experiment("fanout", "/fanout?n=64", "200,400,800", Map.of(), v -> {
            List<CheckResult> steps = v.results().stream()
                    .filter(r -> r.checkId().equals(SchedLockPressureCheck.ID) && !r.rampWide())
                    .toList();
            assertEquals(3, steps.size());
            assertTrue(
                    steps.stream().allMatch(r -> r.confidence() == Confidence.HIGH && r.value() != null), summary(v));
            // Which sched.lock sites hold the lock most varies run to run (wakep, findRunnable, sysmon's
            // entersyscallWakeSysmon, the world stops: each a handful of samples at this load); what must
            // hold is that every holder named is a function that takes sched.lock in Go 1.26's runtime.
            io.schedgate.signals.LockSiteTable go126 = io.schedgate.signals.LockSiteTable.forMinor(26);
            List<String> holders = steps.stream()
                    .flatMap(r -> r.detailsMap().get("holders") instanceof Map<?, ?> h
                            ? h.keySet().stream()
                            : java.util.stream.Stream.empty())
                    .map(String::valueOf)
                    .distinct()
                    .toList();
            assertFalse(holders.isEmpty(), summary(v));
            for (String holder : holders) {
                assertTrue(
                        go126.locksOf(holder.replaceFirst("^runtime\\.", "").replaceFirst("\\.func\\d+$", ""))
                                .contains("&sched.lock"),
                        holder + " takes sched.lock in Go 1.26: " + summary(v));
            }
        });
    }

    /**
     * The lock class must not depend on the window's length: the same lab mutex under the same load,
     * judged from a 5 s and a 30 s window, gets the same class at its Lock line. A lightly used lock
     * (~50 µs held, 800 req/s: ~4% busy) is where per-window counts used to flip: its contentions per
     * window grow with the window, its contentions per second do not.
     */
    @Test
    void theLockClassDoesNotDependOnTheWindowLength() throws Exception {
        String lock = "hotlock.go:" + ProfileVerdictTest.labLine("hotlock.go", "h.mu.Lock()");
        Map<String, Object> classes = new LinkedHashMap<>();
        for (String window : List.of("5", "30")) {
            experiment("window-" + window, "/hotlock?us=400", "800", Map.of("window.seconds", window), v -> {
                CheckResult c = v.results().stream()
                        .filter(r -> r.checkId().equals(LockContentionCheck.ID)
                                && r.detailsMap().get("function") != null
                                && String.valueOf(r.detailsMap().get("function"))
                                        .equals("main.(*hotlock).run"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("hotlock not examined: " + summary(v)));
                System.out.println("[experiment] window " + window + " s: " + c.status() + " " + c.evidence());
                classes.put(window, c.detailsMap().get("verdict"));
                if ("true contention".equals(c.detailsMap().get("verdict"))) {
                    assertTrue(c.evidence().startsWith("true contention at " + lock), c.evidence());
                }
            });
        }
        assertEquals(classes.get("5"), classes.get("30"), "the class at 5 s and 30 s windows: " + classes);
    }

    private void experiment(
            String name, String endpoint, String steps, Map<String, String> thresholds, Consumer<Verdict> expect)
            throws Exception {
        for (int rep = 1; rep <= REPEAT; rep++) {
            // a fresh lab per repetition: a saturated herd leaves a backlog that must not spill into the next
            Path dir;
            try (GoServiceContainer lab = started()) {
                dir = ramp(lab, name + "-" + rep, endpoint, steps, thresholds);
            }
            // the listener's verdict.json, and the same verdict recomputed to assert on typed results
            JsonNode written = new ObjectMapper()
                    .readTree(dir.resolve(VerdictJson.FILE_NAME).toFile());
            Verdict v = new VerdictEngine(Thresholds.fromSystemProperties()).evaluate(dir);
            assertEquals(v.gate().passed(), written.path("gate").path("passed").asBoolean(), "verdict.json agrees");
            log(name, rep, v);
            expect.accept(v);
        }
    }

    /** The lab with GOMAXPROCS=2 (a start colliding with a taken host port is retried by GoServiceContainer). */
    private static GoServiceContainer started() {
        GoServiceContainer lab = GoServiceContainer.lab().withGomaxprocs(2);
        lab.start();
        return lab;
    }

    private Path ramp(
            GoServiceContainer lab, String label, String endpoint, String steps, Map<String, String> thresholds)
            throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mix", endpoint + "@1");
        settings.putAll(thresholds);
        settings.put("target.url", lab.appUrl());
        settings.put("target.pprof", lab.pprofUrl());
        return ShortRamp.run(saved, runs.resolve(label), steps, settings);
    }

    private static void log(String name, int rep, Verdict v) throws IOException {
        ShortRamp.log(name, rep, REPEAT, v);
    }

    /** Non-PASS results, one phrase each: what a repetition concluded. */
    static String summary(Verdict v) {
        StringBuilder b = new StringBuilder();
        for (CheckResult r : v.results()) {
            if (r.status() != Status.PASS) {
                b.append(r.checkId())
                        .append(r.rampWide() ? "" : " " + Evidence.step(r.stepIndex()))
                        .append(' ')
                        .append(r.status())
                        .append(
                                r.detailsMap().get("site") != null
                                        ? " " + r.detailsMap().get("site")
                                        : "")
                        .append(" [")
                        .append(r.evidence(), 0, Math.min(160, r.evidence().length()))
                        .append("]; ");
            }
        }
        return b.length() == 0 ? "all PASS" : b.toString();
    }
}
