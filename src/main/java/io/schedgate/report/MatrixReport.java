package io.schedgate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schedgate.text.Numbers;
import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.SchedLockPressureCheck;
import io.schedgate.verdict.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code go-matrix.html}: the same experiment's runs side by side, one column per Go version (or any
 * label): a table of every check at every step with the runs' statuses and values, rows where they
 * differ marked, the warnings where a signal's meaning changed between the versions, charts across
 * steps with one series per run (achieved req/s, p99, wake-ups per request, sched.lock and GC shares),
 * and a link to each run's own {@code report.html}. Self-contained like {@link HtmlReport}.
 */
public final class MatrixReport {

    public static final String FILE_NAME = "go-matrix.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run of the matrix: its label (e.g. {@code go1.23.12}), its verdict and its run directory. */
    public record Column(String label, Verdict verdict, Path runDir) {
        public Column {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(runDir, "runDir");
        }
    }

    private MatrixReport() {}

    /**
     * Writes go-matrix.html into {@code outDir} (atomically) and returns its path.
     *
     * @param name the experiment's name
     * @param columns the runs, in the order they are shown, at least one
     * @param warnings sentences on what changed in meaning between the runs (none: empty)
     */
    public static Path write(Path outDir, String name, List<Column> columns, List<String> warnings) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a matrix report needs at least one run");
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        return HtmlReport.writeAtomically(outDir.resolve(FILE_NAME), render(outDir, name, columns, warnings));
    }

    static String render(Path outDir, String name, List<Column> columns, List<String> warnings) {
        List<ReportModel> models = columns.stream()
                .map(c -> ReportModel.of(c.runDir(), c.verdict()))
                .toList();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n<title>schedgate Go matrix: ")
                .append(HtmlReport.esc(name))
                .append("</title>\n<style>\n")
                .append(HtmlReport.resource(HtmlReport.UPLOT + "uPlot.min.css"))
                .append('\n')
                .append(HtmlReport.resource("io/schedgate/report/report.css"))
                .append("</style>\n</head>\n<body>\n<header>\n<h1>schedgate Go matrix: ")
                .append(HtmlReport.esc(name))
                .append("</h1>\n<ul id='runs'>\n");
        for (Column c : columns) {
            runLink(b, outDir, c);
        }
        b.append("</ul>\n");
        if (!warnings.isEmpty()) {
            b.append("<ul id='meaning-changes' class='meaning-changes'>\n");
            warnings.forEach(
                    w -> b.append("<li>warning: ").append(HtmlReport.esc(w)).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("</header>\n");
        table(b, columns);
        b.append("<section id='charts'><h2>Across steps (offered req/s on x), one series per run</h2>\n");
        chart(b, "qps", "Achieved req/s (capacity of each run marked)");
        chart(b, "p99", "Latency p99 (ms, log scale)");
        chart(b, "wakeups", "Scheduling events (wake-ups) per request");
        chart(b, "schedlock", "sched.lock share of processor time (%) and the WARN / FAIL thresholds");
        chart(b, "gc", "GC share of CPU (%)");
        b.append("</section>\n");
        b.append("<script>\n")
                .append(HtmlReport.resource(HtmlReport.UPLOT + "uPlot.iife.min.js"))
                .append("\n</script>\n");
        b.append("<script type='application/json' id='matrix-data'>")
                .append(chartData(outDir, columns, models).replace("</", "<\\/"))
                .append("</script>\n");
        b.append("<script>\n")
                .append(HtmlReport.resource(HtmlReport.RUNS_CHART))
                .append("\n</script>\n");
        b.append("<script>\n")
                .append(HtmlReport.resource("io/schedgate/report/matrix.js"))
                .append("\n</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void runLink(StringBuilder b, Path outDir, Column c) {
        Verdict v = c.verdict();
        b.append("<li data-label='").append(HtmlReport.esc(c.label())).append("'><strong>");
        b.append(HtmlReport.esc(c.label())).append("</strong>: gate ").append(HtmlReport.gateWord(v));
        Double qps = v.capacity().qps();
        b.append(", capacity ").append(qps == null ? "none" : Numbers.num(qps) + " req/s");
        Path report = c.runDir().resolve(HtmlReport.FILE_NAME);
        if (Files.isRegularFile(report)) {
            String href = relative(outDir, report);
            b.append(" · <a href='")
                    .append(HtmlReport.esc(href))
                    .append("'>")
                    .append(HtmlReport.esc(href))
                    .append("</a>");
        } else {
            b.append(" · no report.html in ").append(HtmlReport.esc(c.runDir().toString()));
        }
        b.append("</li>\n");
    }

    /** {@code to} as a link from a page in {@code fromDir}, with forward slashes. */
    static String relative(Path fromDir, Path to) {
        return fromDir.toAbsolutePath()
                .normalize()
                .relativize(to.toAbsolutePath().normalize())
                .toString()
                .replace('\\', '/');
    }

    /** The check ids and steps any run judged, in first-seen order. */
    private static List<CheckResult> keys(List<Column> columns) {
        Set<String> seen = new LinkedHashSet<>();
        List<CheckResult> out = new ArrayList<>();
        for (Column c : columns) {
            for (CheckResult r : c.verdict().results()) {
                if (seen.add(r.checkId() + "@" + r.stepIndex())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static void table(StringBuilder b, List<Column> columns) {
        b.append("<section id='matrix'><h2>Every check at every step, per run</h2>\n");
        b.append("<p>A cell is the check's most serious result at the step (PASS &lt; WARN &lt; NO_DATA &lt; FAIL) and"
                + " its value; hover it for the evidence. A row whose statuses differ is marked.</p>\n");
        b.append("<table class='matrix' id='matrix-table'>\n<tr><th>check</th><th>step</th>");
        columns.forEach(c -> b.append("<th>").append(HtmlReport.esc(c.label())).append("</th>"));
        b.append("<th></th></tr>\n");
        List<String> gates =
                columns.stream().map(c -> HtmlReport.gateWord(c.verdict())).toList();
        b.append("<tr data-check='gate' data-step='ramp'").append(differs(gates) ? " class='differs'" : "");
        b.append("><td>gate</td><td>ramp</td>");
        gates.forEach(g -> b.append("<td class='")
                .append(g)
                .append("' data-status='")
                .append(g)
                .append("'>")
                .append(g)
                .append("</td>"));
        b.append(marker(gates)).append("</tr>\n");
        for (CheckResult key : keys(columns)) {
            List<CheckResult> cells = columns.stream()
                    .map(c -> c.verdict().worst(key.checkId(), key.stepIndex()))
                    .toList();
            List<String> statuses =
                    cells.stream().map(r -> r == null ? "-" : r.status().name()).toList();
            String step = key.rampWide() ? "ramp" : String.format(Locale.ROOT, "%02d", key.stepIndex());
            b.append("<tr data-check='")
                    .append(HtmlReport.esc(key.checkId()))
                    .append("' data-step='")
                    .append(step)
                    .append("'")
                    .append(differs(statuses) ? " class='differs'" : "")
                    .append("><td>")
                    .append(HtmlReport.esc(key.checkId()))
                    .append("</td><td>")
                    .append(step)
                    .append("</td>");
            for (CheckResult r : cells) {
                if (r == null) {
                    b.append("<td data-status='-'>-</td>");
                    continue;
                }
                b.append("<td class='")
                        .append(r.status())
                        .append("' data-status='")
                        .append(r.status())
                        .append("' title='")
                        .append(HtmlReport.esc(r.evidence()))
                        .append("'>")
                        .append(r.status())
                        .append(r.value() == null ? "" : " " + HtmlReport.esc(Numbers.num(r.value())))
                        .append("</td>");
            }
            b.append(marker(statuses)).append("</tr>\n");
        }
        b.append("</table>\n</section>\n");
    }

    private static boolean differs(List<String> statuses) {
        return statuses.stream().distinct().count() > 1;
    }

    private static String marker(List<String> statuses) {
        return differs(statuses) ? "<td class='marker'>differs</td>" : "<td></td>";
    }

    private static void chart(StringBuilder b, String id, String caption) {
        b.append("<figure class='chart-box'><figcaption>")
                .append(HtmlReport.esc(caption))
                .append("</figcaption><div class='chart' id='chart-")
                .append(id)
                .append("'></div></figure>\n");
    }

    /** Per run its label, link and every step's numbers (as report.html's charts have them), and the limits. */
    static String chartData(Path outDir, List<Column> columns, List<ReportModel> models) {
        ObjectNode root = JSON.createObjectNode();
        Verdict first = columns.get(0).verdict();
        if (first.thresholds().get(SchedLockPressureCheck.WARN.key()) instanceof Number warn) {
            root.put("schedlockWarn", 100 * warn.doubleValue());
        }
        if (first.thresholds().get(SchedLockPressureCheck.FAIL.key()) instanceof Number fail) {
            root.put("schedlockFail", 100 * fail.doubleValue());
        }
        ArrayNode runs = root.putArray("runs");
        for (int i = 0; i < columns.size(); i++) {
            ObjectNode run = runs.addObject();
            run.put("label", columns.get(i).label());
            run.put("runDir", relative(outDir, columns.get(i).runDir()));
            HtmlReport.stepData(run, models.get(i));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
