package io.schedgate.signals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a Go execution trace by running tools/tracestat on it (the Go team's parser,
 * golang.org/x/exp/trace, has no Java counterpart) and parsing its JSON.
 *
 * <p>The binary: {@code -Dschedgate.tracestat=PATH} if set, else
 * {@code target/tools/tracestat/tracestat} of the checkout (found from {@code -Dschedgate.root}, the
 * working directory or the folder these classes were loaded from), where {@code ./mvnw compile}
 * builds it (io.schedgate.service.TraceStatBuild).
 */
public final class TraceStatReader {

    /** The system property naming the tracestat binary. */
    public static final String BINARY_PROPERTY = "schedgate.tracestat";

    static final String BUILT_AT = "target/tools/tracestat/tracestat";
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    public TraceStatReader(Path binary) {
        this.binary = binary;
    }

    /** A reader on the binary {@link #locate()} finds; empty when none is built ({@link #whyMissing()} says why). */
    public static Optional<TraceStatReader> find() {
        return locate().map(TraceStatReader::new);
    }

    public Path binary() {
        return binary;
    }

    /** The tracestat binary: the property's, else the checkout's built one, if executable. */
    public static Optional<Path> locate() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path root : roots()) {
            for (Path dir = root; dir != null; dir = dir.getParent()) {
                Path p = dir.resolve(BUILT_AT);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** One line saying how to get a tracestat binary. */
    public static String whyMissing() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return "-D" + BINARY_PROPERTY + "=" + configured + " is not an executable file";
        }
        return "tools/tracestat is not built (no " + BUILT_AT + "): run ./mvnw compile (needs a Go on PATH) or pass -D"
                + BINARY_PROPERTY + "=PATH";
    }

    private static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        String root = System.getProperty("schedgate.root");
        if (root != null && !root.isBlank()) {
            roots.add(Path.of(root).toAbsolutePath());
        }
        roots.add(Path.of("").toAbsolutePath());
        try {
            java.security.CodeSource src =
                    TraceStatReader.class.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null) {
                roots.add(Path.of(src.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // not from a file: the other roots stand
        }
        return roots;
    }

    /** Counts of {@code trace}; a trace tracestat cannot read is a {@link TraceStatException} with its line. */
    public TraceStats read(Path trace) {
        ProcessBuilder command = new ProcessBuilder(binary.toString(), "-top", "10", trace.toString());
        Path err = null;
        try {
            err = Files.createTempFile("tracestat-", ".err");
            command.redirectError(err.toFile());
            Process process = command.start();
            process.getOutputStream().close();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TraceStatException(
                        "tracestat did not finish on " + trace + " within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String why = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new TraceStatException(
                        why.isEmpty()
                                ? "tracestat exited " + process.exitValue() + " on " + trace
                                : why.lines().findFirst().orElse(why));
            }
            TraceStats stats = new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(out, TraceStats.class);
            if (!TraceStats.SCHEMA.equals(stats.schema())) {
                throw new TraceStatException(binary + " printed schema '" + stats.schema() + "', expected '"
                        + TraceStats.SCHEMA + "': rebuild it (./mvnw compile)");
            }
            return stats;
        } catch (IOException e) {
            throw new TraceStatException("cannot run " + binary + " on " + trace + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceStatException("interrupted while tracestat read " + trace, e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }

    /** tracestat could not read a trace, or could not run: one line. */
    public static final class TraceStatException extends RuntimeException {
        public TraceStatException(String message) {
            super(message);
        }

        public TraceStatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
