package io.schedgate.pprof;

import java.util.regex.Pattern;

/**
 * pprof's {@code -focus}/{@code -ignore}: keep a sample when some frame matches {@code focus}
 * and no frame matches {@code ignore}; a frame matches when the regex is found in its function
 * name or file. As in pprof's {@code FilterSamplesByName}, a set filter drops empty stacks.
 *
 * @param focus  null keeps every sample that has at least one frame (when ignore is set)
 * @param ignore null ignores nothing
 */
public record SampleFilter(Pattern focus, Pattern ignore) {

    public static final SampleFilter NONE = new SampleFilter(null, null);

    public static SampleFilter of(String focus, String ignore) {
        return new SampleFilter(
                focus == null ? null : Pattern.compile(focus), ignore == null ? null : Pattern.compile(ignore));
    }

    public boolean isNone() {
        return focus == null && ignore == null;
    }

    public boolean accepts(Sample sample) {
        return isNone() || accepts(sample.stack());
    }

    /** The same test for distinct stack {@code stackId} of {@code profile}. */
    public boolean accepts(Profile profile, int stackId) {
        return isNone() || accepts(profile.stack(stackId));
    }

    private boolean accepts(java.util.List<Frame> stack) {
        boolean focused = false;
        for (Frame f : stack) {
            if (ignore != null && matches(ignore, f)) {
                return false;
            }
            if (focus == null || matches(focus, f)) {
                focused = true;
            }
        }
        return focused;
    }

    private static boolean matches(Pattern p, Frame f) {
        return p.matcher(f.function()).find() || p.matcher(f.file()).find();
    }
}
