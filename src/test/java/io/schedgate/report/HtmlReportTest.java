package io.schedgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schedgate.verdict.RunFixtures;
import io.schedgate.verdict.Thresholds;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import io.schedgate.verdict.VerdictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** report.html on the committed run fixtures: what it says equals verdict.json, every step drawn. */
class HtmlReportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Judges the copied fixture the way a run does (verdict.json written), then writes the report. */
    static Path reportOf(Path dir) {
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(dir);
        VerdictJson.write(v, dir);
        return HtmlReport.write(dir, v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"herd-go1.26", "hotlock-go1.26", "healthy-go1.26", "leak-go1.26"})
    void verdictTextEqualsVerdictJsonAndEveryStepHasAFlameGraphAndChartData(String fixture, @TempDir Path tmp)
            throws IOException {
        Path dir = RunFixtures.copy(fixture, tmp);
        Path report = reportOf(dir);
        assertEquals(dir.resolve("report.html"), report);
        String html = Files.readString(report);
        JsonNode verdict = JSON.readTree(dir.resolve("verdict.json").toFile());
        JsonNode gate = verdict.path("gate");

        String word = gate.path("passed").asBoolean()
                ? anyStatus(verdict, "WARN") ? "WARN" : "PASS"
                : gate.path("checkFailed").asBoolean() ? "FAIL" : "NO_DATA";
        assertEquals(word, text(html, "<strong id='gate-word'>", "</strong>"));
        List<String> reasons = new ArrayList<>();
        gate.path("reasons").forEach(r -> reasons.add(r.asText()));
        assertEquals(reasons, items(html, "gate-reasons"));
        // the decisive line is the table's, about the same verdict.json
        assertEquals(
                VerdictTable.decisive(new VerdictEngine(Thresholds.defaults()).evaluate(dir)),
                unesc(text(html, "<span id='decisive'>", "</span>")));
        String capacity = unesc(text(html, "<p id='capacity'>", "</p>"));
        JsonNode cap = verdict.path("capacity");
        assertTrue(
                cap.path("qps").isNull()
                        ? capacity.contains("none")
                        : capacity.contains(String.format(
                                java.util.Locale.ROOT,
                                "step %02d",
                                cap.path("stepIndex").asInt())),
                capacity);
        // every result row, in verdict.json's order
        assertEquals(verdict.path("results").size(), count(html, "<tr class='(PASS|WARN|FAIL|NO_DATA)'>"));

        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        int steps = manifest.path("steps").size();
        assertTrue(steps > 0);
        assertEquals(
                steps,
                count(html, "<iframe class='flame' data-step='\\d+' data-kind='cpu'"),
                "a CPU flame graph per step");
        assertEquals(
                steps,
                count(html, "<iframe class='flame' data-step='\\d+' data-kind='goroutineEnd'"),
                "a goroutine flame graph per step");
        assertEquals(steps, count(html, "data-kind='mutex'"), "a mutex flame graph, or why there is none, per step");
        assertFalse(html.contains("flame-missing' data-step='1' data-kind='cpu'"));
        assertEquals(1, count(html, "<iframe class='flame diff' data-kind='diff'"), "the differential graph");
        assertEquals(steps, count(html, "<ul class='step-results'>"), "each step's check results beside its graphs");
        assertTrue(text(html, "<p class='legend' id='diff-legend'>", "</p>").contains("red: more CPU per request"));
        JsonNode data = JSON.readTree(text(html, "<script type='application/json' id='report-data'>", "</script>")
                .replace("<\\/", "</"));
        assertEquals(steps, data.path("steps").size());
        for (JsonNode s : data.path("steps")) {
            for (String k : new String[] {
                "x",
                "offered",
                "achieved",
                "p50",
                "p95",
                "p99",
                "wakeups",
                "schedlock",
                "schedlockLower",
                "schedlockUpper",
                "gc",
                "goroutines",
                "goroutinesPredicted",
                "goroutinesLimit"
            }) {
                assertTrue(s.path(k).isNumber(), fixture + " step " + s.path("index") + " " + k + ": " + s);
            }
        }
        // the leak check under the goroutines chart, as verdict.json has it
        JsonNode leak = result(verdict, "goroutines.leak");
        assertEquals(
                "after the ramp (goroutines.leak, " + leak.path("status").asText() + "): "
                        + leak.path("evidence").asText(),
                unesc(text(html, "id='goroutines-leak'>", "</p>")));
        assertEquals(
                leak.path("details").path("baseline").asDouble(),
                data.path("goroutinesBefore").asDouble());
        assertEquals(
                leak.path("details").path("afterCooldown").asDouble(),
                data.path("goroutinesAfter").asDouble());
        JsonNode littles = result(verdict, "goroutines.littles-law");
        JsonNode first = data.path("steps").get(0);
        assertEquals(littles.path("value").asDouble(), first.path("goroutines").asDouble());
        assertEquals(
                littles.path("details").path("predicted").asDouble(),
                first.path("goroutinesPredicted").asDouble());
        assertEquals(
                littles.path("threshold").asDouble(),
                first.path("goroutinesLimit").asDouble());
        // no baseline given: the section says how to give one; no Gatling results folder beside the fixture
        assertTrue(html.contains("<p class='missing' id='baseline-none'>no baseline run given"), fixture);
        assertFalse(data.has("baseline"));
        assertTrue(
                unesc(text(html, "<p id='gatling-report'>", "</p>")).startsWith("Gatling's report: none ("), fixture);
        assertTrue(
                html.contains("<div class='chart' id='chart-usl'>") == data.has("usl")
                        && html.contains("id='usl-missing'") != data.has("usl"),
                "a USL chart or why there is none");
        // self-contained: nothing fetched; raw files linked relative with the pprof command
        assertFalse(
                Pattern.compile("<(script|link)[^>]+(src|href)=").matcher(html).find(), "no external script/style");
        assertFalse(html.contains("http://cdn") || html.contains("https://cdn"));
        assertTrue(html.contains("<a href='step-01/cpu.pb.gz'>"));
        assertTrue(html.contains("go tool pprof -http=: step-01/mutex.pb.gz"));
        assertTrue(html.contains("uPlot"), "uPlot inlined");
    }

    @Test
    void aMissingProfileAStepWithoutLatencyAndATargetThatDiedRenderAndSayWhatIsMissing(@TempDir Path tmp)
            throws IOException {
        Path dir = RunFixtures.copy("herd-go1.26", tmp);
        Files.delete(dir.resolve("step-03/cpu.pb.gz"));
        ObjectNode manifest =
                (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
        ObjectNode step3 = (ObjectNode) manifest.path("steps").get(2);
        ObjectNode cpu = (ObjectNode) step3.path("captures").path("cpu");
        cpu.put("status", "failed");
        cpu.put("reason", "timeout after 13 s");
        ((ObjectNode) manifest.path("steps").get(4).path("load")).remove("latencyMs");
        // the target died in the last step: no load numbers for it
        ((ObjectNode) manifest.path("steps").get(5)).remove("load");
        manifest.put("status", "target-died");
        manifest.put("statusReason", "the target exited during step 06 (exit code 2)");
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);

        String html = Files.readString(reportOf(dir));
        assertTrue(
                html.contains("no step-03 CPU (samples) flame graph: cpu profile step-03/cpu.pb.gz failed: timeout"
                        + " after 13 s"),
                html);
        assertEquals(5, count(html, "<iframe class='flame' data-step='\\d+' data-kind='cpu'"));
        String missing = text(html, "<ul class='missing' id='missing-latency'>", "</ul>");
        assertTrue(missing.contains("step-05") && missing.contains("no request completed in the window"), missing);
        JsonNode data = JSON.readTree(text(html, "<script type='application/json' id='report-data'>", "</script>")
                .replace("<\\/", "</"));
        JsonNode s5 = data.path("steps").get(4);
        assertTrue(s5.path("p99").isNull(), "a missing latency is null, not 0: " + s5);
        assertTrue(s5.path("achieved").isNumber());
        assertTrue(
                unesc(text(html, "<p id='run-status'>", "</p>"))
                        .startsWith("run target-died: the target exited during step 06 (exit code 2)"),
                html);
        JsonNode s6 = data.path("steps").get(5);
        assertTrue(s6.path("achieved").isNull() && s6.path("x").asDouble() == 2400, "planned rate on x: " + s6);
        assertTrue(
                s6.path("goroutines").isNull() && s6.path("goroutinesPredicted").isNull(), "no 0: " + s6);
        String goroutines = unesc(text(html, "<ul class='missing' id='missing-goroutines'>", "</ul>"));
        assertTrue(
                goroutines.contains(
                        "step-06 (2400 req/s): no point: NO_DATA: step-06: needs the window's mean latency"),
                goroutines);
        assertTrue(text(html, "<ul class='missing' id='missing-qps'>", "</ul>")
                .contains("step-06 (2400 req/s): no point:" + " no load numbers in the manifest"));
    }

    @Test
    void aNoDataGateRendersWithItsReasons(@TempDir Path tmp) throws IOException {
        Path dir = RunFixtures.copy("healthy-go1.26", tmp);
        // no profile and no metrics at any step: nothing to judge
        ObjectNode manifest =
                (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
        for (JsonNode s : manifest.path("steps")) {
            s.path("captures").fields().forEachRemaining(e -> {
                ((ObjectNode) e.getValue()).put("status", "missing");
                ((ObjectNode) e.getValue()).put("reason", "404 from the target");
            });
            ((ObjectNode) s).remove("load");
        }
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(dir);
        String html = Files.readString(HtmlReport.write(dir, v));
        String word = text(html, "<strong id='gate-word'>", "</strong>");
        assertEquals(HtmlReport.gateWord(v), word);
        assertFalse(v.gate().passed());
        assertEquals(0, count(html, "<iframe class='flame'"));
        assertTrue(
                html.contains("no step-01 CPU (samples) flame graph: cpu profile step-01/cpu.pb.gz missing: 404 from"
                        + " the target"),
                html);
        assertTrue(text(html, "<ul class='missing' id='missing-qps'>", "</ul>").contains("no load numbers"));
        assertTrue(html.contains("missing: 404 from the target"));
        assertTrue(html.contains("<p class='missing' id='diff-missing'>no differential flame graph"));
        assertTrue(html.contains("<p class='missing' id='usl-missing'>no USL curve: "), "why there is no USL curve");
    }

    @Test
    void gatlingsReportOfTheSameRunIsLinkedRelativelyFromItsResultsFolderBesideTheRuns(@TempDir Path tmp)
            throws IOException {
        // the Maven layout: target/schedgate/<run>/ and target/gatling/<simulation id>-<yyyyMMddHHmmssSSS>/
        Path runs = Files.createDirectories(tmp.resolve("target/schedgate"));
        Path dir = RunFixtures.copy("herd-go1.26", runs);
        Path gatling = Files.createDirectories(tmp.resolve("target/gatling"));
        java.time.Instant start = java.time.Instant.parse("2026-11-28T06:53:37.519Z"); // the fixture's startedAt
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
                .withZone(java.time.ZoneId.systemDefault());
        String ours = "fixture-herd-" + f.format(start.plusSeconds(4));
        for (String folder : new String[] {
            "fixture-herd-" + f.format(start.minusSeconds(86_400)), // the day before: another run
            "fixture-herd-" + f.format(start.plusSeconds(40)), // after this run finished: the next one
            "fixture-hotlock-" + f.format(start), // another simulation
            ours
        }) {
            Files.createDirectories(gatling.resolve(folder));
            Files.writeString(gatling.resolve(folder).resolve("index.html"), "<html></html>");
        }
        String html = Files.readString(reportOf(dir));
        String href = "../../gatling/" + ours + "/index.html";
        assertEquals(
                "Gatling's report of this run: <a href='" + href + "'>" + href + "</a>",
                text(html, "<p id='gatling-report'>", "</p>"));
        assertTrue(Files.isRegularFile(dir.resolve(href)));

        // run with --no-reports: Gatling's folder is there, its page is not
        Files.delete(gatling.resolve(ours).resolve("index.html"));
        // ... or not yet: the ramp writes its page before Gatling writes its own
        assertEquals(
                "Gatling's report of this run: <a href='" + href + "'>" + href + "</a> (Gatling writes it when the"
                        + " run ends, after this page; with --no-reports it never does)",
                unesc(text(
                        Files.readString(HtmlReport.writeAtRunEnd(
                                dir, new VerdictEngine(Thresholds.defaults()).evaluate(dir), null)),
                        "<p id='gatling-report'>",
                        "</p>")));
        assertEquals(
                "Gatling's report: none (../../gatling/" + ours + " has no index.html: Gatling ran with"
                        + " --no-reports)",
                unesc(text(Files.readString(reportOf(dir)), "<p id='gatling-report'>", "</p>")));

        // no results folder of this run at all
        Files.delete(gatling.resolve(ours));
        assertEquals(
                "Gatling's report: none (no fixture-herd-<time> results folder from this run's time in ../../gatling"
                        + " or ../gatling: run with --no-reports, or not a Gatling run)",
                unesc(text(Files.readString(reportOf(dir)), "<p id='gatling-report'>", "</p>")));
        assertEquals("labrampsimulation", GatlingReport.simulationId("LabRampSimulation"));
    }

    @Test
    void againstABaselineRunBothRunsAreOnTheSameAxesWithADifferentialFlameGraphAtMatchedQps(@TempDir Path tmp)
            throws IOException {
        Path dir = RunFixtures.copy("herd-go1.26", tmp);
        Path base = RunFixtures.copy("hotlock-go1.26", tmp);
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(dir, base);
        Verdict bv = new VerdictEngine(Thresholds.defaults()).evaluate(base);
        String html = Files.readString(HtmlReport.write(dir, v, base));

        assertFalse(html.contains("id='baseline-none'"));
        assertEquals(
                "baseline: ../hotlock-go1.26 (fixture-hotlock, gate " + HtmlReport.gateWord(bv) + ", "
                        + HtmlReport.capacity(bv.capacity()) + ")",
                unesc(text(html, "<p id='baseline-run'>", "</p>")));
        String results = unesc(text(html, "<ul id='baseline-results'>", "</ul>"));
        assertTrue(
                results.contains(v.result("capacity", -1).orElseThrow().evidence())
                        && results.contains("schedlock.baseline: "),
                results);
        assertTrue(html.contains("<div class='chart' id='chart-baseline-qps'>"));
        assertTrue(html.contains("<div class='chart' id='chart-baseline-schedlock'>"));
        JsonNode data = JSON.readTree(text(html, "<script type='application/json' id='report-data'>", "</script>")
                .replace("<\\/", "</"));
        JsonNode b = data.path("baseline");
        assertEquals(3, b.path("steps").size(), "the baseline's own steps");
        for (JsonNode s : b.path("steps")) {
            assertTrue(s.path("achieved").isNumber() && s.path("schedlock").isNumber(), s.toString());
        }
        if (bv.capacity().qps() != null) {
            assertEquals(bv.capacity().qps(), b.path("capacityQps").asDouble());
        }
        // herd's top step (2400 req/s) against hotlock's step of nearest offered rate, its top (2000)
        assertEquals(1, count(html, "<iframe class='flame diff' data-kind='baseline-diff'"));
        assertEquals(1, count(html, "<iframe class='flame diff' data-kind='diff'"), "what grew stays");
        String legend = unesc(text(html, "<p class='legend' id='baseline-diff-legend'>", "</p>"));
        assertTrue(
                legend.startsWith("The shape is this run's step-06 (")
                        && legend.contains("changed since the baseline's step-03 (")
                        && legend.contains("red: more CPU per request in this run than in the baseline"),
                legend);
    }

    /** The first result of {@code check} in verdict.json: the ramp-wide one, or step 1's of a per-step check. */
    static JsonNode result(JsonNode verdict, String check) {
        for (JsonNode r : verdict.path("results")) {
            if (r.path("checkId").asText().equals(check)) {
                return r;
            }
        }
        throw new AssertionError("no " + check + " in verdict.json");
    }

    static boolean anyStatus(JsonNode verdict, String status) {
        for (JsonNode r : verdict.path("results")) {
            if (r.path("status").asText().equals(status)) {
                return true;
            }
        }
        return false;
    }

    static String text(String html, String open, String close) {
        int i = html.indexOf(open);
        assertTrue(i >= 0, "no " + open);
        int j = html.indexOf(close, i + open.length());
        return html.substring(i + open.length(), j);
    }

    static List<String> items(String html, String listId) {
        List<String> out = new ArrayList<>();
        int i = html.indexOf("<ul id='" + listId + "'>");
        if (i < 0) {
            return out;
        }
        String list = html.substring(i, html.indexOf("</ul>", i));
        Matcher m = Pattern.compile("<li>(.*?)</li>", Pattern.DOTALL).matcher(list);
        while (m.find()) {
            out.add(unesc(m.group(1)));
        }
        return out;
    }

    static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static String unesc(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
