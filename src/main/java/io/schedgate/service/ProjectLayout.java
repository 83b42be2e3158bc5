package io.schedgate.service;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the schedgate checkout's parts are: the lab sources ({@code targets/lab}), the lab
 * Dockerfile ({@code docker/lab/Dockerfile}) and Maven's {@code target/} folder.
 *
 * <p>The root is the system property {@code schedgate.root} if set, else the nearest folder at or
 * above the working directory that holds {@code targets/lab/go.mod} (Maven runs tests and Gatling
 * from the checkout's root, IDEs sometimes from a sub-folder).
 */
public record ProjectLayout(Path root) {

    public static ProjectLayout find() {
        String configured = System.getProperty("schedgate.root");
        if (configured != null && !configured.isBlank()) {
            return new ProjectLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("targets/lab/go.mod"))) {
                return new ProjectLayout(dir);
            }
        }
        throw new GoServiceException("no schedgate checkout (targets/lab/go.mod) at or above " + start
                + ": run from the checkout or set -Dschedgate.root=PATH");
    }

    /**
     * The schedgate checkout as {@link #find()} finds it, else the working directory: a user's own
     * project, which has no lab but a {@code target/} folder for build files (its Go is the one on PATH,
     * or the one {@code target/go-binary} names).
     */
    public static ProjectLayout findOrWorkingDirectory() {
        try {
            return find();
        } catch (GoServiceException e) {
            return new ProjectLayout(Path.of("").toAbsolutePath().normalize());
        }
    }

    public Path labSources() {
        return root.resolve("targets/lab");
    }

    public Path labDockerfile() {
        return root.resolve("docker/lab/Dockerfile");
    }

    public Path buildDir() {
        return root.resolve("target");
    }

    /** The go binary scripts/setup chose, when it wrote one. */
    public Path goBinaryFile() {
        return buildDir().resolve("go-binary");
    }
}
