package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.perftools.profiles.ProfileProto.Profile;
import io.schedgate.metrics.GoRuntimeInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab in a real container pinned to CPU 0, driven and profiled through its mapped ports.
 * Load is a few dozen requests; nothing here asserts a timing.
 */
@ExtendWith(DockerRequired.class)
class LabContainerTest {

    private static final OkHttpClient HTTP =
            new OkHttpClient.Builder().readTimeout(20, TimeUnit.SECONDS).build();

    private static GoServiceContainer lab;

    @BeforeAll
    static void startPinnedLab() {
        lab = GoServiceContainer.lab().withCpuset("0");
        lab.start();
    }

    @AfterAll
    static void stopAndCheckTheImageIsGone() {
        String image = lab.getDockerImageName();
        assertTrue(DockerEngine.hasImage(image), "the built image exists while its container runs");
        lab.stop();
        assertFalse(DockerEngine.hasImage(image), "stop() removes the image it built: " + image);
    }

    @Test
    void theGoProcessSeesTheCpuset() {
        GoRuntimeInfo seen = lab.runtimeInfo();
        assertEquals(GoRuntimeInfo.FROM_INFO, seen.source());
        assertEquals(1, seen.numCpu(), "NumCPU inside a cpuset=0 container");
        assertEquals(1, seen.gomaxprocs(), "GOMAXPROCS follows the cpuset");
        assertEquals(
                1,
                lab.gomaxprocsFromSettings(java.util.OptionalInt.empty())
                        .orElseThrow()
                        .gomaxprocs(),
                "the settings-derived value agrees with the Go process");
        assertTrue(seen.goVersion().matches("go1\\.\\d+.*"), seen.goVersion());
        assertEquals(lab.toolchain().orElseThrow().version(), seen.goVersion(), "built with the chosen toolchain");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/ping",
                "/healthy?us=50",
                "/fanout?n=16",
                "/hotlock?us=20",
                "/herd?us=20",
                "/leak?n=1",
                "/alloc?kb=64"
            })
    void everyEndpointAnswers(String path) throws IOException {
        Answer answer = get(lab.appUrl() + path);
        assertEquals(200, answer.code, path + " -> " + answer.text());
    }

    @Test
    void aBadParameterIsA400NamingIt() throws IOException {
        Answer answer = get(lab.appUrl() + "/fanout?n=abc");
        assertEquals(400, answer.code);
        assertTrue(answer.text().contains("n="), answer.text());
    }

    @Test
    void leakLeavesGoroutinesBehind() throws IOException {
        long before = leaked();
        assertEquals(200, get(lab.appUrl() + "/leak?n=3").code);
        assertEquals(before + 3, leaked());
    }

    @Test
    void cpuProfileIsGzippedPprof() throws Exception {
        ExecutorService load = Executors.newFixedThreadPool(2);
        AtomicBoolean profiled = new AtomicBoolean();
        try {
            // Spin the lab until the 1 s profile is in (at most 2000 requests or 10 s).
            Future<?> spinning = load.submit(() -> drive("/healthy?us=2000", 2000, profiled::get));
            Profile cpu = profile("/debug/pprof/profile?seconds=1");
            profiled.set(true);
            spinning.get(30, TimeUnit.SECONDS);
            assertEquals(List.of("samples", "cpu"), sampleTypes(cpu));
            assertTrue(cpu.getSampleCount() > 0, "CPU samples while the lab spins");
        } finally {
            load.shutdownNow();
        }
    }

    @Test
    void mutexBlockAndGoroutineProfiles() throws Exception {
        ExecutorService load = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> contenders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                contenders.add(load.submit(() -> drive("/hotlock?us=200", 50, () -> false)));
            }
            for (Future<?> f : contenders) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            load.shutdownNow();
        }
        Profile mutex = profile("/debug/pprof/mutex");
        assertEquals(List.of("contentions", "delay"), sampleTypes(mutex));
        Profile block = profile("/debug/pprof/block");
        assertEquals(List.of("contentions", "delay"), sampleTypes(block));
        Profile goroutine = profile("/debug/pprof/goroutine");
        assertEquals(List.of("goroutine"), sampleTypes(goroutine));
        assertTrue(goroutine.getSampleCount() > 0);
    }

    @Test
    void metricsCarryTheRuntimeMetrics() throws IOException {
        Answer answer = get(lab.pprofUrl() + "/metrics");
        assertEquals(200, answer.code);
        String text = answer.text();
        for (String name : List.of(
                "go_sched_latencies_seconds_bucket",
                "go_sched_goroutines_goroutines",
                "go_sync_mutex_wait_total_seconds_total",
                "go_gc_cycles_total_gc_cycles_total",
                "go_cpu_classes_total_cpu_seconds_total",
                "go_sched_gomaxprocs_threads",
                "go_info{")) {
            assertTrue(text.contains("\n" + name), "/metrics lacks " + name);
        }
        GoRuntimeInfo info = lab.runtimeInfo();
        if (info.goMinorVersion() >= 26) {
            assertTrue(text.contains("\ngo_sched_goroutines_created_goroutines_total"), "Go >= 1.26 metric missing");
        }
        // The /metrics fallback used for user images agrees with /info.
        GoRuntimeInfo fromMetrics = GoRuntimeInfo.fromMetrics(text);
        assertEquals(info.goVersion(), fromMetrics.goVersion());
        assertEquals(info.gomaxprocs(), fromMetrics.gomaxprocs());
        assertEquals(GoRuntimeInfo.FROM_METRICS, fromMetrics.source());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private record Answer(int code, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Answer get(String url) throws IOException {
        try (Response response =
                HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            return new Answer(response.code(), response.body().bytes());
        }
    }

    /** Sequential requests until {@code enough}, at most {@code count} of them and 10 s. */
    private static void drive(String path, int count, BooleanSupplier enough) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < count && System.nanoTime() < deadline && !enough.getAsBoolean(); i++) {
            try {
                get(lab.appUrl() + path);
            } catch (IOException e) {
                throw new IllegalStateException(path + ": " + e.getMessage(), e);
            }
        }
    }

    private static Profile profile(String path) throws IOException {
        Answer answer = get(lab.pprofUrl() + path);
        assertEquals(200, answer.code, path);
        assertTrue(answer.body.length > 2, path + " is empty");
        assertEquals(0x1f, answer.body[0] & 0xff, path + " gzip magic");
        assertEquals(0x8b, answer.body[1] & 0xff, path + " gzip magic");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(answer.body))) {
            return Profile.parseFrom(in);
        }
    }

    private static List<String> sampleTypes(Profile p) {
        return p.getSampleTypeList().stream()
                .map(t -> p.getStringTable((int) t.getType()))
                .toList();
    }

    private static long leaked() throws IOException {
        return com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(get(lab.pprofUrl() + "/info").text())
                .get("leakedGoroutines")
                .asLong();
    }
}
