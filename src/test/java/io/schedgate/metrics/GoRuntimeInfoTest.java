package io.schedgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading what a Go process sees: the lab's /info, and Prometheus /metrics for services without it. */
class GoRuntimeInfoTest {

    private static final String LAB_METRICS = "/fixtures/target/lab-go1.26.8-gomaxprocs1.metrics.txt";

    @Test
    void parsesTheLabsInfo() {
        GoRuntimeInfo info = GoRuntimeInfo.fromInfoJson(
                "{\"goVersion\":\"go1.23.5\",\"gomaxprocs\":1,\"numCpu\":2,\"godebug\":\"\"}");
        assertEquals(new GoRuntimeInfo("go1.23.5", 1, 2, GoRuntimeInfo.FROM_INFO), info);
        assertEquals(23, info.goMinorVersion());
    }

    @Test
    void incompleteInfoIsAnErrorNotAGuess() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> GoRuntimeInfo.fromInfoJson("{\"goVersion\":\"go1.23.5\"}"));
        assertTrue(e.getMessage().contains("gomaxprocs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoRuntimeInfo.fromInfoJson("<html>"));
    }

    @Test
    void parsesRealLabMetrics() throws IOException {
        GoRuntimeInfo info = GoRuntimeInfo.fromMetrics(fixture());
        assertEquals(new GoRuntimeInfo("go1.26.8", 1, null, GoRuntimeInfo.FROM_METRICS), info);
        assertFalse(info.numCpuKnown(), "Prometheus' Go collector does not export NumCPU");
    }

    @Test
    void metricsWithoutGoInfoAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> GoRuntimeInfo.fromMetrics("go_goroutines 7\n"));
    }

    @Test
    void fallsBackToMetricsOverHttpWhenThereIsNoInfo() throws IOException {
        byte[] metrics = fixture().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean isMetrics = exchange.getRequestURI().getPath().equals("/metrics");
            exchange.sendResponseHeaders(isMetrics ? 200 : 404, isMetrics ? metrics.length : -1);
            if (isMetrics) {
                exchange.getResponseBody().write(metrics);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(
                    new GoRuntimeInfo("go1.26.8", 1, null, GoRuntimeInfo.FROM_METRICS),
                    GoRuntimeInfo.read(path -> get(base + path)));
        } finally {
            server.stop(0);
        }
    }

    /** A service with net/http/pprof and nothing else is still a target: the runtime is unknown, not an error. */
    @Test
    void noInfoAndNoMetricsIsUnknownNotARefusal() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(
                    new GoRuntimeInfo(null, null, null, GoRuntimeInfo.UNKNOWN),
                    GoRuntimeInfo.read(path -> get(base + path)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void metricsOfAnotherDialectWithoutGoInfoIsUnknown() {
        assertEquals(
                new GoRuntimeInfo(null, null, null, GoRuntimeInfo.UNKNOWN),
                GoRuntimeInfo.read(path -> path.equals("/metrics")
                        ? Optional.of("# TYPE http_requests counter\nhttp_requests 7\n")
                        : Optional.empty()));
    }

    private static Optional<String> get(String url) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String fixture() throws IOException {
        try (InputStream in = GoRuntimeInfoTest.class.getResourceAsStream(LAB_METRICS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
