package io.schedgate.verdict;

import io.schedgate.run.RunDirectory;
import java.util.Locale;

/** Number formatting for evidence sentences: short, locale-independent. */
public final class Evidence {

    private Evidence() {}

    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v) && a < 1e6) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    public static String percent(double fraction) {
        double p = fraction * 100;
        return String.format(Locale.ROOT, Math.abs(p) < 1 && p != 0 ? "%.2f%%" : "%.1f%%", p);
    }

    /** {@code step-03} for the manifest's step index 3: the step's folder in the run directory. */
    public static String step(int index) {
        return RunDirectory.stepFolder(index - 1);
    }

    /** "1 step", "3 steps": a count with its noun in the right number. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
