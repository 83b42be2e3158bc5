package io.schedgate.verdict;

import io.schedgate.text.Numbers;
import java.util.List;

/**
 * Capacity: the highest step where every per-step check before this one PASSed ({@link Capacity}),
 * and with a baseline run, FAIL when it dropped by more than {@code baseline.capacityMargin}.
 */
public final class CapacityCheck implements Check {

    public static final String ID = "capacity";

    static final Limit CAPACITY_MARGIN = Limit.fraction(
            "baseline.capacityMargin", 0.10, "FAIL when capacity drops by more than this against a baseline run");

    /** The values this check reads. */
    record Limits(double baselineCapacityMargin) {
        static Limits of(Thresholds t) {
            return new Limits(t.get(CAPACITY_MARGIN));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Limit> limits() {
        return List.of(CAPACITY_MARGIN);
    }

    /** The run's capacity from the per-step results of the checks before it. */
    static Capacity capacity(CheckInput in) {
        List<CheckResult> perStep =
                in.earlier().stream().filter(r -> !r.rampWide()).toList();
        return Capacity.of(
                in.run(),
                perStep,
                in.baseline() == null ? null : in.baseline().capacity().qps());
    }

    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        return List.of(result(in.run(), capacity(in), in.earlier(), in.baseline(), Limits.of(in.thresholds())));
    }

    private static CheckResult result(
            RunData run, Capacity capacity, List<CheckResult> earlier, Verdict baseline, Limits t) {
        Details details = new Details(capacity.stepIndex(), null);
        if (run.steps().isEmpty()) {
            return CheckResult.noData(ID, CheckResult.RAMP, "req/s", "no steps completed");
        }
        // the load generator's own counters (saturation) always exist; a step no other check could read
        // (every capture failed: the target died before the window) measured nothing to state a capacity by
        boolean measured = earlier.stream()
                .anyMatch(r -> !r.rampWide()
                        && r.status() != Status.NO_DATA
                        && !r.checkId().equals(SaturationCheck.ID));
        if (!measured) {
            return CheckResult.noData(
                    ID,
                    CheckResult.RAMP,
                    "req/s",
                    "no step was measured: every check but the load counters' saturation had no data at every step");
        }
        if (capacity.qps() == null) {
            return new CheckResult(
                    ID,
                    CheckResult.RAMP,
                    Status.FAIL,
                    null,
                    null,
                    "req/s",
                    Confidence.HIGH,
                    "no step passed every check, so no capacity can be stated",
                    details);
        }
        String at = Numbers.num(capacity.qps()) + " req/s (" + Evidence.step(capacity.stepIndex())
                + ", the highest step where every check passed)";
        if (baseline == null) {
            return new CheckResult(
                    ID,
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
                    ID,
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
        double floor = capacity.baselineQps() * (1 - t.baselineCapacityMargin());
        details = new Details(capacity.stepIndex(), capacity.baselineQps());
        double change = capacity.qps() / capacity.baselineQps() - 1;
        boolean dropped = capacity.qps() < floor;
        return new CheckResult(
                ID,
                CheckResult.RAMP,
                dropped ? Status.FAIL : Status.PASS,
                capacity.qps(),
                floor,
                "req/s",
                Confidence.HIGH,
                "capacity " + at + ", baseline " + Numbers.num(capacity.baselineQps()) + " req/s ("
                        + (change >= 0 ? "+" : "") + Numbers.percent(change)
                        + (dropped ? ", dropped more than " + Numbers.percent(t.baselineCapacityMargin()) : "")
                        + ")",
                details);
    }

    /** The capacity step (null: none passed) and, once compared, the baseline's capacity. */
    public record Details(
            Integer stepIndex, @CheckDetails.Optional Double baselineQps) implements CheckDetails {}
}
