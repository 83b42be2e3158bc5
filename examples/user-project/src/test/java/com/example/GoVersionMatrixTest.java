package com.example;

import static io.schedgate.experiment.ExperimentAssert.assertThat;

import io.schedgate.experiment.Experiment;
import io.schedgate.experiment.GoMatrix;
import io.schedgate.experiment.GoMatrixResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The same experiment on the counter built by three Go toolchains: a Debian Go (scripts/setup
 * installs 1.23 under /usr/lib/go-1.23), the go on PATH, and go1.27.3 fetched through GOTOOLCHAIN
 * ({@code -Dexample.go.debian=PATH} and {@code -Dexample.go.toolchain=NAME} change them). Prints the
 * comparison of every check across the versions; asserts the hot lock is named at its Lock line on
 * each. Three ramps, about two minutes: tagged {@code matrix}, left out of {@code mvn verify} unless
 * {@code -Dexample.excludedGroups=none} (or {@code scripts/example-project --matrix}).
 */
@Tag("matrix")
class GoVersionMatrixTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theHotLockIsNamedWhicheverGoBuiltIt(TestReporter reporter) throws IOException {
        String debian = System.getProperty("example.go.debian", "/usr/lib/go-1.23/bin/go");
        if (!Files.isExecutable(Path.of(debian))) {
            throw new AssertionError(debian + " is not there: run scripts/setup in the schedgate checkout"
                    + " (it installs Debian's golang-1.23), or pass -Dexample.go.debian=PATH");
        }
        Experiment counter = Experiment.goModule(CounterExperimentTest.SERVICE)
                .named("counter")
                .steps(100, 200, 400)
                .warmup(Duration.ofSeconds(1))
                .window(Duration.ofSeconds(3))
                .tail(Duration.ofSeconds(1))
                .cooldown(Duration.ofSeconds(2))
                .mix("/work@1")
                .gomaxprocs(2);
        GoMatrixResult matrix = GoMatrix.of(counter)
                .go(debian)
                .go("go")
                .toolchain(System.getProperty("example.go.toolchain", "go1.27.3"))
                .run(Path.of("target/go-matrix"));
        System.out.print(matrix.render());
        reporter.publishEntry("goMatrix", matrix.render());
        // the same comparison as a page: table, charts with one series per Go, links to each report
        if (matrix.report() == null || !Files.isRegularFile(matrix.report())) {
            throw new AssertionError("no go-matrix.html: " + matrix.report());
        }
        reporter.publishEntry("goMatrixReport", matrix.report().toUri().toString());

        String lockLine = "main.go:" + CounterExperimentTest.line("c.mu.Lock()");
        for (GoMatrixResult.Column column : matrix.columns()) {
            // named on every Go; how hard it fails varied between versions and runs (see README)
            assertThat(column.result()).check("lock.contention").atStep(3).naming("true contention at " + lockLine);
        }
    }
}
