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
 * @param late requests the harness sent more than 10 ms after they were due (0 in manifests
 *     written before it was counted)
 */
public record StepLoad(
    double offeredQps, double achievedQps, long requests, long errors, double meanMs, double p99Ms, long late) {

  /** Requests the target is known to have served: requests − errors. */
  public long served() {
    return Math.max(0, requests - errors);
  }

  /** Share of the window's requests the harness sent late. */
  public double lateRate() {
    return requests == 0 ? 0 : (double) late / requests;
  }

  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }
}
