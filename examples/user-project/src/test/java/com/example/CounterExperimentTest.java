package com.example;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.schedgate.experiment.ExperimentAssert.assertThat;

import io.schedgate.experiment.ExperimentResult;
import io.schedgate.experiment.GoModule;
import io.schedgate.experiment.SchedgateExtension;
import io.schedgate.experiment.ServiceImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A contention experiment on the counter service: built once for the class from service/ into a
 * FROM scratch image (SchedgateExtension, removed after the class), ramped 100, 200, 400 req/s (short
 * steps, one Gatling chain per arrival) twice, each time on a fresh container, judged by schedgate's verdict engine; prints each
 * repetition's verdict and how the two agree, and publishes the run directories to JUnit's report.
 */
@ExtendWith(SchedgateExtension.class)
@GoModule("service")
class CounterExperimentTest {

    static final Path SERVICE = Path.of("service");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theCounterLockIsNamedAtItsLockLine(ServiceImage image, TestReporter reporter) throws IOException {
        ExperimentResult result = image.experiment()
                .named("counter")
                .steps(100, 200, 400)
                .warmup(Duration.ofSeconds(1))
                .window(Duration.ofSeconds(3))
                .tail(Duration.ofSeconds(1))
                .cooldown(Duration.ofSeconds(2))
                // the scenario as a Gatling chain, run once per arrival (or .mix("/work@1"))
                .scenario(() -> exec(http("work").get("/work").check(status().is(200))))
                .gomaxprocs(2)
                .repeat(2)
                .within(Duration.ofMinutes(4)) // the @Timeout: a ramp that cannot fit is refused at once
                .run(Path.of("target/experiments"));
        System.out.print(result.summary());
        System.out.print(result.agreement().render());
        result.publish(reporter::publishEntry); // run directories, reports, agreement in JUnit's report

        String lockLine = "main.go:" + line("c.mu.Lock()");
        // true contention at the top step, named at its Lock line, in every repetition; whether its
        // delay crosses the FAIL threshold too varied between runs on a shared 2-CPU machine
        assertThat(result).check("lock.contention").atStep(3).warnsOrFails().naming("true contention at " + lockLine);
    }

    /** The 1-based number of the first line of service/main.go containing {@code text}. */
    static int line(String text) throws IOException {
        List<String> lines = Files.readAllLines(SERVICE.resolve("main.go"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in service/main.go");
    }
}
