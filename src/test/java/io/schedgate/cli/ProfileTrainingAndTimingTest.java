package io.schedgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/schedgate's two helpers, each in a real child JVM as the launcher runs them: the class-data-sharing
 * training run ({@link ProfileTraining}, its exit status the launcher checks) and the phase breakdown
 * {@code SCHEDGATE_TIMING=1} prints ({@link ProfileTiming}). Phases are named, never timed, here.
 */
class ProfileTrainingAndTimingTest {

    static final Path CPU = Path.of("src/test/resources/fixtures/pprof/go126-fanout-cpu.pb.gz");
    static final Path MUTEX = Path.of("src/test/resources/fixtures/pprof/go126-fanout-mutex.pb.gz");

    record Exit(int status, String out, String err) {}

    private static Exit run(Map<String, String> env, String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("SCHEDGATE_TIMING");
        pb.environment().putAll(env);
        Process p = pb.start();
        // both pipes drained at once: a child blocked on a full stderr would never exit
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        return new Exit(p.exitValue(), out, err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theTrainingRunReadsRealProfilesInEveryModeAndPrintsNothing() throws Exception {
        assertTrue(Files.isRegularFile(CPU) && Files.isRegularFile(MUTEX));
        Exit e = run(Map.of(), ProfileTraining.class.getName(), CPU.toString(), MUTEX.toString(), "no-such-file");
        assertEquals(0, e.status(), e.err());
        assertEquals("", e.out());
        assertEquals("", e.err());
    }

    @Test
    void theTrainingRunFailsOnAProfileItCannotRead(@TempDir Path tmp) throws Exception {
        Path corrupt = Files.write(tmp.resolve("cpu.pb.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Exit e = run(Map.of(), ProfileTraining.class.getName(), CPU.toString(), corrupt.toString());
        assertEquals(1, e.status(), e.err());
    }

    @Test
    void theTrainingRunWithoutProfilesSaysSo() throws Exception {
        Exit e = run(Map.of(), ProfileTraining.class.getName(), "missing-a.pb.gz", "missing-b.pb.gz");
        assertEquals(1, e.status());
        assertEquals(
                "schedgate: no training profiles found in [missing-a.pb.gz, missing-b.pb.gz]",
                e.err().strip());
    }

    @Test
    void schedgateTimingNamesEveryPhaseOnStderr() throws Exception {
        Exit on =
                run(Map.of("SCHEDGATE_TIMING", "1"), Schedgate.class.getName(), "profile", "--folded", CPU.toString());
        assertEquals(0, on.status(), on.err());
        assertFalse(on.out().isBlank(), "the profile's output still goes to stdout");
        String line = on.err().strip();
        String phase = " -?\\d+ ms";
        String timed = " \\d+/\\d+ ms";
        assertTrue(
                Pattern.matches(
                        "schedgate timing \\(wall/main-thread CPU\\): jvm-start" + phase + ", setup" + timed + ", read"
                                + timed + ", functions" + timed + ", version" + timed + ", signals" + timed
                                + ", folded" + timed + ", output" + timed,
                        line),
                line);

        Exit off = run(Map.of(), Schedgate.class.getName(), "profile", CPU.toString());
        assertEquals(0, off.status(), off.err());
        assertFalse(off.err().contains("schedgate timing"), off.err());
    }
}
