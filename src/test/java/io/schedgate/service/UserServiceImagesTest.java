package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.metrics.GoRuntimeInfo;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Go services of targets/services (written for these tests, not the lab's endpoints) build into
 * FROM scratch images and start through {@link GoServiceContainer#fromImage}, the path
 * {@code -Dschedgate.target.image} takes: none serves /info, most no /metrics, and none is refused.
 */
@ExtendWith(DockerRequired.class)
class UserServiceImagesTest {

    static final Path SERVICES = Path.of("targets/services");

    @ParameterizedTest
    @ValueSource(strings = {"pubsub-herd", "worker-pool", "single-slot", "rwlock-50us", "leaky"})
    void startsFromItsImageWithNothingButPprof(String name) throws IOException {
        try (GoServiceImage image = GoServiceImage.build(SERVICES.resolve(name));
                GoServiceContainer service =
                        GoServiceContainer.fromImage(image.tag()).withCpuset("0")) {
            service.start();
            assertEquals(200, PlainHttp.get(service.appUrl() + "/work").code());
            assertEquals(
                    200, PlainHttp.get(service.pprofUrl() + "/debug/pprof/").code());
            assertEquals(404, PlainHttp.get(service.pprofUrl() + "/info").code(), "not the lab");
            GoRuntimeInfo seen = service.runtimeInfo();
            assertEquals(1, seen.gomaxprocs(), "GOMAXPROCS of a cpuset=0 container, reported or derived: " + seen);
            if (name.equals("worker-pool")) {
                assertTrue(seen.goVersion() != null && seen.goVersion().startsWith("go1."), "go_info: " + seen);
            } else {
                assertNull(seen.goVersion(), "nothing reports the Go version: " + seen);
                assertTrue(seen.source().contains("container's settings"), seen.source());
            }
        }
    }
}
