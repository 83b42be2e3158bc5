package io.schedgate.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.verdict.RunFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end of a Gatling run: verdict.json and report.html written, the report's file:// URL printed after the table. */
class VerdictRunListenerReportTest {

    @Test
    void writesTheReportAndPrintsItsUrlAfterTheVerdictTable(@TempDir Path tmp) throws IOException {
        Path dir = RunFixtures.copy("hotlock-go1.26", tmp);
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<RunListener.Failure> failure;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            failure = new VerdictRunListener().runFinished(dir, null);
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        String url =
                dir.resolve("report.html").toAbsolutePath().normalize().toUri().toString();
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        assertTrue(printed.contains("[schedgate] report: " + url + "\n"), printed);
        assertTrue(printed.indexOf("gate: ") < printed.indexOf("[schedgate] report: "), printed);
        assertTrue(failure.isPresent(), "hotlock fails its gate");
        assertEquals(RunExit.CHECK_FAILED, failure.get().exit());
        assertEquals("decisive lock.contention step-02 FAIL", failure.get().reason());
    }
}
