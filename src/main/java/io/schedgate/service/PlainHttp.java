package io.schedgate.service;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Small GETs against a service's control endpoints (health, /info, /metrics): short timeouts, no retries. */
final class PlainHttp {

    /** A status code and the body as text. */
    record Answer(int code, String body) {}

    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(2, TimeUnit.SECONDS)
            .readTimeout(10, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .build();

    private PlainHttp() {}

    static Answer get(String url) throws IOException {
        try (Response response =
                CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
            return new Answer(response.code(), response.body().string());
        }
    }
}
