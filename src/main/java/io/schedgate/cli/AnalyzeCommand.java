package io.schedgate.cli;

import io.schedgate.report.HtmlReport;
import io.schedgate.report.VerdictTable;
import io.schedgate.run.RunDirectory;
import io.schedgate.verdict.Thresholds;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import io.schedgate.verdict.VerdictJson;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code schedgate analyze RUN_DIR}: recomputes every check offline from a run directory (other
 * thresholds, another baseline), prints the console table (or verdict.json with --json), writes
 * verdict.json into the run directory, and exits with the gate's code: 0 passed, 1 a check
 * FAILed, 2 usage error, not a run directory, or the gate failed only for missing data. When it writes
 * verdict.json it rewrites report.html too, and says where the page is.
 */
final class AnalyzeCommand implements Schedgate.Command {

    static final String USAGE = "usage: schedgate analyze RUN_DIR [--json] [--baseline RUN_DIR]"
            + " [-Dschedgate.KEY=VALUE | --threshold KEY=VALUE]... [--no-write]";

    @Override
    public String summary() {
        return "judge a run directory offline: console table or --json, verdict.json, exit 0 pass / 1 fail / 2 no data";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Path runDir = null;
        boolean json = false;
        boolean write = true;
        ThresholdFlags flags = new ThresholdFlags(USAGE);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int taken = flags.take(args, i);
            if (taken >= 0) {
                i = taken;
            } else if (a.equals("-h") || a.equals("--help")) {
                help(out);
                return 0;
            } else if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--no-write")) {
                write = false;
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
        Path baseline = flags.baseline();
        Thresholds thresholds = flags.thresholds();
        for (Path dir : baseline == null ? new Path[] {runDir} : new Path[] {runDir, baseline}) {
            if (!RunDirectory.isRun(dir)) {
                err.println("schedgate analyze: " + RunDirectory.notARun(dir));
                return 2;
            }
        }
        Verdict verdict;
        try {
            verdict = new VerdictEngine(thresholds).evaluate(runDir, baseline);
        } catch (IllegalArgumentException e) {
            err.println("schedgate analyze: " + e.getMessage());
            return 2;
        }
        if (write) {
            try {
                VerdictJson.write(verdict, runDir);
            } catch (UncheckedIOException e) {
                err.println("schedgate analyze: " + e.getMessage() + " (printing only; --no-write skips the file)");
            }
        }
        out.print(json ? VerdictJson.toJson(verdict) + "\n" : VerdictTable.render(verdict));
        // where the page is: on stdout after the table; on stderr with --json, which keeps stdout one document
        (json ? err : out).println(report(runDir, verdict, baseline, write));
        return verdict.gate().exitCode();
    }

    /** Rewrites report.html beside verdict.json (so the two agree) and says where it is. */
    private static String report(Path runDir, Verdict verdict, Path baseline, boolean write) {
        Path page = runDir.resolve(HtmlReport.FILE_NAME);
        if (!write) {
            return Files.isRegularFile(page)
                    ? "report: " + page.toAbsolutePath().normalize().toUri() + " (not rewritten: --no-write)"
                    : "report: none yet (schedgate report " + runDir + " writes it)";
        }
        try {
            return "report: "
                    + HtmlReport.write(runDir, verdict, baseline)
                            .toAbsolutePath()
                            .normalize()
                            .toUri();
        } catch (RuntimeException e) {
            return "report: not written: " + e.getMessage();
        }
    }

    /** The usage line and every threshold key with its default. */
    private static void help(PrintStream out) {
        out.println(USAGE);
        ThresholdFlags.help(out);
    }
}
