package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schedgate.service.ProjectLayout;
import io.schedgate.service.TraceStatBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Check × status cells of docs/checks-tested.md that no other test reached on real captured data at
 * the default thresholds, each with its expected value read from a source other than schedgate: the
 * {@code go tool pprof -top} output in the fixture's proofs/, the target's own /metrics scrapes (read
 * here as plain text), or the load generator's counters in manifest.json (read here as plain JSON).
 */
class CheckStatusCoverageTest {

    private static final Path METRICS_RUNS = Path.of("src/test/resources/fixtures/metrics/runs");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A pprof -traces stack's first line: its goroutine count, parked. */
    private static final Pattern GOPARK = Pattern.compile("^\\s+(\\d+)\\s+runtime\\.gopark$");

    private static final Pattern BUCKET =
            Pattern.compile("^go_sched_latencies_seconds_bucket\\{le=\"([^\"]+)\"} ([0-9.e+]+)$");

    private static Verdict judge(Path run) {
        return new VerdictEngine(Thresholds.defaults()).evaluate(run);
    }

    private static CheckResult one(Verdict v, String id, int step) {
        return v.result(id, step).orElseThrow(() -> new AssertionError("no " + id + " at " + step));
    }

    /** {@code le} → cumulative count of go_sched_latencies_seconds in a scrape, in exposition order. */
    private static Map<String, Long> buckets(Path scrape) throws IOException {
        Map<String, Long> b = new LinkedHashMap<>();
        for (String line : Files.readAllLines(scrape)) {
            Matcher m = BUCKET.matcher(line);
            if (m.matches()) {
                // client_golang writes counts of a million or more as 3.779119e+06
                b.put(m.group(1), (long) Double.parseDouble(m.group(2)));
            }
        }
        assertTrue(!b.isEmpty(), "no go_sched_latencies_seconds in " + scrape);
        return b;
    }

