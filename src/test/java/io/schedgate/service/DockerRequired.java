package io.schedgate.service;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that need a Docker engine: with none answering they FAIL (never skip) with
 * {@link DockerEngine#NO_ENGINE}, which names scripts/setup. Use with {@code @ExtendWith}.
 */
public final class DockerRequired implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        DockerEngine.requireAnswer();
    }
}
