package io.schedgate.verdict;

import java.util.List;

/**
 * The highest step at which every per-step check PASSed, and its achieved QPS.
 *
 * @param stepIndex that step, null when no step passed
 * @param qps its achieved QPS, null when no step passed
 * @param baselineQps the baseline run's capacity, null without a baseline
 */
public record Capacity(Integer stepIndex, Double qps, Double baselineQps) {

    static Capacity of(RunData run, List<CheckResult> perStep, Double baselineQps) {
        Integer best = null;
        Double qps = null;
        for (RunStep step : run.steps()) {
            List<CheckResult> mine =
                    perStep.stream().filter(r -> r.stepIndex() == step.index()).toList();
            boolean allPass = !mine.isEmpty() && mine.stream().allMatch(r -> r.status() == Status.PASS);
            if (allPass && step.load() != null && (qps == null || step.load().achievedQps() > qps)) {
                best = step.index();
                qps = step.load().achievedQps();
            }
        }
        return new Capacity(best, qps, baselineQps);
    }
}
