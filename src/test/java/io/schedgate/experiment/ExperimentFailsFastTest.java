package io.schedgate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.service.DockerRequired;
import io.schedgate.service.GoServiceContainer;
import io.schedgate.service.GoServiceException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/** Misconfigured experiments stop before any load, with one line naming the fix. */
@ExtendWith(DockerRequired.class)
class ExperimentFailsFastTest {

    @Test
    void aRampLongerThanItsTimeIsRefusedAtOnce(@TempDir Path out) {
        Experiment e = Experiment.image("schedgate/anything:1")
                .steps(100, 200, 400)
                .mix("/work@1")
                .repeat(3)
                .within(Duration.ofMinutes(1));
        ExperimentException x = assertThrows(ExperimentException.class, () -> e.run(out));
        assertTrue(
                x.getMessage()
                        .startsWith(
                                "experiment anything needs about 81 s (3 × (ramp 17 s + 10 s start-up)) but has 60 s"),
                x.getMessage());
    }

    @Test
    void anImageThatDoesNotExistIsOneLine(@TempDir Path out) {
        long start = System.nanoTime();
        ExperimentException x =
                assertThrows(ExperimentException.class, () -> Experiment.image("schedgate/no-such-image:0")
                        .steps(100)
                        .mix("/")
                        .run(out));
        assertTrue(x.getMessage().contains("schedgate/no-such-image:0 is not on this Docker engine"), x.getMessage());
        assertTrue(x.getMessage().lines().count() == 1, x.getMessage());
        System.out.printf(
                java.util.Locale.ROOT, "missing image refused after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aGoModuleThatDoesNotBuildIsOneLine(@TempDir Path out) throws Exception {
        Path module = out.resolve("broken");
        java.nio.file.Files.createDirectories(module);
        java.nio.file.Files.writeString(module.resolve("go.mod"), "module example.com/broken\n\ngo 1.22\n");
        java.nio.file.Files.writeString(module.resolve("main.go"), "package main\n\nfunc main() { undefined() }\n");
        ExperimentException x = assertThrows(
                ExperimentException.class,
                () -> Experiment.goModule(module).steps(100).mix("/").run(out.resolve("runs")));
        assertTrue(x.getMessage().startsWith("experiment broken: go build of "), x.getMessage());
        assertTrue(x.getMessage().contains("main.go:3"), x.getMessage());
    }

    /** The Docker engine's CPUs as the check names them, and a set that reaches 6 CPUs past them. */
    private static String machine() {
        int ncpu = DockerClientFactory.instance().getInfo().getNCPU();
        int jvm = Runtime.getRuntime().availableProcessors();
        return "this machine has CPUs " + range(0, ncpu - 1) + " (Runtime.availableProcessors()=" + jvm
                + " / docker info NCPU=" + ncpu + "): pick a set within " + range(0, ncpu - 1);
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    private static int containers() {
        return DockerClientFactory.instance()
                .client()
                .listContainersCmd()
                .withShowAll(true)
                .exec()
                .size();
    }

    @Test
    void anExperimentOnCpusBeyondTheMachineIsOneLineBeforeAnything(@TempDir Path out) {
        int ncpu = DockerClientFactory.instance().getInfo().getNCPU();
        String set = "0-" + (ncpu + 5);
        int before = containers();
        ExperimentException x = assertThrows(ExperimentException.class, () -> Experiment.image("schedgate/lab:any")
                .cpuset(set)
                .steps(100)
                .mix("/")
                .run(out));
        assertEquals(
                "experiment lab: CPU set \"" + set + "\" names CPUs " + range(ncpu, ncpu + 5) + ", but " + machine(),
                x.getMessage());
        assertEquals(before, containers(), "no container started");
    }

    @Test
    void aGoModuleOnAMalformedCpuSetIsRefusedBeforeItsBuild(@TempDir Path out) throws Exception {
        Path module = module(out, "1.22", "undefined()");
        ExperimentException x = assertThrows(ExperimentException.class, () -> Experiment.goModule(module)
                .cpuset("3-1")
                .steps(100)
                .mix("/")
                .run(out.resolve("runs")));
        // the build would fail too (main.go:3): the cpuset's line comes first, so nothing was built
        assertTrue(
                x.getMessage().startsWith("experiment svc: CPU set \"3-1\" has the range 3-1 running backwards"),
                x.getMessage());
        assertEquals(1, x.getMessage().lines().count(), x.getMessage());
    }

    @Test
    void aContainerOnCpusBeyondTheMachineIsOneLineBeforeTheLabIsBuilt() {
        int ncpu = DockerClientFactory.instance().getInfo().getNCPU();
        int before = containers();
        try (GoServiceContainer lab = GoServiceContainer.lab().withCpuset(Integer.toString(ncpu))) {
            GoServiceException x = assertThrows(GoServiceException.class, lab::start);
            assertEquals("CPU set \"" + ncpu + "\" names CPUs " + ncpu + ", but " + machine(), x.getMessage());
            assertEquals(null, lab.getContainerId(), "no container started");
        }
        assertEquals(before, containers(), "no container started");
    }

    @Test
    void aGoToolchainTheProxyDoesNotServeIsOneLine(@TempDir Path out) throws Exception {
        Path module = module(out, "1.22", "");
        ExperimentException x = assertThrows(ExperimentException.class, () -> Experiment.goModule(module)
                .goToolchain("go1.99.1")
                .steps(100)
                .mix("/")
                .run(out.resolve("runs")));
        // "go" or its resolved path, depending on how this machine's go is found
        assertTrue(
                x.getMessage()
                        .matches("experiment svc: (\\S*/)?go \\(GOTOOLCHAIN=go1\\.99\\.1\\) cannot tell its version"
                                + " \\(go: downloading go1\\.99\\.1.*"),
                x.getMessage());
        assertTrue(
                x.getMessage()
                        .contains("): name a toolchain the Go module proxy serves, or an installed Go with go(...);"
                                + " Go here: go on PATH"),
                x.getMessage());
        assertEquals(1, x.getMessage().lines().count(), x.getMessage());
    }

    @Test
    void aDebianGoThatIsNotInstalledNamesItsSetup(@TempDir Path out) throws Exception {
        Path module = module(out, "1.19", "");
        ExperimentException x = assertThrows(ExperimentException.class, () -> Experiment.goModule(module)
                .go("/usr/lib/go-1.19/bin/go")
                .steps(100)
                .mix("/")
                .run(out.resolve("runs")));
        assertTrue(
                x.getMessage().startsWith("experiment svc: /usr/lib/go-1.19/bin/go (GOTOOLCHAIN=local) cannot run ("),
                x.getMessage());
        assertTrue(
                x.getMessage().contains("): install it with scripts/setup --go 1.19; Go here: go on PATH"),
                x.getMessage());
        assertEquals(1, x.getMessage().lines().count(), x.getMessage());
    }

    /** A one-file module {@code svc} declaring this go version, its main's body as given. */
    private static Path module(Path out, String go, String mainBody) throws java.io.IOException {
        Path module = out.resolve("svc");
        java.nio.file.Files.createDirectories(module);
        java.nio.file.Files.writeString(module.resolve("go.mod"), "module example.com/svc\n\ngo " + go + "\n");
        java.nio.file.Files.writeString(module.resolve("main.go"), "package main\n\nfunc main() {" + mainBody + "}\n");
        return module;
    }
}
