package io.schedgate.verdict;

import com.fasterxml.jackson.databind.JsonNode;
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

    static Capture of(Path dir, JsonNode node, String name, String defaultFile, String label) {
        String status = node.path("status").asText("missing");
        if (!"ok".equals(status)) {
            String reason = node.path("reason").asText("");
            return new Capture(
                    name,
                    null,
                    label + ": " + name + " capture " + status + (reason.isEmpty() ? "" : " (" + reason + ")"));
        }
        String rel = node.path("file").asText(defaultFile);
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
