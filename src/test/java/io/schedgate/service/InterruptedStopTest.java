package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

/**
 * A target stopped on an interrupted thread (a JUnit timeout reached the code that stops it) is still
 * removed with its image; docker-java alone answers such a thread with a CancellationException.
 */
@ExtendWith(DockerRequired.class)
class InterruptedStopTest {

    @Test
    void stopOnAnInterruptedThreadRemovesContainerAndImageAndKeepsTheInterrupt() {
        GoServiceContainer lab = GoServiceContainer.lab();
        lab.start();
        String id = lab.getContainerId();
        String image = lab.getDockerImageName();
        Thread.currentThread().interrupt();
        try {
            lab.stop();
        } finally {
            assertTrue(Thread.interrupted(), "stop() sets the interrupt again");
        }
        List<String> left =
                DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).exec().stream()
                        .map(c -> c.getId())
                        .filter(id::equals)
                        .collect(Collectors.toList());
        assertEquals(List.of(), left, "the container is removed");
        assertFalse(DockerEngine.hasImage(image), "the image it built is removed: " + image);
    }
}
