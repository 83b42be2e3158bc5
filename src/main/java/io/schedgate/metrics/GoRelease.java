package io.schedgate.metrics;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of a Go version string ({@code runtime.Version()}, {@code go env GOVERSION}, go_info's
 * {@code version} label): {@code go1.26.8}, {@code go1.27rc1} and {@code go1.22} give their minor version.
 * What a caller does with an unknown version (treat it as old or as new) is its own policy.
 */
public final class GoRelease {
    private static final Pattern MINOR = Pattern.compile("^go1\\.(\\d+)(?![0-9])");

    private GoRelease() {}

    /** {@code go1.26.8} → 26; empty for null, {@code devel ...} or anything not {@code go1.N}. */
    public static OptionalInt minor(String goVersion) {
        if (goVersion == null) {
            return OptionalInt.empty();
        }
        Matcher m = MINOR.matcher(goVersion.strip());
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
