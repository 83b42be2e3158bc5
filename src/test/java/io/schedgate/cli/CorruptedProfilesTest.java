package io.schedgate.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.pprof.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real profiles with random bytes flipped or cut off: whatever the damage, the command ends with
 * exit status 0 or 1 and at most one line on stderr, never an exception or a stack trace.
 */
class CorruptedProfilesTest {

    @TempDir
    Path tmp;

    @Test
    void damagedProfilesNeverEscapeAsExceptions() throws Exception {
        Random random = new Random(20261128);
        List<String> sources = List.of(
                "go126-fanout-cpu.pb.gz",
                "go123-stacks-fanout-mutex.pb.gz",
                "go126-leak-goroutine.pb.gz",
                "go126-fanout-block.pb.gz");
        for (int round = 0; round < 400; round++) {
            byte[] plain;
            try (InputStream in =
                    new GZIPInputStream(Files.newInputStream(Fixtures.file(sources.get(round % sources.size()))))) {
                plain = in.readAllBytes();
            }
            byte[] damaged = plain.clone();
            int flips = 1 + random.nextInt(8);
            for (int k = 0; k < flips; k++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            if (round % 3 == 0) {
                damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
            }
            Path f = Files.write(tmp.resolve("damaged-" + round + ".pb"), damaged);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Schedgate.run(
                    new String[] {"profile", "--json", f.toString()},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String e = err.toString(StandardCharsets.UTF_8).strip();
            assertTrue(code == 0 || code == 1, "round " + round + ": exit " + code);
            assertTrue(!e.contains("\n") && !e.contains("Exception"), "round " + round + ": " + e);
        }
    }
}
