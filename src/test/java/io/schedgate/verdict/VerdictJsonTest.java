package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schedgate.report.VerdictTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictJsonTest {

    @Test
    void writesTheDocumentedSchema(@TempDir Path tmp) throws IOException {
        Path run = MissingDataTest.copyOf("leak-go1.26", tmp);
        Files.delete(run.resolve("step-02/metrics-end.txt")); // a NO_DATA result, whose value is null
        Verdict v = new VerdictEngine(Thresholds.defaults(), CheckRegistry.metricsChecks()).evaluate(run);
        Path file = VerdictJson.write(v, run);
        assertEquals(run.resolve("verdict.json"), file);
        String text = Files.readString(file);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), "not JSON: NaN/Infinity");
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("schedgate.verdict/1", json.path("schema").asText());
        assertEquals("go1.26.8", json.path("goVersion").asText());
        assertFalse(json.path("gate").path("passed").asBoolean());
        assertEquals(v.results().size(), json.path("results").size());
        JsonNode leak = null;
        JsonNode noData = null;
        for (JsonNode r : json.path("results")) {
            if (r.path("checkId").asText().equals("goroutines.leak")) {
                leak = r;
            }
            if (r.path("status").asText().equals("NO_DATA")) {
                noData = r;
            }
        }
        assertEquals(-1, leak.path("stepIndex").asInt());
        assertEquals("FAIL", leak.path("status").asText());
        assertEquals(2404.0, leak.path("value").asDouble());
        assertEquals("high", leak.path("confidence").asText());
        assertTrue(noData.path("value").isNull(), "NO_DATA has a null value");
        assertTrue(json.path("thresholds").path("p99.sloMs").isNull());
        assertEquals(0.15, json.path("thresholds").path("schedlock.fail").asDouble());
        assertTrue(json.path("capacity").path("qps").isNull());
    }

    @Test
    void judgeAndWriteUsesSystemPropertiesAndWritesTheFile(@TempDir Path tmp) throws IOException {
        Path run = MissingDataTest.copyOf("herd-go1.26", tmp);
        String key = "schedgate.linearity.maxExponent";
        try {
            // A lenient exponent limit passed as -D turns the herd's FAIL (1.80, CI 1.19–2.40) into PASS.
            System.setProperty(key, "2.5");
            Verdict v = VerdictEngine.judgeAndWrite(run);
            assertEquals(
                    Status.PASS,
                    v.result(WakeUpLinearityCheck.ID, CheckResult.RAMP)
                            .orElseThrow()
                            .status());
            JsonNode json =
                    new ObjectMapper().readTree(run.resolve("verdict.json").toFile());
            assertEquals(
                    2.5, json.path("thresholds").path("linearity.maxExponent").asDouble());
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void tableHasOneRowPerCheckAndStepFitsTheTerminalAndTheGate() {
        Verdict v = ProfileVerdictTest.judge("hotlock-go1.26");
        String table = VerdictTable.render(v);
        long rows = table.lines()
                .filter(l -> l.matches("^[a-z.\\-]+ +(\\d\\d|ramp) +(PASS|WARN|FAIL|NO_DATA)\\b.*"))
                .count();
        long checkSteps = v.results().stream()
                .map(r -> r.checkId() + "@" + r.stepIndex())
                .distinct()
                .count();
        assertEquals(checkSteps, rows, table);
        assertTrue(checkSteps < v.results().size(), "the hot lock has several lock sites at one step: " + table);
        table.lines().forEach(l -> assertTrue(l.length() <= VerdictTable.WIDTH, l.length() + " columns: " + l));
        assertTrue(table.contains("capacity: "), table);
        assertTrue(table.contains("gate: FAIL"), table);
    }
}
