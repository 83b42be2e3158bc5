package io.schedgate.verdict;

import io.schedgate.signals.RuntimeMetricsWindow;

/**
 * One step of a run as the checks see it.
 *
 * @param index 1-based step index (folder step-NN)
 * @param targetQps the plan's rate for the step
 * @param windowSeconds length of the measurement window
 * @param load load numbers, null when the manifest has none
 * @param metrics runtime/metrics deltas over the window, null when a scrape is missing
 * @param metricsProblem why {@code metrics} is null
 */
public record RunStep(
    int index,
    double targetQps,
    double windowSeconds,
    StepLoad load,
    RuntimeMetricsWindow metrics,
    String metricsProblem) {}
