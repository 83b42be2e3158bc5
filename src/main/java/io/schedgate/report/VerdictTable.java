package io.schedgate.report;

import io.schedgate.text.Numbers;
import io.schedgate.text.Wrap;
import io.schedgate.verdict.Capacity;
import io.schedgate.verdict.CausalOrder;
import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Evidence;
import io.schedgate.verdict.Status;
import io.schedgate.verdict.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console table, fitted to {@value #WIDTH} columns: one row per check and step (a check with several
 * results at one step, one per lock site, shows the worst and lists each under it), its evidence wrapped
 * beneath it and shortened past {@value #EVIDENCE_LINES} lines (verdict.json and the report hold every
 * sentence whole); then capacity, gate and notes.
 */
public final class VerdictTable {
    /** A terminal's width, as the issue asks; Gatling's own final report is wider. */
    public static final int WIDTH = 120;
    /** Lines of evidence per row before it is shortened. */
    static final int EVIDENCE_LINES = 3;

    private static final String INDENT = "    ";
    private static final String[] HEADER = {"CHECK", "STEP", "STATUS", "VALUE", "THRESHOLD", "UNIT", "CONF"};
    /** A unit longer than this is cut: the evidence says the same in words. */
    private static final int UNIT_WIDTH = 28;

    private VerdictTable() {}

    public static String render(Verdict v) {
        List<List<CheckResult>> groups = groups(v.results());
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (List<CheckResult> g : groups) {
            CheckResult r = worst(g);
            rows.add(new String[] {
                r.checkId(),
                r.rampWide() ? "ramp" : String.format("%02d", r.stepIndex()),
                r.status().name(),
                r.value() == null ? "-" : Numbers.num(r.value()),
                r.threshold() == null ? "-" : Numbers.num(r.threshold()),
                cut(r.unit() == null ? "" : r.unit(), UNIT_WIDTH),
                r.confidence() == null ? "" : r.confidence().json()
            });
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("schedgate verdict for ")
                .append(v.simulation())
                .append(" (")
                .append(v.goVersion() == null ? "Go version unknown" : v.goVersion())
                .append(", run ")
                .append(v.runStatus())
                .append(")\n");
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(i == width.length - 1 ? rows.get(r)[i] : pad(rows.get(r)[i], width[i]) + "  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                continue;
            }
            List<CheckResult> g = groups.get(r - 1);
            if (g.size() == 1) {
                evidence(out, INDENT, g.get(0).evidence(), EVIDENCE_LINES);
            } else {
                for (CheckResult site : g) {
                    evidence(out, INDENT + "- ", site.status().name() + " " + site.evidence(), 2);
                }
            }
        }
        Capacity c = v.capacity();
        out.append("capacity: ")
                .append(
                        c.qps() == null
                                ? "none (no step passed every check)"
                                : Numbers.num(c.qps()) + " req/s at step " + String.format("%02d", c.stepIndex()));
        if (c.baselineQps() != null) {
            out.append(" (baseline ").append(Numbers.num(c.baselineQps())).append(" req/s)");
        }
        out.append('\n');
        out.append("gate: ")
                .append(v.gate().passed() ? "PASS" : v.gate().checkFailed() ? "FAIL" : "FAIL (no data)")
                .append(" (exit ")
                .append(v.gate().exitCode())
                .append(")\n");
        evidence(out, "decisive: ", decisive(v), 4);
        for (String reason : v.gate().reasons()) {
            evidence(out, "  - ", reason, 2);
        }
        for (String note : v.notes()) {
            evidence(out, "note: ", note, 2);
        }
        return out.toString();
    }

    /**
     * The one result a reader should see first: that the run ended early (why, and that only the steps
     * before it are judged), else the cause among the FAILs ({@link CausalOrder}) with the failures it
     * explains, else the first NO_DATA, else the capacity.
     */
    public static String decisive(Verdict v) {
        if (!io.schedgate.run.Manifest.COMPLETE.equals(v.runStatus())
                && !v.gate().reasons().isEmpty()) {
            return v.gate().reasons().get(0) + " (the checks judge the steps it measured)";
        }
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

    /** Results of one check at one step, in the verdict's order. */
    private static List<List<CheckResult>> groups(List<CheckResult> results) {
        Map<String, List<CheckResult>> byKey = new LinkedHashMap<>();
        for (CheckResult r : results) {
            byKey.computeIfAbsent(r.checkId() + "@" + r.stepIndex(), k -> new ArrayList<>())
                    .add(r);
        }
        return new ArrayList<>(byKey.values());
    }

    private static CheckResult worst(List<CheckResult> g) {
        CheckResult worst = g.get(0);
        for (CheckResult r : g) {
            if (r.status().ordinal() > worst.status().ordinal()) {
                worst = r;
            }
        }
        return worst;
    }

    /** {@code text} wrapped at {@link #WIDTH} under {@code prefix}, at most {@code maxLines} lines. */
    static void evidence(StringBuilder out, String prefix, String text, int maxLines) {
        String more = " … (whole in verdict.json)";
        String hang = " ".repeat(prefix.length());
        int room = WIDTH - prefix.length();
        List<String> lines = Wrap.lines(text, room);
        if (lines.size() > maxLines) {
            // the last line kept ends with the pointer to the whole sentence
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines - 1));
            String tail = String.join(" ", lines.subList(maxLines - 1, lines.size()));
            String head = tail.substring(0, Math.max(0, room - more.length()));
            int space = head.lastIndexOf(' ');
            kept.add((space > room / 2 ? head.substring(0, space) : head) + more);
            lines = kept;
        }
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? prefix : hang).append(lines.get(i)).append('\n');
        }
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
