package io.schedgate.cli;

import io.schedgate.verdict.CheckRegistry;
import io.schedgate.verdict.Limit;
import io.schedgate.verdict.Thresholds;
import io.schedgate.verdict.VerdictEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The threshold and baseline flags {@code schedgate analyze} and {@code schedgate report} share:
 * {@code -Dschedgate.KEY=VALUE} or {@code -DKEY=VALUE}, {@code --threshold KEY=VALUE},
 * {@code --baseline RUN_DIR}; given over the {@code schedgate.*} system properties. A key no check
 * reads is a typo, refused naming the known ones (all from {@link CheckRegistry#limits()}).
 */
final class ThresholdFlags {

    private static final String BASELINE_KEY = "baseline";

    private final String usage;
    private final Properties given = new Properties();
    private Path baseline;

    ThresholdFlags(String usage) {
        this.usage = usage;
    }

    /**
     * Takes the flag at {@code args[i]} if it is one of these, with its value: the index of the last
     * argument taken, or -1 when {@code args[i]} is not a threshold or baseline flag.
     */
    int take(String[] args, int i) {
        String a = args[i];
        if (a.equals("--baseline")) {
            baseline = Path.of(value(args, i + 1, a));
            return i + 1;
        } else if (a.startsWith("--baseline=")) {
            baseline = Path.of(a.substring("--baseline=".length()));
        } else if (a.equals("--threshold")) {
            put(value(args, i + 1, a));
            return i + 1;
        } else if (a.startsWith("-D")) {
            put(a.substring(2));
        } else {
            return -1;
        }
        return i;
    }

    /** The thresholds: defaults, then {@code schedgate.*} system properties, then the flags. */
    Thresholds thresholds() {
        try {
            return Thresholds.from(properties());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code --baseline}, else {@code -Dschedgate.baseline} (flag or system property), else null. */
    Path baseline() {
        if (baseline != null) {
            return baseline;
        }
        String p = properties().getProperty(VerdictEngine.BASELINE_PROPERTY);
        return p == null ? null : Path.of(p);
    }

    private Properties properties() {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        props.putAll(given);
        return props;
    }

    /** Every threshold key with its default and what it does, then the baseline. */
    static void help(PrintStream out) {
        out.println(
                "thresholds (-Dschedgate.KEY=VALUE or --threshold KEY=VALUE; fractions take 0.05 or 5%), with defaults:");
        // key and default on one line, what it does under it: fits a 120-column terminal
        for (Limit limit : CheckRegistry.limits()) {
            Object v = limit.defaultShown();
            String shown = v == null ? "none" : v.toString();
            // 5/30 prints as 0.167, 0.95 as itself
            out.println("  " + limit.key() + " = "
                    + (v instanceof Double d && shown.length() > 8 ? io.schedgate.text.Numbers.num(d) : shown));
            io.schedgate.text.Wrap.lines(limit.description(), 120 - 6).forEach(l -> out.println("      " + l));
        }
        out.println("  " + BASELINE_KEY + " = none");
        out.println("      an earlier run directory to compare capacity and sched.lock with");
    }

    private void put(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("expected KEY=VALUE, got '" + assignment + "'; " + usage);
        }
        String name = assignment.substring(0, eq).strip();
        String key = name.startsWith(Thresholds.PREFIX) ? name.substring(Thresholds.PREFIX.length()) : name;
        if (!key.equals(BASELINE_KEY) && !Thresholds.isKnown(key)) {
            TreeSet<String> known = new TreeSet<>();
            CheckRegistry.limits().forEach(l -> known.add(l.key()));
            known.add(BASELINE_KEY);
            throw new UsageException("unknown threshold " + Thresholds.PREFIX + key + "; known: "
                    + String.join(", ", known) + " (schedgate analyze --help)");
        }
        given.setProperty(Thresholds.PREFIX + key, assignment.substring(eq + 1));
    }

    private String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value; " + usage);
        }
        return args[i];
    }
}
