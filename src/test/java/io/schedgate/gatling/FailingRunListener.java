package io.schedgate.gatling;

import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stand-in verdict for checking the exit-code path end to end:
 * {@code ./mvnw gatling:test -Dschedgate.listeners=io.schedgate.gatling.FailingRunListener} must
 * write the Gatling report and still exit non-zero. It fails unless the run directory has a manifest.
 */
public final class FailingRunListener implements RunListener {
    @Override
    public Optional<Failure> runFinished(Path runDirectory, Manifest manifest) {
        boolean hasManifest = Files.isRegularFile(runDirectory.resolve(RunDirectory.MANIFEST));
        return Optional.of(new Failure(
                RunExit.CHECK_FAILED,
                "stand-in verdict failed on purpose (" + manifest.steps().size() + " steps, manifest "
                        + (hasManifest ? "present" : "absent") + ")"));
    }
}
