package io.schedgate.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * verdict.json: {@link Verdict} as JSON, schema {@value Verdict#SCHEMA} (docs/verdict-json.md).
 * NaN and infinities never reach it: {@link CheckResult} turns them into null.
 */
public final class VerdictJson {

    public static final String FILE_NAME = "verdict.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private VerdictJson() {}

    public static String toJson(Verdict verdict) {
        try {
            return MAPPER.writeValueAsString(verdict);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code verdict.json} into the run directory and returns its path. */
    public static Path write(Verdict verdict, Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        try {
            Files.writeString(file, toJson(verdict) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
