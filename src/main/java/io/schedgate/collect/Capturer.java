package io.schedgate.collect;

import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.run.Timestamps;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Fetches one profile or metrics page and saves its raw bytes, before anyone parses them. */
final class Capturer {
    private final Fetcher fetcher;
    private final RunDirectory dir;

    Capturer(Fetcher fetcher, RunDirectory dir) {
        this.fetcher = fetcher;
        this.dir = dir;
    }

    /** The manifest entry plus whether the target looked dead (connection refused or broken). */
    record Result(Manifest.Capture capture, boolean connectionLost) {}

    /** A capture that never reached the target, for {@code reason}, started and finished now. */
    static Result failed(String reason) {
        String now = Timestamps.format(Instant.now());
        return new Result(new Manifest.Capture(null, Manifest.Capture.FAILED, reason, null, now, now), false);
    }

    Result capture(String url, String relativeFile, Duration readTimeout) {
        Instant started = Instant.now();
        Fetcher.Outcome outcome = fetcher.get(url, readTimeout);
        Instant finished = Instant.now();
        String status;
        String reason = null;
        Long bytes = null;
        if (outcome.ok() && outcome.body().length == 0) {
            status = Manifest.Capture.FAILED;
            reason = "empty answer from " + url;
        } else if (outcome.ok()) {
            try {
                dir.write(relativeFile, outcome.body());
                status = Manifest.Capture.OK;
                bytes = (long) outcome.body().length;
            } catch (IOException e) {
                status = Manifest.Capture.FAILED;
                reason = "cannot write " + relativeFile + ": " + e.getMessage();
            }
        } else {
            status = outcome.notFound() ? Manifest.Capture.MISSING : Manifest.Capture.FAILED;
            reason = outcome.failure() + " (GET " + url + ")";
        }
        Manifest.Capture capture = new Manifest.Capture(
                Manifest.Capture.OK.equals(status) ? relativeFile : null,
                status,
                reason,
                bytes,
                Timestamps.format(started),
                Timestamps.format(finished));
        return new Result(capture, outcome.connectionLost());
    }
}
