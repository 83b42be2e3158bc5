package io.schedgate.verdict;

/**
 * The load numbers of one step's measurement window, as the manifest records them.
 *
 * @param offeredQps what the load generator tried to send
 * @param achievedQps what completed successfully per second
 * @param requests requests sent in the window (including errors)
 * @param errors failed requests
 * @param meanMs mean latency, ms
 * @param p99Ms 99th percentile latency, ms
 */
public record StepLoad(
    double offeredQps, double achievedQps, long requests, long errors, double meanMs, double p99Ms) {

  /** Requests the target is known to have served: requests − errors. */
  public long served() {
    return Math.max(0, requests - errors);
  }

  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }
}
