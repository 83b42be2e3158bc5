package io.schedgate.gatling;

import io.schedgate.report.HtmlReport;
import io.schedgate.report.VerdictTable;
import io.schedgate.run.Manifest;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import io.schedgate.verdict.VerdictJson;
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

    /** Where io.schedgate.signals.TraceStatReader takes the tracestat binary from (its BINARY_PROPERTY). */
    static final String TRACESTAT_PROPERTY = "schedgate.tracestat";

    /**
     * A run with execution traces needs tools/tracestat to read them: built (or found up to date) with
     * the default Go, its path handed to the reader. A failed build is one line; the wake-up check then
     * says it could not read the traces.
     */
    static void prepareTraceReader(Manifest manifest) {
        if (manifest == null || manifest.steps() == null) {
            return;
        }
        boolean traced = manifest.steps().stream().anyMatch(s -> {
            Manifest.Capture c = s.captures().get(io.schedgate.run.CaptureKind.TRACE.key());
            return c != null && c.ok();
        });
        if (!traced || System.getProperty(TRACESTAT_PROPERTY) != null) {
            return;
        }
        try {
            // in a user's own project: from the sources the schedgate jar carries, into its target/
            Path binary = io.schedgate.service.TraceStatBuild.ensureAnywhere(
                    io.schedgate.service.ProjectLayout.findOrWorkingDirectory());
            System.setProperty(TRACESTAT_PROPERTY, binary.toString());
        } catch (RuntimeException e) {
            System.out.println(
                    "[schedgate] cannot build tools/tracestat to read the execution traces: " + e.getMessage());
        }
    }

    @Override
    public Optional<Failure> runFinished(Path runDirectory, Manifest manifest) {
        prepareTraceReader(manifest);
        Verdict verdict;
        try {
            verdict = VerdictEngine.judgeAndWrite(runDirectory);
        } catch (RuntimeException e) {
            // a bad -Dschedgate.* value or an unreadable run directory: no verdict is a failed gate
            return Optional.of(new Failure(RunExit.NO_DATA, "no verdict: " + e.getMessage()));
        }
        System.out.print(VerdictTable.render(verdict));
        System.out.println("[schedgate] verdict: " + runDirectory.resolve(VerdictJson.FILE_NAME));
        try {
            System.out.println("[schedgate] report: "
                    + HtmlReport.writeAtRunEnd(runDirectory, verdict, VerdictEngine.baselineFromSystemProperties())
                            .toAbsolutePath()
                            .normalize()
                            .toUri());
        } catch (RuntimeException e) {
            // the page is for people: a report that cannot be written does not change the gate
            System.out.println("[schedgate] report: not written: " + e.getMessage() + " (bin/schedgate report "
                    + runDirectory + " retries)");
        }
        System.out.flush();
        if (verdict.gate().passed()) {
            return Optional.empty();
        }
        // the table above printed the decisive sentence: the last line names it, the gate's code says the rest
        String decisive = VerdictTable.decisive(verdict);
        int colon = decisive.indexOf(": ");
        return Optional.of(new Failure(
                RunExit.ofGate(verdict.gate()), "decisive " + (colon > 0 ? decisive.substring(0, colon) : decisive)));
    }
}
