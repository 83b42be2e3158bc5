package io.schedgate.collect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Called once the ramp has finished and its run directory is complete (the verdict stage plugs in
 * here). Implementations are found with {@link ServiceLoader}: list the class in
 * {@code META-INF/services/io.schedgate.collect.RunListener}.
 */
public interface RunListener {

    /**
     * @return a one-line reason to fail the build (the Gatling report is still written), or empty
     *         when the run passes
     */
    Optional<String> runFinished(Path runDirectory, Manifest manifest);

    /** Every listener on the classpath. */
    static List<RunListener> discovered() {
        return ServiceLoader.load(RunListener.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
