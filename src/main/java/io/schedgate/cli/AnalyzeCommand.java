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
import java.util.Properties;

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
        Path baseline = null;
        boolean json = false;
        boolean write = true;
        Properties props = new Properties();
        props.putAll(System.getProperties());
        Properties given = new Properties();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                help(out);
                return 0;
            } else if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--no-write")) {
                write = false;
            } else if (a.equals("--baseline")) {
                baseline = Path.of(value(args, ++i, a));
            } else if (a.startsWith("--baseline=")) {
                baseline = Path.of(a.substring("--baseline=".length()));
            } else if (a.equals("--threshold")) {
                put(given, value(args, ++i, a));
            } else if (a.startsWith("-D")) {
                put(given, a.substring(2));
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown flag " + a + "; " + USAGE);
            } else if (runDir == null) {
                runDir = Path.of(a);
            } else {
                throw new UsageException("one run directory only, got " + runDir + " and " + a + "; " + USAGE);
            }
        }
        requireKnownKeys(given);
        props.putAll(given);
        if (runDir == null) {
            throw new UsageException("no run directory; " + USAGE);
        }
        if (baseline == null && props.getProperty(VerdictEngine.BASELINE_PROPERTY) != null) {
            baseline = Path.of(props.getProperty(VerdictEngine.BASELINE_PROPERTY));
        }
        Thresholds thresholds;
        try {
            thresholds = Thresholds.from(props);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
        (json ? err : out).println(report(runDir, verdict, write));
        return verdict.gate().exitCode();
    }

    /** Rewrites report.html beside verdict.json (so the two agree) and says where it is. */
    private static String report(Path runDir, Verdict verdict, boolean write) {
        Path page = runDir.resolve(HtmlReport.FILE_NAME);
        if (!write) {
            return Files.isRegularFile(page)
                    ? "report: " + page.toAbsolutePath().normalize().toUri() + " (not rewritten: --no-write)"
                    : "report: none yet (schedgate report " + runDir + " writes it)";
        }
        try {
            return "report: "
                    + HtmlReport.write(runDir, verdict)
                            .toAbsolutePath()
                            .normalize()
                            .toUri();
        } catch (RuntimeException e) {
            return "report: not written: " + e.getMessage();
        }
    }

    private static void put(Properties props, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("expected KEY=VALUE, got '" + assignment + "'; " + USAGE);
        }
        String key = assignment.substring(0, eq).strip();
        props.setProperty(
                key.startsWith(Thresholds.PREFIX) ? key : Thresholds.PREFIX + key, assignment.substring(eq + 1));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value; " + USAGE);
        }
        return args[i];
    }

    /** The usage line and every threshold key with its default. */
    private static void help(PrintStream out) {
        out.println(USAGE);
        out.println(
                "thresholds (-Dschedgate.KEY=VALUE or --threshold KEY=VALUE; fractions take 0.05 or 5%), with defaults:");
        VerdictEngine.thresholdDefaults().forEach((k, v) -> out.println("  " + k + " = " + (v == null ? "none" : v)));
        out.println("  baseline = none (an earlier run directory to compare capacity and sched.lock with)");
    }

    /** A key given on the command line that no check reads is a typo: one line naming the known keys. */
    private static void requireKnownKeys(Properties given) {
        java.util.Set<String> known =
                new java.util.TreeSet<>(VerdictEngine.thresholdDefaults().keySet());
        known.add("baseline");
        for (String name : given.stringPropertyNames()) {
            String key = name.startsWith(Thresholds.PREFIX) ? name.substring(Thresholds.PREFIX.length()) : name;
            if (!known.contains(key) && !isRefusedPerWindowKey(key)) {
                throw new UsageException("unknown threshold " + name + "; known: " + String.join(", ", known)
                        + " (schedgate analyze --help)");
            }
        }
    }

    /** Old per-window keys: Thresholds.from refuses them with their replacement, a better line than "unknown". */
    private static boolean isRefusedPerWindowKey(String key) {
        return key.equals("contention.blockMinMs")
                || key.equals("contention.mutexMinContentions")
                || key.equals("contention.notableDelayMs");
    }
}
