package io.schedgate.verdict;

import java.util.List;

/**
 * The release decision: passes only when there were steps, results, and no result FAILed or had
 * NO_DATA.
 *
 * @param passed true when the pipeline may go on
 * @param reasons one line per thing that failed the gate (empty when passed)
 */
public record Gate(boolean passed, List<String> reasons) {

  public Gate {
    reasons = List.copyOf(reasons);
  }

  /** Process exit code for the CLI / Gatling run: 0 passed, 1 failed. */
  public int exitCode() {
    return passed ? 0 : 1;
  }
}
