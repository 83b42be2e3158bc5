package io.schedgate.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.schedgate.load.InjectorProtocol.Assignment;
import io.schedgate.load.InjectorProtocol.FinalReport;
import io.schedgate.load.InjectorProtocol.Start;
import io.schedgate.load.InjectorProtocol.Status;
import io.schedgate.load.InjectorProtocol.WindowReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The collector's side of a ramp spread over several injector processes: an HTTP endpoint
 * ({@link InjectorProtocol}) that deals out the shares of the ramp as injectors join, tells them the
 * ramp's origin, and takes their per-window numbers into the collector's {@link StepLoadCounters},
 * which then merge them. The collector owns the plan, the start instant and the capture windows; an
 * injector that does not report a window in time makes that step, and the run, stop there.
 */
public final class InjectorCoordinator implements AutoCloseable {

    private final HttpServer server;
    private final int injectors;
    private final Assignment template;
    private final StepLoadCounters counters;
    private int joined;
    private final java.util.Set<Integer> finalReported = new java.util.TreeSet<>();
    private Long originEpochMicros;
    private volatile Supplier<Status> status = () -> new Status(true, "running", null);

    private InjectorCoordinator(HttpServer server, int injectors, Assignment template, StepLoadCounters counters) {
        this.server = server;
        this.injectors = injectors;
        this.template = template;
        this.counters = counters;
    }

    /**
     * Listens on {@code port} (0: any free one) for {@code injectors} other injectors; this process is
     * share 0 of {@code injectors + 1}.
     *
     * @param template what every injector is told (its share is filled in as it joins)
     */
    public static InjectorCoordinator open(int port, int injectors, Assignment template, StepLoadCounters counters) {
        if (injectors < 1) {
            throw new IllegalArgumentException("a coordinator waits for at least one other injector");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen for injectors on port " + port + " (" + e.getMessage()
                            + "): set -Dschedgate.coordinator.port to a free port",
                    e);
        }
        InjectorCoordinator c = new InjectorCoordinator(server, injectors, template, counters);
        server.createContext("/join", c::join);
        server.createContext("/start", x -> c.reply(x, 200, c.start()));
        server.createContext("/window", c::window);
        server.createContext("/final", c::finalReport);
        server.createContext("/status", x -> c.reply(x, 200, c.status.get()));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "schedgate-coordinator");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return c;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where the injectors' run state comes from (the collector's manifest). */
    public void status(Supplier<Status> source) {
        this.status = source;
    }

    /** Waits until every injector joined; else an exception saying how many did and how to start the rest. */
    public synchronized void awaitJoined(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (joined < injectors) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(joined + " of " + injectors + " injectors joined within "
                        + timeout.toSeconds() + " s: start each with -Dschedgate.coordinator=http://<this host>:"
                        + port() + " (the same simulation), or lower -Dschedgate.injectors");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The ramp begins at {@code origin} (wall clock): injectors polling {@code /start} get it. */
    public synchronized void start(Instant origin) {
        originEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, origin);
    }

    private synchronized Start start() {
        return new Start(originEpochMicros);
    }

    /**
     * Waits until every injector reported step {@code step}'s window (0-based), until {@code deadlineNanos}
     * ({@link System#nanoTime()}); empty when all did, else the sentence naming the ones that did not.
     */
    public synchronized Optional<String> awaitWindow(int step, long deadlineNanos) throws InterruptedException {
        while (counters.reported(step).size() < injectors) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                Set<Integer> got = counters.reported(step);
                StringBuilder missing = new StringBuilder();
                for (int share = 1; share <= injectors; share++) {
                    if (!got.contains(share)) {
                        missing.append(missing.isEmpty() ? "" : ", ")
                                .append(new ArrivalShare(share, injectors + 1).describe());
                    }
                }
                return Optional.of(missing + " did not report step " + (step + 1)
                        + "'s window in time (it died, lost the collector or fell behind)");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.empty();
    }

    /**
     * Waits until every injector sent its dropped arrivals (after its last step), until {@code deadlineNanos};
     * empty when all did, else the sentence naming the ones whose unsent arrivals are not counted.
     */
    public synchronized Optional<String> awaitFinal(long deadlineNanos) throws InterruptedException {
        while (finalReported.size() < injectors) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                List<String> missing = new java.util.ArrayList<>();
                for (int share = 1; share <= injectors; share++) {
                    if (!finalReported.contains(share)) {
                        missing.add(new ArrivalShare(share, injectors + 1).describe());
                    }
                }
                return Optional.of(String.join(", ", missing)
                        + " sent no count of the arrivals it dropped: they are not in the steps' unsent");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.empty();
    }

    private void join(HttpExchange x) throws IOException {
        Object answer;
        int code;
        synchronized (this) {
            if (originEpochMicros != null) {
                code = 409;
                answer = new Status(false, "started", "the ramp has started: an injector joins before it starts");
            } else if (joined >= injectors) {
                code = 409;
                answer = new Status(false, "full", "the ramp has its " + injectors + " injectors already");
            } else {
                joined++;
                code = 200;
                answer = new Assignment(
                        joined,
                        injectors + 1,
                        template.settings(),
                        template.users(),
                        template.appUrl(),
                        template.headerName(),
                        template.headerValue());
                notifyAll();
            }
        }
        reply(x, code, answer);
    }

    private void window(HttpExchange x) throws IOException {
        WindowReport r = InjectorProtocol.JSON.readValue(x.getRequestBody(), WindowReport.class);
        synchronized (this) {
            counters.remote(r.share(), r.step(), r.counts());
            notifyAll();
        }
        reply(x, 200, status.get());
    }

    private void finalReport(HttpExchange x) throws IOException {
        FinalReport r = InjectorProtocol.JSON.readValue(x.getRequestBody(), FinalReport.class);
        synchronized (this) {
            counters.remoteUnsent(r.share(), r.unsent(), r.unsentUsersBusy());
            finalReported.add(r.share());
            notifyAll();
        }
        reply(x, 200, status.get());
    }

    private void reply(HttpExchange x, int code, Object body) throws IOException {
        byte[] bytes = InjectorProtocol.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(code, bytes.length);
        try (var out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
