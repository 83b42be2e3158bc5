package io.schedgate.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a profile file can be bad ends in its own exception with a one-line message naming a fix. */
class ProfileReaderBadInputTest {

    @TempDir
    Path tmp;

    private static void assertOneLine(ProfileException e, String... mustContain) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String s : mustContain) {
            assertTrue(m.contains(s), "'" + s + "' in: " + m);
        }
    }

    @Test
    void emptyFile() throws IOException {
        Path p = Files.write(tmp.resolve("cpu.pb.gz"), new byte[0]);
        var e = assertThrows(EmptyProfileFileException.class, () -> new ProfileReader().read(p));
        assertOneLine(e, "cpu.pb.gz", "empty", "capture the profile again");
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("go126-fanout-cpu.pb.gz"));
        Path p = Files.write(tmp.resolve("cut.pb.gz"), Arrays.copyOf(whole, whole.length / 2));
        var e = assertThrows(TruncatedProfileException.class, () -> new ProfileReader().read(p));
        assertOneLine(e, "truncated", "again");
    }

    @Test
    void truncatedPlainProtobuf() throws IOException {
        byte[] plain;
        try (var in = new GZIPInputStream(Files.newInputStream(Fixtures.file("go126-fanout-cpu.pb.gz")))) {
            plain = in.readAllBytes();
        }
        assertEquals(
                Aggregator.byFunction(new ProfileReader().read("plain", new ByteArrayInputStream(plain)), 1)
                        .total(),
                Aggregator.byFunction(Fixtures.profile("go126-fanout-cpu.pb.gz"), 1)
                        .total(),
                "plain reads like gzip");
        Path p = Files.write(tmp.resolve("cut.pb"), Arrays.copyOf(plain, plain.length - 7));
        var e = assertThrows(TruncatedProfileException.class, () -> new ProfileReader().read(p));
        assertOneLine(e, "truncated");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] noise = new byte[8192];
        new Random(42).nextBytes(noise);
        noise[0] = 0x55; // not the gzip magic
        Path p = Files.write(tmp.resolve("noise.pb.gz"), noise);
        var e = assertThrows(ProfileException.class, () -> new ProfileReader().read(p));
        assertTrue(e instanceof NotAProfileException || e instanceof TruncatedProfileException, e.toString());
        assertOneLine(e, "noise.pb.gz");
    }

    @Test
    void corruptGzipBody() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("go126-fanout-cpu.pb.gz"));
        byte[] broken = whole.clone();
        for (int i = 20; i < 200; i++) {
            broken[i] ^= (byte) 0x5a;
        }
        Path p = Files.write(tmp.resolve("broken.pb.gz"), broken);
        var e = assertThrows(ProfileException.class, () -> new ProfileReader().read(p));
        assertOneLine(e, "broken.pb.gz");
    }

    @Test
    void textDebug1Profile() {
        Path p = Fixtures.file("go126-idle-goroutine-debug1.txt");
        var e = assertThrows(TextProfileException.class, () -> new ProfileReader().read(p));
        assertOneLine(e, "goroutine profile: total", "without debug=1");
    }

    /** The gperftools header Go wrote before 1.9 (words 0, 3, 0, period 10000 µs, 0), 64-bit little-endian, then one sample. */
    @Test
    void legacyBinaryCpuProfile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long w : new long[] {0, 3, 0, 10_000, 0, 1, 1, 0x401000}) {
            b.putLong(w);
        }
        Path p = Files.write(tmp.resolve("cpu.prof"), b.array());
        var e = assertThrows(LegacyProfileException.class, () -> new ProfileReader().read(p));
        assertOneLine(e, "legacy (pre-protobuf) binary CPU profile", "go tool pprof -proto");
    }

    @Test
    void zeroSamplesIsReadButRefusedAsData() {
        Profile idle = Fixtures.profile("go126-idle-mutex.pb.gz");
        assertEquals(0, idle.samples().size());
        var e = assertThrows(NoSamplesException.class, () -> idle.requireSamples("go126-idle-mutex.pb.gz"));
        assertOneLine(e, "no samples", "capture under load");
    }

    @Test
    void gzipBombStopsAtTheConfiguredLimit() throws IOException {
        Path p = bomb(64L << 20);
        var e = assertThrows(ProfileTooLargeException.class, () -> new ProfileReader(1 << 20).read(p));
        assertOneLine(e, "more than 1048576 bytes", "--max-decompressed");
    }

    @Test
    void gzipBombStopsAtTheDefaultLimit() throws IOException {
        Path p = bomb(ProfileReader.DEFAULT_MAX_DECOMPRESSED + (16L << 20));
        var e = assertThrows(ProfileTooLargeException.class, () -> new ProfileReader().read(p));
        assertOneLine(e, "more than " + ProfileReader.DEFAULT_MAX_DECOMPRESSED);
    }

    @Test
    void plainFileOverTheLimit() throws IOException {
        byte[] plain;
        try (var in = new GZIPInputStream(Files.newInputStream(Fixtures.file("go126-fanout-cpu.pb.gz")))) {
            plain = in.readAllBytes();
        }
        Path p = Files.write(tmp.resolve("big.pb"), plain);
        assertThrows(ProfileTooLargeException.class, () -> new ProfileReader(plain.length - 1).read(p));
        new ProfileReader(plain.length).read(p); // exactly at the limit is fine
    }

    @Test
    void missingFile() {
        var e = assertThrows(
                UnreadableProfileException.class, () -> new ProfileReader().read(tmp.resolve("nope.pb.gz")));
        assertOneLine(e, "no such file");
    }

    /**
     * A valid gzip stream of {@code size} bytes that look like a profile (a sample_type field)
     * followed by zeros: tiny on disk, huge when inflated.
     */
    private Path bomb(long size) throws IOException {
        Path p = tmp.resolve("bomb.pb.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(new byte[] {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02});
            // Field 7 (drop_frames) varint 0, repeated: parses forever as valid protobuf.
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < chunk.length; i += 2) {
                chunk[i] = 0x38;
            }
            for (long written = 6; written < size; written += chunk.length) {
                out.write(chunk);
            }
        }
        assertTrue(Files.size(p) < size / 100, "a bomb compresses well");
        return p;
    }
}
