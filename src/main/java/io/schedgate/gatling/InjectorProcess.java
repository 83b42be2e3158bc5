package io.schedgate.gatling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One injector as a JVM of its own on this machine: Gatling running {@code simulation} with
 * {@code -Dschedgate.coordinator} pointing at the collector, on this JVM's class path. The collector
 * (this process's ramp, {@code schedgate.injectors}) hands it its share of the plan; it ends by itself
 * with the ramp. Its output goes to {@code log}.
 */
public final class InjectorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private InjectorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts an injector of {@code simulation} for the collector at {@code coordinator}; Gatling's results under {@code dir}. */
    public static InjectorProcess start(String coordinator, Class<?> simulation, Path dir) {
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("injector.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("-Dschedgate.coordinator=" + coordinator);
            cmd.add("-Dgatling.data.enableAnalytics=false");
            cmd.add("io.gatling.app.Gatling");
            cmd.add("--simulation");
            cmd.add(simulation.getName());
            cmd.add("--results-folder");
            cmd.add(dir.resolve("gatling").toString());
            cmd.add("--no-reports");
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new InjectorProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an injector JVM: " + e.getMessage(), e);
        }
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** Kills it at once, as a crashed injector or a lost machine would go. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for it to end by itself; false when it still runs after {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kills it if it still runs (a test or a ramp that ended early). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
