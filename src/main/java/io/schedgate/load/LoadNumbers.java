package io.schedgate.load;

/**
 * What the load generator did inside one step's capture window.
 * offered = requests started per second, achieved = successful responses per second.
 */
public record LoadNumbers(double offeredQps, double achievedQps, long requests, long errors, Latency latencyMs) {

    /** Latency of the requests completed in the window, in milliseconds; null when none completed. */
    public record Latency(double mean, double p50, double p95, double p99, double max) {
    }
}
