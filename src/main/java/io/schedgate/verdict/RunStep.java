package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetricsWindow;
import io.schedgate.run.LoadNumbers;

/**
 * One step of a run as the checks see it.
 *
 * @param index 1-based step index (folder step-NN)
 * @param targetQps the plan's rate for the step
 * @param windowSeconds length of the measurement window
 * @param load load numbers, null when the manifest has none
 * @param metrics runtime/metrics deltas over the window, null when a scrape is missing
 * @param metricsProblem why {@code metrics} is null
 * @param captures the step's captures by manifest key (cpu, mutex, block, goroutineStart, ...)
 */
public record RunStep(
        int index,
        double targetQps,
        double windowSeconds,
        LoadNumbers load,
        RuntimeMetricsWindow metrics,
        String metricsProblem,
        java.util.Map<String, Capture> captures) {

    public RunStep {
        captures = captures == null ? java.util.Map.of() : java.util.Map.copyOf(captures);
    }

    /** The capture of {@code kind}; a kind the manifest lacks is a missing capture. */
    public Capture capture(io.schedgate.run.CaptureKind kind) {
        return capture(kind.key());
    }

    /** The capture under manifest key {@code name}; a key the manifest lacks is a missing capture. */
    public Capture capture(String name) {
        Capture c = captures.get(name);
        return c != null
                ? c
                : new Capture(name, null, Evidence.step(index) + ": no " + name + " capture in the manifest");
    }
}
