package io.schedgate.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
    /** Reads a manifest a newer schedgate wrote with fields this one does not know: they are ignored. */
    private static final ObjectMapper LENIENT =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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

    /** An existing run directory (for readers); one without manifest.json is refused with {@link #notARun}. */
    public static RunDirectory open(Path root) {
        if (!Files.isRegularFile(root.resolve(MANIFEST))) {
            throw new IllegalArgumentException(notARun(root));
        }
        return new RunDirectory(root);
    }

    /** The one line every reader prints for a folder that is not a run directory. */
    public static String notARun(Path dir) {
        return dir + " has no " + MANIFEST + ": pass a run directory written by the schedgate collector"
                + " (target/schedgate/<simulation>-<timestamp>/)";
    }

    /** Whether {@code dir} holds a manifest.json. */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /**
     * The manifest of the run in {@code dir}, for the verdict and the report: refused with one line
     * naming the fix when there is none, when it is not JSON, or when its schema is not {@value Manifest#SCHEMA}.
     * Fields an older manifest lacks read as null or 0; fields a newer one adds are ignored.
     */
    public static Manifest read(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(notARun(dir));
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = LENIENT.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        String schema = tree.path("schema").asText("");
        if (!Manifest.SCHEMA.equals(schema)) {
            throw new IllegalArgumentException(file + " has schema '" + schema + "', expected '" + Manifest.SCHEMA
                    + "': written by another schedgate version?");
        }
        try {
            return LENIENT.treeToValue(tree, Manifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + " does not match schema " + Manifest.SCHEMA + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
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
