package io.schedgate.verdict;

import java.util.List;

/**
 * What a check judges: the run, the thresholds, the results of the checks before it in the
 * registry (capacity reads them), and the baseline run's verdict, null without one.
 */
public record CheckInput(RunData run, Thresholds thresholds, List<CheckResult> earlier, Verdict baseline) {

    public CheckInput {
        earlier = List.copyOf(earlier);
    }

    /** A run judged alone: no earlier results, no baseline. */
    public static CheckInput of(RunData run, Thresholds thresholds) {
        return new CheckInput(run, thresholds, List.of(), null);
    }
}
