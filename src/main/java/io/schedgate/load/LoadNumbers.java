package io.schedgate.load;

/**
 * What the load generator did inside one step's capture window.
 * offered = requests started per second, achieved = successful responses per second,
 * late = requests sent more than {@link StepLoadCounters#LATE_NANOS} after they were due (the harness
 * was behind its own schedule, so offered may fall short of the step's rate for the harness's sake).
 */
public record LoadNumbers(double offeredQps, double achievedQps, long requests, long errors, long late,
                          Latency latencyMs) {

    /** Latency of the requests completed in the window, in milliseconds; null when none completed. */
    public record Latency(double mean, double p50, double p95, double p99, double max) {
    }
}
