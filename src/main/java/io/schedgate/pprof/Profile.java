package io.schedgate.pprof;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A decoded pprof profile, in the spirit of pprof's own {@code profile.Profile}: names are
 * resolved, stacks are logical (inlined frames expanded), and nothing is aggregated yet.
 *
 * <p>Stored column-wise, because a merged profile holds hundreds of thousands of samples: every
 * distinct stack once (as ids of distinct {@link Frame}s), every distinct value set once, and
 * per sample only the ids of its stack, values and labels. {@link #samples()} is a view that
 * makes {@link Sample} objects on demand; analyses that run on large profiles work per distinct
 * stack instead ({@link #stackTotals}, {@link #frameId}, {@link #functionOf}).
 */
public final class Profile {

    private final List<SampleType> sampleTypes;
    private final SampleType periodType;
    private final long period;
    private final long durationNanos;
    private final long timeNanos;
    private final List<Mapping> mappings;
    private final String defaultSampleType;

    private final int sampleCount;
    private final int[] sampleStack;
    private final int[] sampleValues;
    private final long[][] valueSets;
    /** Label-set id per sample, or null when no sample has labels. */
    private final int[] sampleLabels;

    private final List<Map<String, List<String>>> labelSets;
    private final List<Map<String, List<Long>>> numLabelSets;

    private final Frame[] frames;
    private final int[] frameFunction;
    private final String[] functionNames;
    /** Stack s is frames {@code stackFrames[stackStart[s] .. stackStart[s+1])}, leaf first. */
    private final int[] stackFrames;

    private final int[] stackStart;
    private Map<String, Integer> functionIds;

    Profile(
            List<SampleType> sampleTypes,
            SampleType periodType,
            long period,
            long durationNanos,
            long timeNanos,
            List<Mapping> mappings,
            String defaultSampleType,
            int sampleCount,
            int[] sampleStack,
            int[] sampleValues,
            long[][] valueSets,
            int[] sampleLabels,
            List<Map<String, List<String>>> labelSets,
            List<Map<String, List<Long>>> numLabelSets,
            Frame[] frames,
            int[] frameFunction,
            String[] functionNames,
            int[] stackFrames,
            int[] stackStart) {
        this.sampleTypes = List.copyOf(sampleTypes);
        this.periodType = periodType;
        this.period = period;
        this.durationNanos = durationNanos;
        this.timeNanos = timeNanos;
        this.mappings = List.copyOf(mappings);
        this.defaultSampleType = defaultSampleType;
        this.sampleCount = sampleCount;
        this.sampleStack = sampleStack;
        this.sampleValues = sampleValues;
        this.valueSets = valueSets;
        this.sampleLabels = sampleLabels;
        this.labelSets = labelSets;
        this.numLabelSets = numLabelSets;
        this.frames = frames;
        this.frameFunction = frameFunction;
        this.functionNames = functionNames;
        this.stackFrames = stackFrames;
        this.stackStart = stackStart;
    }

    /** The value columns of every sample. */
    public List<SampleType> sampleTypes() {
        return sampleTypes;
    }

    /** What {@link #period()} measures (null when absent). */
    public SampleType periodType() {
        return periodType;
    }

    /** Sampling period, e.g. 10,000,000 ns for a 100 Hz CPU profile. */
    public long period() {
        return period;
    }

    /** The profile's time span (0 for snapshots and cumulative profiles). */
    public long durationNanos() {
        return durationNanos;
    }

    /** Collection time (start for CPU, end for {@code ?seconds} deltas). */
    public long timeNanos() {
        return timeNanos;
    }

    /** Mapped binaries, the main one first. */
    public List<Mapping> mappings() {
        return mappings;
    }

    /** The proto's default sample type, or null when unset (Go never sets it). */
    public String defaultSampleType() {
        return defaultSampleType;
    }

    // ---- samples --------------------------------------------------------------------------

    public int sampleCount() {
        return sampleCount;
    }

    /** All samples in file order, as a view: each {@code get} makes a small {@link Sample}. */
    public List<Sample> samples() {
        return new SampleList();
    }

    /** The stack id of sample {@code i}. */
    public int stackId(int sample) {
        return sampleStack[sample];
    }

    /** Value {@code sampleIndex} of sample {@code i}. */
    public long value(int sample, int sampleIndex) {
        return valueSets[sampleValues[sample]][sampleIndex];
    }

    /** Sum of one value column over all samples. */
    public long total(int sampleIndex) {
        long[] column = valueColumn(sampleIndex);
        long sum = 0;
        for (int i = 0; i < sampleCount; i++) {
            sum += column[sampleValues[i]];
        }
        return sum;
    }

    /** Sum of |value| over all samples: pprof's total, the base of its percentages (report.computeTotal). */
    public long absoluteTotal(int sampleIndex) {
        long[] column = valueColumn(sampleIndex);
        long sum = 0;
        for (int i = 0; i < sampleCount; i++) {
            sum += Math.abs(column[sampleValues[i]]);
        }
        return sum;
    }

    /**
     * Sum of one value column per distinct stack: everything an analysis that depends only on
     * the stack needs, computed in one pass over the samples.
     */
    public long[] stackTotals(int sampleIndex) {
        long[] column = valueColumn(sampleIndex);
        long[] sums = new long[stackCount()];
        for (int i = 0; i < sampleCount; i++) {
            sums[sampleStack[i]] += column[sampleValues[i]];
        }
        return sums;
    }

    /** Value {@code sampleIndex} of every distinct value set, indexed by value-set id. */
    private long[] valueColumn(int sampleIndex) {
        long[] column = new long[valueSets.length];
        for (int v = 0; v < valueSets.length; v++) {
            column[v] = valueSets[v][sampleIndex];
        }
        return column;
    }

    // ---- stacks, frames, functions ------------------------------------------------------------

    /** Distinct stacks; every {@link Sample#stackId()} is below it. */
    public int stackCount() {
        return stackStart.length - 1;
    }

    /** Stack {@code stackId} as a list of frames, leaf first (a view, no copy). */
    public List<Frame> stack(int stackId) {
        return new FrameList(stackStart[stackId], stackStart[stackId + 1] - stackStart[stackId]);
    }

    public int stackDepth(int stackId) {
        return stackStart[stackId + 1] - stackStart[stackId];
    }

    /** The id of the {@code i}-th frame (leaf first) of stack {@code stackId}. */
    public int frameId(int stackId, int i) {
        return stackFrames[stackStart[stackId] + i];
    }

    public Frame frame(int frameId) {
        return frames[frameId];
    }

    public int frameCount() {
        return frames.length;
    }

    /** The function id of a frame: frames of functions with the same name share it, as pprof's nodes do. */
    public int functionOf(int frameId) {
        return frameFunction[frameId];
    }

    public int functionCount() {
        return functionNames.length;
    }

    public String functionName(int functionId) {
        return functionNames[functionId];
    }

    /** The id of the function named {@code name}, or -1 when no frame has it. */
    public int functionId(String name) {
        Map<String, Integer> ids = functionIds;
        if (ids == null) {
            ids = new HashMap<>(functionNames.length * 2);
            for (int i = 0; i < functionNames.length; i++) {
                ids.put(functionNames[i], i);
            }
            functionIds = ids;
        }
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    // ---- what kind of profile -----------------------------------------------------------------

    /**
     * Resolves a sample-type selector the way {@code go tool pprof -sample_index} does: a type
     * name ({@code cpu}, {@code delay}) or a zero-based index; null means the default, which
     * profile.proto defines as the last sample type when {@code default_sample_type} is unset.
     */
    public int sampleIndex(String selector) {
        if (selector == null || selector.isEmpty()) {
            if (defaultSampleType != null) {
                return sampleIndex(defaultSampleType);
            }
            return sampleTypes.size() - 1;
        }
        for (int i = 0; i < sampleTypes.size(); i++) {
            if (sampleTypes.get(i).type().equals(selector)) {
                return i;
            }
        }
        if (isDigits(selector)) {
            int i = Integer.parseInt(selector);
            if (i < sampleTypes.size()) {
                return i;
            }
        }
        throw new UnknownSampleTypeException(selector, sampleTypes);
    }

    private static boolean isDigits(String s) {
        if (s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** True when this is a CPU profile ({@code cpu/nanoseconds} period type). */
    public boolean isCpu() {
        return periodType != null && periodType.type().equals("cpu");
    }

    /**
     * {@code cpu}, {@code heap}, or the first value type's name: {@code contentions} (mutex and
     * block profiles share one format), {@code goroutine}, {@code goroutineleak}, ...
     */
    public String kind() {
        if (isCpu()) {
            return "cpu";
        }
        if (sampleTypes.isEmpty()) {
            return "unknown";
        }
        String first = sampleTypes.get(0).type();
        return first.equals("alloc_objects") ? "heap" : first;
    }

    /** The main binary's build id, or "" when the profile has none. */
    public String mainBuildId() {
        return mappings.isEmpty() ? "" : mappings.get(0).buildId();
    }

    /**
     * Fails with {@link NoSamplesException} when the profile holds no sample with a non-zero
     * value: an empty capture must never read as "no contention".
     */
    public Profile requireSamples(String source) {
        for (int i = 0; i < sampleCount; i++) {
            for (long v : valueSets[sampleValues[i]]) {
                if (v != 0) {
                    return this;
                }
            }
        }
        throw new NoSamplesException(source, this);
    }

    private final class SampleList extends AbstractList<Sample> implements RandomAccess {
        @Override
        public Sample get(int i) {
            if (i < 0 || i >= sampleCount) {
                throw new IndexOutOfBoundsException(i);
            }
            int labels = sampleLabels == null ? 0 : sampleLabels[i];
            return new Sample(
                    valueSets[sampleValues[i]],
                    stack(sampleStack[i]),
                    sampleStack[i],
                    labelSets.get(labels),
                    numLabelSets.get(labels));
        }

        @Override
        public int size() {
            return sampleCount;
        }
    }

    private final class FrameList extends AbstractList<Frame> implements RandomAccess {
        private final int from;
        private final int size;

        FrameList(int from, int size) {
            this.from = from;
            this.size = size;
        }

        @Override
        public Frame get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            return frames[stackFrames[from + i]];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
