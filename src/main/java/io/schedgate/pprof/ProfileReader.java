package io.schedgate.pprof;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a pprof profile, gzipped (as every {@code /debug/pprof} endpoint serves it) or plain.
 * Every way a file can be unusable ends in a {@link ProfileException} subclass with a one-line
 * message; the decompressed size is capped while streaming, so a gzip bomb cannot fill memory.
 */
public final class ProfileReader {

    /** Default cap on decompressed bytes: 512 MiB, far above any real Go profile. */
    public static final long DEFAULT_MAX_DECOMPRESSED = 512L * 1024 * 1024;

    private static final int PEEK = 256;

    private final long maxDecompressedBytes;

    public ProfileReader() {
        this(DEFAULT_MAX_DECOMPRESSED);
    }

    public ProfileReader(long maxDecompressedBytes) {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive: " + maxDecompressedBytes);
        }
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    public Profile read(Path file) {
        String source = file.toString();
        try (InputStream raw = Files.newInputStream(file)) {
            return read(source, raw);
        } catch (NoSuchFileException e) {
            throw new UnreadableProfileException(source, "no such file", e);
        } catch (IOException e) {
            throw new UnreadableProfileException(source, e.getMessage(), e);
        }
    }

    /** Reads from a stream; {@code source} names it in error messages. The stream is not closed. */
    public Profile read(String source, InputStream raw) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            byte[] head = peek(in, 2);
            if (head.length == 0) {
                throw new EmptyProfileFileException(source);
            }
            boolean gzip = head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            InputStream data = gzip ? new GZIPInputStream(in, 1 << 16) : in;
            BufferedInputStream limited =
                    new BufferedInputStream(new SizeLimitedInputStream(data, maxDecompressedBytes), 1 << 16);
            rejectText(source, limited);
            return new ProfileDecoder(source).decode(limited);
        } catch (SizeLimitedInputStream.LimitExceeded e) {
            throw new ProfileTooLargeException(source, maxDecompressedBytes);
        } catch (EOFException e) {
            throw new TruncatedProfileException(source, e);
        } catch (WireBuffer.Malformed e) {
            throw new NotAProfileException(source, "protobuf: " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new NotAProfileException(source, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UnreadableProfileException(source, e.getMessage(), e);
        }
    }

    /**
     * Text (debug=1/2 profiles, legacy text profiles, HTTP error pages) is all printable; a protobuf
     * profile is not. A legacy binary CPU profile starts with the words 0, 3, 0.
     */
    private static void rejectText(String source, BufferedInputStream in) throws IOException {
        byte[] head = peek(in, PEEK);
        if (head.length == 0) {
            throw new EmptyProfileFileException(source);
        }
        if (legacyCpuHeader(head, 8) || legacyCpuHeader(head, 4)) {
            throw new LegacyProfileException(source);
        }
        for (byte b : head) {
            int c = b & 0xff;
            boolean printable = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f);
            if (!printable) {
                return;
            }
        }
        String text = new String(head, StandardCharsets.US_ASCII);
        throw new TextProfileException(source, firstLine(text));
    }

    /** Words 0, 3, 0 of {@code size} bytes, either byte order. */
    private static boolean legacyCpuHeader(byte[] head, int size) {
        if (head.length < 3 * size) {
            return false;
        }
        for (boolean little : new boolean[] {true, false}) {
            long[] w = new long[3];
            for (int i = 0; i < 3; i++) {
                for (int b = 0; b < size; b++) {
                    int at = i * size + (little ? size - 1 - b : b);
                    w[i] = (w[i] << 8) | (head[at] & 0xff);
                }
            }
            if (w[0] == 0 && w[1] == 3 && w[2] == 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] buf = in.readNBytes(n);
        in.reset();
        return buf;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
