package io.schedgate.experiment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.service.DockerRequired;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
}
