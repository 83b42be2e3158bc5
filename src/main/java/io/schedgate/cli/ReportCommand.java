package io.schedgate.cli;

import io.schedgate.report.HtmlReport;
import io.schedgate.run.RunDirectory;
import io.schedgate.verdict.Thresholds;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code schedgate report RUN_DIR [--open] [--baseline RUN_DIR]}: (re)writes report.html in a run directory.
 * The verdict is recomputed offline with the {@code -Dschedgate.*} thresholds and baseline given (the
 * defaults otherwise), as {@code schedgate analyze} computes it; verdict.json is left as it is. {@code --open} hands the page to
 * the desktop's browser ({@code xdg-open}).
 */
final class ReportCommand implements Schedgate.Command {

    static final String USAGE =
            "usage: schedgate report RUN_DIR [--open] [--baseline RUN_DIR] [-Dschedgate.KEY=VALUE]...";

    @Override
    public String summary() {
        return "write report.html into a run directory (verdict, charts, flame graphs per step); --open opens it";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Path runDir = null;
        boolean open = false;
        Properties props = new Properties();
        props.putAll(System.getProperties());
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (a.equals("--open")) {
                open = true;
            } else if (a.equals("--baseline")) {
                if (++i >= args.length) {
                    throw new UsageException("--baseline needs a run directory; " + USAGE);
                }
                baseline = Path.of(args[i]);
            } else if (a.startsWith("--baseline=")) {
                baseline = Path.of(a.substring("--baseline=".length()));
            } else if (a.startsWith("-D") && a.indexOf('=') > 2) {
                String key = a.substring(2, a.indexOf('='));
                props.setProperty(
                        key.startsWith(Thresholds.PREFIX) ? key : Thresholds.PREFIX + key,
                        a.substring(a.indexOf('=') + 1));
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown flag " + a + "; " + USAGE);
            } else if (runDir == null) {
                runDir = Path.of(a);
            } else {
                throw new UsageException("one run directory only, got " + runDir + " and " + a + "; " + USAGE);
            }
        }
        if (runDir == null) {
            throw new UsageException("no run directory; " + USAGE);
        }
        if (!RunDirectory.isRun(runDir)) {
            err.println("schedgate report: " + RunDirectory.notARun(runDir));
            return 2;
        }
        Path report;
        try {
            Thresholds thresholds = Thresholds.from(props);
            if (baseline == null && props.getProperty(VerdictEngine.BASELINE_PROPERTY) != null) {
                baseline = Path.of(props.getProperty(VerdictEngine.BASELINE_PROPERTY));
            }
            Verdict verdict = new VerdictEngine(thresholds).evaluate(runDir, baseline);
            report = HtmlReport.write(runDir, verdict);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("schedgate report: " + e.getMessage());
            return 2;
        }
        out.println("report: " + report.toAbsolutePath().normalize().toUri());
        if (open) {
            try {
                new ProcessBuilder("xdg-open", report.toAbsolutePath().toString())
                        .inheritIO()
                        .start();
            } catch (IOException e) {
                err.println("schedgate report: cannot open a browser (" + e.getMessage() + "); open "
                        + report.toAbsolutePath().toUri() + " yourself");
                return 1;
            }
        }
        return 0;
    }
}
