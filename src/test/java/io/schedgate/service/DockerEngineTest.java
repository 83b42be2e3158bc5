package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DockerEngineTest {

    @Test
    void noEngineFailsNamingSetup() {
        GoServiceException e = assertThrows(GoServiceException.class, () -> DockerEngine.requireAnswer(() -> false));
        assertEquals("no Docker engine answers: run scripts/setup", e.getMessage());
    }

    @Test
    void aClientErrorAlsoNamesSetup() {
        GoServiceException e = assertThrows(
                GoServiceException.class,
                () -> DockerEngine.requireAnswer(() -> {
                    throw new IllegalStateException("socket /var/run/docker.sock missing");
                }));
        assertTrue(e.getMessage().startsWith(DockerEngine.NO_ENGINE), e.getMessage());
        assertTrue(e.getMessage().contains("docker.sock missing"), e.getMessage());
    }

    @Test
    void anAnsweringEnginePasses() {
        assertDoesNotThrow(() -> DockerEngine.requireAnswer(() -> true));
    }
}
