package io.schedgate.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Go service built from its source directory into a {@code FROM scratch} image, the way a user's
 * CI would hand schedgate an image: a static binary ({@code CGO_ENABLED=0}, {@code -trimpath}) as the
 * image's entrypoint, nothing else (no shell, no {@code /info}). Start it with
 * {@link GoServiceContainer#fromImage(String)}, as {@code -Dschedgate.target.image} does; close this to
 * remove the image.
 *
 * <pre>{@code
 * try (GoServiceImage image = GoServiceImage.build(Path.of("targets/services/worker-pool"));
 *      GoServiceContainer service = GoServiceContainer.fromImage(image.tag())) {
 *     service.start();
 * }
 * }</pre>
 */
public final class GoServiceImage implements AutoCloseable {

    private static final String DOCKERFILE = """
            # A Go service from its static binary: nothing to pull.
            FROM scratch
            COPY service /service
            USER 65534:65534
            ENTRYPOINT ["/service"]
            """;

    private final BuiltImage image;

    private GoServiceImage(BuiltImage image) {
        this.image = image;
    }

    /**
     * Compiles the main package in {@code sources} with the project's Go and builds its image; works
     * in the schedgate checkout and in a user's own project alike ({@link ProjectLayout#findOrWorkingDirectory()}).
     */
    public static GoServiceImage build(Path sources) {
        return build(sources, GoToolchain.defaultFor(ProjectLayout.findOrWorkingDirectory()));
    }

    /** As {@link #build(Path)} with {@code toolchain}, e.g. {@code GoToolchain.at("/usr/lib/go-1.23/bin/go")}. */
    public static GoServiceImage build(Path sources, GoToolchain toolchain) {
        if (!Files.isRegularFile(sources.resolve("go.mod"))) {
            throw new GoServiceException(sources + " has no go.mod: pass the directory of a Go module's main package");
        }
        // in a user's own project (no checkout) the build folder is its target/
        ProjectLayout layout = ProjectLayout.findOrWorkingDirectory();
        Path workDir;
        try {
            Files.createDirectories(layout.buildDir());
            workDir = Files.createTempDirectory(layout.buildDir(), "service-build-");
            Files.writeString(workDir.resolve("Dockerfile"), DOCKERFILE);
        } catch (IOException e) {
            throw new GoServiceException(
                    "cannot create a build folder under " + layout.buildDir() + ": " + e.getMessage(), e);
        }
        try {
            Path binary = LabBinaryBuild.build(toolchain, sources.toAbsolutePath(), workDir);
            String name = sources.toAbsolutePath().normalize().getFileName().toString();
            return new GoServiceImage(BuiltImage.build(name, workDir.resolve("Dockerfile"), binary, "service"));
        } finally {
            deleteTree(workDir);
        }
    }

    /** The image's tag, e.g. {@code schedgate/worker-pool:1a2b3c4d5e6f}. */
    public String tag() {
        return image.tag();
    }

    @Override
    public void close() {
        image.remove();
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
