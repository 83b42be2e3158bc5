package io.schedgate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.service.GoServiceContainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment on the user's own {@link GoServiceContainer}, configured on the container (here one
 * GOMAXPROCS, as a user would set an env or a CPU set): each repetition gets a fresh one from the
 * supplier, started, ramped through its mapped URLs and stopped; the lab's own /info proves the
 * configured container is the one ramped.
 */
@ExtendWith(SchedgateExtension.class)
@GoModule("targets/lab")
class ContainerExperimentTest {

    @TempDir
    Path runs;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void eachRepetitionRampsAFreshConfiguredContainerAndStopsIt(ServiceImage lab) {
        List<GoServiceContainer> started = new ArrayList<>();
        ExperimentResult result = Experiment.container(() -> {
                    GoServiceContainer c =
                            GoServiceContainer.fromImage(lab.tag()).withGomaxprocs(1);
                    started.add(c);
                    return c;
                })
                .named("own-container")
                .steps(20, 40)
                .warmup(Duration.ofSeconds(1))
                .window(Duration.ofSeconds(2))
                .tail(Duration.ofSeconds(1))
                .cooldown(Duration.ofSeconds(1))
                .mix("/healthy?us=50")
                .repeat(2)
                .run(runs);
        assertEquals(2, started.size(), "one container per repetition");
        assertNotSame(started.get(0), started.get(1));
        for (GoServiceContainer c : started) {
            assertFalse(c.isRunning(), "stopped after its repetition");
        }
        assertEquals(2, result.repetitions().size());
        for (ExperimentResult.Repetition r : result.repetitions()) {
            Manifest m = RunDirectory.read(r.runDirectory());
            assertEquals(Manifest.COMPLETE, m.status(), m.statusReason());
            assertEquals(1, m.target().gomaxprocs(), "the lab's /info: the container's own GOMAXPROCS");
            assertEquals(2, m.steps().size());
        }
    }

    @Test
    void theExperimentsOwnTargetKnobsAreRefusedWithAContainer() {
        Experiment e = Experiment.container(() -> GoServiceContainer.fromImage("any"))
                .steps(10)
                .mix("/")
                .gomaxprocs(2)
                .env("GOGC", "off");
        IllegalStateException refused = assertThrows(IllegalStateException.class, e::settings);
        assertTrue(
                refused.getMessage().contains("set target.env, target.gomaxprocs on the container"),
                refused.getMessage());
    }
}
