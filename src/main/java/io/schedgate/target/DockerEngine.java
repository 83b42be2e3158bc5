package io.schedgate.target;

import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;

/** The Docker engine Testcontainers talks to: fail loudly, naming the fix, when none answers. */
public final class DockerEngine {

    /** The message every caller shows when no engine answers; tests and CI grep for it. */
    public static final String NO_ENGINE = "no Docker engine answers: run scripts/setup";

    private DockerEngine() {}

    /** Throws {@link GoServiceException} with {@link #NO_ENGINE} unless a Docker engine answers. */
    public static void requireAnswer() {
        requireAnswer(() -> DockerClientFactory.instance().isDockerAvailable());
    }

    static void requireAnswer(BooleanSupplier engineAnswers) {
        boolean answers;
        try {
            answers = engineAnswers.getAsBoolean();
        } catch (RuntimeException e) {
            throw new GoServiceException(NO_ENGINE + " (" + e.getMessage() + ")", e);
        }
        if (!answers) {
            throw new GoServiceException(NO_ENGINE);
        }
    }
}
