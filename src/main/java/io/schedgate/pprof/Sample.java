package io.schedgate.pprof;

import java.util.List;
import java.util.Map;

/**
 * One sample: values aligned with the profile's sample types, a logical stack (leaf first,
 * inlined frames expanded innermost first) and labels. Samples with the same location list
 * share one stack object and one {@code stackId} (0 .. {@link Profile#stackCount()}-1), so an
 * analysis can work once per distinct stack.
 *
 * <p>The {@code values} array is shared with the reader and must not be modified; it is an
 * array, not a list, because large profiles hold hundreds of thousands of samples. An empty
 * {@code stack} is legal (goroutines that have not started yet).
 */
public record Sample(
        long[] values,
        List<Frame> stack,
        int stackId,
        Map<String, List<String>> labels,
        Map<String, List<Long>> numLabels) {

    public long value(int sampleIndex) {
        return values[sampleIndex];
    }

    public Frame leaf() {
        return stack.isEmpty() ? null : stack.get(0);
    }
}
