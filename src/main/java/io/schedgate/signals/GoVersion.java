package io.schedgate.signals;

import java.util.List;

/**
 * The Go version a profile came from, as far as the profile shows it: an exact minor version,
 * a range of minors, or unknown. {@code highest} is {@link #OPEN} when nothing bounds it above.
 *
 * @param lowest   lowest possible minor (22 means "Go 1.22 or the oldest we know")
 * @param highest  highest possible minor, or {@link #OPEN}
 * @param evidence the facts the range rests on, one per entry, human-readable
 * @param warnings reasons to distrust attribution (e.g. a version newer than the tables)
 */
public record GoVersion(int lowest, int highest, List<String> evidence, List<String> warnings) {

    public static final int OPEN = Integer.MAX_VALUE;
    /** The oldest Go that reports runtime-internal locks in the mutex profile (1.22). */
    public static final int OLDEST = 22;

    public GoVersion {
        evidence = List.copyOf(evidence);
        warnings = List.copyOf(warnings);
    }

    /** A version the user or the target declared, e.g. from {@code /info} or {@code --go-version}. */
    public static GoVersion declared(int minor, String source) {
        List<String> warn = LockSiteTable.forMinor(minor) == null
                ? List.of("Go 1." + minor + " has no bundled lock-site table (1.22-1.27): runtime locks are "
                        + "attributed by function name only")
                : List.of();
        return new GoVersion(minor, minor, List.of("declared: " + source), warn);
    }

    public boolean isExact() {
        return lowest == highest;
    }

    /** The exact minor, or -1 when only a range is known. */
    public int minor() {
        return isExact() ? lowest : -1;
    }

    /** True when the version is certainly at least 1.{@code minor}. */
    public boolean atLeast(int minor) {
        return lowest >= minor;
    }

    /** True when the version is certainly at most 1.{@code minor}. */
    public boolean atMost(int minor) {
        return highest <= minor;
    }

    /** "1.26", "1.24-1.25", "1.24+" or "unknown". */
    public String label() {
        if (isExact()) {
            return "1." + lowest;
        }
        if (highest == OPEN) {
            return lowest <= OLDEST ? "unknown" : "1." + lowest + "+";
        }
        return "1." + lowest + "-1." + highest;
    }

    @Override
    public String toString() {
        return label();
    }
}
