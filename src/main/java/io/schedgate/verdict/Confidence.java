package io.schedgate.verdict;

import com.fasterxml.jackson.annotation.JsonValue;

/** How directly a result was measured: counts from runtime/metrics are high, CPU-sample proxies low. */
public enum Confidence {
    HIGH,
    LOW;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
