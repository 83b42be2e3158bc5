package io.schedgate.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab built by a chosen Go: Debian's Go 1.23 (scripts/setup --go 1.23 installs it) and a newer
 * toolchain fetched through GOTOOLCHAIN. The version the running process reports is the proof.
 */
@ExtendWith(DockerRequired.class)
class ToolchainChoiceTest {

    static final String GO_1_23 = "/usr/lib/go-1.23/bin/go";

    @Test
    void labBuiltWithGo123() {
        assertTrue(Files.isExecutable(Path.of(GO_1_23)), GO_1_23 + " is missing: run scripts/setup --go 1.23");
        try (GoServiceContainer lab = GoServiceContainer.lab().withGo(GO_1_23).withCpuset("0")) {
            lab.start();
            GoRuntimeInfo seen = lab.runtimeInfo();
            assertTrue(seen.goVersion().startsWith("go1.23"), seen.goVersion());
            assertEquals(1, seen.gomaxprocs(), "Go 1.23 sets GOMAXPROCS from the cpuset");
        }
    }

    @Test
    void labBuiltWithANamedToolchain() {
        try (GoServiceContainer lab = GoServiceContainer.lab().withGoToolchain("go1.27.3")) {
            lab.start();
            assertEquals("go1.27.3", lab.runtimeInfo().goVersion());
        }
    }
}
