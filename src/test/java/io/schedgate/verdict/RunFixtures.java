package io.schedgate.verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real run directories of fixtures/runs, and writable copies of them for tests that damage one. */
public final class RunFixtures {

    public static final Path RUNS = Path.of("src/test/resources/fixtures/runs");

    private RunFixtures() {}

    /** Copies run {@code name} into {@code tmp} and returns the copy. */
    public static Path copy(String name, Path tmp) throws IOException {
        return copyDir(RUNS.resolve(name), tmp);
    }

    /** Copies directory {@code from} into {@code tmp} (same name) and returns the copy. */
    public static Path copyDir(Path from, Path tmp) throws IOException {
        Path to = tmp.resolve(from.getFileName().toString());
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
