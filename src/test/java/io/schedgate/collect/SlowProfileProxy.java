package io.schedgate.collect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fault injection in front of a real pprof server: requests whose path starts with {@code slowPath}
 * are held for {@code delay} before they are forwarded; everything else is forwarded at once.
 */
final class SlowProfileProxy implements AutoCloseable {
    private final HttpServer server;
    private final OkHttpClient client =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();

    SlowProfileProxy(String upstream, String slowPath, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                String path = exchange.getRequestURI().toString();
                if (path.startsWith(slowPath)) {
                    Thread.sleep(delay.toMillis());
                }
                try (Response r = client.newCall(
                                new Request.Builder().url(upstream + path).build())
                        .execute()) {
                    byte[] body = r.body().bytes();
                    exchange.sendResponseHeaders(r.code(), body.length == 0 ? -1 : body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        client.dispatcher().executorService().shutdown();
    }
}
