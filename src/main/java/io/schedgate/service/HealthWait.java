package io.schedgate.service;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until every health endpoint answers 200 through its mapped port. On timeout, or when the
 * container exits first, it fails with one line naming the URL and the container's last log lines.
 */
final class HealthWait extends AbstractWaitStrategy {

    /** A health endpoint: a container port and the path to GET on it. */
    record Endpoint(int containerPort, String path) {}

    private static final int LOG_LINES_SHOWN = 5;
    private static final long POLL_MILLIS = 200;

    private final List<Endpoint> endpoints;

    HealthWait(List<Endpoint> endpoints, Duration timeout) {
        this.endpoints = List.copyOf(endpoints);
        this.startupTimeout = timeout;
    }

    @Override
    protected void waitUntilReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        for (Endpoint endpoint : endpoints) {
            String url = "http://" + waitStrategyTarget.getHost() + ":"
                    + waitStrategyTarget.getMappedPort(endpoint.containerPort()) + endpoint.path();
            String lastAnswer = "no answer";
            while (true) {
                if (!waitStrategyTarget.isRunning()) {
                    throw new GoServiceException("container exited before " + url + " answered; last log lines: "
                            + lastLogLines(waitStrategyTarget));
                }
                try {
                    int code = PlainHttp.get(url).code();
                    if (code == 200) {
                        break;
                    }
                    lastAnswer = "HTTP " + code;
                } catch (IOException e) {
                    lastAnswer = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                if (System.nanoTime() > deadline) {
                    throw new GoServiceException(url + " did not answer 200 within " + startupTimeout.toSeconds()
                            + " s (last: " + lastAnswer + "); last log lines: " + lastLogLines(waitStrategyTarget));
                }
                sleep();
            }
        }
    }

    /** The container's last few log lines joined on one line, for error messages. */
    static String lastLogLines(ContainerState container) {
        String logs;
        try {
            logs = container.getLogs();
        } catch (RuntimeException e) {
            return "(logs unavailable: " + e.getMessage() + ")";
        }
        List<String> lines =
                logs.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "(none)";
        }
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GoServiceException("interrupted while waiting for the Go service to become healthy", e);
        }
    }
}
