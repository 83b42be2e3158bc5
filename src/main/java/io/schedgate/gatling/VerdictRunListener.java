package io.schedgate.gatling;
import io.schedgate.verdict.VerdictJson;
import io.schedgate.verdict.VerdictEngine;
import io.schedgate.verdict.Verdict;

import io.schedgate.run.Manifest;
import io.schedgate.gatling.RunListener;
import io.schedgate.report.HtmlReport;
import io.schedgate.report.VerdictTable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The verdict stage of a Gatling run (found by ServiceLoader, see META-INF/services): judges the
 * completed run directory with the {@code -Dschedgate.*} thresholds (and {@code
 * -Dschedgate.baseline}), writes verdict.json and report.html into it, prints the console table and the
 * report's file:// address, and fails the
 * build when the gate does not pass — a FAIL or missing data (NO_DATA) alike.
 */
public final class VerdictRunListener implements RunListener {

  @Override
  public Optional<String> runFinished(Path runDirectory, Manifest manifest) {
    Verdict verdict;
    try {
      verdict = VerdictEngine.judgeAndWrite(runDirectory);
    } catch (RuntimeException e) {
      // a bad -Dschedgate.* value or an unreadable run directory: no verdict is a failed gate
      return Optional.of("verdict: " + e.getMessage());
    }
    System.out.print(VerdictTable.render(verdict));
    System.out.println("[schedgate] verdict: " + runDirectory.resolve(VerdictJson.FILE_NAME));
    try {
      System.out.println("[schedgate] report: "
          + HtmlReport.write(runDirectory, verdict).toAbsolutePath().normalize().toUri());
    } catch (RuntimeException e) {
      // the page is for people: a report that cannot be written does not change the gate
      System.out.println("[schedgate] report: not written: " + e.getMessage()
          + " (bin/schedgate report " + runDirectory + " retries)");
    }
    System.out.flush();
    if (verdict.gate().passed()) {
      return Optional.empty();
    }
    int more = verdict.gate().reasons().size() - 1;
    return Optional.of("verdict gate " + (verdict.gate().checkFailed() ? "FAIL" : "NO_DATA") + ": "
        + VerdictTable.decisive(verdict) + (more > 0 ? " (" + more + " more reasons in verdict.json)" : ""));
  }
}
