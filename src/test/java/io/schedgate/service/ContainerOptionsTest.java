package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schedgate.metrics.GoRuntimeInfo;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What reaches the Go process from the container's configuration, and how start-up failures read. */
@ExtendWith(DockerRequired.class)
class ContainerOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void goEnvironmentAndPortsReachTheProcess() throws IOException {
        try (GoServiceContainer lab = GoServiceContainer.lab()
                .withGomaxprocs(1)
                .withGodebug("asyncpreemptoff=1")
                .withGogc("off")
                .withEnv("LAB_MUTEX_PROFILE_FRACTION", "7")
                .withAppPort(9090)
                .withPprofPort(7070)) {
            lab.start();
            JsonNode info = info(lab);
            assertEquals(1, info.get("gomaxprocs").asInt());
            assertEquals(
                    1,
                    lab.gomaxprocsFromSettings(java.util.OptionalInt.empty())
                            .orElseThrow()
                            .gomaxprocs());
            assertTrue(info.get("godebug").asText().contains("asyncpreemptoff=1"), info.toString());
            assertEquals("off", info.get("gogc").asText());
            assertEquals(7, info.get("mutexProfileFraction").asInt());
            assertEquals(200, PlainHttp.get(lab.appUrl() + "/ping").code());
            assertEquals(9090, lab.getExposedPorts().get(0));
            assertEquals(7070, lab.getExposedPorts().get(1));
        }
    }

    @Test
    void aCpuQuotaReachesTheCgroupAndGo125SizesGomaxprocsByIt() {
        double quota = 1.5;
        try (GoServiceContainer lab = GoServiceContainer.lab().withCpuQuota(quota)) {
            lab.start();
            assertEquals(
                    1_500_000_000L,
                    lab.getCurrentContainerInfo().getHostConfig().getNanoCPUs());
            GoRuntimeInfo seen = lab.runtimeInfo();
            int cpus = Runtime.getRuntime().availableProcessors();
            assertEquals(cpus, seen.numCpu(), "a quota does not hide CPUs");
            // Go >= 1.25 (runtime/cgroup_linux.go, adjustCgroupGOMAXPROCS): GOMAXPROCS =
            // min(NumCPU, max(2, ceil(quota))); older Go ignores the quota and uses NumCPU.
            int expected = seen.goMinorVersion() >= 25 ? Math.min(cpus, Math.max(2, (int) Math.ceil(quota))) : cpus;
            assertEquals(expected, seen.gomaxprocs());
            assertEquals(
                    seen.gomaxprocs(),
                    lab.gomaxprocsFromSettings(java.util.OptionalInt.of(seen.goMinorVersion()))
                            .orElseThrow()
                            .gomaxprocs(),
                    "the settings-derived value for a service that does not report it");
        }
    }

    @Test
    void aUserImageStartsOnItsPprofIndexAndReportsItsRuntime() {
        try (GoServiceContainer lab = GoServiceContainer.lab().withCpuset("0")) {
            lab.start();
            try (GoServiceContainer user =
                    GoServiceContainer.fromImage(lab.getDockerImageName()).withCpuset("0")) {
                user.start();
                GoRuntimeInfo seen = user.runtimeInfo();
                assertEquals(lab.runtimeInfo(), seen);
                assertEquals(GoServiceContainer.Kind.IMAGE, user.kind());
            }
            assertTrue(
                    DockerEngine.hasImage(lab.getDockerImageName()),
                    "stopping a user image's container keeps the image");
        }
    }

    @Test
    void aHealthTimeoutNamesTheUrlAndTheLogs() {
        GoServiceContainer lab =
                GoServiceContainer.lab().withHealthPath("/no-such-health").withStartupTimeout(Duration.ofSeconds(3));
        GoServiceException e = assertThrows(GoServiceException.class, lab::start);
        assertTrue(
                e.getMessage().matches("http://\\S+:\\d+/no-such-health did not answer 200 within 3 s.*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("last log lines: "), e.getMessage());
        assertFalse(
                e.getMessage().contains("last log lines: (none)"),
                "the lab logs its ports at start: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(null, lab.getContainerId(), "a failed start leaves no container");
    }

    @Test
    void aDyingServiceIsReportedWithItsLastWords() {
        GoServiceContainer lab = GoServiceContainer.lab()
                .withEnv("LAB_LEAK_MAX", "not-a-number")
                .withStartupTimeout(Duration.ofSeconds(20));
        GoServiceException e = assertThrows(GoServiceException.class, lab::start);
        // Testcontainers or the health wait may notice first; either way one line with the last words.
        assertTrue(e.getMessage().startsWith("container exited"), e.getMessage());
        assertTrue(e.getMessage().contains("/healthz"), e.getMessage());
        assertTrue(e.getMessage().contains("LAB_LEAK_MAX=\"not-a-number\""), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(null, lab.getContainerId(), "a failed start leaves no container");
    }

    @Test
    void aMissingUserImageIsOneLineNotMinutesOfRetries() {
        GoServiceContainer missing = GoServiceContainer.fromImage("schedgate/no-such-image:never-built");
        GoServiceException e = assertThrows(GoServiceException.class, missing::start);
        assertTrue(
                e.getMessage().startsWith("schedgate/no-such-image:never-built is not on this Docker engine"),
                e.getMessage());
        assertTrue(
                e.getMessage().endsWith("build it here (docker build) or docker load it, then retry"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aToolchainNameMustLookLikeOne() {
        assertThrows(
                IllegalArgumentException.class, () -> GoServiceContainer.lab().withGoToolchain("latest"));
        assertThrows(IllegalStateException.class, () -> GoServiceContainer.fromImage("x/y:1")
                .withGo("/usr/bin/go"));
        assertThrows(
                IllegalArgumentException.class, () -> GoServiceContainer.lab().withCpuset("zero"));
    }

    private static JsonNode info(GoServiceContainer lab) throws IOException {
        return JSON.readTree(PlainHttp.get(lab.pprofUrl() + "/info").body());
    }
}
