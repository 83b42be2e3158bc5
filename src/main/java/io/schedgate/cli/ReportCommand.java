package io.schedgate.cli;

import io.schedgate.report.HtmlReport;
import io.schedgate.run.RunDirectory;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code schedgate report RUN_DIR [--open] [--baseline RUN_DIR]}: (re)writes report.html in a run directory.
 * The verdict is recomputed offline with the {@code -Dschedgate.*} thresholds and baseline given (the
 * defaults otherwise), as {@code schedgate analyze} computes it; verdict.json is left as it is. {@code --open} hands the page to
 * the desktop's browser ({@code xdg-open}).
 */
final class ReportCommand implements Schedgate.Command {

    static final String USAGE = "usage: schedgate report RUN_DIR [--open] [--baseline RUN_DIR]"
            + " [-Dschedgate.KEY=VALUE | --threshold KEY=VALUE]...";

    @Override
    public String summary() {
        return "write report.html into a run directory (verdict, charts, flame graphs per step); --open opens it";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Path runDir = null;
        boolean open = false;
        ThresholdFlags flags = new ThresholdFlags(USAGE);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int taken = flags.take(args, i);
            if (taken >= 0) {
                i = taken;
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                ThresholdFlags.help(out);
                return 0;
            } else if (a.equals("--open")) {
                open = true;
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
        Path baseline = flags.baseline();
        if (baseline != null && !RunDirectory.isRun(baseline)) {
            err.println("schedgate report: --baseline: " + RunDirectory.notARun(baseline));
            return 2;
        }
        Path report;
        try {
            Verdict verdict = new VerdictEngine(flags.thresholds()).evaluate(runDir, baseline);
            report = HtmlReport.write(runDir, verdict, baseline);
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
