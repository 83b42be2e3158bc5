package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tools/tracestat built for the host, cached by its sources and Go, in a throw-away copy of the layout. */
class TraceStatBuildTest {

    @Test
    void buildsOnceThenReusesUntilTheSourcesChange(@TempDir Path tmp) throws Exception {
        ProjectLayout real = ProjectLayout.find();
        Path sources = tmp.resolve("tools/tracestat");
        Files.createDirectories(sources);
        for (String f : new String[] {"go.mod", "go.sum", "main.go", "stats.go"}) {
            Files.copy(real.root().resolve("tools/tracestat").resolve(f), sources.resolve(f));
        }
        ProjectLayout layout = new ProjectLayout(tmp);
        Path binary = TraceStatBuild.ensure(layout, GoToolchain.at("go"));
        assertEquals(tmp.resolve("target/tools/tracestat/tracestat"), binary);
        assertTrue(Files.isExecutable(binary));
        // the build is keyed on the sources, not on times: backdate the binary, so any rebuild shows as a
        // new modification time without waiting for the clock to move
        long built = Files.getLastModifiedTime(binary).toMillis() - 60_000;
        Files.setLastModifiedTime(binary, FileTime.fromMillis(built));
        assertEquals(
                built,
                Files.getLastModifiedTime(TraceStatBuild.ensure(layout, GoToolchain.at("go")))
                        .toMillis(),
                "up to date: not rebuilt");
        Files.writeString(sources.resolve("main.go"), Files.readString(sources.resolve("main.go")) + "\n// changed\n");
        assertNotEquals(
                built,
                Files.getLastModifiedTime(TraceStatBuild.ensure(layout, GoToolchain.at("go")))
                        .toMillis(),
                "a changed source is rebuilt");
        try (var left = Files.list(tmp.resolve("target/tools/tracestat"))) {
            assertEquals(2, left.count(), "the binary and its key, no build folders left");
        }
    }

    /** Go older than 1.26 (the Debian Go scripts/setup installs) builds it through GOTOOLCHAIN=go1.27.3. */
    @Test
    void anOlderGoBuildsThroughTheFallbackToolchain(@TempDir Path tmp) throws Exception {
        GoToolchain old = GoToolchain.at(ToolchainChoiceTest.debianGo());
        assertTrue(TraceStatBuild.minor(old.version()) < TraceStatBuild.MIN_GO_MINOR, old.version());
        Path sources = tmp.resolve("tools/tracestat");
        Files.createDirectories(sources);
        for (String f : new String[] {"go.mod", "go.sum", "main.go", "stats.go"}) {
            Files.copy(ProjectLayout.find().root().resolve("tools/tracestat").resolve(f), sources.resolve(f));
        }
        Path binary = TraceStatBuild.ensure(new ProjectLayout(tmp), old);
        Process p = new ProcessBuilder(
                        binary.toString(),
                        ProjectLayout.find()
                                .root()
                                .resolve("tools/tracestat/testdata/go1.23.trace")
                                .toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("\"schema\": \"schedgate.tracestat/1\""), out);
    }

    /** The jar carries tools/tracestat's module files as they are in the checkout, all of them. */
    @Test
    void theBundledSourcesAreTheCheckoutsModule(@TempDir Path tmp) throws IOException {
        Path checkout = ProjectLayout.find().root().resolve("tools/tracestat");
        java.util.List<String> module;
        try (var files = Files.list(checkout)) {
            module = files.map(p -> p.getFileName().toString())
                    .filter(n ->
                            n.equals("go.mod") || n.equals("go.sum") || (n.endsWith(".go") && !n.endsWith("_test.go")))
                    .sorted()
                    .toList();
        }
        assertEquals(module, TraceStatBuild.BUNDLED_FILES.stream().sorted().toList(), "TraceStatBuild.BUNDLED_FILES");
        Path out = TraceStatBuild.extractBundled(tmp.resolve("src"));
        for (String f : module) {
            assertEquals(Files.readString(checkout.resolve(f)), Files.readString(out.resolve(f)), f);
        }
    }

    /** Outside a checkout (a user's project) tracestat is built from the jar's copy of its sources. */
    @Test
    void outsideACheckoutItIsBuiltFromTheBundledSources(@TempDir Path tmp) {
        Path binary = TraceStatBuild.ensureAnywhere(new ProjectLayout(tmp));
        assertEquals(tmp.resolve("target/tools/tracestat/tracestat"), binary);
        assertTrue(Files.isExecutable(binary));
        assertTrue(Files.isRegularFile(tmp.resolve("target/schedgate/tracestat-src/main.go")));
    }

    @Test
    void noSourcesIsOneLine(@TempDir Path tmp) throws IOException {
        GoServiceException e = org.junit.jupiter.api.Assertions.assertThrows(
                GoServiceException.class, () -> TraceStatBuild.ensure(new ProjectLayout(tmp), GoToolchain.at("go")));
        assertTrue(e.getMessage().startsWith("no tracestat sources at "), e.getMessage());
    }

    @Test
    void goOlderThan126IsSwitched() {
        assertEquals(23, TraceStatBuild.minor("go1.23.5"));
        assertEquals(26, TraceStatBuild.minor("go1.26.8"));
        assertEquals(Integer.MAX_VALUE, TraceStatBuild.minor("devel +abc"));
    }
}
