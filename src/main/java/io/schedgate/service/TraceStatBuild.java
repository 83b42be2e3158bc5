package io.schedgate.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds {@code tools/tracestat} (the execution-trace reader, Go, golang.org/x/exp/trace) for the host
 * the way the lab binary is built ({@link LabBinaryBuild}, with the default {@link GoToolchain}), into
 * {@code target/tools/tracestat/tracestat}, where {@code io.schedgate.signals.TraceStatReader} looks
 * for it. Rebuilt only when its sources or the Go version change (a key file beside the binary).
 *
 * <p>golang.org/x/exp/trace needs Go >= 1.26 to build (it reads traces of every Go from 1.22): an older
 * default go is switched to {@link #FALLBACK_TOOLCHAIN} through GOTOOLCHAIN (fetched from the module
 * proxy once). The module itself comes from the module proxy on the first build, then Go's cache.
 *
 * <p>Maven runs {@link #main} in {@code compile}, after the compiler, so {@code ./mvnw compile} (and
 * {@code bin/schedgate}) leave a built tracestat; a Gatling run asks again before its verdict.
 */
public final class TraceStatBuild {

    static final int MIN_GO_MINOR = 26;
    static final String FALLBACK_TOOLCHAIN = "go1.27.3";
    public static final String BINARY = "tracestat";

    private TraceStatBuild() {}

    /** {@code target/tools/tracestat}: the binary and its key. */
    public static Path outputDir(ProjectLayout layout) {
        return layout.buildDir().resolve("tools").resolve(BINARY);
    }

    /** The tracestat binary for this checkout, built (or rebuilt) if needed, with the default Go. */
    public static Path ensure(ProjectLayout layout) {
        return ensure(layout, GoToolchain.defaultFor(layout));
    }

    /** As {@link #ensure(ProjectLayout)} with {@code toolchain}; a GoServiceException says why it cannot. */
    public static synchronized Path ensure(ProjectLayout layout, GoToolchain toolchain) {
        Path sources = layout.root().resolve("tools").resolve(BINARY);
        if (!Files.isRegularFile(sources.resolve("go.mod"))) {
            throw new GoServiceException(
                    "no tracestat sources at " + sources + ": is this a complete schedgate checkout?");
        }
        return build(layout, toolchain, sources);
    }

    /**
     * The tracestat binary wherever schedgate runs: built from the checkout's {@code tools/tracestat}
     * when there is one, else (a user's own project, schedgate from its jar) from the copy of those
     * sources the jar carries ({@link #BUNDLED}), extracted into {@code target/schedgate/tracestat-src}.
     * Either way into {@code target/tools/tracestat/}, rebuilt only when the sources or the Go change.
     */
    public static synchronized Path ensureAnywhere(ProjectLayout layout) {
        GoToolchain toolchain = GoToolchain.defaultFor(layout);
        if (Files.isRegularFile(layout.root().resolve("tools").resolve(BINARY).resolve("go.mod"))) {
            return ensure(layout, toolchain);
        }
        return build(
                layout,
                toolchain,
                extractBundled(layout.buildDir().resolve("schedgate").resolve("tracestat-src")));
    }

    /** Where the jar carries tools/tracestat's sources (the pom's resources). */
    static final String BUNDLED = "io/schedgate/tracestat/";

    /** The files of tools/tracestat the jar carries: the module's, without tests and test data. */
    static final List<String> BUNDLED_FILES = List.of("go.mod", "go.sum", "main.go", "stats.go");

    /** Writes the bundled tracestat sources into {@code dir} (replacing what is there); returns it. */
    static Path extractBundled(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : BUNDLED_FILES) {
                try (var in = TraceStatBuild.class.getClassLoader().getResourceAsStream(BUNDLED + f)) {
                    if (in == null) {
                        throw new GoServiceException(
                                "the schedgate jar has no " + BUNDLED + f
                                        + " (tracestat's sources): rebuild it with ./mvnw install, or pass -Dschedgate.tracestat=PATH");
                    }
                    byte[] bytes = in.readAllBytes();
                    Path target = dir.resolve(f);
                    if (!Files.isRegularFile(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                        Files.write(target, bytes);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new GoServiceException("cannot write tracestat's sources into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path build(ProjectLayout layout, GoToolchain toolchain, Path sources) {
        String version = toolchain.version();
        GoToolchain go = minor(version) >= MIN_GO_MINOR ? toolchain : toolchain.switchedTo(FALLBACK_TOOLCHAIN);
        Path out = outputDir(layout);
        Path binary = out.resolve(BINARY);
        Path keyFile = out.resolve(BINARY + ".key");
        String key = key(sources, go.describe() + " " + version);
        try {
            if (Files.isExecutable(binary)
                    && Files.isRegularFile(keyFile)
                    && Files.readString(keyFile, StandardCharsets.UTF_8).equals(key)) {
                return binary;
            }
            Files.createDirectories(out);
            Path work = Files.createTempDirectory(out, "build-");
            try {
                Path built = LabBinaryBuild.build(go, null, sources, work, BINARY, false);
                move(built, binary);
                Files.writeString(keyFile, key, StandardCharsets.UTF_8);
            } finally {
                try (Stream<Path> left = Files.walk(work)) {
                    left.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            return binary;
        } catch (IOException e) {
            throw new GoServiceException("cannot build tracestat into " + out + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code go1.26.8} → 26; an unparsable version counts as new enough (the build then says what is wrong). */
    static int minor(String goVersion) {
        return io.schedgate.metrics.GoRelease.minor(goVersion).orElse(Integer.MAX_VALUE);
    }

    /** SHA-256 over the module's files (go.mod, go.sum, the top folder's .go files) and the toolchain. */
    static String key(Path sources, String toolchain) {
        try (Stream<Path> files = Files.list(sources)) {
            List<Path> inputs = files.filter(p -> {
                        String n = p.getFileName().toString();
                        return Files.isRegularFile(p)
                                && (n.endsWith(".go") || n.equals("go.mod") || n.equals("go.sum"));
                    })
                    .sorted()
                    .toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(toolchain.getBytes(StandardCharsets.UTF_8));
            for (Path p : inputs) {
                sha.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(p));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds tracestat for the checkout at the working directory (or -Dschedgate.root); says so when it built. */
    public static void main(String[] args) {
        try {
            ProjectLayout layout = ProjectLayout.find();
            Path binary = outputDir(layout).resolve(BINARY);
            long before = Files.isRegularFile(binary)
                    ? Files.getLastModifiedTime(binary).toMillis()
                    : -1;
            Path built = ensure(layout);
            if (Files.getLastModifiedTime(built).toMillis() != before) {
                System.out.println("tracestat: built " + built);
            }
        } catch (IOException e) {
            System.err.println("tracestat: " + e.getMessage());
            System.exit(1);
        } catch (GoServiceException e) {
            System.err.println("tracestat: " + e.getMessage());
            System.exit(1);
        }
    }
}
