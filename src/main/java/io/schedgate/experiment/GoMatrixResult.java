package io.schedgate.experiment;

import io.schedgate.report.MatrixReport;
import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Status;
import io.schedgate.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link GoMatrix}'s outcome: per Go version the experiment's result, and one table of every check
 * at every step across the versions, with a warning wherever a signal's meaning changed between
 * the versions compared.
 *
 * @param name the experiment's name
 * @param columns one per Go, in the order they ran
 * @param report the comparison as a page ({@code go-matrix.html}: table and charts), null when not written
 */
public record GoMatrixResult(String name, List<Column> columns, Path report) {

    /** One Go version's run: its {@code go env GOVERSION} and the experiment's result. */
    public record Column(String goVersion, ExperimentResult result) {}

    public GoMatrixResult {
        columns = List.copyOf(columns);
    }

    /** Without a page. */
    public GoMatrixResult(String name, List<Column> columns) {
        this(name, columns, null);
    }

    /** This comparison written as {@code outDir/go-matrix.html}: each Go's first repetition, linked to its report. */
    public GoMatrixResult withReport(Path outDir) {
        List<MatrixReport.Column> runs = columns.stream()
                .map(c -> new MatrixReport.Column(
                        c.goVersion(), c.result().verdict(), c.result().runDirectory()))
                .toList();
        return new GoMatrixResult(name, columns, MatrixReport.write(outDir, name, runs, meaningChanges()));
    }

    /** What changed in Go between the versions compared that changes what a signal means. */
    public List<String> meaningChanges() {
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (Column c : columns) {
            int m = GoMatrix.minor(c.goVersion());
            if (m >= 0) {
                low = Math.min(low, m);
                high = Math.max(high, m);
            }
        }
        List<String> out = new ArrayList<>();
        if (low < 25 && high >= 25) {
            out.add("runtime-lock delay (schedlock.pressure, the mutex profile's runtime frames): waiter side before"
                    + " Go 1.25, holder side from 1.25; not comparable across 1.24/1.25");
            out.add("GOMAXPROCS: from Go 1.25 a container's CPU quota (--cpus) lowers it, before only its cpuset did;"
                    + " the same container can run with a different GOMAXPROCS");
        }
        if (low < 26 && high >= 26) {
            out.add("goroutine counts: /sched/goroutines (with system goroutines) and goroutines created per request"
                    + " exist from Go 1.26; before, counts come from go_goroutines or the goroutine profiles");
        }
        return out;
    }

    /** The check ids and steps any version judged, in first-seen order, as {@code id@step}. */
    private List<String> keys() {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        for (Column c : columns) {
            for (Verdict v : c.result().verdicts()) {
                for (CheckResult r : v.results()) {
                    keys.putIfAbsent(r.checkId() + "@" + r.stepIndex(), true);
                }
            }
        }
        return List.copyOf(keys.keySet());
    }

    /** Per check and step, the first repetition's most serious status and value for each Go. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Go version matrix of ").append(name).append(':');
        columns.forEach(c -> out.append(' ').append(c.goVersion()));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  %-22s %-5s", "check", "step"));
        columns.forEach(c -> out.append(String.format(Locale.ROOT, " %-20s", c.goVersion())));
        out.append('\n');
        out.append(row(
                "gate",
                "ramp",
                columns.stream()
                        .map(c -> c.result().verdict().gate().passed() ? "PASS" : "FAIL")
                        .toList()));
        out.append(row(
                "capacity",
                "ramp",
                columns.stream()
                        .map(c -> {
                            Double q = c.result().verdict().capacity().qps();
                            return q == null ? "none" : String.format(Locale.ROOT, "%.0f req/s", q);
                        })
                        .toList()));
        for (String key : keys()) {
            String id = key.substring(0, key.lastIndexOf('@'));
            int step = Integer.parseInt(key.substring(key.lastIndexOf('@') + 1));
            List<String> cells = new ArrayList<>();
            for (Column c : columns) {
                CheckResult r = c.result().verdict().worst(id, step);
                cells.add(r == null ? "-" : r.status() + (r.value() == null ? "" : " " + num(r.value())));
            }
            out.append(row(id, step == CheckResult.RAMP ? "ramp" : String.format(Locale.ROOT, "%02d", step), cells));
        }
        for (String w : meaningChanges()) {
            out.append("  warning: ").append(w).append('\n');
        }
        return out.toString();
    }

    private static String row(String id, String step, List<String> cells) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-22s %-5s", id, step));
        cells.forEach(c -> b.append(String.format(Locale.ROOT, " %-20s", c)));
        boolean differs = cells.stream().map(c -> c.split(" ")[0]).distinct().count() > 1;
        return b.append(differs ? " differs" : "").append('\n').toString();
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.3g", d);
    }

    /** The columns whose first repetition's status at this check and step differs from the first column's. */
    public List<String> versionsDiffering(String checkId, int step) {
        CheckResult first = columns.get(0).result().verdict().worst(checkId, step);
        Status base = first == null ? null : first.status();
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            CheckResult r = c.result().verdict().worst(checkId, step);
            if (!Objects.equals(r == null ? null : r.status(), base)) {
                out.add(c.goVersion());
            }
        }
        return out;
    }
}
