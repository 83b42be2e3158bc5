package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Each threshold's documented edge (docs/verdict-json.md, "Per check"), on a real run: a value "above"
 * a limit is strictly above, a count or rate "of at least" a limit may equal it. Each test judges the
 * run at the defaults, moves one limit onto the value the check reported, and re-judges: the status
 * must stay on the side the documentation gives, and one ulp past the value it must cross.
 */
class ThresholdBoundaryTest {

    private static final Path METRICS_RUNS = Path.of("src/test/resources/fixtures/metrics/runs");

    private static Verdict judge(Path run, Thresholds t) {
        return new VerdictEngine(t).evaluate(run);
    }

    private static CheckResult result(Verdict v, String id, int step, Predicate<CheckResult> which) {
        return v.results().stream()
                .filter(r -> r.checkId().equals(id) && r.stepIndex() == step && which.test(r))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " at " + step));
    }

    private static Predicate<CheckResult> any() {
        return r -> true;
    }

    private static Predicate<CheckResult> hotlockSite() {
        return r -> "main.(*hotlock).run".equals(r.detailsMap().get("function"));
    }

    private static double detail(CheckResult r, String key) {
        return ((Number) r.detailsMap().get(key)).doubleValue();
    }

    /**
     * Where {@code id}'s result at {@code step} stands when {@code limit} is set to the value it reported at the
     * defaults, and one ulp toward that value's side: {@code [at the value, one ulp past]}.
     */
    private static List<Status> edge(
            Path run,
            String id,
            int step,
            Predicate<CheckResult> which,
            Limit limit,
            double value,
            boolean pastIsBelow) {
        Thresholds defaults = Thresholds.defaults();
        double past = pastIsBelow ? Math.nextDown(value) : Math.nextUp(value);
        return List.of(
                result(judge(run, defaults.with(limit, value)), id, step, which).status(),
                result(judge(run, defaults.with(limit, past)), id, step, which).status());
    }

    /** The value {@code id} reported at {@code step} at the default thresholds, with its status checked. */
    private static CheckResult atDefaults(Path run, String id, int step, Predicate<CheckResult> which, Status s) {
        CheckResult r = result(judge(run, Thresholds.defaults()), id, step, which);
        assertEquals(s, r.status(), r.evidence());
        return r;
    }

    /** schedlock.pressure FAILs above schedlock.fail and WARNs above schedlock.warn: equal is the level below. */
    @Test
    void schedLockPressureAtItsLimitsIsTheLevelBelow() {
        Path run = RunFixtures.RUNS.resolve("yield-go1.26");
        String id = SchedLockPressureCheck.ID;
        double fail = atDefaults(run, id, 4, any(), Status.FAIL).value();
        assertEquals(
                List.of(Status.WARN, Status.FAIL), edge(run, id, 4, any(), SchedLockPressureCheck.FAIL, fail, true));
        double warn = atDefaults(run, id, 3, any(), Status.WARN).value();
        assertEquals(
                List.of(Status.PASS, Status.WARN), edge(run, id, 3, any(), SchedLockPressureCheck.WARN, warn, true));
    }

    /**
     * lock.contention: true contention FAILs above contention.fail and WARNs above contention.warn (the FAIL edge
     * on hotlock-noblock, whose 5.4% at step 2 is a fraction a limit can take; hotlock's step 2 waits 9 s per s).
     */
    @Test
    void lockContentionAtItsLimitsIsTheLevelBelow() {
        String id = LockContentionCheck.ID;
        Path noblock = RunFixtures.RUNS.resolve("hotlock-noblock-go1.26");
        double fail = atDefaults(noblock, id, 2, hotlockSite(), Status.FAIL).value();
        assertEquals(
                List.of(Status.WARN, Status.FAIL),
                edge(noblock, id, 2, hotlockSite(), LockContentionCheck.FAIL, fail, true));
        Path run = RunFixtures.RUNS.resolve("hotlock-go1.26");
        double warn = atDefaults(run, id, 1, hotlockSite(), Status.WARN).value();
        assertEquals(
                List.of(Status.PASS, Status.WARN),
                edge(run, id, 1, hotlockSite(), LockContentionCheck.WARN, warn, true));
    }

    /**
     * lock.contention's block and mutex dimensions are met "from" their rates: a site whose block delay or
     * contentions per second equal the limit is still true contention; one ulp more and it is a pseudo-spike.
     */
    @Test
    void lockContentionDimensionsAreMetAtTheirLimits() {
        Path run = RunFixtures.RUNS.resolve("hotlock-go1.26");
        String id = LockContentionCheck.ID;
        CheckResult r = atDefaults(run, id, 2, hotlockSite(), Status.FAIL);
        double block = detail(r, "blockDelayMsPerSecond");
        assertEquals(
                List.of(Status.FAIL, Status.PASS),
                edge(run, id, 2, hotlockSite(), LockContentionCheck.BLOCK_MIN_MS_PER_SECOND, block, false));
        double contentions = detail(r, "mutexContentionsPerSecond");
        assertEquals(
                List.of(Status.FAIL, Status.PASS),
                edge(
                        run,
                        id,
                        2,
                        hotlockSite(),
                        LockContentionCheck.MUTEX_MIN_CONTENTIONS_PER_SECOND,
                        contentions,
                        false));
        CheckResult pseudo = result(
                judge(
                        run,
                        Thresholds.defaults()
                                .with(LockContentionCheck.MUTEX_MIN_CONTENTIONS_PER_SECOND, Math.nextUp(contentions))),
                id,
                2,
                hotlockSite());
        assertEquals("pseudo-spike", pseudo.detailsMap().get("verdict"), pseudo.evidence());
    }

    /**
     * sched.latency from the scrape FAILs when the p99's bucket starts at or above schedlatency.p99FailMs
     * (the lower bound is the measurement); a limit one ulp above the bucket's start passes.
     */
    @Test
    void schedLatencyFailsFromABucketStartingAtTheLimit() {
        Path run = METRICS_RUNS.resolve("herd-go1.26");
        String id = SchedLatencyCheck.ID;
        double lower = detail(atDefaults(run, id, 2, any(), Status.FAIL), "bucketLowerMs");
        assertEquals(
                List.of(Status.FAIL, Status.PASS),
                edge(run, id, 2, any(), SchedLatencyCheck.P99_FAIL_MS, lower, false));
    }

    /**
     * sched.latency from an execution trace FAILs when the exact p99 is above schedlatency.p99FailMs, WARNs
     * instead at a saturated step (herd-traced: step 5 keeps up, step 6 does not); across the ramp it WARNs when
     * p99 grew 10× and the top step's is above schedlatency.p99WarnMs (yield-saturated).
     */
    @Test
    void schedLatencyFromTracesAndAcrossTheRampAtItsLimits() {
        String id = SchedLatencyCheck.ID;
        Path traced = RunFixtures.RUNS.resolve("herd-traced-go1.26");
        double kept = atDefaults(traced, id, 5, any(), Status.PASS).value();
        assertEquals(
                List.of(Status.PASS, Status.FAIL),
                edge(traced, id, 5, any(), SchedLatencyCheck.P99_FAIL_MS, kept, true));
        double saturated = atDefaults(traced, id, 6, any(), Status.PASS).value();
        assertEquals(
                List.of(Status.PASS, Status.WARN),
                edge(traced, id, 6, any(), SchedLatencyCheck.P99_FAIL_MS, saturated, true));
        Path queue = RunFixtures.RUNS.resolve("yield-saturated-go1.26");
        double last = detail(atDefaults(queue, id, CheckResult.RAMP, any(), Status.WARN), "lastP99Ms");
        assertEquals(
                List.of(Status.PASS, Status.WARN),
                edge(queue, id, CheckResult.RAMP, any(), SchedLatencyCheck.P99_WARN_MS, last, true));
    }

    /** The USL is fitted from usl.minSteps steps: a run with exactly that many is fitted, a step short it is not. */
    @Test
    void uslIsFittedFromExactlyItsMinimumSteps() {
        Path run = RunFixtures.RUNS.resolve("herd-go1.26");
        Thresholds defaults = Thresholds.defaults();
        int steps = RunData.read(run).steps().size();
        assertTrue(steps >= 4, "herd steps: " + steps);
        Verdict fitted = judge(run, defaults.with(UslCheck.MIN_STEPS, steps));
        assertTrue(
                fitted.result(UslCheck.ID, CheckResult.RAMP).isPresent(),
                fitted.notes().toString());
        Verdict short1 = judge(run, defaults.with(UslCheck.MIN_STEPS, steps + 1));
        assertTrue(short1.result(UslCheck.ID, CheckResult.RAMP).isEmpty());
        assertTrue(
                short1.notes().stream().anyMatch(n -> n.startsWith("usl: not fitted")),
                short1.notes().toString());
    }

    /**
     * schedlock.baseline FAILs when a step's share rose beyond both noise intervals and by at least
     * baseline.schedlockMinRise: yield (200 Gosched per goroutine) against yield-light (20), same Go and
     * endpoint. The largest rise as the limit still FAILs; one ulp more passes.
     */
    @Test
    void schedLockBaselineFailsOnARiseOfExactlyItsMinimum() {
        Path run = RunFixtures.RUNS.resolve("yield-go1.26");
        Path baseline = RunFixtures.RUNS.resolve("yield-light-go1.26");
        double rise = baselineResult(run, baseline, Thresholds.defaults()).value();
        assertTrue(rise > 0 && rise < 1, "largest rise " + rise);
        List<Status> edge = List.of(
                baselineResult(run, baseline, Thresholds.defaults().with(SchedLockBaseline.MIN_RISE, rise))
                        .status(),
                baselineResult(run, baseline, Thresholds.defaults().with(SchedLockBaseline.MIN_RISE, Math.nextUp(rise)))
                        .status());
        assertEquals(List.of(Status.FAIL, Status.PASS), edge);
    }

    private static CheckResult baselineResult(Path run, Path baseline, Thresholds t) {
        return result(new VerdictEngine(t).evaluate(run, baseline), SchedLockBaseline.ID, CheckResult.RAMP, any());
    }

    /**
     * The value of {@code limit} at which the result's threshold is exactly the value it reported, found from
     * {@code guess} one ulp at a time: for a threshold computed from the limit (baseline + 2·L·g + slack), where
     * setting the limit to the value itself cannot put the two level. (Not for the wake-up factor: k × the median
     * of the earlier steps steps over the value between two neighbouring k.)
     */
    private static double levelling(Path run, String id, int step, Limit limit, double guess) {
        return levelling(l -> result(judge(run, Thresholds.defaults().with(limit, l)), id, step, any()), guess, true);
    }

    /** As above for any judgement of {@code l}; {@code rising}: the threshold grows with the limit. */
    private static double levelling(DoubleFunction<CheckResult> judged, double guess, boolean rising) {
        double l = guess;
        Boolean below = null;
        for (int i = 0; i < 64; i++) {
            CheckResult r = judged.apply(l);
            int c = Double.compare(r.threshold(), r.value());
            if (c == 0) {
                return l;
            }
            assertTrue(below == null || below == (c < 0), "the threshold steps over the value " + r.value());
            below = c < 0;
            l = below == rising ? Math.nextUp(l) : Math.nextDown(l);
        }
        throw new AssertionError("no limit near " + guess + " puts the threshold on the value");
    }

    /** saturation WARNs when the error rate exceeds errors.max or p99 exceeds p99.sloMs: equal is within. */
    @Test
    void saturationAtItsErrorBudgetAndSloIsWithin() {
        Path hotlock = RunFixtures.RUNS.resolve("hotlock-go1.26");
        String id = SaturationCheck.ID;
        double errors = detail(atDefaults(hotlock, id, 3, any(), Status.WARN), "errorRate");
        assertEquals(
                List.of(Status.PASS, Status.WARN),
                edge(hotlock, id, 3, any(), SaturationCheck.MAX_ERRORS, errors, true));
        Path healthy = RunFixtures.RUNS.resolve("healthy-go1.26");
        double p99 = detail(atDefaults(healthy, id, 2, any(), Status.PASS), "p99Ms");
        assertEquals(
                List.of(Status.PASS, Status.WARN), edge(healthy, id, 2, any(), SaturationCheck.P99_SLO, p99, true));
    }

    /**
     * sched.lock from the mutex-wait counter alone (an upper bound, never FAIL) WARNs only above schedlock.warn:
     * the metrics fan-out's step 6 (4.5%, PASS at the default 5%) with the limit on its value still PASSes.
     */
    @Test
    void schedLockFromTheCounterAtItsWarnLimitPasses() {
        Path run = METRICS_RUNS.resolve("fanout-go1.26");
        String id = SchedLockPressureCheck.ID;
        CheckResult pass = atDefaults(run, id, 6, any(), Status.PASS);
        assertEquals(Boolean.TRUE, pass.detailsMap().get("upperBound"), pass.evidence());
        assertEquals(
                List.of(Status.PASS, Status.WARN),
                edge(run, id, 6, any(), SchedLockPressureCheck.WARN, pass.value(), true));
    }

    /** A step judged at the WARN level reports the FAIL level as its threshold, one at the PASS level the WARN level. */
    @Test
    void schedLockPressureReportsTheNextLevelUpAsItsThreshold() {
        Path run = RunFixtures.RUNS.resolve("yield-go1.26");
        String id = SchedLockPressureCheck.ID;
        double v = atDefaults(run, id, 3, any(), Status.WARN).value();
        CheckResult at = result(judge(run, Thresholds.defaults().with(SchedLockPressureCheck.WARN, v)), id, 3, any());
        assertEquals(v, at.threshold(), at.evidence());
        CheckResult past = result(
                judge(run, Thresholds.defaults().with(SchedLockPressureCheck.WARN, Math.nextDown(v))), id, 3, any());
        assertEquals(Thresholds.defaults().get(SchedLockPressureCheck.FAIL), past.threshold(), past.evidence());
    }

    /**
     * goroutines.littles-law FAILs above baseline + 2·L·g + slack: the leak run's step 1 with the slack that puts
     * that limit exactly on the goroutines counted PASSes, one ulp less FAILs.
     */
    @Test
    void littlesLawAtItsLimitPasses() {
        Path run = RunFixtures.RUNS.resolve("leak-go1.26");
        String id = GoroutineCheck.BLOWUP_ID;
        CheckResult fail = atDefaults(run, id, 1, any(), Status.FAIL);
        double slack = levelling(
                run,
                id,
                1,
                GoroutineCheck.SLACK,
                Thresholds.defaults().get(GoroutineCheck.SLACK) + fail.value() - fail.threshold());
        assertEquals(
                List.of(Status.PASS, Status.FAIL),
                List.of(
                        result(judge(run, Thresholds.defaults().with(GoroutineCheck.SLACK, slack)), id, 1, any())
                                .status(),
                        result(
                                        judge(
                                                run,
                                                Thresholds.defaults().with(GoroutineCheck.SLACK, Math.nextDown(slack))),
                                        id,
                                        1,
                                        any())
                                .status()));
    }

    /**
     * capacity FAILs against a baseline when it is below baseline × (1 − baseline.capacityMargin): the herd
     * (1599.9 req/s) against its traced capture (2399.7 req/s) with the margin that puts that floor exactly on
     * the herd's capacity PASSes, one ulp less margin FAILs.
     */
    @Test
    void capacityAtItsMarginIsNoDrop() {
        Path run = RunFixtures.RUNS.resolve("herd-go1.26");
        Path baseline = RunFixtures.RUNS.resolve("herd-traced-go1.26");
        DoubleFunction<CheckResult> judged = m -> result(
                new VerdictEngine(Thresholds.defaults().with(CapacityCheck.CAPACITY_MARGIN, m)).evaluate(run, baseline),
                CapacityCheck.ID,
                CheckResult.RAMP,
                any());
        CheckResult fail = judged.apply(Thresholds.defaults().get(CapacityCheck.CAPACITY_MARGIN));
        assertEquals(Status.FAIL, fail.status(), fail.evidence());
        double baselineQps = ((Number) fail.detailsMap().get("baselineQps")).doubleValue();
        double margin = levelling(judged, 1 - fail.value() / baselineQps, false);
        assertEquals(
                List.of(Status.PASS, Status.FAIL),
                List.of(
                        judged.apply(margin).status(),
                        judged.apply(Math.nextDown(margin)).status()));
    }
}
