package io.schedgate.service;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

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

    /** Whether the engine holds this image (by name:tag or id). */
    public static boolean hasImage(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Pulls an image once, without Testcontainers' retries (which spend minutes per image where no
     * registry answers); fails with one line that says how to get the image instead.
     */
    static void pullOnce(String image, Duration timeout) {
        DockerImageName name = DockerImageName.parse(image);
        String fix = image + " is not on this Docker engine and pulling it failed";
        try {
            boolean done = DockerClientFactory.instance()
                    .client()
                    .pullImageCmd(name.getRepository())
                    .withTag(name.getVersionPart())
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!done) {
                throw new GoServiceException(fix + " (no answer within " + timeout.toSeconds()
                        + " s): build it here (docker build) or docker load it, then retry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GoServiceException(fix + " (interrupted)", e);
        } catch (RuntimeException e) {
            if (e instanceof GoServiceException g) {
                throw g;
            }
            throw new GoServiceException(
                    fix + " (" + e.getMessage().lines().findFirst().orElse("")
                            + "): build it here (docker build) or docker load it, then retry",
                    e);
        }
        if (!hasImage(image)) {
            throw new GoServiceException(fix + ": build it here (docker build) or docker load it, then retry");
        }
    }
}
