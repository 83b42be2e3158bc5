package io.schedgate.gatling;

import io.schedgate.run.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Called once the ramp has finished and its run directory is complete (the verdict stage plugs in
 * here). Implementations are found with {@link ServiceLoader}: list the class in
 * {@code META-INF/services/io.schedgate.gatling.RunListener}.
 */
public interface RunListener {

    /** Why the run fails and with which exit code ({@link RunExit}); the Gatling report is still written. */
    record Failure(RunExit exit, String reason) {}

    /** @return the failure to end the run with, or empty when the run passes */
    Optional<Failure> runFinished(Path runDirectory, Manifest manifest);

    /**
     * Every listener on the classpath, plus those named (fully qualified, comma-separated) in
     * {@code classNames}, e.g. the value of {@code -Dschedgate.listeners}.
     */
    static List<RunListener> discovered(String classNames) {
        List<RunListener> listeners = new java.util.ArrayList<>(ServiceLoader.load(RunListener.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
        if (classNames != null) {
            for (String name : classNames.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    listeners.add((RunListener)
                            Class.forName(name.trim()).getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException | ClassCastException e) {
                    throw new IllegalArgumentException("schedgate.listeners: cannot create RunListener " + name.trim()
                            + " (" + e + "): give a public class with a no-argument constructor");
                }
            }
        }
        return listeners;
    }
}
