package io.schedgate.pprof;

/** One column of a profile's sample values, e.g. {@code cpu/nanoseconds} or {@code contentions/count}. */
public record SampleType(String type, String unit) {
    @Override
    public String toString() {
        return type + "/" + unit;
    }
}
