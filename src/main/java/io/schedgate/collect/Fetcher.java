package io.schedgate.collect;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP GETs against the target with one client (shared connection pool). Never throws for an
 * answer it does not like: the outcome says what happened, in words fit for the manifest.
 */
public final class Fetcher {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /**
     * A body (HTTP 200) or the reason there is none. {@code connectionLost}: no HTTP answer because
     * the connection was refused or broke (a dead target), as opposed to a slow one (timeout).
     */
    public record Outcome(int httpStatus, byte[] body, String failure, boolean connectionLost) {
        public boolean ok() {
            return failure == null;
        }

        public boolean notFound() {
            return httpStatus == 404;
        }
    }

    private final OkHttpClient client;
    private final TargetEndpoints target;

    public Fetcher(TargetEndpoints target) {
        this.target = target;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .retryOnConnectionFailure(false)
                .build();
    }

    /** GET {@code url}, giving up when no byte arrives for {@code readTimeout} (also the whole call's limit). */
    public Outcome get(String url, Duration readTimeout) {
        Request.Builder request = new Request.Builder().url(url);
        if (target.hasHeader()) {
            request.header(target.headerName(), target.headerValue());
        }
        OkHttpClient c = client.newBuilder()
                .readTimeout(readTimeout)
                .callTimeout(readTimeout.plus(CONNECT_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)
                .build();
        try (Response response = c.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body.bytes();
            if (response.code() == 200) {
                return new Outcome(200, bytes, null, false);
            }
            return new Outcome(response.code(), null, "HTTP " + response.code() + firstLine(bytes), false);
        } catch (ConnectException e) {
            return new Outcome(0, null, "connection refused: " + e.getMessage(), true);
        } catch (SocketTimeoutException e) {
            return new Outcome(0, null, "timeout: no answer within " + readTimeout.toSeconds() + " s", false);
        } catch (InterruptedIOException e) {
            return new Outcome(0, null, "timeout or interrupted: " + e.getMessage(), false);
        } catch (IOException e) {
            return new Outcome(0, null, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    private static String firstLine(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8).strip();
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.isEmpty() ? "" : ": " + line;
    }

    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
