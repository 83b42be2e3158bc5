package io.schedgate.experiment;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.metrics.PrometheusText;
import io.schedgate.run.CaptureKind;
import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment whose scenario is a Gatling chain of two lab endpoints, run in-process on the lab: the
 * lab's own counters prove that every arrival sent the chain's two requests (one /hotlock critical
 * section and 4 KiB of /alloc per arrival), and nothing of the lab's default mix.
 */
@ExtendWith(SchedgateExtension.class)
@GoModule("targets/lab")
class ChainScenarioExperimentTest {

    private static final int KB = 4;

    @TempDir
    Path runs;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void eachArrivalSendsTheChainsTwoRequests(ServiceImage lab) throws IOException {
        ExperimentResult result = lab.experiment()
                .named("chain")
                .steps(20, 40)
                .warmup(Duration.ofSeconds(1))
                .window(Duration.ofSeconds(3))
                .tail(Duration.ofSeconds(1))
                .cooldown(Duration.ofSeconds(1))
                .scenario(() -> exec(http("hotlock").get("/hotlock?us=20"))
                        .exec(http("alloc").get("/alloc?kb=" + KB)))
                .run(runs);
        Path dir = result.runDirectory();
        Manifest manifest = RunDirectory.read(dir);
        assertEquals(Manifest.COMPLETE, manifest.status(), manifest.statusReason());
        assertTrue(dir.getFileName().toString().startsWith("ChainSimulation-"), dir.toString());

        // the whole run: as many critical sections as /alloc requests (each arrival ran both), none else
        double hot = delta(dir, "baseline/metrics.txt", "final/metrics.txt", "lab_hotlock_acquisitions_total");
        double alloc = delta(dir, "baseline/metrics.txt", "final/metrics.txt", "lab_alloc_bytes_total") / (KB * 1024);
        assertTrue(hot > 0, "no /hotlock request reached the lab");
        assertEquals(hot, alloc, 0.0, "each arrival runs /hotlock then /alloc");

        for (Manifest.Step step : manifest.steps()) {
            LoadNumbers load = step.load();
            assertEquals(0, load.errors(), "step " + step.index() + " had errors");
            double window = delta(
                    dir,
                    step.capture(CaptureKind.METRICS_START).file(),
                    step.capture(CaptureKind.METRICS_END).file(),
                    "lab_hotlock_acquisitions_total");
            // the scrapes and the window's counters are a few ms apart: at 20-40 req/s, a couple of arrivals
            double slack = Math.max(3, 0.1 * load.requests());
            assertEquals(
                    load.requests(),
                    window,
                    slack,
                    "step " + step.index() + ": " + load.requests() + " arrivals, " + window
                            + " /hotlock requests in the window: one per arrival");
        }
    }

    private static double delta(Path dir, String before, String after, String counter) throws IOException {
        return value(dir.resolve(after), counter) - value(dir.resolve(before), counter);
    }

    private static double value(Path file, String counter) throws IOException {
        return PrometheusText.parse(Files.readString(file), file.toString())
                .value(counter)
                .orElseThrow(() -> new AssertionError(counter + " not in " + file));
    }
}
