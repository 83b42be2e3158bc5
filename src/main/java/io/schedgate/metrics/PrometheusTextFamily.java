package io.schedgate.metrics;

import java.util.List;

/** A metric family: the samples under one {@code # TYPE} line (or one untyped sample name). */
public record PrometheusTextFamily(String name, Type type, String help, List<PrometheusTextSample> samples) {

    /** The types of the text format's {@code # TYPE} line. */
    public enum Type {
        COUNTER,
        GAUGE,
        HISTOGRAM,
        SUMMARY,
        UNTYPED
    }

    public PrometheusTextFamily {
        samples = List.copyOf(samples);
    }
}
