package io.schedgate.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the fetcher words each kind of answer, against a local HTTP server that answers as Go's pprof does. */
class FetcherTest {
    private HttpServer server;
    private final AtomicReference<String> seenToken = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> answer(ex, 200, "profile-bytes"));
        server.createContext(
                "/busy", ex -> answer(ex, 500, "Could not enable CPU profiling: cpu profiling already in use\n"));
        server.createContext("/", ex -> answer(ex, 404, "Unknown profile\n"));
        server.start();
    }

    private void answer(com.sun.net.httpserver.HttpExchange ex, int code, String body) throws IOException {
        seenToken.set(ex.getRequestHeaders().getFirst("X-Token"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Fetcher fetcher() {
        return new Fetcher(TargetEndpoints.of("url", null, url(""), url("")).withHeader("X-Token: secret"));
    }

    @Test
    void bodyAndHeader() {
        Fetcher.Outcome o = fetcher().get(url("/ok"), Duration.ofSeconds(5));
        assertTrue(o.ok());
        assertArrayEquals("profile-bytes".getBytes(StandardCharsets.UTF_8), o.body());
        assertEquals("secret", seenToken.get());
    }

    @Test
    void refusedProfileKeepsGosReason() {
        Fetcher.Outcome o = fetcher().get(url("/busy"), Duration.ofSeconds(5));
        assertEquals("HTTP 500: Could not enable CPU profiling: cpu profiling already in use", o.failure());
        assertFalse(o.connectionLost());
    }

    @Test
    void missingEndpoint() {
        Fetcher.Outcome o = fetcher().get(url("/debug/pprof/goroutineleak"), Duration.ofSeconds(5));
        assertTrue(o.notFound());
        assertEquals("HTTP 404: Unknown profile", o.failure());
    }

    @Test
    void nobodyListening() {
        Fetcher.Outcome o = fetcher().get("http://127.0.0.1:9/", Duration.ofSeconds(5));
        assertTrue(o.connectionLost());
        assertTrue(o.failure().startsWith("connection refused"), o.failure());
    }

    @Test
    void headerValueIsNeverPrinted() {
        TargetEndpoints t =
                TargetEndpoints.of("url", null, "http://a", "http://b").withHeader("Authorization: Bearer xyz");
        assertFalse(t.toString().contains("xyz"), t.toString());
        assertTrue(t.toString().contains("Authorization: ***"));
    }
}
