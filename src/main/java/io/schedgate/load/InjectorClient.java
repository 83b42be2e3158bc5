package io.schedgate.load;

import io.schedgate.load.InjectorProtocol.Assignment;
import io.schedgate.load.InjectorProtocol.FinalReport;
import io.schedgate.load.InjectorProtocol.Start;
import io.schedgate.load.InjectorProtocol.Status;
import io.schedgate.load.InjectorProtocol.WindowReport;
import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An injector's side of a ramp spread over several processes ({@link InjectorCoordinator} is the
 * collector's): joins the collector, takes its share of the plan and the ramp's origin from it, and
 * after each capture window reports its numbers, so the collector can merge them. An injector never
 * profiles the target and never judges: the collector does both.
 */
public final class InjectorClient {

    /** After a window's end, before its numbers are final: responses due back by then have counted. */
    public static final Duration REPORT_DELAY = Duration.ofMillis(200);

    private static final Duration POLL = Duration.ofMillis(100);

    private final URI coordinator;
    private final Assignment assignment;
    private final HttpClient http;
    private volatile Status lastStatus = new Status(true, "running", null);
    private volatile long statusAtNanos;
    private Thread reporter;

    private InjectorClient(URI coordinator, Assignment assignment, HttpClient http) {
        this.coordinator = coordinator;
        this.assignment = assignment;
        this.http = http;
    }

    /**
     * Joins the collector at {@code coordinator} ({@code http://host:port}), retrying while it does not
     * answer yet, for up to {@code wait}; an exception whose message says why it could not.
     */
    public static InjectorClient join(URI coordinator, Duration wait) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(coordinator.resolve("/join"))
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return new InjectorClient(
                            coordinator, InjectorProtocol.JSON.readValue(r.body(), Assignment.class), http);
                }
                Status refused = InjectorProtocol.JSON.readValue(r.body(), Status.class);
                throw new IllegalStateException(
                        "the collector at " + coordinator + " refused this injector: " + refused.reason());
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
        throw new IllegalStateException("no collector answered at " + coordinator + " within " + wait.toSeconds()
                + " s (" + last + "): start the collector's run first (-Dschedgate.injectors=N), or fix"
                + " -Dschedgate.coordinator");
    }

    public Assignment assignment() {
        return assignment;
    }

    /** The ramp's origin on this process's clocks, once the collector set it (polling it, up to {@code wait}). */
    public RampClock awaitStart(RampPlan plan, Duration wait) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Start s = InjectorProtocol.JSON.readValue(get("/start"), Start.class);
            if (s.originEpochMicros() != null) {
                Instant origin = Instant.EPOCH.plus(s.originEpochMicros(), ChronoUnit.MICROS);
                // the collector's wall-clock instant on this JVM's monotonic clock
                long nowNanos = System.nanoTime();
                long untilOrigin = ChronoUnit.NANOS.between(Instant.now(), origin);
                return new RampClock(plan, nowNanos + untilOrigin, origin);
            }
            if (!status().running()) {
                throw new IllegalStateException("the collector's run ended before it started: " + lastStatus.reason());
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
        throw new IllegalStateException("the collector did not start the ramp within " + wait.toSeconds()
                + " s of this injector joining (it waits for every injector: are the others running?)");
    }

    /**
     * Reports every step's window to the collector as it ends, then the dropped arrivals after the last
     * step, on a thread of its own; {@code console} hears what could not be sent.
     */
    public void startReporting(RampClock clock, StepLoadCounters counters, Consumer<String> console) {
        RampPlan plan = clock.plan();
        reporter = new Thread(
                () -> {
                    try {
                        for (int i = 0; i < plan.stepCount() && status().running(); i++) {
                            sleepUntil(clock.nanoTimeAt(plan.windowStartOffset(i)));
                            long cpuAtStart = HarnessCpu.processNanos();
                            long start = System.nanoTime();
                            sleepUntil(clock.nanoTimeAt(plan.windowEndOffset(i)));
                            Double cpus =
                                    HarnessCpu.cores(cpuAtStart, HarnessCpu.processNanos(), System.nanoTime() - start);
                            sleepUntil(clock.nanoTimeAt(plan.windowEndOffset(i).plus(REPORT_DELAY)));
                            post("/window", new WindowReport(assignment.share(), i, counters.counts(i, cpus)));
                        }
                        sleepUntil(clock.nanoTimeAt(plan.loadDuration().plus(REPORT_DELAY)));
                        List<Long> unsent = new ArrayList<>();
                        List<Long> busy = new ArrayList<>();
                        for (int i = 0; i < plan.stepCount(); i++) {
                            unsent.add(counters.unsentOf(i));
                            busy.add(counters.unsentUsersBusyOf(i));
                        }
                        post("/final", new FinalReport(assignment.share(), unsent, busy));
                    } catch (IOException e) {
                        console.accept("cannot report to the collector at " + coordinator + ": " + e);
                        lastStatus = new Status(false, "collector-lost", "the collector stopped answering");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "schedgate-injector-report");
        reporter.setDaemon(true);
        reporter.start();
    }

    /** Waits for the reports to be sent (the ramp's end, plus the last one); false when still sending. */
    public boolean awaitReported(Duration timeout) throws InterruptedException {
        if (reporter == null) {
            return true;
        }
        reporter.join(timeout.toMillis());
        return !reporter.isAlive();
    }

    /** The collector's run state, asked at most every {@link #POLL}; a collector gone is a run over. */
    public Status status() {
        long now = System.nanoTime();
        if (lastStatus.running() && now - statusAtNanos >= POLL.toNanos()) {
            statusAtNanos = now;
            try {
                lastStatus = InjectorProtocol.JSON.readValue(get("/status"), Status.class);
            } catch (IOException e) {
                lastStatus = new Status(false, "collector-lost", "the collector stopped answering: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return lastStatus;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(coordinator.resolve(path))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private void post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(coordinator.resolve(path))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(InjectorProtocol.JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        lastStatus = InjectorProtocol.JSON.readValue(r.body(), Status.class);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
