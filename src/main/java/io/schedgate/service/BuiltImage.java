package io.schedgate.service;

import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A Docker image schedgate built from a Dockerfile and a host-built binary, removed again when its
 * container stops (Ryuk, which would otherwise reap it, is off on these machines).
 *
 * <p>The Dockerfile is sent as an ordinary context file, not through
 * {@link ImageFromDockerfile#withDockerfile(Path)}: that variant parses the {@code FROM} lines and
 * tries to pull each base image first, and {@code scratch} cannot be pulled (no registry here
 * anyway). A JVM shutdown hook removes any image a crashed test left behind.
 */
final class BuiltImage {

    /** Label on every image schedgate builds, so a stray one is easy to find and remove. */
    static final String LABEL = "io.schedgate.built";

    private static final Set<String> NOT_YET_REMOVED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> NOT_YET_REMOVED.forEach(BuiltImage::removeQuietly), "schedgate-image-cleanup"));
    }

    private final String tag;

    private BuiltImage(String tag) {
        this.tag = tag;
    }

    /**
     * Builds an image from {@code dockerfile} with {@code binary} in the build context under the name
     * {@code contextName}; the tag is {@code schedgate/<name>:<random>}.
     */
    static BuiltImage build(String name, Path dockerfile, Path binary, String contextName) {
        String tag = "schedgate/" + name + ":"
                + UUID.randomUUID().toString().substring(0, 12).toLowerCase(Locale.ROOT);
        ImageFromDockerfile image = new ImageFromDockerfile(tag, false)
                .withFileFromPath("Dockerfile", dockerfile)
                .withFileFromPath(contextName, binary)
                .withDockerfilePath("Dockerfile")
                .withBuildImageCmdModifier(
                        cmd -> cmd.withLabels(Map.of(LABEL, "true")).withPull(false));
        NOT_YET_REMOVED.add(tag);
        try {
            image.get();
        } catch (Exception e) {
            removeQuietly(tag);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new GoServiceException("docker build of " + dockerfile + " failed: " + root.getMessage(), e);
        }
        return new BuiltImage(tag);
    }

    String tag() {
        return tag;
    }

    /** Removes the image; on an interrupted thread too ({@link InterruptHeldBack}). */
    void remove() {
        InterruptHeldBack.run(() -> removeQuietly(tag));
    }

    private static void removeQuietly(String tag) {
        try {
            DockerClientFactory.instance()
                    .client()
                    .removeImageCmd(tag)
                    .withForce(true)
                    .exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            System.err.println("schedgate: could not remove image " + tag + ": " + e.getMessage()
                    + " (remove it with: docker rmi " + tag + ")");
            return;
        }
        NOT_YET_REMOVED.remove(tag);
    }
}
