package io.schedgate.experiment;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An experiment whose thread was interrupted (a JUnit {@code @Timeout}, a cancelled future) while it
 * ran: the ramp was stopped where it was, the collector and the target container with it, and the run
 * directory keeps what was collected (manifest status {@code interrupted}). The message says at which
 * step and where that directory is; the thread's interrupt status is set again when this is thrown.
 */
public final class ExperimentCancelledException extends ExperimentException {
    private final transient Path runDirectory;

    ExperimentCancelledException(String message, Path runDirectory, Throwable cause) {
        super(message, cause);
        this.runDirectory = runDirectory;
    }

    /** The partial run's directory; empty when the ramp had not begun. */
    public Optional<Path> runDirectory() {
        return Optional.ofNullable(runDirectory);
    }
}
