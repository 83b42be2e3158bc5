package io.schedgate.verdict;

import java.util.List;

/**
 * One kind of judgement over a run: per-step results and/or ramp-wide results, each carrying its
 * own stable {@link CheckResult#checkId()}.
 */
public interface Check {

    List<CheckResult> evaluate(RunData run, Thresholds thresholds);
}
