package io.schedgate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schedgate.report.ReportModel.CaptureView;
import io.schedgate.report.ReportModel.FlameView;
import io.schedgate.report.ReportModel.StepView;
import io.schedgate.text.Numbers;
import io.schedgate.verdict.Capacity;
import io.schedgate.verdict.CapacityCheck;
import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Evidence;
import io.schedgate.verdict.GoroutineCheck;
import io.schedgate.verdict.SchedLockPressureCheck;
import io.schedgate.verdict.Status;
import io.schedgate.verdict.Thresholds;
import io.schedgate.verdict.UslCheck;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page per run (every script and style inlined from the jars,
 * nothing fetched, so it opens from {@code file://} and the run directory can be zipped and sent). The
 * gate and its decisive evidence, capacity, target, plan, every check result, charts across steps
 * (uPlot), per step interactive flame graphs of the CPU, mutex (delay) and end-of-window goroutine profiles
 * (async-profiler's converter, each in an {@code iframe srcdoc}) and links to every raw capture with the {@code go tool pprof} command that opens it.
 * At the top a link to Gatling's report of the same run ({@link GatlingReport}); with a baseline run, both runs'
 * capacity and sched.lock pressure on the same axes and a differential flame graph at matched req/s.
 */
public final class HtmlReport {

    public static final String FILE_NAME = "report.html";

    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** Several runs' series on one chart: the baseline here, the Go versions in {@link MatrixReport}. */
    static final String RUNS_CHART = "io/schedgate/report/runs-chart.js";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The id of verdict's (package-private) SchedLockBaseline check. */
    private static final String SCHEDLOCK_BASELINE = "schedlock.baseline";

    private HtmlReport() {}

    /** Writes report.html into {@code runDir} (atomically) and returns its path. */
    public static Path write(Path runDir, Verdict verdict) {
        return write(runDir, verdict, null);
    }

    /**
     * With a baseline run ({@code --baseline} / {@code -Dschedgate.baseline}; null: none): the baseline is
     * judged again with {@code verdict}'s thresholds and drawn beside this run.
     */
    public static Path write(Path runDir, Verdict verdict, Path baselineDir) {
        return write(runDir, verdict, baselineDir, false);
    }

    /**
     * As {@link #write(Path, Verdict, Path)} at the ramp's end inside Gatling's run, before Gatling writes
     * its own report: the link to it is to the page Gatling is about to write.
     */
    public static Path writeAtRunEnd(Path runDir, Verdict verdict, Path baselineDir) {
        return write(runDir, verdict, baselineDir, true);
    }

    private static Path write(Path runDir, Verdict verdict, Path baselineDir, boolean gatlingRunning) {
        Verdict baseline = baselineDir == null ? null : new VerdictEngine(thresholds(verdict)).evaluate(baselineDir);
        return write(ReportModel.of(runDir, verdict, baselineDir, baseline, gatlingRunning));
    }

    private static Thresholds thresholds(Verdict v) {
        java.util.Properties p = new java.util.Properties();
        v.thresholds().forEach((k, val) -> {
            if (val != null) { // a limit that is off by default (e.g. no p99 SLO) stays off
                p.setProperty(Thresholds.PREFIX + k, String.valueOf(val));
            }
        });
        return Thresholds.from(p);
    }

    private static Path write(ReportModel model) {
        return writeAtomically(model.runDir().resolve(FILE_NAME), render(model));
    }

    /** Writes {@code html} to {@code target} through a temporary file beside it, readable by all. */
    static Path writeAtomically(Path target, String html) {
        Path runDir = target.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(runDir, "." + FILE_NAME, ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            try {
                // a page to open and send: readable like the run's other files, not createTempFile's 0600
                Files.setPosixFilePermissions(
                        tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the default ACL is fine
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** PASS, WARN (passed with warnings), FAIL or NO_DATA: the word the page leads with. */
    public static String gateWord(Verdict v) {
        if (v.gate().passed()) {
            return v.results().stream().anyMatch(r -> r.status() == Status.WARN) ? "WARN" : "PASS";
        }
        return v.gate().checkFailed() ? "FAIL" : "NO_DATA";
    }

    static String render(ReportModel m) {
        Verdict v = m.verdict();
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n<title>schedgate report: ")
                .append(esc(v.simulation()))
                .append("</title>\n<style>\n")
                .append(resource(UPLOT + "uPlot.min.css"))
                .append('\n')
                .append(resource("io/schedgate/report/report.css"))
                .append("</style>\n</head>\n<body>\n");
        top(b, m);
        charts(b, m);
        grew(b, m);
        againstBaseline(b, m);
        results(b, v);
        steps(b, m);
        b.append("<section id='snapshots'><h2>Before and after the ramp</h2>\n<h3>baseline/</h3>\n");
        captures(b, m.baseline());
        b.append("<h3>final/</h3>\n");
        captures(b, m.finalSnapshot());
        b.append("</section>\n");
        b.append("<script>\n").append(resource(UPLOT + "uPlot.iife.min.js")).append("\n</script>\n");
        b.append("<script type='application/json' id='report-data'>")
                .append(chartData(m).replace("</", "<\\/"))
                .append("</script>\n");
        b.append("<script>\n").append(resource(RUNS_CHART)).append("\n</script>\n");
        b.append("<script>\n").append(resource("io/schedgate/report/report.js")).append("\n</script>\n");
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void top(StringBuilder b, ReportModel m) {
        Verdict v = m.verdict();
        String word = gateWord(v);
        b.append("<header>\n<h1>schedgate report: ").append(esc(v.simulation())).append("</h1>\n");
        b.append("<p id='gate' class='gate ")
                .append(word)
                .append("' data-status='")
                .append(word)
                .append("'>")
                .append("Gate <strong id='gate-word'>")
                .append(word)
                .append("</strong> (exit ")
                .append(v.gate().exitCode())
                .append("): <span id='decisive'>")
                .append(esc(VerdictTable.decisive(v)))
                .append("</span></p>\n");
        b.append("<p id='capacity'>").append(esc(capacity(v.capacity()))).append("</p>\n");
        b.append("<p id='run-status'>run ")
                .append(esc(m.status()))
                .append(m.statusReason() == null ? "" : ": " + esc(m.statusReason()))
                .append(v.goVersion() == null ? "" : " · " + esc(v.goVersion()))
                .append(" · verdict ")
                .append(esc(v.createdAt()))
                .append("</p>\n");
        GatlingReport g = m.gatling();
        b.append("<p id='gatling-report'>");
        if (g.href() != null) {
            b.append("Gatling's report of this run: <a href='")
                    .append(esc(g.href()))
                    .append("'>")
                    .append(esc(g.href()))
                    .append("</a>")
                    .append(g.note() == null ? "" : " " + esc(g.note()));
        } else {
            b.append(esc(g.sentence()));
        }
        b.append("</p>\n");
        if (!v.gate().reasons().isEmpty()) {
            b.append("<details open><summary>Why the gate ")
                    .append(v.gate().passed() ? "passed" : "failed")
                    .append(" (")
                    .append(v.gate().reasons().size())
                    .append(")</summary>\n<ul id='gate-reasons'>\n");
            for (String r : v.gate().reasons()) {
                b.append("<li>").append(esc(r)).append("</li>\n");
            }
            b.append("</ul></details>\n");
        }
        if (!v.notes().isEmpty()) {
            b.append("<ul id='notes'>\n");
            for (String n : v.notes()) {
                b.append("<li>note: ").append(esc(n)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("</header>\n<section id='setup'>\n<div><h2>Target</h2>\n");
        table(b, "target", m.target());
        b.append("</div>\n<div><h2>Plan</h2>\n");
        table(b, "plan", m.plan());
        b.append("</div>\n<div><h2>Harness</h2>\n");
        table(b, "harness", m.harness());
        b.append("</div>\n</section>\n");
    }

    static String capacity(Capacity c) {
        String s = "capacity: "
                + (c.qps() == null
                        ? "none (no step passed every check)"
                        : Numbers.num(c.qps()) + " req/s at step " + String.format(Locale.ROOT, "%02d", c.stepIndex()));
        return c.baselineQps() == null ? s : s + " (baseline " + Numbers.num(c.baselineQps()) + " req/s)";
    }

    private static void table(StringBuilder b, String id, Map<String, String> rows) {
        b.append("<table class='kv' id='").append(id).append("'>\n");
        rows.forEach((k, val) -> b.append("<tr><th>")
                .append(esc(k))
                .append("</th><td>")
                .append(esc(val))
                .append("</td></tr>\n"));
        b.append("</table>\n");
    }

    private static void charts(StringBuilder b, ReportModel m) {
        b.append("<section id='charts'><h2>Across steps (offered req/s on x)</h2>\n");
        chart(b, m, "qps", "Achieved vs offered req/s", "achieved");
        chart(b, m, "latency", "Latency p50 / p95 / p99 (ms, log scale)", "latency");
        chart(b, m, "wakeups", "Scheduling events (wake-ups) per request", "wakeups");
        chart(
                b,
                m,
                "schedlock",
                "sched.lock share of processor time (%) with its 95% interval and the" + " WARN / FAIL thresholds",
                "schedlock",
                "schedlockInterval");
        chart(b, m, "gc", "GC share of CPU (%)", "gc");
        ReportModel.Leak leak = m.leak();
        chartWith(
                b,
                List.of(m),
                List.of(""),
                "goroutines",
                "Goroutines at the window's end (idle keep-alive connections excluded, as the check counts them)"
                        + " against Little's law (baseline + requests in flight × goroutines per request), the"
                        + " limit above which a step FAILs, and the leak check",
                "<p class='leak " + (leak.status() == null ? "NO_DATA" : leak.status())
                        + "' id='goroutines-leak'>after the ramp (" + GoroutineCheck.LEAK_ID + ", "
                        + (leak.status() == null ? "no result" : leak.status()) + "): " + esc(leak.evidence())
                        + "</p>\n",
                "goroutines");
        usl(b, m.verdict());
        b.append("</section>\n");
    }

    private static void chart(StringBuilder b, ReportModel m, String id, String title, String... series) {
        chartWith(b, List.of(m), List.of(""), id, title, "", series);
    }

    /**
     * One chart of the steps of {@code runs} (each run's missing points listed with its {@code prefixes}
     * entry before the step), {@code extra} (HTML) under it.
     */
    private static void chartWith(
            StringBuilder b,
            List<ReportModel> runs,
            List<String> prefixes,
            String id,
            String title,
            String extra,
            String... series) {
        b.append("<figure class='chart-box'><figcaption>")
                .append(esc(title))
                .append("</figcaption>\n<div class='chart' id='chart-")
                .append(id)
                .append("'></div>\n")
                .append(extra);
        StringBuilder items = new StringBuilder();
        for (int r = 0; r < runs.size(); r++) {
            for (StepView s : runs.get(r).steps()) {
                for (String key : series) {
                    if (s.missing().containsKey(key)) {
                        items.append("<li>")
                                .append(esc(prefixes.get(r)))
                                .append(Evidence.step(s.index()))
                                .append(" (")
                                .append(Numbers.num(s.x()))
                                .append(" req/s): no point: ")
                                .append(esc(s.missing().get(key)))
                                .append("</li>\n");
                    }
                }
            }
        }
        if (items.length() > 0) {
            b.append("<ul class='missing' id='missing-")
                    .append(id)
                    .append("'>\n")
                    .append(items)
                    .append("</ul>\n");
        }
        b.append("</figure>\n");
    }

    /**
     * What grew with load: the top step's CPU against the first step's, both per million requests, so a
     * colour is cost per request that changed, not just more traffic.
     */
    private static void grew(StringBuilder b, ReportModel m) {
        b.append("<section id='grew'><h2>What grew with load (CPU per request, top step against the first)</h2>\n");
        List<StepView> drawn = withCpu(m);
        if (drawn.size() < 2) {
            b.append(
                            "<p class='missing' id='diff-missing'>no differential flame graph: it needs the CPU profile and the"
                                    + " request count of two steps, the run has ")
                    .append(drawn.size())
                    .append("</p>\n</section>\n");
            return;
        }
        StepView first = drawn.get(0);
        StepView top = drawn.get(drawn.size() - 1);
        String f = Evidence.step(first.index());
        diff(b, "diff", top, Evidence.step(top.index()), first, f, "at the top step", f);
        b.append("</section>\n");
    }

    /** The steps with a CPU flame graph and a request count: those a per-request differential graph can use. */
    private static List<StepView> withCpu(ReportModel m) {
        return m.steps().stream()
                .filter(s -> s.flame("cpu") != null
                        && s.flame("cpu").folded() != null
                        && s.requests() != null
                        && s.requests() > 0)
                .toList();
    }

    /**
     * A differential CPU flame graph, both sides per million requests: the shape of {@code top} (named
     * {@code topName}), each frame coloured by how its CPU per request changed since {@code base}
     * ({@code baseName}), with its legend ({@code where}: where red means more, e.g. "at the top step").
     */
    private static void diff(
            StringBuilder b,
            String id,
            StepView top,
            String topName,
            StepView base,
            String baseName,
            String where,
            String baseShort) {
        String title = topName + " against " + baseName + ": CPU samples per million requests";
        List<String> topScaled = FlameGraphs.scaled(top.flame("cpu").folded(), 1e6 / top.requests());
        List<String> baseScaled = FlameGraphs.scaled(base.flame("cpu").folded(), 1e6 / base.requests());
        b.append("<p class='legend' id='")
                .append(id)
                .append("-legend'>The shape is ")
                .append(esc(topName))
                .append(" (")
                .append(Numbers.num(top.x()))
                .append(" req/s, ")
                .append(top.requests())
                .append(" requests); each frame's")
                .append(" colour is how its own CPU per request changed since ")
                .append(esc(baseName))
                .append(" (")
                .append(Numbers.num(base.x()))
                .append(" req/s, ")
                .append(base.requests())
                .append(" requests): <span class='grew'>red: more CPU per request ")
                .append(esc(where))
                .append("</span>,")
                .append(" <span class='shrank'>blue: less</span>, <span class='same'>grey: the same</span>,")
                .append(" <span class='new'>yellow: not in ")
                .append(esc(baseShort))
                .append(" at all</span>.")
                .append(" Frames only ")
                .append(esc(baseShort))
                .append(" had are not drawn. Deeper colour, bigger change.</p>\n");
        int height = FlameGraphs.depth(topScaled) * 16 + 110;
        b.append("<iframe class='flame diff' data-kind='")
                .append(id)
                .append("' title='")
                .append(esc(title))
                .append("' style='height:")
                .append(height)
                .append("px' srcdoc=\"")
                .append(esc(FlameGraphs.diffHtml(title, topScaled, baseScaled)))
                .append("\"></iframe>\n");
    }

    /**
     * Against a baseline run: capacity (achieved req/s) and sched.lock pressure of both runs on the same
     * axes, the capacity and schedlock.baseline results, and this run's top CPU step against the baseline
     * step of nearest offered req/s, per request. Without a baseline, how to give one.
     */
    private static void againstBaseline(StringBuilder b, ReportModel m) {
        b.append("<section id='against-baseline'><h2>Against a baseline run</h2>\n");
        ReportModel base = m.baselineRun();
        if (base == null) {
            b.append("<p class='missing' id='baseline-none'>no baseline run given: <code>bin/schedgate report ")
                    .append("RUN_DIR --baseline EARLIER_RUN_DIR</code> (or <code>-Dschedgate.baseline=EARLIER_RUN_DIR")
                    .append("</code> on the Gatling run) draws capacity and sched.lock pressure of both runs on the")
                    .append(" same axes and a differential flame graph at matched req/s here</p>\n</section>\n");
            return;
        }
        Verdict v = m.verdict();
        b.append("<p id='baseline-run'>baseline: ")
                .append(esc(relative(m.runDir(), base.runDir())))
                .append(" (")
                .append(esc(base.verdict().simulation()))
                .append(", gate ")
                .append(gateWord(base.verdict()))
                .append(", ")
                .append(esc(capacity(base.verdict().capacity())))
                .append(")</p>\n<ul id='baseline-results'>\n");
        for (String check : List.of(CapacityCheck.ID, SCHEDLOCK_BASELINE)) {
            CheckResult r = v.result(check, CheckResult.RAMP).orElse(null);
            b.append("<li class='")
                    .append(r == null ? "NO_DATA" : r.status().name())
                    .append("'><strong>")
                    .append(r == null ? "no result" : r.status().name())
                    .append("</strong> ")
                    .append(check)
                    .append(": ")
                    .append(esc(r == null ? "not in the verdict" : r.evidence()))
                    .append("</li>\n");
        }
        b.append("</ul>\n<div class='charts'>\n");
        List<ReportModel> both = List.of(m, base);
        List<String> prefixes = List.of("this run ", "baseline ");
        chartWith(b, both, prefixes, "baseline-qps", "Achieved req/s of both runs, with each capacity", "", "achieved");
        chartWith(
                b,
                both,
                prefixes,
                "baseline-schedlock",
                "sched.lock share of processor time (%) of both runs with the WARN / FAIL thresholds",
                "",
                "schedlock");
        b.append("</div>\n");
        List<StepView> mine = withCpu(m);
        List<StepView> theirs = withCpu(base);
        if (mine.isEmpty() || theirs.isEmpty()) {
            b.append("<p class='missing' id='baseline-diff-missing'>no differential flame graph at matched req/s: it")
                    .append(" needs a step with a CPU profile and a request count in each run; this run has ")
                    .append(mine.size())
                    .append(", the baseline ")
                    .append(theirs.size())
                    .append("</p>\n</section>\n");
            return;
        }
        StepView top = mine.get(mine.size() - 1);
        StepView match = theirs.stream()
                .min(java.util.Comparator.comparingDouble(s -> Math.abs(s.x() - top.x())))
                .orElseThrow();
        b.append("<h3>CPU per request at matched req/s: this run's ")
                .append(Evidence.step(top.index()))
                .append(" against the baseline's ")
                .append(Evidence.step(match.index()))
                .append(" (the baseline step of nearest offered req/s)</h3>\n");
        diff(
                b,
                "baseline-diff",
                top,
                "this run's " + Evidence.step(top.index()),
                match,
                "the baseline's " + Evidence.step(match.index()),
                "in this run than in the baseline",
                "the baseline");
        b.append("</section>\n");
    }

    /** {@code to} relative to {@code from} when they share a root, else as given. */
    private static String relative(Path from, Path to) {
        try {
            return from.toAbsolutePath()
                    .normalize()
                    .relativize(to.toAbsolutePath().normalize())
                    .toString();
        } catch (IllegalArgumentException differentRoots) {
            return to.toString();
        }
    }

    /** The Universal Scalability Law fit (the usl result), drawn over the measured points when it was fitted. */
    private static void usl(StringBuilder b, Verdict v) {
        b.append("<figure class='chart-box'><figcaption>Throughput against concurrency (requests in flight, log"
                + " scale) with the fitted Universal Scalability Law</figcaption>\n");
        CheckResult r = v.result("usl", CheckResult.RAMP).orElse(null);
        if (uslFit(v) != null) {
            b.append("<div class='chart' id='chart-usl'></div>\n<p class='usl-evidence'>")
                    .append(esc(r.evidence()))
                    .append("</p>\n");
        } else {
            b.append("<p class='missing' id='usl-missing'>no USL curve: ")
                    .append(esc(r == null ? "no usl result in the verdict" : r.status() + ": " + r.evidence()))
                    .append("</p>\n");
        }
        b.append("</figure>\n");
    }

    /** lambda, sigma, kappa and the measured (concurrency, throughput) points, or null when there is no fit. */
    private static ObjectNode uslFit(Verdict v) {
        CheckResult r = v.result("usl", CheckResult.RAMP).orElse(null);
        if (r == null
                || !(r.details() instanceof UslCheck.Fit usl)
                || !Double.isFinite(usl.lambda())
                || !Double.isFinite(usl.sigma())
                || !Double.isFinite(usl.kappa())) {
            return null;
        }
        double[] n = usl.concurrency();
        double[] x = usl.throughput();
        if (n == null || x == null || n.length != x.length || n.length == 0) {
            return null;
        }
        ObjectNode fit = JSON.createObjectNode();
        fit.put("lambda", usl.lambda());
        fit.put("sigma", usl.sigma());
        fit.put("kappa", usl.kappa());
        ArrayNode ns = fit.putArray("n");
        ArrayNode xs = fit.putArray("x");
        for (int i = 0; i < n.length; i++) {
            if (!(n[i] > 0) || !Double.isFinite(x[i])) {
                return null; // a log axis has no place for N <= 0
            }
            ns.add(n[i]);
            xs.add(x[i]);
        }
        return fit;
    }

    private static void results(StringBuilder b, Verdict v) {
        b.append("<section id='results'><h2>Every check result</h2>\n<table class='results'>\n")
                .append("<tr><th>check</th><th>step</th><th>status</th><th>value</th><th>threshold</th>")
                .append("<th>unit</th><th>evidence</th></tr>\n");
        for (CheckResult r : v.results()) {
            b.append("<tr class='")
                    .append(r.status().name())
                    .append("'><td>")
                    .append(esc(r.checkId()))
                    .append("</td><td>")
                    .append(r.rampWide() ? "ramp" : String.format(Locale.ROOT, "%02d", r.stepIndex()))
                    .append("</td><td class='status'>")
                    .append(r.status().name())
                    .append("</td><td>")
                    .append(r.value() == null ? "—" : Numbers.num(r.value()))
                    .append("</td><td>")
                    .append(r.threshold() == null ? "—" : Numbers.num(r.threshold()))
                    .append("</td><td>")
                    .append(esc(r.unit() == null ? "" : r.unit()))
                    .append("</td><td>")
                    .append(esc(r.evidence()))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n</section>\n");
    }

    private static void steps(StringBuilder b, ReportModel m) {
        b.append("<section id='steps'><h2>Per step</h2>\n");
        for (StepView s : m.steps()) {
            String name = Evidence.step(s.index());
            b.append("<section class='step' id='")
                    .append(name)
                    .append("'>\n<h3>")
                    .append(name)
                    .append(": ")
                    .append(Numbers.num(s.targetQps()))
                    .append(" req/s planned</h3>\n<p class='load'>offered ")
                    .append(num(s.offeredQps()))
                    .append(" req/s, achieved ")
                    .append(num(s.achievedQps()))
                    .append(" req/s; latency p50 ")
                    .append(num(s.p50Ms()))
                    .append(" ms, p95 ")
                    .append(num(s.p95Ms()))
                    .append(" ms, p99 ")
                    .append(num(s.p99Ms()))
                    .append(" ms</p>\n");
            stepResults(b, m.verdict(), s.index());
            for (FlameView f : s.flames()) {
                if (f.folded() != null) {
                    int height = FlameGraphs.depth(f.folded()) * 16 + 110;
                    b.append("<iframe class='flame' data-step='")
                            .append(s.index())
                            .append("' data-kind='")
                            .append(f.kind())
                            .append("' title='")
                            .append(esc(f.title()))
                            .append("' style='height:")
                            .append(height)
                            .append("px' srcdoc=\"")
                            .append(esc(FlameGraphs.html(f.title(), f.folded())))
                            .append("\"></iframe>\n");
                } else {
                    b.append("<p class='missing flame-missing' data-step='")
                            .append(s.index())
                            .append("' data-kind='")
                            .append(f.kind())
                            .append("'>no ")
                            .append(esc(f.title()))
                            .append(" flame graph: ")
                            .append(esc(f.missing()))
                            .append("</p>\n");
                }
            }
            captures(b, s.captures());
            b.append("</section>\n");
        }
        b.append("</section>\n");
    }

    /** What the checks said about this step, worst first: the evidence beside its flame graphs. */
    private static void stepResults(StringBuilder b, Verdict v, int step) {
        List<CheckResult> here = v.results().stream()
                .filter(r -> r.stepIndex() == step)
                .sorted(java.util.Comparator.comparingInt(HtmlReport::severity))
                .toList();
        if (here.isEmpty()) {
            return;
        }
        b.append("<ul class='step-results'>\n");
        for (CheckResult r : here) {
            b.append("<li class='")
                    .append(r.status().name())
                    .append("'><strong>")
                    .append(r.status().name())
                    .append("</strong> ")
                    .append(esc(r.checkId()))
                    .append(": ")
                    .append(esc(r.evidence()))
                    .append("</li>\n");
        }
        b.append("</ul>\n");
    }

    private static int severity(CheckResult r) {
        return switch (r.status()) {
            case FAIL -> 0;
            case NO_DATA -> 1;
            case WARN -> 2;
            default -> 3;
        };
    }

    private static void captures(StringBuilder b, List<CaptureView> captures) {
        if (captures.isEmpty()) {
            b.append("<p class='missing'>the manifest lists no captures here</p>\n");
            return;
        }
        b.append(
                "<table class='raw'>\n<tr><th>capture</th><th>file</th><th>bytes</th><th>open with (in the run directory)</th></tr>\n");
        for (CaptureView c : captures) {
            b.append("<tr><td>").append(esc(c.kind())).append("</td><td>");
            if (c.present()) {
                b.append("<a href='")
                        .append(esc(c.file()))
                        .append("'>")
                        .append(esc(c.file()))
                        .append("</a></td><td>")
                        .append(c.bytes() == null ? "" : c.bytes())
                        .append("</td><td>");
                if (c.isProfile()) {
                    b.append("<code class='pprof-cmd'>go tool pprof -http=: ")
                            .append(esc(c.file()))
                            .append("</code>");
                }
            } else {
                b.append(esc(c.file() == null ? "—" : c.file()))
                        .append("</td><td></td><td class='missing'>")
                        .append(esc(c.status()))
                        .append(c.reason() == null ? "" : ": " + esc(c.reason()));
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** The numbers the charts draw: null is a missing point (drawn as a gap, its reason listed). */
    static String chartData(ReportModel m) {
        ObjectNode root = JSON.createObjectNode();
        if (m.verdict().thresholds().get(SchedLockPressureCheck.WARN.key()) instanceof Number warn) {
            root.put("schedlockWarn", 100 * warn.doubleValue());
        }
        if (m.verdict().thresholds().get(SchedLockPressureCheck.FAIL.key()) instanceof Number fail) {
            root.put("schedlockFail", 100 * fail.doubleValue());
        }
        if (m.leak().before() != null) {
            root.put("goroutinesBefore", m.leak().before());
        }
        if (m.leak().afterCooldown() != null) {
            root.put("goroutinesAfter", m.leak().afterCooldown());
        }
        ObjectNode usl = uslFit(m.verdict());
        if (usl != null) {
            root.set("usl", usl);
        }
        if (m.baselineRun() != null) {
            ObjectNode base = JSON.createObjectNode();
            stepData(base, m.baselineRun());
            root.set("baseline", base);
        }
        stepData(root, m);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Into {@code root}: the capacity marker and every step's numbers of {@code m}. */
    static void stepData(ObjectNode root, ReportModel m) {
        Capacity c = m.verdict().capacity();
        if (c.qps() != null) {
            m.steps().stream()
                    .filter(s -> s.index() == c.stepIndex())
                    .findFirst()
                    .ifPresent(s -> root.put("capacityX", s.x()));
            root.put("capacityQps", c.qps());
        }
        ArrayNode steps = root.putArray("steps");
        for (StepView s : m.steps()) {
            ObjectNode n = steps.addObject();
            n.put("index", s.index());
            n.put("x", s.x());
            n.put("offered", s.offeredQps());
            n.put("achieved", s.achievedQps());
            n.put("p50", s.p50Ms());
            n.put("p95", s.p95Ms());
            n.put("p99", s.p99Ms());
            n.put("wakeups", s.wakeupsPerRequest());
            // shares as percentages, on a linear axis: a measured 0 is a point at 0, a missing share is null
            n.put(
                    "schedlock",
                    s.schedLock() == null ? null : 100 * s.schedLock().share());
            n.put(
                    "schedlockLower",
                    s.schedLock() == null || s.schedLock().lower() == null
                            ? null
                            : 100 * s.schedLock().lower());
            n.put(
                    "schedlockUpper",
                    s.schedLock() == null || s.schedLock().upper() == null
                            ? null
                            : 100 * s.schedLock().upper());
            n.put("gc", s.gcCpuShare() == null ? null : 100 * s.gcCpuShare());
            n.put("goroutines", s.goroutines());
            n.put("goroutinesPredicted", s.goroutinesPredicted());
            n.put("goroutinesLimit", s.goroutinesLimit());
            n.putPOJO("missing", s.missing());
        }
    }

    private static String num(Double d) {
        return d == null ? "—" : Numbers.num(d);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report asset " + name + " is not on the classpath (uPlot webjar or"
                        + " schedgate's resources missing from the build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report asset " + name, e);
        }
    }
}
