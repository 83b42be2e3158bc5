package io.schedgate.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The exit code a failed run leaves, in a real child JVM: after Gatling's own exit(0), and under Ctrl-C. */
class ExitCodeOverrideTest {

    private static Process child(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), ExitCodeOverrideMain.class.getName(), mode)
                .start();
    }

    @Test
    void replacesTheZeroExitWithTheFailureCodeAfterEverythingElse() throws Exception {
        Process p = child("exit");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not exit");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), err);
        assertTrue(out.contains("report written"), "what ran before the exit call still ran: " + out);
        assertEquals(
                "[schedgate] exit 2, no data to judge: decisive wakeup.linearity step-02 NO_DATA (mvn: BUILD FAILURE,"
                        + " exit 1)",
                err.strip());
    }

    @Test
    void theLastLineFitsATerminalWhateverTheReason() {
        String line = ExitCodeOverride.line(RunExit.CHECK_FAILED, "x".repeat(500));
        assertEquals(120, line.length(), line);
        assertTrue(line.startsWith("[schedgate] exit 1, a check failed: xxx"), line);
        assertTrue(line.endsWith("x… (mvn: BUILD FAILURE, exit 1)"), line);
    }

    @Test
    void underCtrlCItSaysWhyWithoutAStackTraceAndKeepsTheSignalsStatus() throws Exception {
        Process p = child("sigint");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ignored SIGINT");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), err);
        assertFalse(err.contains("Exception"), err);
        assertEquals(
                "[schedgate] run stopped while the JVM shuts down: run interrupted: JVM shut down (Ctrl-C or kill)",
                err.strip());
    }
}
