package io.schedgate.metrics;

import java.util.Map;

/** One sample line: {@code name{label="value",...} value}. Timestamps are ignored. */
public record PrometheusTextSample(String name, Map<String, String> labels, double value) {

    public PrometheusTextSample {
        labels = Map.copyOf(labels);
    }
}
