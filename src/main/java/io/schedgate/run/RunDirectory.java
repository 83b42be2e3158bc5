package io.schedgate.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code target/schedgate/<simulation>-<yyyyMMdd-HHmmss>/}: the raw captures, one folder per
 * step ({@code step-01}...), {@code baseline/}, {@code final/} and {@code manifest.json}. Every
 * file is written to a temporary name and moved into place, so a reader (or a crash) never sees
 * a half-written file.
 */
public final class RunDirectory {
    public static final String MANIFEST = "manifest.json";
    public static final String BASELINE = "baseline";
    public static final String FINAL = "final";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Creates a fresh directory under {@code parent}; adds -2, -3... if the name is taken. */
    public static RunDirectory create(Path parent, String simulation, Instant startedAt) {
        String base = simulation + "-" + Timestamps.directorySuffix(startedAt);
        try {
            Files.createDirectories(parent);
            for (int n = 1; ; n++) {
                Path candidate = parent.resolve(n == 1 ? base : base + "-" + n);
                try {
                    return new RunDirectory(Files.createDirectory(candidate));
                } catch (FileAlreadyExistsException taken) {
                    // another run started in the same second: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory under " + parent.toAbsolutePath(), e);
        }
    }

    /** An existing run directory (for readers). */
    public static RunDirectory open(Path root) {
        if (!Files.isRegularFile(root.resolve(MANIFEST))) {
            throw new IllegalArgumentException(root + " is not a schedgate run directory: no " + MANIFEST);
        }
        return new RunDirectory(root);
    }

    public Path root() {
        return root;
    }

    /** {@code step-01} for index 0. */
    public static String stepFolder(int index) {
        return String.format(Locale.ROOT, "step-%02d", index + 1);
    }

    /** Writes {@code bytes} to {@code relative} atomically; returns the final path. */
    public Path write(String relative, byte[] bytes) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    public synchronized void writeManifest(Manifest manifest) {
        try {
            write(MANIFEST, JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(MANIFEST), e);
        }
    }

    public Manifest readManifest() {
        return readManifest(root.resolve(MANIFEST));
    }

    public static Manifest readManifest(Path file) {
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
