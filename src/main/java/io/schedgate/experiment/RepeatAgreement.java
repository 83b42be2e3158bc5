package io.schedgate.experiment;

import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Status;
import io.schedgate.verdict.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How repetitions of one experiment agree: for every check and step any repetition judged, the
 * status each gave (its most serious, where the check judged several sites there) and the spread of
 * its value. A check whose status flipped between repetitions is
 * {@link #unstable() unstable}: reported, never silently picked. The gate and the capacity step are
 * compared as the pseudo-checks {@code gate} and {@code capacity.step}.
 */
public final class RepeatAgreement {

    /**
     * One check at one step across repetitions.
     *
     * @param checkId the check's id, e.g. {@code lock.contention}
     * @param stepIndex the step, or {@link CheckResult#RAMP} for a ramp-wide result
     * @param statuses each repetition's status, in order; null where a repetition had no such result
     * @param values each repetition's measured value, in order; null where none
     */
    public record Row(String checkId, int stepIndex, List<Status> statuses, List<Double> values) {
        public Row {
            statuses = Collections.unmodifiableList(new ArrayList<>(statuses));
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** Every repetition gave the same status (a missing result counts as a different one). */
        public boolean agreed() {
            return statuses.stream().allMatch(s -> Objects.equals(s, statuses.get(0)));
        }

        /** The share of repetitions that gave the most common status, 0..1. */
        public double agreementRate() {
            Map<Status, Integer> counts = new LinkedHashMap<>();
            statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
            int top = counts.values().stream().max(Integer::compare).orElse(0);
            return statuses.isEmpty() ? 1 : (double) top / statuses.size();
        }

        /** The smallest, median and largest value the repetitions measured; empty when none measured one. */
        public List<Double> spread() {
            List<Double> v = values.stream().filter(Objects::nonNull).sorted().toList();
            if (v.isEmpty()) {
                return List.of();
            }
            int n = v.size();
            double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
            return List.of(v.get(0), median, v.get(n - 1));
        }

        String where() {
            return stepIndex == CheckResult.RAMP ? "ramp" : "step " + stepIndex;
        }
    }

    private final int repetitions;
    private final List<Row> rows;

    private RepeatAgreement(int repetitions, List<Row> rows) {
        this.repetitions = repetitions;
        this.rows = List.copyOf(rows);
    }

    /** Compares the verdicts of the repetitions of one experiment. */
    public static RepeatAgreement of(List<Verdict> verdicts) {
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, int[]> keys = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            for (CheckResult r : v.results()) {
                keys.putIfAbsent(key(r.checkId(), r.stepIndex()), new int[] {r.stepIndex()});
            }
        }
        for (Map.Entry<String, int[]> k : keys.entrySet()) {
            String id = k.getKey().substring(0, k.getKey().lastIndexOf('@'));
            int step = k.getValue()[0];
            List<Status> st = new ArrayList<>();
            List<Double> val = new ArrayList<>();
            for (Verdict v : verdicts) {
                CheckResult r = v.worst(id, step);
                st.add(r == null ? null : r.status());
                val.add(r == null ? null : r.value());
            }
            rows.put(k.getKey(), new Row(id, step, st, val));
        }
        List<Status> gate = new ArrayList<>();
        List<Double> capacity = new ArrayList<>();
        List<Status> capacityFound = new ArrayList<>();
        for (Verdict v : verdicts) {
            gate.add(v.gate().passed() ? Status.PASS : Status.FAIL);
            capacity.add(
                    v.capacity().stepIndex() == null
                            ? null
                            : v.capacity().stepIndex().doubleValue());
            capacityFound.add(v.capacity().stepIndex() == null ? Status.NO_DATA : Status.PASS);
        }
        List<Row> all = new ArrayList<>();
        all.add(new Row(
                "gate",
                CheckResult.RAMP,
                gate,
                verdicts.stream().map(v -> (double) v.gate().exitCode()).toList()));
        all.add(new Row("capacity.step", CheckResult.RAMP, capacityFound, capacity));
        all.addAll(rows.values());
        return new RepeatAgreement(verdicts.size(), all);
    }

    private static String key(String id, int step) {
        return id + "@" + step;
    }

    /** How many repetitions were compared. */
    public int repetitions() {
        return repetitions;
    }

    /** Every check and step (gate and capacity step first). */
    public List<Row> rows() {
        return rows;
    }

    /** The rows whose status flipped between repetitions. */
    public List<Row> unstable() {
        return rows.stream().filter(r -> !r.agreed()).toList();
    }

    /** Whether every check at every step got the same status in every repetition. */
    public boolean fullAgreement() {
        return unstable().isEmpty();
    }

    /** The share of rows on which all repetitions agreed, 0..1. */
    public double rate() {
        return rows.isEmpty() ? 1 : (double) (rows.size() - unstable().size()) / rows.size();
    }

    /** A plain-text table: check, step, each repetition's status, agreement, value min / median / max. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "repeat agreement over %d repetition%s: %d of %d check results agree (%.0f%%)%s%n",
                repetitions,
                repetitions == 1 ? "" : "s",
                rows.size() - unstable().size(),
                rows.size(),
                100 * rate(),
                fullAgreement() ? "" : "; UNSTABLE: " + unstable().size()));
        for (Row r : rows) {
            List<Double> s = r.spread();
            out.append(String.format(
                    Locale.ROOT,
                    "  %-22s %-7s %-34s %-9s %s%n",
                    r.checkId(),
                    r.where(),
                    r.statuses().stream().map(x -> x == null ? "-" : x.name()).toList(),
                    r.agreed() ? "agreed" : "UNSTABLE",
                    s.isEmpty()
                            ? ""
                            : String.format(
                                    Locale.ROOT, "value %s / %s / %s", num(s.get(0)), num(s.get(1)), num(s.get(2)))));
        }
        return out.toString();
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString((long) d)
                : String.format(Locale.ROOT, "%.3g", d);
    }

    @Override
    public String toString() {
        return render();
    }
}
