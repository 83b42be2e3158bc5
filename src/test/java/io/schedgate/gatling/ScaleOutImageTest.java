package io.schedgate.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.service.DockerRequired;
import io.schedgate.service.GoServiceImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The schedgate image of docker/schedgate (built here by its build.sh from this JVM's class path, no
 * Maven) runs a scaled-out ramp the way deploy/k8s does: the lab on a Docker network, a collector
 * container waiting for one injector, an injector container joining it by the name {@code collector};
 * the collector's run directory, copied out of its container, holds a complete manifest with both injectors' numbers
 * at every step.
 */
@ExtendWith(DockerRequired.class)
class ScaleOutImageTest {

    private static final Map<String, String> RAMP = Map.of(
            "SCHEDGATE_STEPS", "100,200",
            "SCHEDGATE_WARMUP_SECONDS", "1",
            "SCHEDGATE_WINDOW_SECONDS", "3",
            "SCHEDGATE_TAIL_SECONDS", "1",
            "SCHEDGATE_COOLDOWN_SECONDS", "2",
            "SCHEDGATE_MIX", "/healthy?us=50@1");

    @Test
    void collectorAndInjectorContainersShareOneRamp() throws Exception {
        Path build = Path.of("target");
        Files.createDirectories(build);
        Path runs = Files.createTempDirectory(build, "scaleout-image-");
        String tag = "schedgate/schedgate:"
                + UUID.randomUUID().toString().substring(0, 12).toLowerCase(Locale.ROOT);
        try (GoServiceImage lab = GoServiceImage.build(Path.of("targets/lab"));
                AutoCloseable image = buildImage(tag, runs.resolve("image-build.log"));
                Network network = Network.newNetwork();
                GenericContainer<?> target = new GenericContainer<>(DockerImageName.parse(lab.tag()))
                        .withNetwork(network)
                        .withNetworkAliases("lab")
                        .withExposedPorts(8080, 6060)
                        .waitingFor(Wait.forHttp("/healthz").forPort(6060));
                GenericContainer<?> collector = new GenericContainer<>(DockerImageName.parse(tag))
                        .withNetwork(network)
                        .withNetworkAliases("collector")
                        .withEnv(RAMP)
                        .withEnv("SCHEDGATE_INJECTORS", "1")
                        .withEnv("SCHEDGATE_TARGET_URL", "http://lab:8080")
                        .withEnv("SCHEDGATE_TARGET_PPROF", "http://lab:6060");
                GenericContainer<?> injector = new GenericContainer<>(DockerImageName.parse(tag))
                        .withNetwork(network)
                        .withEnv("SCHEDGATE_COORDINATOR", "http://collector:7480")) {
            target.start();
            collector.start();
            injector.start();
            long injectorExit = exitCode(injector);
            long collectorExit = exitCode(collector);
            copyRuns(collector, runs);
            String logs = "\n--- collector (end):\n" + tail(collector.getLogs()) + "\n--- injector (end):\n"
                    + tail(injector.getLogs());
            assertEquals(0, injectorExit, "the injector's exit code" + logs);
            // the image's logback.xml: Gatling's and Netty's DEBUG chatter stays out of the logs
            for (String all : List.of(collector.getLogs(), injector.getLogs())) {
                assertTrue(all.lines().noneMatch(l -> l.contains(" DEBUG ")), "DEBUG lines in the image's logs" + logs);
            }
            // a two-step ramp is too short for every decisive check: the gate may say no data (2), but
            // the run itself must complete (3: incomplete, 4: not started)
            assertTrue(
                    collectorExit >= 0 && collectorExit <= RunExit.NO_DATA.code(),
                    "the collector's exit code " + collectorExit + " ("
                            + RunExit.of((int) collectorExit).meaning() + ")" + logs);

            Path run = onlyRun(runs);
            assertNotNull(run, "no run directory with a manifest.json under " + runs + logs);
            Manifest manifest = RunDirectory.read(run);
            assertEquals(Manifest.COMPLETE, manifest.status(), manifest.statusReason() + logs);
            assertEquals(2, manifest.steps().size(), "steps 100 and 200");
            for (Manifest.Step step : manifest.steps()) {
                assertNotNull(step.load().injectors(), "step without per-injector numbers: " + step);
                assertEquals(2, step.load().injectors().size(), "the collector and the injector: " + step);
            }
        }
    }

    /** Runs docker/schedgate/build.sh with this JVM's class path and JDK; removes the image on close. */
    private static AutoCloseable buildImage(String tag, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        "sh", "docker/schedgate/build.sh", tag, System.getProperty("java.class.path"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("docker/schedgate/build.sh still ran after 5 minutes: " + log);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(
                    "docker/schedgate/build.sh failed (" + p.exitValue() + "):\n" + Files.readString(log));
        }
        return () -> DockerClientFactory.instance()
                .client()
                .removeImageCmd(tag)
                .withForce(true)
                .exec();
    }

    /**
     * {@code docker cp} of the collector's /runs: a bind mount would make Testcontainers check file
     * mounting with an image it pulls, and nothing can be pulled here.
     */
    private static void copyRuns(GenericContainer<?> collector, Path runs) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "docker",
                        "cp",
                        collector.getContainerId() + ":/runs/.",
                        runs.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "docker cp of the collector's /runs: " + out);
    }

    /** Waits (up to 2 minutes) for the container to end by itself, the ramp over. */
    private static long exitCode(GenericContainer<?> container) {
        return DockerClientFactory.instance()
                .client()
                .waitContainerCmd(container.getContainerId())
                .start()
                .awaitStatusCode(2, TimeUnit.MINUTES);
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> found = dirs.filter(RunDirectory::isRun).toList();
            assertEquals(1, found.size(), "run directories under " + runs + ": " + found);
            return found.get(0);
        }
    }
}