    /**
     * The bounds in ms ({lower, upper}) of the bucket holding the 99th percentile of the window's
     * scheduling latencies, and the window's count: end scrape minus start scrape, bucket by bucket.
     */
    private static double[] p99Bucket(Path step) throws IOException {
        Map<String, Long> start = buckets(step.resolve("metrics-start.txt"));
        Map<String, Long> end = buckets(step.resolve("metrics-end.txt"));
        List<String> les = new ArrayList<>(end.keySet());
        long total = end.get("+Inf") - start.get("+Inf");
        double lower = 0;
        for (String le : les) {
            long cumulative = end.get(le) - start.get(le);
            double upper = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le) * 1e3;
            if (cumulative >= 0.99 * total) {
                return new double[] {lower, upper, total};
            }
            lower = upper;
        }
        throw new AssertionError("no p99 bucket in " + step);
    }

    /** The value of the unlabelled sample {@code name} in a Prometheus text scrape. */
    private static double sample(Path scrape, String name) throws IOException {
        return Files.readAllLines(scrape).stream()
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(
                        l -> Double.parseDouble(l.substring(name.length() + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + scrape));
    }

    /** End scrape minus start scrape of {@code name} over step {@code step}'s window. */
    private static double delta(Path run, int step, String name) throws IOException {
        Path dir = run.resolve(String.format("step-%02d", step));
        return sample(dir.resolve("metrics-end.txt"), name) - sample(dir.resolve("metrics-start.txt"), name);
    }

    /**
     * Scheduling events per request from the scrapes alone: Δgo_sched_latencies_seconds_count times the
     * runtime's sampling period (gTrackingPeriod = 8 in Go's runtime/runtime2.go: one transition in 8 is
     * recorded), over the requests the load generator saw answered (requests − errors in manifest.json).
     */
    private static double eventsPerRequest(Path run, int step) throws IOException {
        JsonNode load = load(run, step);
        return delta(run, step, "go_sched_latencies_seconds_count")
                * 8
                / (load.path("requests").asLong() - load.path("errors").asLong());
    }

    /** The line of targets/lab/yield.go where a request's handler waits for its goroutines. */
    private static int yieldWaitLine() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("targets/lab/yield.go"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("wg.Wait()")) {
                return i + 1;
            }
        }
        throw new AssertionError("no wg.Wait() in targets/lab/yield.go");
    }

    /** Δ/sched/goroutines-created over a step's window per request the load generator saw answered. */
    private static double createdPerRequest(Path run, int step) throws IOException {
        JsonNode load = load(run, step);
        return delta(run, step, "go_sched_goroutines_created_goroutines_total")
                / (load.path("requests").asDouble() - load.path("errors").asDouble());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static JsonNode load(Path run, int step) throws IOException {
        for (JsonNode s : JSON.readTree(run.resolve("manifest.json").toFile()).path("steps")) {
            if (s.path("index").asInt() == step) {
                return s.path("load");
            }
        }
        throw new AssertionError("no step " + step + " in " + run);
    }

    /**
     * sched.latency FAIL: on the metrics-only herd run, steps 2 and 5 keep up with the load, yet the
     * window's p99 lies in the 10.5–117 ms bucket of the target's own /sched/latencies histogram, wholly
     * above the default 10 ms.
     */
    @Test
    void schedLatencyFailsWhereTheScrapesP99BucketStartsAboveTenMs() throws IOException {
        Path run = METRICS_RUNS.resolve("herd-go1.26");
        Verdict v = judge(run);
        for (int step : new int[] {2, 5}) {
            double[] expected = p99Bucket(run.resolve(String.format("step-%02d", step)));
            CheckResult r = one(v, SchedLatencyCheck.ID, step);
            assertTrue(expected[0] >= 10, "the scrape's p99 bucket starts at or above the default 10 ms");
            assertEquals(Status.FAIL, r.status(), r.evidence());
            assertEquals(expected[0], (double) r.detailsMap().get("bucketLowerMs"), 1e-9, r.evidence());
            assertEquals(expected[1], (double) r.detailsMap().get("bucketUpperMs"), 1e-9, r.evidence());
            assertEquals(expected[2], ((Number) r.detailsMap().get("sampledTransitions")).doubleValue(), 0.0);
            assertTrue(r.value() >= expected[0] && r.value() <= expected[1], r.evidence());
        }
        // step 1: the p99 bucket ends at 10.49 ms, so it cannot be surely above 10 ms: PASS
        double[] s1 = p99Bucket(run.resolve("step-01"));
        assertTrue(s1[0] < 10, "step 1's bucket starts below the limit");
        assertEquals(Status.PASS, one(v, SchedLatencyCheck.ID, 1).status());
    }

    /**
     * sched.latency WARN: the metrics-only fan-out run's step 5 has its p99 bucket above 10 ms as well,
     * but the load generator achieved less than 95% of the offered rate there (past capacity), so the
     * same bucket WARNs instead of failing.
     */
    @Test
    void schedLatencyWarnsAtASaturatedStep() throws IOException {
        Path run = METRICS_RUNS.resolve("fanout-go1.26");
        double[] expected = p99Bucket(run.resolve("step-05"));
        JsonNode load = load(run, 5);
        double achieved =
                load.path("achievedQps").asDouble() / load.path("offeredQps").asDouble();
        assertTrue(expected[0] >= 10, "the scrape's p99 bucket is above 10 ms");
        assertTrue(achieved < 0.95, "manifest: achieved " + achieved + " of offered");
        CheckResult r = one(judge(run), SchedLatencyCheck.ID, 5);
        assertEquals(Status.WARN, r.status(), r.evidence());
        assertEquals(expected[0], (double) r.detailsMap().get("bucketLowerMs"), 1e-9);
    }

    /**
     * lock.contention WARN on the hotlock run's first step: the mutex delay under main.(*hotlock).run in
     * {@code go tool pprof -top -sample_index=delay} of step 1 (73.06 ms over its 3 s on 2 Ps) is 1.2% of
     * processor time, between the default 1% and 5%.
     */
    @Test
    void lockContentionWarnsBetweenTheDefaultsOnHotlockStepOne() throws IOException {
        Path run = RunFixtures.RUNS.resolve("hotlock-go1.26");
        Path proof = run.resolve("proofs/step-01-mutex.txt");
        double delayMs = ProfileVerdictTest.pprofCum(proof, "main.(*hotlock).run", 0);
        double contentions = ProfileVerdictTest.pprofCum(proof, "main.(*hotlock).run", 1);
        double seconds = pprofSeconds(proof);
        double share = delayMs / 1e3 / (seconds * gomaxprocs(run));
        assertTrue(share > 0.01 && share < 0.05, "pprof: " + share + " between the default 1% and 5%");
        CheckResult r = hotlockSite(judge(run), 1);
        assertEquals(Status.WARN, r.status(), r.evidence());
        assertEquals(delayMs, (double) r.detailsMap().get("mutexDelayMs"), 0.01, "pprof -top cum, ms");
        assertEquals(contentions, ((Number) r.detailsMap().get("mutexContentions")).doubleValue(), 0.5);
        assertEquals(
                ProfileVerdictTest.pprofCum(run.resolve("proofs/step-01-block.txt"), "main.(*hotlock).run", 0),
                (double) r.detailsMap().get("blockDelayMs"),
                0.01,
                "block delay: pprof -top");
        // pprof prints the duration rounded to 1 s; the profile's own is a few ms longer
        assertEquals(share, r.value(), share * 0.01, r.evidence());
    }

    /**
     * lock.contention with block profiling off (the lab with {@code LAB_BLOCK_PROFILE_RATE=0}, hotlock at
     * 1000-2000 req/s): the mutex profile's waiting time stands in for "really blocked", and each step's status
     * follows from {@code go tool pprof}'s delay at main.(*hotlock).run over (3 s × 2 Ps) against the default 1% and
     * 5%: step 1 WARN, steps 2 and 3 FAIL.
     */
    @Test
    void lockContentionWithBlockProfilingOffJudgesOnTheMutexDelay() throws IOException {
        Path run = RunFixtures.RUNS.resolve("hotlock-noblock-go1.26");
        Verdict v = judge(run);
        for (int step = 1; step <= 3; step++) {
            Path proof = run.resolve("proofs/step-0" + step + "-mutex.txt");
            double delayMs = ProfileVerdictTest.pprofCum(proof, "main.(*hotlock).run", 0);
            double contentions = ProfileVerdictTest.pprofCum(proof, "main.(*hotlock).run", 1);
            double seconds = pprofSeconds(proof);
            double share = delayMs / 1e3 / (seconds * gomaxprocs(run));
            Status expected = share > 0.05 ? Status.FAIL : share > 0.01 ? Status.WARN : Status.PASS;
            CheckResult r = hotlockSite(v, step);
            assertEquals(expected, r.status(), r.evidence());
            assertTrue(r.evidence().contains("block profile empty"), r.evidence());
            assertEquals(0.0, (double) r.detailsMap().get("blockDelayMs"), r.evidence());
            // pprof prints the duration rounded to 1 s; the profile's own is a few ms longer
            assertEquals(share, r.value(), share * 0.02, r.evidence());
            assertEquals(
                    contentions / seconds,
                    ((Number) r.detailsMap().get("mutexContentionsPerSecond")).doubleValue(),
                    contentions / seconds * 0.02,
                    "contentions per second of window: pprof -sample_index=contentions over the duration");
        }
        assertEquals(Status.WARN, one(v, 1).status());
        assertEquals(Status.FAIL, one(v, 2).status());
        assertEquals(Status.FAIL, one(v, 3).status());
    }

    /** The window pprof states on its second line ("Duration: 3s, ..."), rounded to the second. */
    private static double pprofSeconds(Path proof) throws IOException {
        return Double.parseDouble(Files.readAllLines(proof).get(1).replaceFirst("^Duration: ([0-9.]+)s.*$", "$1"));
    }

    private static int gomaxprocs(Path run) throws IOException {
        int procs = JSON.readTree(run.resolve("manifest.json").toFile())
                .path("target")
                .path("gomaxprocs")
                .asInt();
        assertTrue(procs > 0, "manifest target.gomaxprocs");
        return procs;
    }

    /** The lock.contention result a step reports for the lab's hotlock site. */
    private static CheckResult hotlockSite(Verdict v, int step) {
        return v.results().stream()
                .filter(c -> c.checkId().equals(LockContentionCheck.ID) && c.stepIndex() == step)
                .filter(c -> "main.(*hotlock).run".equals(c.detailsMap().get("function")))
                .findFirst()
                .orElseThrow();
    }

    private static CheckResult one(Verdict v, int step) {
        return v.results().stream()
                .filter(c -> c.checkId().equals(LockContentionCheck.ID) && c.stepIndex() == step)
                .findFirst()
                .orElseThrow();
    }

    /** Goroutines parked in sync.(*Mutex).Lock under main.(*hotlock).run, most in one snapshot: pprof -traces. */
    private static long parkedInHotlock(Path run, int step) throws IOException {
        long most = 0;
        for (String snapshot : List.of("start", "end")) {
            long n = 0;
            long count = 0;
            boolean lock = false;
            for (String line : Files.readAllLines(
                    run.resolve("proofs/step-0" + step + "-goroutine-" + snapshot + ".traces.txt"))) {
                Matcher m = GOPARK.matcher(line);
                if (m.matches()) {
                    count = Long.parseLong(m.group(1));
                    lock = false;
                } else if (line.contains("sync.(*Mutex).Lock")) {
                    lock = true;
                } else if (line.contains("main.(*hotlock).run") && lock) {
                    n += count;
                    lock = false;
                }
            }
            most = Math.max(most, n);
        }
        return most;
    }

    /**
     * lock.contention with mutex and block profiling both off (the lab with both rates 0): no lock can be
     * measured, so the goroutines parked on a sync.Mutex in the snapshots are the only sign. {@code go tool pprof
     * -traces} of the snapshots: none at step 1, one at step 2 (PASS: a single waiter is no queue), two at step 3
     * (WARN, low confidence, naming the Lock line and the fix).
     */
    @Test
    void lockContentionWithMutexProfilingOffWarnsOnGoroutinesParkedOnALock() throws IOException {
        Path run = RunFixtures.RUNS.resolve("hotlock-noprofiling-go1.26");
        Verdict v = judge(run);
        assertEquals(
                List.of(0L, 1L, 2L),
                List.of(parkedInHotlock(run, 1), parkedInHotlock(run, 2), parkedInHotlock(run, 3)));
        for (int step = 1; step <= 3; step++) {
            CheckResult r = one(v, step);
            assertEquals(step == 3 ? Status.WARN : Status.PASS, r.status(), r.evidence());
            assertEquals(Confidence.LOW, r.confidence());
            assertEquals("off", r.detailsMap().get("mutexProfiling"));
            assertTrue(r.evidence().contains("runtime.SetMutexProfileFraction"), r.evidence());
        }
        CheckResult warn = one(v, 3);
        assertEquals(2L, ((Number) warn.detailsMap().get("parkedGoroutines")).longValue());
        assertTrue(((String) warn.detailsMap().get("parkedAt")).contains("hotlock.go:25"), warn.evidence());
    }

    /**
     * lock.contention PASS on every step of the healthy run: {@code go tool pprof} of each step's mutex profile
     * (proofs/step-0N-mutex.txt) totals 0.16-0.66 ms of delay over the 3 s window in 5-25 contentions: were
     * it all at one user site, at most 0.011% of the 2 Ps' time, against the default 1% WARN; the check
     * reports the same totals.
     */
    @Test
    void lockContentionPassesOnTheHealthyRunsMutexTotals() throws IOException {
        Path run = RunFixtures.RUNS.resolve("healthy-go1.26");
        Verdict v = judge(run);
        Pattern total = Pattern.compile("^Duration: ([0-9.]+)s, Total samples = ([0-9.]+)(us|ms|s)? ?.*$");
        Pattern reported = Pattern.compile("mutex profile: (\\d+) contentions, ([0-9.]+) ms in all");
        for (int step = 1; step <= 3; step++) {
            List<String> proof = Files.readAllLines(run.resolve(String.format("proofs/step-%02d-mutex.txt", step)));
            Matcher delay = total.matcher(proof.get(1));
            assertTrue(delay.matches(), proof.get(1));
            double seconds = Double.parseDouble(delay.group(1));
            double ms = Double.parseDouble(delay.group(2))
                    * switch (delay.group(3)) {
                        case "us" -> 1e-3;
                        case "s" -> 1e3;
                        default -> 1;
                    };
            Matcher contentions = total.matcher(proof.get(proof.indexOf("Type: contentions") + 1));
            assertTrue(contentions.matches());
            // even were all of it at one user site, its share of the Ps' time is far below the default 1% WARN
            double share = ms / (seconds * 1e3 * gomaxprocs(run));
            assertTrue(share < 0.01 / 10, "share " + share);
            CheckResult r = one(v, LockContentionCheck.ID, step);
            assertEquals(Status.PASS, r.status(), r.evidence());
            assertEquals(0, r.value(), 0.0, r.evidence());
            Matcher m = reported.matcher(r.evidence());
            assertTrue(m.find(), r.evidence());
            assertEquals(Long.parseLong(contentions.group(2)), Long.parseLong(m.group(1)), r.evidence());
            assertEquals(ms, Double.parseDouble(m.group(2)), 0.0005 + ms * 1e-3, r.evidence());
        }
    }

    /**
     * goroutines.littles-law FAIL on the leak run's first step: the target's own /sched/goroutines at the
     * window's end (418) is far above baseline plus requests in flight plus the default slack of 20,
     * at 100 req/s with every request answered.
     */
    @Test
    void littlesLawFailsWithTheScrapesGoroutineCount() throws IOException {
        Path run = RunFixtures.RUNS.resolve("leak-go1.26");
        double scraped = sample(run.resolve("step-01/metrics-end.txt"), "go_sched_goroutines_goroutines");
        double baseline = sample(run.resolve("baseline/metrics.txt"), "go_sched_goroutines_goroutines");
        JsonNode load = load(run, 1);
        assertEquals(0, load.path("errors").asInt(), "manifest: every request answered");
        CheckResult r = one(judge(run), GoroutineCheck.BLOWUP_ID, 1);
        assertEquals(Status.FAIL, r.status(), r.evidence());
        long idle = ((Number) r.detailsMap().get("idleConnectionsExcluded")).longValue();
        assertEquals(scraped - idle, r.value(), 0.0, r.evidence());
        assertEquals(baseline, ((Number) r.detailsMap().get("baseline")).doubleValue(), 0.0);
        // Little's law from the load generator and the scrapes: requests in flight = achieved rate × mean
        // latency, goroutines per request = Δ/sched/goroutines-created per answered request; the limit is
        // baseline + twice the predicted rise + the default slack of 20
        double inFlight = load.path("achievedQps").asDouble()
                * load.path("latencyMs").path("mean").asDouble()
                / 1e3;
        double perRequest = createdPerRequest(run, 1);
        assertEquals(baseline + inFlight * perRequest, (double) r.detailsMap().get("predicted"), 1e-9);
        assertEquals(baseline + 2 * inFlight * perRequest + 20, r.threshold(), 1e-9);
        assertTrue(scraped - idle > r.threshold(), "far past the limit");
    }

    /**
     * saturation WARN on the hotlock run's step 3 and PASS on its step 1, from the load generator's
     * counters in manifest.json: 147 errors in 6000 requests is over the default 1% error budget while
     * 96.5% of the offered rate was achieved; step 1 has no error and 100%.
     */
    @Test
    void saturationFollowsTheLoadCounters() throws IOException {
        Path run = RunFixtures.RUNS.resolve("hotlock-go1.26");
        Verdict v = judge(run);
        JsonNode s3 = load(run, 3);
        double errors3 = s3.path("errors").asDouble() / s3.path("requests").asDouble();
        assertTrue(errors3 > 0.01, "manifest: " + errors3);
        CheckResult r3 = one(v, SaturationCheck.ID, 3);
        assertEquals(Status.WARN, r3.status(), r3.evidence());
        assertEquals(s3.path("achievedQps").asDouble() / s3.path("offeredQps").asDouble(), r3.value(), 1e-12);
        assertEquals(errors3, (double) r3.detailsMap().get("errorRate"), 1e-12);
        JsonNode s1 = load(run, 1);
        assertEquals(0, s1.path("errors").asInt());
        CheckResult r1 = one(v, SaturationCheck.ID, 1);
        assertEquals(Status.PASS, r1.status(), r1.evidence());
        assertEquals(s1.path("achievedQps").asDouble() / s1.path("offeredQps").asDouble(), r1.value(), 1e-12);
    }

    /**
     * wakeup.linearity from the scrapes leaves out what GC can make: the hotlock run's step 2 has 13.15 events per
     * request against step 1's 4.69 (2.8×, a WARN on its own), but its 38,079 extra events are within what the
     * window's 9 GC cycles can make (cycles × 5,000 × GOMAXPROCS = 90,000, docs/verdict-json.md): PASS, saying so.
     * Every number from the scrapes (Δgo_sched_latencies_seconds_count × 8, Δgo_gc_cycles_total_gc_cycles_total)
     * and the manifest.
     */
    @Test
    void wakeUpsAboveTheEarlierStepsThatTheGcCyclesExplainPass() throws IOException {
        Path run = RunFixtures.RUNS.resolve("hotlock-go1.26");
        double reference = eventsPerRequest(run, 1);
        double v = eventsPerRequest(run, 2);
        JsonNode load = load(run, 2);
        double excess = (v - reference)
                * (load.path("requests").asLong() - load.path("errors").asLong());
        double cycles = delta(run, 2, "go_gc_cycles_total_gc_cycles_total");
        double bound = cycles * 5000 * gomaxprocs(run);
        assertTrue(v > 2 * reference && v < 6 * reference, v + " against " + reference + ": a WARN without GC");
        assertTrue(excess <= bound, excess + " extra events, GC bound " + bound);
        CheckResult r = one(judge(run), WakeUpLinearityCheck.ID, 2);
        assertEquals(Status.PASS, r.status(), r.evidence());
        assertEquals(v, r.value(), 1e-9, r.evidence());
        assertEquals(bound, ((Number) r.detailsMap().get("gcEventsBound")).doubleValue(), r.evidence());
        assertTrue(r.evidence().contains("the window's " + (long) cycles + " GC cycles can explain"), r.evidence());
    }

    /** A step's counts from {@code go tool trace -d=parsed} (proofs/step-NN-trace-counts.txt, dumpcounts.sh). */
    private record TraceDump(double seconds, long wakeUps, Map<String, Long> byReason, long p99Ns, String topWaker) {

        static TraceDump of(Path file) throws IOException {
            double seconds = Double.NaN;
            long wakeUps = -1;
            long p99 = -1;
            Map<String, Long> reasons = new java.util.TreeMap<>();
            String top = null;
            long topCount = -1;
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(line.startsWith("reason\t") || line.startsWith("waker\t") ? "\t" : " ");
                switch (f[0]) {
                    case "durationNs" -> seconds = Long.parseLong(f[1]) / 1e9;
                    case "wakeUps" -> wakeUps = Long.parseLong(f[1]);
                    case "schedulingLatency" -> p99 = Long.parseLong(f[3]);
                    case "reason" -> reasons.put(f[1], Long.parseLong(f[2]));
                    case "waker" -> {
                        if (Long.parseLong(f[2]) > topCount) {
                            topCount = Long.parseLong(f[2]);
                            top = f[1];
                        }
                    }
                    default -> {}
                }
            }
            assertTrue(seconds > 0 && wakeUps >= 0 && p99 >= 0, file + " lacks a count");
            return new TraceDump(seconds, wakeUps, reasons, p99, top);
        }

        /** Wake-ups less the runtime's own waits (its system goroutines, the GC, preemption): those of requests. */
        long requestWakeUps() {
            long runtime = byReason.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("GC ")
                            || List.of("system goroutine wait", "preempted", "wait until GC ends", "finalizer wait")
                                    .contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            return wakeUps - runtime;
        }
    }

    /**
     * wakeup.linearity from execution traces on the herd (one token broadcast to every waiter, 400-3400 req/s,
     * a 0.1 s trace slice centred in each 3 s window): wake-ups per request from {@code go tool trace}'s own
     * parse of each slice (goroutines Waiting→Runnable, less the runtime's waits) over the load generator's
     * achieved rate × the slice's length: ≈3 per request up to 2400 req/s (PASS), then 57 at 3000 req/s, a
     * step that still keeps up (99.7% of offered): FAIL against 6× the median of the earlier steps, named at
     * the broadcast's line; sched.latency's p99 is the dump's nearest-rank p99 of Runnable→Running.
     */
    @Test
    void wakeUpsFromTheHerdsTracesFailAtAStepThatStillKeepsUp() throws IOException {
        TraceStatBuild.ensure(ProjectLayout.find());
        Path run = RunFixtures.RUNS.resolve("herd-traced-go1.26");
        Verdict v = judge(run);
        List<Double> earlier = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        for (JsonNode s : JSON.readTree(run.resolve("manifest.json").toFile()).path("steps")) {
            int step = s.path("index").asInt();
            TraceDump dump = TraceDump.of(run.resolve(String.format("proofs/step-%02d-trace-counts.txt", step)));
            double requests = s.path("load").path("achievedQps").asDouble() * dump.seconds();
            double perRequest = dump.requestWakeUps() / requests;
            double reference = earlier.isEmpty() ? perRequest : median(earlier);
            Status expected = earlier.size() >= 2 && requests >= 200 && perRequest > 6 * reference
                    ? Status.FAIL
                    : perRequest > 2 * reference ? Status.WARN : Status.PASS;
            CheckResult r = one(v, WakeUpLinearityCheck.ID, step);
            assertEquals("trace", r.detailsMap().get("source"), r.evidence());
            assertEquals(perRequest, r.value(), perRequest * 1e-6, r.evidence());
            assertEquals(expected, r.status(), r.evidence());
            statuses.add(r.status());
            if (expected == Status.FAIL) {
                assertTrue(r.evidence().contains("top waker " + dump.topWaker()), r.evidence());
            }
            CheckResult latency = one(v, SchedLatencyCheck.ID, step);
            assertEquals(dump.p99Ns() / 1e6, latency.value(), 1e-9, latency.evidence());
            // under the default 10 ms at every step, the saturated one included
            assertTrue(dump.p99Ns() < 10e6, latency.evidence());
            assertEquals(Status.PASS, latency.status(), latency.evidence());
            earlier.add(perRequest);
        }
        assertEquals(List.of(Status.PASS, Status.PASS, Status.PASS, Status.PASS, Status.FAIL, Status.FAIL), statuses);
        // the herd fails where the load is still met: the check does not wait for saturation to see it
        CheckResult kept = one(v, SaturationCheck.ID, 5);
        assertEquals(Status.PASS, kept.status(), kept.evidence());
        assertEquals(
                "main.(*herd).run herd.go:50",
                TraceDump.of(run.resolve("proofs/step-05-trace-counts.txt")).topWaker());
    }

    /**
     * wakeup.linearity FAIL on the herd run's saturated step 6 and WARN on the metrics-only herd run's
     * step 3: scheduling events per request from the scrapes, against the median of the earlier steps
     * (6× the default linearity.maxPerRequestGrowth fails; 2× warns; a FAIL needs two earlier steps).
     */
    @Test
    void wakeUpsPerRequestFromTheScrapesBlowUpAtTheHerd() throws IOException {
        Path herd = RunFixtures.RUNS.resolve("herd-go1.26");
        List<Double> earlier = new ArrayList<>();
        for (int step = 1; step <= 5; step++) {
            earlier.add(eventsPerRequest(herd, step));
        }
        double reference = median(earlier);
        double v6 = eventsPerRequest(herd, 6);
        assertTrue(v6 > 6 * reference, v6 + " vs " + reference);
        Verdict herdVerdict = judge(herd);
        for (int step = 1; step <= 5; step++) {
            CheckResult r = one(herdVerdict, WakeUpLinearityCheck.ID, step);
            assertEquals(Status.PASS, r.status(), "before the herd saturates: " + r.evidence());
            assertEquals(earlier.get(step - 1), r.value(), 1e-9);
        }
        CheckResult r6 = one(herdVerdict, WakeUpLinearityCheck.ID, 6);
        assertEquals(Status.FAIL, r6.status(), r6.evidence());
        assertEquals(v6, r6.value(), 1e-9);
        assertEquals(reference, (double) r6.detailsMap().get("referencePerRequest"), 1e-9);

        Path metricsHerd = METRICS_RUNS.resolve("herd-go1.26");
        double reference3 = median(List.of(eventsPerRequest(metricsHerd, 1), eventsPerRequest(metricsHerd, 2)));
        double v3 = eventsPerRequest(metricsHerd, 3);
        assertTrue(v3 > 2 * reference3 && v3 < 6 * reference3, v3 + " vs " + reference3);
        CheckResult r3 = one(judge(metricsHerd), WakeUpLinearityCheck.ID, 3);
        assertEquals(Status.WARN, r3.status(), r3.evidence());
        assertEquals(v3, r3.value(), 1e-9);
    }

    /**
     * schedlock.pressure WARN without profiles: on the metrics-only herd run's step 5 the target's own
     * /sync/mutex/wait/total counter grew by more than 15% of the window's processor time, but that
     * counter covers every lock, so it is an upper bound for sched.lock and can only WARN.
     */
    @Test
    void schedLockFromTheMutexWaitCounterWarnsAsAnUpperBound() throws IOException {
        Path run = METRICS_RUNS.resolve("herd-go1.26");
        JsonNode manifest = JSON.readTree(run.resolve("manifest.json").toFile());
        JsonNode step5 = manifest.path("steps").get(4);
        assertEquals(5, step5.path("index").asInt());
        double window = (Instant.parse(step5.path("windowEnd").asText()).toEpochMilli()
                        - Instant.parse(step5.path("windowStart").asText()).toEpochMilli())
                / 1e3;
        int procs = manifest.path("target").path("gomaxprocs").asInt();
        double share = delta(run, 5, "go_sync_mutex_wait_total_seconds_total") / (window * procs);
        assertTrue(share > 0.15, "above even the default FAIL line: " + share);
        CheckResult r = one(judge(run), SchedLockPressureCheck.ID, 5);
        assertEquals(Status.WARN, r.status(), r.evidence());
        assertEquals(true, r.detailsMap().get("upperBound"));
        assertEquals(share, r.value(), share * 1e-3, r.evidence());
    }

    /**
     * goroutines.growth WARN on the leak run: goroutines above baseline (the scrapes' /sched/goroutines
     * less the idle keep-alive connections) against Little's-law prediction (achieved rate × mean latency
     * from manifest.json, × Δ/sched/goroutines-created per answered request from the scrapes), fitted
     * here by ordinary least squares in log-log: the exponent is clearly above 1, but three steps leave a
     * confidence interval that includes 1, so WARN, not FAIL.
     */
    @Test
    void goroutineGrowthFromTheScrapesWarnsOnTheLeak() throws IOException {
        Path run = RunFixtures.RUNS.resolve("leak-go1.26");
        Verdict v = judge(run);
        double[] fit = refitGrowth(run, v, 3);
        assertTrue(fit[0] > 1.5, "goroutines grow faster than the prediction: " + fit[0]);
        CheckResult r = one(v, GoroutineCheck.GROWTH_ID, CheckResult.RAMP);
        assertEquals(Status.WARN, r.status(), r.evidence());
        assertEquals(fit[0], r.value(), 1e-9, r.evidence());
        assertTrue(fit[1] < 1, "three points: the interval includes 1: " + fit[1]);
        assertEquals(fit[1], (double) r.detailsMap().get("exponentLower"), 1e-3, r.evidence());
    }

    /**
     * goroutines.growth FAIL on the six-step leak run (/leak?n=1 at 100-600 req/s): the goroutines above
     * baseline grow as the prediction^2.4 and, with six points, the whole 95% interval lies above 1.
     */
    @Test
    void goroutineGrowthFailsOnTheSixStepLeak() throws IOException {
        Path run = RunFixtures.RUNS.resolve("leak-ramp-go1.26");
        Verdict v = judge(run);
        double[] fit = refitGrowth(run, v, 6);
        assertTrue(fit[0] >= 1.2, "at least the practical margin above linear: " + fit[0]);
        assertTrue(fit[1] > 1, "the whole interval above 1: " + fit[1]);
        CheckResult r = one(v, GoroutineCheck.GROWTH_ID, CheckResult.RAMP);
        assertEquals(Status.FAIL, r.status(), r.evidence());
        assertEquals(fit[0], r.value(), 1e-9, r.evidence());
        assertEquals(fit[1], (double) r.detailsMap().get("exponentLower"), 1e-3, r.evidence());
        assertEquals(fit[2], (double) r.detailsMap().get("exponentUpper"), 1e-3, r.evidence());
    }

    /**
     * goroutines.growth PASS on the metrics-only herd run (six steps, 400-2400 req/s): the waiters' goroutines
     * above baseline stay flat while the predicted rise grows, so the refitted exponent is near 0.
     */
    @Test
    void goroutineGrowthPassesOnTheHerdsFlatCount() throws IOException {
        Path run = METRICS_RUNS.resolve("herd-go1.26");
        Verdict v = judge(run);
        double[] fit = refitGrowth(run, v, 6);
        assertTrue(fit[2] < 1, "the whole interval below linear: " + fit[2]);
        CheckResult r = one(v, GoroutineCheck.GROWTH_ID, CheckResult.RAMP);
        assertEquals(Status.PASS, r.status(), r.evidence());
        assertEquals(fit[0], r.value(), 1e-9, r.evidence());
        assertEquals(fit[2], (double) r.detailsMap().get("exponentUpper"), 1e-3, r.evidence());
    }

    /**
     * wakeup.linearity across the ramp, each status on a run of six steps: scheduling events per second
     * (Δgo_sched_latencies_seconds_count × 8 over the window's wall time in manifest.json) against the
     * achieved rate, fitted here in log-log with its 95% interval. The metrics fan-out grows linearly
     * (PASS), the metrics herd's events outgrow the load and its six points put the interval above 1
     * (FAIL); the profiled herd run's events jump only at its saturated last step (110 per request against
     * 10 before), so the points scatter (log-log R² 0.63) and the interval still includes 1 (WARN).
     */
    @ParameterizedTest
    @CsvSource({"metrics/runs/fanout-go1.26, PASS", "metrics/runs/herd-go1.26, FAIL", "runs/herd-go1.26, WARN"})
    void wakeUpTrendAcrossTheRampRefittedFromTheScrapes(String fixture, Status expected) throws IOException {
        Path run = Path.of("src/test/resources/fixtures").resolve(fixture);
        List<double[]> points = new ArrayList<>();
        for (JsonNode s : JSON.readTree(run.resolve("manifest.json").toFile()).path("steps")) {
            int step = s.path("index").asInt();
            double seconds = (Instant.parse(s.path("windowEnd").asText()).toEpochMilli()
                            - Instant.parse(s.path("windowStart").asText()).toEpochMilli())
                    / 1e3;
            double eventsPerSecond = delta(run, step, "go_sched_latencies_seconds_count") * 8 / seconds;
            double qps = s.path("load").path("achievedQps").asDouble();
            if (qps > 0 && eventsPerSecond > 0) {
                points.add(new double[] {Math.log(qps), Math.log(eventsPerSecond)});
            }
        }
        double[] fit = logLogFit(
                points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        CheckResult r = one(judge(run), WakeUpLinearityCheck.ID, CheckResult.RAMP);
        assertEquals(expected, r.status(), r.evidence());
        assertEquals(fit[0], r.value(), 1e-9, r.evidence());
        assertEquals(fit[1], (double) r.detailsMap().get("exponentLower"), 1e-3, r.evidence());
        assertEquals(fit[2], (double) r.detailsMap().get("exponentUpper"), 1e-3, r.evidence());
        switch (expected) {
            case PASS -> assertTrue(fit[0] < 1.2, "within the practical margin of linear: " + fit[0]);
            case FAIL -> assertTrue(fit[0] >= 1.2 && fit[1] > 1, "superlinear, the interval above 1");
            default -> assertTrue(fit[0] >= 1.2 && fit[1] <= 1, "superlinear, but the interval includes 1");
        }
    }

    /**
     * sched.latency across the ramp: the growth of p99 from the first step to the last, bounded by the
     * buckets of the target's own /sched/latencies histogram alone (first and last step's p99 buckets,
     * recomputed from the raw scrapes): on the saturated yield run it grew at least 16,000× (0.00064-0.00717
     * ms to 117 ms or more), past the 10× and 1 ms of the WARN whatever the interpolation inside a bucket;
     * on the healthy run at most within the same factor of 10 (PASS).
     */
    @ParameterizedTest
    @CsvSource({"yield-saturated-go1.26, 4, WARN", "healthy-go1.26, 3, PASS"})
    void schedLatencyGrowthAcrossTheRampIsBoundedByTheScrapesBuckets(String fixture, int last, Status expected)
            throws IOException {
        Path run = RunFixtures.RUNS.resolve(fixture);
        double[] first = p99Bucket(run.resolve("step-01"));
        double[] end = p99Bucket(run.resolve(String.format("step-%02d", last)));
        double atLeast = end[0] / first[1];
        double atMost = end[1] / first[0];
        CheckResult r = one(judge(run), SchedLatencyCheck.ID, CheckResult.RAMP);
        assertEquals(expected, r.status(), r.evidence());
        assertTrue(r.value() >= atLeast && r.value() <= atMost, r.value() + " not in " + atLeast + "-" + atMost);
        if (expected == Status.WARN) {
            assertTrue(atLeast >= 10 && end[0] >= 1, "surely 10× and above 1 ms: " + atLeast);
        } else {
            assertTrue(end[1] / first[1] < 10, "the buckets' upper edges within 10×: " + end[1] / first[1]);
        }
    }

    /** Two-sided 95% quantiles of Student's t by degrees of freedom (any statistics table: 12.706, 4.303, ...). */
    private static final double[] T_975 = {Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571};

    /**
     * The goroutine growth exponent refitted from the scrapes and the load generator: x = requests in
     * flight (achieved rate × mean latency) × Δ/sched/goroutines-created per answered request, y = goroutines
     * at the window's end above baseline without the idle keep-alive connections; the log-log least-squares
     * slope and its 95% interval, slope ± t(n−2) × √(residual variance / Σ(x − x̄)²). {exponent, lower, upper}.
     */
    private static double[] refitGrowth(Path run, Verdict v, int n) throws IOException {
        double baseline = sample(run.resolve("baseline/metrics.txt"), "go_sched_goroutines_goroutines");
        double[] x = new double[n];
        double[] y = new double[n];
        for (int step = 1; step <= n; step++) {
            JsonNode load = load(run, step);
            double inFlight = load.path("achievedQps").asDouble()
                    * load.path("latencyMs").path("mean").asDouble()
                    / 1e3;
            double perRequest = createdPerRequest(run, step);
            long idle = ((Number)
                            one(v, GoroutineCheck.BLOWUP_ID, step).detailsMap().get("idleConnectionsExcluded"))
                    .longValue();
            Path end = run.resolve(String.format("step-%02d/metrics-end.txt", step));
            x[step - 1] = Math.log(inFlight * perRequest);
            y[step - 1] = Math.log(sample(end, "go_sched_goroutines_goroutines") - idle - baseline);
        }
        return logLogFit(x, y);
    }

    /**
     * Ordinary least squares of log y on log x (x and y already logarithms): the slope and its 95%
     * interval, slope ± t(n−2) × √(residual variance / Σ(x − x̄)²). {slope, lower, upper}.
     */
    static double[] logLogFit(double[] x, double[] y) {
        int n = x.length;
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        double ssr = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (my + slope * (x[i] - mx));
            ssr += r * r;
        }
        double half = T_975[n - 2] * Math.sqrt(ssr / (n - 2) / sxx);
        return new double[] {slope, slope - half, slope + half};
    }

    /**
     * goroutines.littles-law WARN on the saturated yield run's step 3: 1031 of 1200 req/s answered (under
     * 95% of offered: saturated), and the target's own /sched/goroutines at the window's end, with the load
     * still on, far above baseline + twice Little's-law prediction + 20: the requests queue, and each
     * queued request holds its 16 yielding goroutines. A consequence of the saturation, so WARN, not FAIL.
     */
    @Test
    void littlesLawWarnsWhereGoroutinesQueueAtASaturatedStep() throws IOException {
        Path run = RunFixtures.RUNS.resolve("yield-saturated-go1.26");
        JsonNode load = load(run, 3);
        assertTrue(
                load.path("achievedQps").asDouble()
                        < 0.95 * load.path("offeredQps").asDouble(),
                "manifest: the step is past capacity");
        double baseline = sample(run.resolve("baseline/metrics.txt"), "go_sched_goroutines_goroutines");
        double atEnd = sample(run.resolve("step-03/metrics-end.txt"), "go_sched_goroutines_goroutines");
        double inFlight = load.path("achievedQps").asDouble()
                * load.path("latencyMs").path("mean").asDouble()
                / 1e3;
        double perRequest = createdPerRequest(run, 3);
        double limit = baseline + 2 * inFlight * perRequest + 20;
        CheckResult r = one(judge(run), GoroutineCheck.BLOWUP_ID, 3);
        assertEquals(Status.WARN, r.status(), r.evidence());
        assertEquals(limit, r.threshold(), 1e-9, r.evidence());
        long idle = ((Number) r.detailsMap().get("idleConnectionsExcluded")).longValue();
        assertEquals(atEnd - idle, r.value(), 0.0, r.evidence());
        assertTrue(atEnd - idle > 10 * limit, "far past the limit: " + (atEnd - idle) + " vs " + limit);
        // the queue named where the lab's handler waits for its yielders: yield.go's wg.Wait() line
        assertTrue(
                r.evidence().contains("the handlers wait at main.(*yielder).run yield.go:" + yieldWaitLine()),
                r.evidence());
        // the steps before keep up and stay within the prediction
        assertEquals(Status.PASS, one(judge(run), GoroutineCheck.BLOWUP_ID, 1).status());
        // step 4 answers nothing (every request past the client's timeout): no goroutines-created per
        // request of its own, so step 3's, the last step with requests in flight, and still WARN
        CheckResult none = one(judge(run), GoroutineCheck.BLOWUP_ID, 4);
        assertEquals(0, load(run, 4).path("achievedQps").asDouble(), 0.0);
        assertEquals(Status.WARN, none.status(), none.evidence());
        assertEquals(perRequest, (double) none.detailsMap().get("goroutinesPerRequest"), 1e-9, none.evidence());
    }

    /**
     * goroutines.leak WARN on the saturated yield run: 0.5 s after the load stopped, 7066 requests are still
     * being served, and 112,925 goroutines yield inside main.(*yielder).run.func1 on their behalf (go tool
     * pprof -top of the final goroutine profile, proofs/final-goroutine.txt). /yield leaks nothing (each
     * request's goroutines end before it answers: targets/lab/yield_test.go), so the +111,599 above the
     * baseline are the backlog's, not a leak: within 7066 handlers × the goroutines a request starts
     * (Δ/sched/goroutines-created per answered request at step 3). The check must WARN (lengthen the
     * cool-down), not FAIL.
     */
    @Test
    void aDrainingFanOutBacklogIsAWarnNotALeak() throws IOException {
        Path run = RunFixtures.RUNS.resolve("yield-saturated-go1.26");
        Path proof = run.resolve("proofs/final-goroutine.txt");
        double handlers = ProfileVerdictTest.pprofCum(proof, "main.(*yielder).run", 0);
        double children = ProfileVerdictTest.pprofCum(proof, "main.(*yielder).run.func1", 0);
        double baseline = sample(run.resolve("baseline/metrics.txt"), "go_sched_goroutines_goroutines");
        double after = sample(run.resolve("final/metrics.txt"), "go_sched_goroutines_goroutines");
        JsonNode load = load(run, 3);
        double perRequest = createdPerRequest(run, 3);
        CheckResult r = one(judge(run), GoroutineCheck.LEAK_ID, CheckResult.RAMP);
        assertEquals(Status.WARN, r.status(), r.evidence());
        // above the baseline: the scrape's rise without the handlers still serving (no idle connections here)
        assertEquals(after - baseline - handlers, r.value(), 0.0, r.evidence());
        assertEquals(handlers, ((Number) r.detailsMap().get("servingRequestsExcluded")).doubleValue(), 0.0);
        assertTrue(r.value() > 20, "without the backlog's children this would be a leak FAIL: " + r.value());
        assertTrue(r.value() <= children, "pprof: every goroutine counted is a yielding child: " + children);
        assertTrue(r.value() <= handlers * perRequest, "within what the requests in flight start");
        assertTrue(r.evidence().contains("lengthen -Dschedgate.cooldown.seconds"), r.evidence());
    }

    /**
     * capacity PASS on the healthy run: every check passes at every step, so capacity is step 3's
     * achieved rate as the load generator counted it; FAIL on the hotlock run, where lock.contention
     * fails from step 2 on and step 1 has a WARN (the two tests above and ProfileVerdictTest pin those).
     */
    @Test
    void capacityIsTheLoadGeneratorsRateAtTheLastPassingStep() throws IOException {
        Path healthy = RunFixtures.RUNS.resolve("healthy-go1.26");
        CheckResult pass = one(judge(healthy), CapacityCheck.ID, CheckResult.RAMP);
        assertEquals(Status.PASS, pass.status(), pass.evidence());
        assertEquals(load(healthy, 3).path("achievedQps").asDouble(), pass.value(), 1e-9);
        Verdict hot = judge(RunFixtures.RUNS.resolve("hotlock-go1.26"));
        CheckResult fail = one(hot, CapacityCheck.ID, CheckResult.RAMP);
        assertEquals(Status.FAIL, fail.status(), fail.evidence());
        for (int step = 1; step <= 3; step++) {
            int s = step;
            assertTrue(
                    hot.results().stream().anyMatch(c -> c.stepIndex() == s && c.status() != Status.PASS),
                    "step " + step + " has a check that did not pass");
        }
    }

    /**
     * capacity against a baseline of the same workload: the herd (/herd?us=300, Go 1.26.8) captured twice, the
     * second time with a 2400 req/s step (and execution traces). Each run's capacity is its step 4 (every check
     * passes there, one does not at step 5; the tests above pin those statuses), the load generator's 1599.9 and
     * 2399.7 req/s: judged against the later capture the earlier one dropped 33%, beyond the default 10% margin
     * (FAIL, floor 0.9 × 2399.7); the other way round capacity rose (PASS).
     */
    @Test
    void capacityFailsAgainstABaselineOfTheSameWorkload() throws IOException {
        Path herd = RunFixtures.RUNS.resolve("herd-go1.26");
        Path traced = RunFixtures.RUNS.resolve("herd-traced-go1.26");
        for (String field : List.of("/plan/endpointMix", "/target/goVersion")) {
            assertEquals(
                    JSON.readTree(herd.resolve("manifest.json").toFile()).at(field),
                    JSON.readTree(traced.resolve("manifest.json").toFile()).at(field),
                    field);
        }
        for (Path run : List.of(herd, traced)) {
            Verdict v = judge(run);
            assertTrue(v.results().stream().filter(c -> c.stepIndex() == 4).allMatch(c -> c.status() == Status.PASS));
            assertTrue(v.results().stream().anyMatch(c -> c.stepIndex() == 5 && c.status() != Status.PASS));
        }
        double now = load(herd, 4).path("achievedQps").asDouble();
        double before = load(traced, 4).path("achievedQps").asDouble();
        CheckResult drop = one(
                new VerdictEngine(Thresholds.defaults()).evaluate(herd, traced), CapacityCheck.ID, CheckResult.RAMP);
        assertEquals(Status.FAIL, drop.status(), drop.evidence());
        assertEquals(now, drop.value(), 1e-9);
        assertEquals(before * 0.9, drop.threshold(), 1e-9);
        assertTrue(drop.evidence().contains("dropped more than 10.0%"), drop.evidence());
        CheckResult rise = one(
                new VerdictEngine(Thresholds.defaults()).evaluate(traced, herd), CapacityCheck.ID, CheckResult.RAMP);
        assertEquals(Status.PASS, rise.status(), rise.evidence());
        assertEquals(before, rise.value(), 1e-9);
        assertEquals(now * 0.9, rise.threshold(), 1e-9);
    }

    /**
     * NO_DATA where a real run lost its data: the metrics-only fan-out run with step 3's end scrape
     * deleted, the load numbers of step 2 removed from the manifest and the final scrape deleted. Each
     * check that needs what is gone says NO_DATA for that step (or the ramp), and names what is missing.
     */
    @Test
    void eachCheckIsNoDataWhereItsInputIsGone(@TempDir Path tmp) throws IOException {
        Path run = RunFixtures.copyDir(METRICS_RUNS.resolve("fanout-go1.26"), tmp);
        Files.delete(run.resolve("step-03/metrics-end.txt"));
        Files.delete(run.resolve("final/metrics.txt"));
        ObjectNode manifest =
                (ObjectNode) JSON.readTree(run.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.path("steps").get(1)).remove("load");
        JSON.writeValue(run.resolve("manifest.json").toFile(), manifest);
        Verdict v = judge(run);
        for (String id : List.of(
                SchedLockPressureCheck.ID, WakeUpLinearityCheck.ID, SchedLatencyCheck.ID, GoroutineCheck.BLOWUP_ID)) {
            CheckResult r = one(v, id, 3);
            assertEquals(Status.NO_DATA, r.status(), id + ": " + r.evidence());
            assertTrue(r.evidence().contains("metrics-end"), id + ": " + r.evidence());
        }
        CheckResult saturation = one(v, SaturationCheck.ID, 2);
        assertEquals(Status.NO_DATA, saturation.status(), saturation.evidence());
        CheckResult leak = one(v, GoroutineCheck.LEAK_ID, CheckResult.RAMP);
        assertEquals(Status.NO_DATA, leak.status(), leak.evidence());
        CheckResult lock = one(v, LockContentionCheck.ID, 1);
        assertEquals(Status.NO_DATA, lock.status(), "a metrics-only run has no mutex profile: " + lock.evidence());
        assertTrue(Files.notExists(run.resolve("step-01/mutex.pb.gz")));
    }

    /**
     * schedlock.pressure PASS from profiles on the fan-out run (Go 1.26): the check's share is its spin
     * plus its holder-side wait, each equal to the go tool pprof -traces proofs in
     * SchedLockPressureProofTest, and far below the default 5% at every step.
     */
    @Test
    void schedLockFromProfilesPassesOnTheFanOut() {
        Verdict v = judge(RunFixtures.RUNS.resolve("fanout-go1.26"));
        for (int step = 1; step <= 3; step++) {
            CheckResult r = one(v, SchedLockPressureCheck.ID, step);
            assertEquals(Status.PASS, r.status(), r.evidence());
            assertEquals(false, r.detailsMap().get("upperBound"));
            double share = (double) r.detailsMap().get("spinShare")
                    + (double) r.detailsMap().get("waitShare");
            assertEquals(share, r.value(), 1e-15);
            assertTrue(share < 0.05, r.evidence());
        }
    }

    /**
     * schedlock.pressure from profiles at every level on the yield run (16 goroutines x 200
     * runtime.Gosched per request, 200/400/800/1600 req/s on 2 Ps): steps 1-2 PASS under 5%, step 3
     * WARN between 5% and 15%, step 4 FAIL above 15%, each the spin plus the holder-side wait (not an
     * upper bound), held most by runtime.goschedImpl (the yield's own globrunqput under sched.lock);
     * SchedLockPressureProofTest proves the same shares from `go tool pprof -traces -lines`.
     */
    @Test
    void schedLockFromProfilesWarnsAndFailsOnTheYield() {
        Verdict v = judge(RunFixtures.RUNS.resolve("yield-go1.26"));
        Status[] expected = {Status.PASS, Status.PASS, Status.WARN, Status.FAIL};
        for (int step = 1; step <= 4; step++) {
            CheckResult r = one(v, SchedLockPressureCheck.ID, step);
            assertEquals(expected[step - 1], r.status(), r.evidence());
            assertEquals(false, r.detailsMap().get("upperBound"));
            double share = (double) r.detailsMap().get("spinShare")
                    + (double) r.detailsMap().get("waitShare");
            assertEquals(share, r.value(), 1e-15);
            assertTrue(
                    r.evidence().contains("held most by runtime.goschedImpl"), "goschedImpl holds it: " + r.evidence());
        }
        assertTrue(one(v, SchedLockPressureCheck.ID, 3).value() > 0.05);
        assertTrue(one(v, SchedLockPressureCheck.ID, 3).value() < 0.15);
        assertTrue(one(v, SchedLockPressureCheck.ID, 4).value() > 0.15);
        assertFalse(v.gate().passed(), String.valueOf(v.gate().reasons()));
    }

    /**
     * The x8 of /sched/latencies (the runtime samples one scheduling event in 8) against a count
     * known in advance: each /yield request of the yield run makes exactly n*k = 3200 Gosched
     * (each one runnable-to-running transition; the lab's lab_yields_total counts them) plus n = 16
     * goroutine starts and the handler's wake-up from its WaitGroup, so at least 3217 events. The
     * check's events per request must be at least that and within 5% of it: without the x8 it would
     * be ~400, with a x4 or x16 the other side of the band.
     */
    @Test
    void schedulingEventsPerRequestMatchTheYieldsKnownCount() throws IOException {
        Path run = RunFixtures.RUNS.resolve("yield-go1.26");
        Verdict v = judge(run);
        double known = 16 * 200 + 16 + 1;
        for (int step = 1; step <= 4; step++) {
            CheckResult r = one(v, WakeUpLinearityCheck.ID, step);
            double yields = sample(run.resolve(String.format("step-%02d/metrics-end.txt", step)), "lab_yields_total")
                    - sample(run.resolve(String.format("step-%02d/metrics-start.txt", step)), "lab_yields_total");
            JsonNode load = load(run, step);
            double answered =
                    load.path("requests").asDouble() - load.path("errors").asDouble();
            assertEquals(
                    16 * 200, yields / answered, 16 * 200 * 0.01, "lab_yields_total per answered request, " + step);
            assertTrue(r.value() >= known && r.value() <= known * 1.05, r.evidence());
        }
    }

    /**
     * goroutines.littles-law and goroutines.leak PASS on the healthy run: at each step's end the
     * scrapes' /sched/goroutines (less idle keep-alive connections) is within the default slack of 20
     * above baseline plus requests in flight (manifest: achieved rate × mean latency), and after the
     * cool-down the final scrape is 3 above the baseline scrape.
     */
    @Test
    void goroutineChecksPassOnTheHealthyRunsScrapes() throws IOException {
        Path run = RunFixtures.RUNS.resolve("healthy-go1.26");
        Verdict v = judge(run);
        double baseline = sample(run.resolve("baseline/metrics.txt"), "go_sched_goroutines_goroutines");
        for (int step = 1; step <= 3; step++) {
            CheckResult r = one(v, GoroutineCheck.BLOWUP_ID, step);
            long idle = ((Number) r.detailsMap().get("idleConnectionsExcluded")).longValue();
            double end = sample(
                    run.resolve(String.format("step-%02d/metrics-end.txt", step)), "go_sched_goroutines_goroutines");
            JsonNode load = load(run, step);
            double inFlight = load.path("achievedQps").asDouble()
                    * load.path("latencyMs").path("mean").asDouble()
                    / 1e3;
            assertEquals(Status.PASS, r.status(), r.evidence());
            assertEquals(end - idle, r.value(), 0.0, r.evidence());
            assertTrue(end - idle <= baseline + inFlight * 2 + 20, r.evidence());
        }
        CheckResult leak = one(v, GoroutineCheck.LEAK_ID, CheckResult.RAMP);
        double after = sample(run.resolve("final/metrics.txt"), "go_sched_goroutines_goroutines");
        assertEquals(Status.PASS, leak.status(), leak.evidence());
        assertEquals(after - baseline, leak.value(), 0.0, leak.evidence());
        assertTrue(after - baseline <= 20);
    }

    /**
     * usl PASS on the herd run and WARN on the metrics-only fan-out run. The R² the check judges by is
     * recomputed here from the load generator's numbers (throughput = achieved rate, concurrency =
     * achieved rate × mean latency, Little's law) and the fitted σ, κ, λ: the herd's 0.97 is above the
     * check's 0.8 with σ ≤ 1 (the fit describes the steps), the fan-out's is negative (it does not).
     */
    @Test
    void uslJudgesTheFitByItsRSquaredOnTheLoadNumbers() throws IOException {
        Path herd = RunFixtures.RUNS.resolve("herd-go1.26");
        CheckResult pass = one(judge(herd), UslCheck.ID, CheckResult.RAMP);
        assertEquals(Status.PASS, pass.status(), pass.evidence());
        double r2 = rSquared(herd, pass);
        assertEquals(r2, (double) pass.detailsMap().get("rSquared"), 1e-9);
        assertTrue(r2 >= 0.8 && (double) pass.detailsMap().get("sigma") <= 1, pass.evidence());

        Path fanout = METRICS_RUNS.resolve("fanout-go1.26");
        CheckResult warn = one(judge(fanout), UslCheck.ID, CheckResult.RAMP);
        assertEquals(Status.WARN, warn.status(), warn.evidence());
        double r2f = rSquared(fanout, warn);
        assertEquals(r2f, (double) warn.detailsMap().get("rSquared"), 1e-9);
        assertTrue(r2f < 0.8, warn.evidence());
    }

    /** 1 − SS_res / SS_tot of the check's fitted USL against the manifest's achieved rates. */
    private static double rSquared(Path run, CheckResult usl) throws IOException {
        double sigma = (double) usl.detailsMap().get("sigma");
        double kappa = (double) usl.detailsMap().get("kappa");
        double lambda = (double) usl.detailsMap().get("lambda");
        List<double[]> points = new ArrayList<>();
        for (JsonNode s : JSON.readTree(run.resolve("manifest.json").toFile()).path("steps")) {
            double x = s.path("load").path("achievedQps").asDouble();
            points.add(new double[] {
                x * s.path("load").path("latencyMs").path("mean").asDouble() / 1e3, x
            });
        }
        double mean = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double res = 0;
        double tot = 0;
        for (double[] p : points) {
            double n = p[0];
            double fitted = lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
            res += (p[1] - fitted) * (p[1] - fitted);
            tot += (p[1] - mean) * (p[1] - mean);
        }
        return 1 - res / tot;
    }
}
