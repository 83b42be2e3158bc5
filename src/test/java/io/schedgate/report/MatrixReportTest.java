package io.schedgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.schedgate.verdict.RunFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-matrix.html on the fan-out fixture captured on Go 1.23 and on Go 1.26: the table says what each
 * run's verdict.json says, rows marked exactly where the two differ, the charts' numbers are each
 * manifest's, the links open each run's report.
 */
class MatrixReportTest {

    static final List<String> SEVERITY = List.of("PASS", "WARN", "NO_DATA", "FAIL");

    /** The two fan-out runs judged and reported as a run does, and their matrix page in {@code tmp/matrix}. */
    static Path matrixOf(Path tmp, List<String> warnings, String... fixtures) throws IOException {
        List<MatrixReport.Column> columns = new ArrayList<>();
        for (String fixture : fixtures) {
            Path dir = RunFixtures.copy(fixture, tmp);
            HtmlReportTest.reportOf(dir);
            columns.add(new MatrixReport.Column(
                    fixture.substring(fixture.indexOf('-') + 1),
                    new io.schedgate.verdict.VerdictEngine(io.schedgate.verdict.Thresholds.defaults()).evaluate(dir),
                    dir));
        }
        return MatrixReport.write(tmp.resolve("matrix"), "fanout", columns, warnings);
    }

    /**
     * Asserts every row of the page against the two runs' verdict.json (status per cell, the marker
     * exactly where they differ, a row for every check and step either judged); returns how many differ.
     */
    static int rowsDiffering(String html, Path first, Path second) throws IOException {
        Map<String, String> a = worst(first.resolve("verdict.json"));
        Map<String, String> b = worst(second.resolve("verdict.json"));
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        Matcher row = Pattern.compile("<tr data-check='([^']+)' data-step='([^']+)'( class='differs')?>(.*?)</tr>")
                .matcher(html);
        int rows = 0;
        int differing = 0;
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("data-status='([^']+)'").matcher(row.group(4));
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            String key = row.group(1) + "@" + row.group(2);
            assertEquals(2, cells.size(), key);
            boolean differs = !cells.get(0).equals(cells.get(1));
            assertEquals(differs, row.group(3) != null, key + " marked differing");
            assertEquals(differs, row.group(4).contains("<td class='marker'>differs</td>"), key);
            differing += differs ? 1 : 0;
            if (key.equals("gate@ramp")) {
                continue;
            }
            rows++;
            assertEquals(List.of(a.getOrDefault(key, "-"), b.getOrDefault(key, "-")), cells, key);
        }
        assertEquals(keys.size(), rows, "a row per check and step either run judged");
        return differing;
    }

    /** Per {@code check@step} (step as the page writes it) the most serious status in a verdict.json. */
    static Map<String, String> worst(Path verdictJson) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode r : HtmlReportTest.JSON.readTree(verdictJson.toFile()).path("results")) {
            int step = r.path("stepIndex").asInt();
            String key = r.path("checkId").asText() + "@" + (step < 0 ? "ramp" : String.format("%02d", step));
            String status = r.path("status").asText();
            out.merge(key, status, (a, b) -> SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a);
        }
        return out;
    }

    @Test
    void everyCheckAtEveryStepIsEachRunsVerdictJsonWithTheDifferencesMarked(@TempDir Path tmp) throws IOException {
        Path page = matrixOf(
                tmp, List.of("runtime-lock delay: waiter side before Go 1.25"), "fanout-go1.23", "fanout-go1.26");
        assertEquals(tmp.resolve("matrix").resolve("go-matrix.html"), page);
        String html = Files.readString(page);
        // the fan-out judged alike on both: the rows are checked, whether or not any differs
        rowsDiffering(html, tmp.resolve("fanout-go1.23"), tmp.resolve("fanout-go1.26"));
        assertTrue(html.contains("<li>warning: runtime-lock delay: waiter side before Go 1.25</li>"));

        // the charts' numbers: each run's steps with the manifest's achieved rate and p99
        JsonNode data = HtmlReportTest.JSON.readTree(
                HtmlReportTest.text(html, "<script type='application/json' id='matrix-data'>", "</script>"));
        assertEquals(2, data.path("runs").size());
        for (JsonNode run : data.path("runs")) {
            String fixture = "fanout-" + run.path("label").asText();
            JsonNode manifest = HtmlReportTest.JSON.readTree(
                    tmp.resolve(fixture).resolve("manifest.json").toFile());
            assertEquals("../" + fixture, run.path("runDir").asText());
            assertEquals(manifest.path("steps").size(), run.path("steps").size(), fixture);
            for (int i = 0; i < manifest.path("steps").size(); i++) {
                JsonNode load = manifest.path("steps").get(i).path("load");
                JsonNode step = run.path("steps").get(i);
                assertEquals(
                        load.path("achievedQps").asDouble(),
                        step.path("achieved").asDouble(),
                        fixture);
                assertEquals(
                        load.path("latencyMs").path("p99").asDouble(),
                        step.path("p99").asDouble(),
                        fixture);
            }
        }
        // every run's report is linked and there
        Matcher link = Pattern.compile("<a href='([^']+)'>").matcher(html);
        int links = 0;
        while (link.find()) {
            assertTrue(Files.isRegularFile(page.getParent().resolve(link.group(1))), link.group(1));
            links++;
        }
        assertEquals(2, links);
    }

    @Test
    void rowsWhereTheRunsDisagreeAreMarked(@TempDir Path tmp) throws IOException {
        // two workloads as two columns: the herd fails wakeup.linearity where the healthy lab passes
        String html = Files.readString(matrixOf(tmp, List.of(), "healthy-go1.26", "herd-go1.26"));
        int differing = rowsDiffering(html, tmp.resolve("healthy-go1.26"), tmp.resolve("herd-go1.26"));
        assertTrue(differing > 0, "healthy and herd judged alike everywhere");
        assertTrue(html.contains("<tr data-check='gate' data-step='ramp' class='differs'>"), "the gates differ");
    }

    @Test
    void aRunWithoutItsReportSaysSoAndNoWarningsMeansNoList(@TempDir Path tmp) throws IOException {
        Path page = matrixOf(tmp, List.of(), "fanout-go1.23", "fanout-go1.26");
        Files.delete(tmp.resolve("fanout-go1.26/report.html"));
        List<MatrixReport.Column> columns = new ArrayList<>();
        for (String label : List.of("go1.23", "go1.26")) {
            Path dir = tmp.resolve("fanout-" + label);
            columns.add(new MatrixReport.Column(
                    label,
                    new io.schedgate.verdict.VerdictEngine(io.schedgate.verdict.Thresholds.defaults()).evaluate(dir),
                    dir));
        }
        String html = Files.readString(MatrixReport.write(page.getParent(), "fanout", columns, List.of()));
        assertTrue(html.contains("no report.html in " + tmp.resolve("fanout-go1.26")), "missing report said");
        assertFalse(html.contains("id='meaning-changes'"), "no warnings, no list");
    }
}
