package io.schedgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import io.schedgate.run.CaptureKind;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registered captures against a local server that answers every GET at once: which URLs they
 * ask, which files and manifest keys they fill, in which order; no container needed.
 */
class WindowCaptureTest {
    private HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private Fetcher fetcher;
    private TargetEndpoints target;

    @TempDir
    Path runs;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String uri = ex.getRequestURI().toString();
            asked.add(uri);
            byte[] body = ("bytes of " + uri).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        target = TargetEndpoints.of("url", null, base, base);
        fetcher = new Fetcher(target);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        fetcher.close();
        server.stop(0);
    }

    private static RampPlan plan() {
        return new RampPlan(
                "test",
                List.of(10.0),
                Duration.ZERO,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ZERO,
                EndpointMix.parse("/healthy"));
    }

    private Map<String, Manifest.Capture> window(int traceSeconds, Map<CaptureKind, Manifest.Capture> partial)
            throws InterruptedException {
        RampPlan plan = plan();
        RunDirectory dir = RunDirectory.create(runs, "WindowCaptureTest", Instant.now());
        StepWindow window = new StepWindow(
                0,
                plan,
                RampClock.startingNow(plan),
                target,
                new Capturer(fetcher, dir),
                pool,
                RampCollector.Timeouts.DEFAULT,
                partial,
                () -> false);
        List<WindowCapture> captures = CaptureRegistry.captures(traceSeconds);
        captures.forEach(c -> c.windowStart(window));
        captures.forEach(c -> c.windowEnd(window));
        StepWindow.Collected collected = window.collect();
        assertTrue(!collected.connectionLost());
        return collected.captures();
    }

    @Test
    void aStepWindowFillsEveryStepCaptureInTheManifestsOrder() throws Exception {
        Map<CaptureKind, Manifest.Capture> partial = new ConcurrentHashMap<>();
        Map<String, Manifest.Capture> got = window(1, partial);
        List<CaptureKind> kinds = new ArrayList<>(CaptureKind.STEP);
        kinds.add(CaptureKind.TRACE);
        assertEquals(kinds.stream().map(CaptureKind::key).toList(), List.copyOf(got.keySet()));
        for (CaptureKind k : kinds) {
            Manifest.Capture c = got.get(k.key());
            assertEquals(Manifest.Capture.OK, c.status(), k + ": " + c.reason());
            assertEquals("step-01/" + k.fileName(), c.file());
        }
        assertEquals(Set.copyOf(kinds), partial.keySet(), "each capture kept as it lands");
        assertEquals(
                List.copyOf(got.keySet()),
                List.copyOf(StepWindow.inManifestOrder(partial).keySet()));
        assertEquals(
                Set.of(
                        "/debug/pprof/profile?seconds=2",
                        "/debug/pprof/mutex?seconds=2",
                        "/debug/pprof/block?seconds=2",
                        "/debug/pprof/goroutine",
                        "/metrics",
                        "/debug/pprof/trace?seconds=1"),
                Set.copyOf(asked));
        assertEquals(8, asked.size(), asked.toString());
    }

    @Test
    void noTraceWhenTheRunDoesNotTrace() throws Exception {
        Map<String, Manifest.Capture> got = window(0, new ConcurrentHashMap<>());
        assertEquals(CaptureKind.STEP.stream().map(CaptureKind::key).toList(), List.copyOf(got.keySet()));
    }

    @Test
    void anIdleSnapshotTakesGoroutinesMetricsAndTheLeakProfile() {
        RunDirectory dir = RunDirectory.create(runs, "WindowCaptureTest", Instant.now());
        IdleSnapshot snapshot =
                new IdleSnapshot(RunDirectory.BASELINE, target, new Capturer(fetcher, dir), Duration.ofSeconds(5));
        CaptureRegistry.captures(1).forEach(c -> c.idleSnapshot(snapshot));
        Map<String, Manifest.Capture> got = snapshot.captures();
        assertEquals(CaptureKind.SNAPSHOT.stream().map(CaptureKind::key).toList(), List.copyOf(got.keySet()));
        for (CaptureKind k : CaptureKind.SNAPSHOT) {
            assertEquals(
                    RunDirectory.BASELINE + "/" + k.fileName(), got.get(k.key()).file());
        }
        assertEquals(List.of("/debug/pprof/goroutine", "/metrics", "/debug/pprof/goroutineleak"), asked);
    }
}
