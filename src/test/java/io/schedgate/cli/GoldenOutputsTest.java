package io.schedgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user-visible outputs pinned: {@code schedgate analyze --json} on every run-directory fixture
 * (and two baseline comparisons), {@code schedgate profile --json} on every pprof fixture, each
 * equal field for field to the golden file written by the code before the run-model refactoring
 * (the verdict's {@code createdAt} aside). A refactoring that changes a number, a sentence or a
 * field shows up here. {@code -Dgoldens.update=true} rewrites the goldens (then review the diff).
 */
class GoldenOutputsTest {

    static final Path GOLDENS = Path.of("src/test/resources/goldens");
    static final Path PPROF = Path.of("src/test/resources/fixtures/pprof");
    static final List<Path> RUN_ROOTS =
            List.of(Path.of("src/test/resources/fixtures/runs"), Path.of("src/test/resources/fixtures/metrics/runs"));
    static final boolean UPDATE = Boolean.getBoolean("goldens.update");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A name for the golden file and the analyze arguments. */
    record Case(String name, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> analyzeCases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Path root : RUN_ROOTS) {
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path d : dirs.sorted().toList()) {
                    if (Files.isRegularFile(d.resolve("manifest.json"))) {
                        String name = root.getParent().getFileName() + "-" + d.getFileName();
                        cases.add(new Case(name, List.of("analyze", d.toString(), "--json", "--no-write")));
                    }
                }
            }
        }
        Path runs = RUN_ROOTS.get(0);
        cases.add(new Case(
                "baseline-hotlock-vs-healthy",
                List.of(
                        "analyze",
                        runs.resolve("hotlock-go1.26").toString(),
                        "--json",
                        "--no-write",
                        "--baseline",
                        runs.resolve("healthy-go1.26").toString())));
        cases.add(new Case(
                "baseline-fanout126-vs-fanout123",
                List.of(
                        "analyze",
                        runs.resolve("fanout-go1.26").toString(),
                        "--json",
                        "--no-write",
                        "--baseline",
                        runs.resolve("fanout-go1.23").toString())));
        return cases.stream();
    }

    static Stream<Path> profileFixtures() throws IOException {
        try (Stream<Path> files = Files.list(PPROF)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pb.gz")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analyzeCases")
    void analyzeJsonUnchanged(Case c) throws IOException {
        CliRun o = run(c.args());
        assertTrue(o.code() >= 0 && o.code() <= 2, o.err());
        ObjectNode actual = (ObjectNode) JSON.readTree(o.out());
        actual.remove("createdAt");
        compare(GOLDENS.resolve("analyze").resolve(c.name() + ".json"), actual, o.code());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileFixtures")
    void profileJsonUnchanged(Path fixture) throws IOException {
        CliRun o = run(List.of("profile", fixture.toString(), "--json"));
        // a profile schedgate refuses (e.g. zero samples) is pinned by its one-line message
        JsonNode output = o.code() == 0
                ? JSON.readTree(o.out())
                : JSON.getNodeFactory().textNode(o.err().strip());
        String name = fixture.getFileName().toString().replace(".pb.gz", "");
        compare(GOLDENS.resolve("profile").resolve(name + ".json"), output, o.code());
    }

    /** The golden holds the exit code too: {@code {"exitCode": n, "output": {...}}}. */
    private static void compare(Path golden, JsonNode actual, int code) throws IOException {
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.put("exitCode", code);
        wrapped.set("output", actual);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, JSON.writeValueAsString(wrapped) + "\n");
            return;
        }
        assertTrue(Files.isRegularFile(golden), "no golden " + golden + ": run with -Dgoldens.update=true");
        JsonNode expected = JSON.readTree(golden.toFile());
        assertFalse(expected.path("output").isMissingNode(), golden.toString());
        if (!expected.equals(wrapped)) { // field order aside (a record's order may change), every value equal
            assertEquals(JSON.writeValueAsString(expected), JSON.writeValueAsString(wrapped), golden.toString());
        }
    }

    private static CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }
}
