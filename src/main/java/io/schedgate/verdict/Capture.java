package io.schedgate.verdict;

import io.schedgate.run.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One capture the manifest lists (a profile or a scrape): its file when the collector got it,
 * else why not. A capture listed as ok whose file is gone is not ok either.
 *
 * @param name the manifest's key, e.g. {@code cpu}, {@code goroutineEnd}
 * @param file the file, null when there is none
 * @param problem why there is no file ("step-02: cpu capture failed (timeout)"), null when ok
 */
public record Capture(String name, Path file, String problem) {

    public boolean ok() {
        return problem == null;
    }

    /** The capture the manifest lists as {@code listed} (null: not listed), its file resolved in {@code dir}. */
    static Capture of(Path dir, Manifest.Capture listed, String name, String label) {
        String status = listed == null || listed.status() == null ? Manifest.Capture.MISSING : listed.status();
        if (!Manifest.Capture.OK.equals(status)) {
            String reason = listed == null || listed.reason() == null ? "" : listed.reason();
            return new Capture(
                    name,
                    null,
                    label + ": " + name + " capture " + status + (reason.isEmpty() ? "" : " (" + reason + ")"));
        }
        String rel = listed.file();
        if (rel == null || rel.isBlank()) {
            return new Capture(name, null, label + ": " + name + " is listed as ok without a file");
        }
        Path file = dir.resolve(rel);
        if (!Files.isRegularFile(file)) {
            return new Capture(name, null, label + ": " + file + " is listed as ok but does not exist");
        }
        return new Capture(name, file, null);
    }
}
