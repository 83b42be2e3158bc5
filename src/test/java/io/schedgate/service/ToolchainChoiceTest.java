package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schedgate.metrics.GoRuntimeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab built by a chosen Go: a Debian Go from /usr/lib/go-1.N (scripts/setup installs 1.23 on
 * Debian 12, 1.24 on 13) and a newer toolchain fetched through GOTOOLCHAIN. The version the running
 * process reports is the proof.
 */
@ExtendWith(DockerRequired.class)
class ToolchainChoiceTest {

    @Test
    void labBuiltWithADebianGo() throws IOException {
        String go = debianGo();
        String version = GoToolchain.at(go).version();
        try (GoServiceContainer lab = GoServiceContainer.lab().withGo(go).withCpuset("0")) {
            lab.start();
            GoRuntimeInfo seen = lab.runtimeInfo();
            assertEquals(version, seen.goVersion());
            assertEquals(1, seen.gomaxprocs(), "Go sets GOMAXPROCS from the cpuset");
        }
    }

    @Test
    void labBuiltWithANamedToolchain() {
        try (GoServiceContainer lab = GoServiceContainer.lab().withGoToolchain("go1.27.3")) {
            lab.start();
            assertEquals("go1.27.3", lab.runtimeInfo().goVersion());
        }
    }

    /** /usr/lib/go-1.23/bin/go if present (the brief's reference older Go), else the oldest Debian Go. */
    static String debianGo() throws IOException {
        Path preferred = Path.of("/usr/lib/go-1.23/bin/go");
        if (Files.isExecutable(preferred)) {
            return preferred.toString();
        }
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib"))) {
            return dirs.filter(d -> d.getFileName().toString().matches("go-1\\.\\d+"))
                    .map(d -> d.resolve("bin/go"))
                    .filter(Files::isExecutable)
                    .min(Comparator.comparingInt(p -> Integer.parseInt(
                            p.getParent().getParent().getFileName().toString().substring("go-1.".length()))))
                    .map(Path::toString)
                    .orElseThrow(() -> new AssertionError("no Debian Go in /usr/lib/go-1.*: run scripts/setup"));
        }
    }
}
