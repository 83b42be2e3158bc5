package io.schedgate.pprof;

import java.util.List;

/**
 * A decoded pprof profile, in the spirit of pprof's own {@code profile.Profile}: names are
 * resolved, stacks are logical (inlined frames expanded), and nothing is aggregated yet.
 *
 * @param sampleTypes       the value columns of every sample
 * @param samples           all samples, in file order
 * @param periodType        what {@code period} measures (null when absent)
 * @param period            sampling period, e.g. 10,000,000 ns for a 100 Hz CPU profile
 * @param durationNanos     the profile's time span (0 for snapshots and cumulative profiles)
 * @param timeNanos         collection time (start for CPU, end for {@code ?seconds} deltas)
 * @param mappings          mapped binaries, the main one first
 * @param defaultSampleType the proto's default sample type, or null when unset (Go never sets it)
 * @param stackCount        distinct stacks; every {@link Sample#stackId()} is below it
 */
public record Profile(List<SampleType> sampleTypes, List<Sample> samples, SampleType periodType,
                      long period, long durationNanos, long timeNanos, List<Mapping> mappings,
                      String defaultSampleType, int stackCount) {

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
        if (selector.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(selector);
            if (i < sampleTypes.size()) {
                return i;
            }
        }
        throw new UnknownSampleTypeException(selector, sampleTypes);
    }

    /** Sum of one value column over all samples. */
    public long total(int sampleIndex) {
        long sum = 0;
        for (Sample s : samples) {
            sum += s.values()[sampleIndex];
        }
        return sum;
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
        for (Sample s : samples) {
            for (long v : s.values()) {
                if (v != 0) {
                    return this;
                }
            }
        }
        throw new NoSamplesException(source, this);
    }
}
