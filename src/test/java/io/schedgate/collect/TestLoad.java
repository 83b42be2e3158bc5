package io.schedgate.collect;

import io.schedgate.load.StepLoadCounters;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A small fixed-rate load for collector tests (the real load is Gatling's): GETs {@code url}
 * at {@code qps} for at most {@code duration}, feeding the step counters like the simulation does.
 */
final class TestLoad implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
    private final OkHttpClient client =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();

    TestLoad(String url, int qps, Duration duration, StepLoadCounters counters) {
        long periodMicros = 1_000_000L / qps;
        timer.scheduleAtFixedRate(
                () -> {
                    long start = counters.requestStarted();
                    boolean ok;
                    try (Response r = client.newCall(
                                    new Request.Builder().url(url).build())
                            .execute()) {
                        r.body().bytes();
                        ok = r.isSuccessful();
                    } catch (Exception e) {
                        ok = false;
                    }
                    counters.requestFinished(start, ok);
                },
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
        timer.schedule(timer::shutdown, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        client.dispatcher().executorService().shutdown();
    }
}
