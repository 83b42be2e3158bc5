package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real go builds of the real lab sources, and of a copy broken on purpose. */
class LabBinaryBuildTest {

    private final ProjectLayout layout = ProjectLayout.find();
    private final GoToolchain go = GoToolchain.defaultFor(layout);

    @Test
    void buildsAStaticLinuxBinary(@TempDir Path out) throws IOException {
        Path binary = LabBinaryBuild.build(go, layout.labSources(), out);
        byte[] head = new byte[20];
        try (var in = Files.newInputStream(binary)) {
            assertEquals(20, in.read(head));
        }
        assertEquals(0x7f, head[0]);
        assertEquals('E', head[1]);
        // ELF e_type at offset 16: 2 = ET_EXEC (static), 3 = ET_DYN (PIE / dynamically linked)
        assertEquals(2, head[16], "CGO_ENABLED=0 should give a statically linked executable");
    }

    @Test
    void aCompileErrorNamesTheToolchainAndTheFirstError(@TempDir Path tmp) throws IOException {
        Path sources = tmp.resolve("lab");
        copyTree(layout.labSources(), sources);
        Files.writeString(sources.resolve("broken.go"), "package main\n\nfunc broken() { undefinedThing() }\n");
        GoServiceException e =
                assertThrows(GoServiceException.class, () -> LabBinaryBuild.build(go, sources, tmp.resolve("out")));
        assertTrue(e.getMessage().contains(go.describe()), e.getMessage());
        assertTrue(e.getMessage().contains("broken.go:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("undefinedThing"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void goCommandsKeepTelemetryOutOfHomeButReadTheUsersGoEnv() throws Exception {
        String realGoEnv = goEnv(new ProcessBuilder(), "GOENV");
        ProcessBuilder ours = new ProcessBuilder();
        go.applyTo(ours.environment());
        assertEquals(realGoEnv, goEnv(ours, "GOENV"), "the user's go env -w settings still apply");
        String telemetryDir = goEnv(ours, "GOTELEMETRYDIR"); // empty before Go 1.23, which has no telemetry
        assertTrue(telemetryDir.isEmpty() || telemetryDir.startsWith(System.getProperty("user.home")), telemetryDir);
        assertTrue(System.getProperty("user.home").contains("target"), "surefire points user.home into target/");
    }

    private String goEnv(ProcessBuilder pb, String key) throws Exception {
        pb.command(go.goCommand(), "env", key).redirectErrorStream(true);
        pb.environment().put("GOTOOLCHAIN", "local");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void anUnknownGoExperimentFailsNamingIt(@TempDir Path tmp) {
        GoServiceException e = assertThrows(
                GoServiceException.class,
                () -> LabBinaryBuild.build(go, "nosuchexperiment", layout.labSources(), tmp.resolve("out")));
        assertTrue(e.getMessage().contains("GOEXPERIMENT=nosuchexperiment"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown GOEXPERIMENT"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aMissingGoBinarySaysHowToGetOne(@TempDir Path tmp) {
        GoToolchain missing = GoToolchain.at(tmp.resolve("no-such-go").toString());
        GoServiceException e = assertThrows(
                GoServiceException.class, () -> LabBinaryBuild.build(missing, layout.labSources(), tmp.resolve("out")));
        assertTrue(e.getMessage().contains("no-such-go"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/setup"), e.getMessage());
    }

    @Test
    void firstErrorSkipsPackageHeaders() {
        String output = "# schedgate.dev/lab\n./a.go:1:2: first\n./b.go:3:4: second\n";
        assertEquals("./a.go:1:2: first", LabBinaryBuild.firstError(output));
        assertEquals(
                "go: go.mod requires go >= 1.99 (running go 1.23.1; GOTOOLCHAIN=local)",
                LabBinaryBuild.firstError("go: go.mod requires go >= 1.99 (running go 1.23.1; GOTOOLCHAIN=local)\n"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.toString().endsWith(".go")
                        || p.getFileName().toString().startsWith("go.")) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
