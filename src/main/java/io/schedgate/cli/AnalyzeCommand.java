package io.schedgate.cli;

import io.schedgate.run.RunDirectory;
import io.schedgate.verdict.Thresholds;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import io.schedgate.verdict.VerdictJson;
import io.schedgate.report.VerdictTable;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code schedgate analyze RUN_DIR}: recomputes every check offline from a run directory (other
 * thresholds, another baseline), prints the console table (or verdict.json with --json), writes
 * verdict.json into the run directory, and exits with the gate's code: 0 passed, 1 a check
 * FAILed, 2 usage error, not a run directory, or the gate failed only for missing data.
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
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--no-write")) {
                write = false;
            } else if (a.equals("--baseline")) {
                baseline = Path.of(value(args, ++i, a));
            } else if (a.startsWith("--baseline=")) {
                baseline = Path.of(a.substring("--baseline=".length()));
            } else if (a.equals("--threshold")) {
                put(props, value(args, ++i, a));
            } else if (a.startsWith("-D")) {
                put(props, a.substring(2));
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
            if (!Files.isRegularFile(dir.resolve(RunDirectory.MANIFEST))) {
                err.println("schedgate analyze: " + dir + " has no manifest.json: pass a run directory written by the"
                        + " schedgate collector (target/schedgate/<simulation>-<timestamp>/)");
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
        return verdict.gate().exitCode();
    }

    private static void put(Properties props, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("expected KEY=VALUE, got '" + assignment + "'; " + USAGE);
        }
        String key = assignment.substring(0, eq).strip();
        props.setProperty(key.startsWith(Thresholds.PREFIX) ? key : Thresholds.PREFIX + key,
                assignment.substring(eq + 1));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value; " + USAGE);
        }
        return args[i];
    }
}
