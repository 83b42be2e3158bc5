package io.schedgate.verdict;

import java.util.List;

/**
 * The release decision: passes only when there were steps, results, and no result FAILed or had
 * NO_DATA.
 *
 * @param passed true when the pipeline may go on
 * @param checkFailed true when at least one check FAILed (not only missing data)
 * @param reasons one line per thing that failed the gate (empty when passed)
 */
public record Gate(boolean passed, boolean checkFailed, List<String> reasons) {

    /** Exit code of a passed gate. */
    public static final int PASSED = 0;
    /** Exit code when a check FAILed. */
    public static final int FAILED = 1;
    /** Exit code when the gate failed only for missing data (NO_DATA, no steps, incomplete run). */
    public static final int NO_DATA = 2;

    public Gate {
        reasons = List.copyOf(reasons);
    }

    /** Process exit code for the CLI / Gatling run: 0 passed, 1 a check failed, 2 no data to judge. */
    public int exitCode() {
        return passed ? PASSED : checkFailed ? FAILED : NO_DATA;
    }
}
