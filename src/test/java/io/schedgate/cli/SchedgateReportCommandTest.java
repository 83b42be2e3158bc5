package io.schedgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedgate report} writes report.html; {@code schedgate analyze} says where it is. */
class SchedgateReportCommandTest {

    @Test
    void reportWritesThePageAndPrintsItsFileUrl(@TempDir Path tmp) throws IOException {
        Path dir = SchedgateAnalyzeCommandTest.copy("hotlock-go1.26", tmp);
        CliRun o = SchedgateAnalyzeCommandTest.run("report", dir.toString());
        assertEquals(0, o.code(), o.err());
        Path page = dir.resolve("report.html");
        assertTrue(Files.isRegularFile(page));
        assertEquals(
                "report: " + page.toAbsolutePath().normalize().toUri(), o.out().strip());
        assertTrue(Files.readString(page).contains("<iframe class='flame'"));
    }

    @Test
    void reportWithABaselineShowsTheBaselineCapacity(@TempDir Path tmp) throws IOException {
        Path dir = SchedgateAnalyzeCommandTest.copy("hotlock-go1.26", tmp.resolve("a"));
        Path base = SchedgateAnalyzeCommandTest.copy("healthy-go1.26", tmp.resolve("b"));
        CliRun o = SchedgateAnalyzeCommandTest.run("report", dir.toString(), "--baseline", base.toString());
        assertEquals(0, o.code(), o.err());
        String html = Files.readString(dir.resolve("report.html"));
        String capacity = html.substring(
                html.indexOf("<p id='capacity'>"), html.indexOf("</p>", html.indexOf("<p id='capacity'>")));
        assertTrue(capacity.contains("(baseline "), capacity);
        // the baseline run drawn beside this one, not only its capacity
        assertTrue(html.contains("<div class='chart' id='chart-baseline-qps'>"), "both runs' capacity");
        assertTrue(html.contains("<iframe class='flame diff' data-kind='baseline-diff'"), "diff at matched req/s");
        CliRun notARun = SchedgateAnalyzeCommandTest.run("report", dir.toString(), "--baseline", tmp.toString());
        assertEquals(2, notARun.code());
        assertTrue(
                notARun.err().contains("--baseline: ") && notARun.err().contains("has no manifest.json"),
                notARun.err());
    }

    @Test
    void reportRefusesWhatIsNotARunDirectory(@TempDir Path tmp) {
        CliRun o = SchedgateAnalyzeCommandTest.run("report", tmp.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("has no manifest.json"), o.err());
        assertEquals(2, SchedgateAnalyzeCommandTest.run("report").code());
        assertEquals(
                2,
                SchedgateAnalyzeCommandTest.run("report", tmp.toString(), "--frobnicate")
                        .code());
    }

    /** report reads threshold flags as analyze does (ThresholdFlags): --threshold too, and a typo is refused. */
    @Test
    void reportTakesTheThresholdFlagsAnalyzeTakes(@TempDir Path tmp) throws IOException {
        Path dir = SchedgateAnalyzeCommandTest.copy("healthy-go1.26", tmp);
        CliRun ok = SchedgateAnalyzeCommandTest.run("report", dir.toString(), "--threshold", "schedlock.warn=1%");
        assertEquals(0, ok.code(), ok.err());
        CliRun typo = SchedgateAnalyzeCommandTest.run("report", dir.toString(), "-Dschedgate.schedlock.wran=1%");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("unknown threshold schedgate.schedlock.wran; known: "), typo.err());
        CliRun bad = SchedgateAnalyzeCommandTest.run("report", dir.toString(), "-Dschedlock.warn=20%");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("warn must be <= fail"), bad.err());
    }

    @Test
    void analyzeRewritesTheReportAndSaysWhereItIs(@TempDir Path tmp) throws IOException {
        Path dir = SchedgateAnalyzeCommandTest.copy("healthy-go1.26", tmp);
        String url =
                dir.resolve("report.html").toAbsolutePath().normalize().toUri().toString();
        CliRun none = SchedgateAnalyzeCommandTest.run("analyze", dir.toString(), "--no-write");
        assertTrue(none.out().contains("report: none yet (schedgate report "), none.out());
        assertFalse(Files.exists(dir.resolve("report.html")));
        CliRun text = SchedgateAnalyzeCommandTest.run("analyze", dir.toString());
        assertEquals(0, text.code());
        assertTrue(text.out().strip().endsWith("report: " + url), text.out());
        CliRun json = SchedgateAnalyzeCommandTest.run("analyze", dir.toString(), "--json");
        assertTrue(json.out().strip().endsWith("}"), "stdout stays one JSON document");
        assertEquals("report: " + url, json.err().strip());
    }
}
