package io.schedgate.report;

import io.schedgate.verdict.Capacity;
import io.schedgate.verdict.CausalOrder;
import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Evidence;
import io.schedgate.verdict.Status;
import io.schedgate.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The console table: one row per check and step, then capacity, gate and notes. */
public final class VerdictTable {

    private static final String[] HEADER = {"CHECK", "STEP", "STATUS", "VALUE", "THRESHOLD", "UNIT", "CONF", "EVIDENCE"
    };

    private VerdictTable() {}

    public static String render(Verdict v) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CheckResult r : v.results()) {
            rows.add(new String[] {
                r.checkId(),
                r.rampWide() ? "ramp" : String.format("%02d", r.stepIndex()),
                r.status().name(),
                r.value() == null ? "-" : Evidence.num(r.value()),
                r.threshold() == null ? "-" : Evidence.num(r.threshold()),
                r.unit() == null ? "" : r.unit(),
                r.confidence() == null ? "" : r.confidence().json(),
                r.evidence()
            });
        }
        int[] width = new int[HEADER.length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("schedgate verdict for ")
                .append(v.simulation())
                .append(" (")
                .append(v.goVersion())
                .append(", run ")
                .append(v.runStatus())
                .append(")\n");
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) {
                out.append(pad(row[i], width[i])).append("  ");
            }
            out.append(row[width.length]).append('\n');
        }
        Capacity c = v.capacity();
        out.append("capacity: ")
                .append(
                        c.qps() == null
                                ? "none (no step passed every check)"
                                : Evidence.num(c.qps()) + " req/s at step " + String.format("%02d", c.stepIndex()));
        if (c.baselineQps() != null) {
            out.append(" (baseline ").append(Evidence.num(c.baselineQps())).append(" req/s)");
        }
        out.append('\n');
        out.append("gate: ")
                .append(v.gate().passed() ? "PASS" : v.gate().checkFailed() ? "FAIL" : "FAIL (no data)")
                .append(" (exit ")
                .append(v.gate().exitCode())
                .append(")\n");
        out.append("decisive: ").append(decisive(v)).append('\n');
        for (String reason : v.gate().reasons()) {
            out.append("  - ").append(reason).append('\n');
        }
        for (String note : v.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /**
     * The one result a reader should see first: the cause among the FAILs ({@link CausalOrder}) with the
     * failures it explains, else the first NO_DATA, else the capacity.
     */
    public static String decisive(Verdict v) {
        Optional<CausalOrder> order = CausalOrder.of(v);
        if (order.isPresent()) {
            CheckResult r = order.get().cause();
            String line = label(r) + " FAIL: " + r.evidence();
            List<CheckResult> after = order.get().consequences();
            return after.isEmpty()
                    ? line
                    : line + " (cause; consequences: "
                            + after.stream().map(VerdictTable::label).distinct().collect(Collectors.joining(", "))
                            + ")";
        }
        for (CheckResult r : v.results()) {
            if (r.status() == Status.NO_DATA) {
                return label(r) + " NO_DATA: " + r.evidence();
            }
        }
        return v.result("capacity", CheckResult.RAMP).map(CheckResult::evidence).orElse("no results");
    }

    private static String label(CheckResult r) {
        return r.checkId() + (r.rampWide() ? "" : " " + Evidence.step(r.stepIndex()));
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
