package io.schedgate.collect;

import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import io.schedgate.run.CaptureKind;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One step's capture window as the {@link WindowCapture}s see it: where to fetch, where the file
 * goes, how long to wait; and where they hand in what they take. Every capture launched here runs on
 * the capture pool and lands in the step's partial map as soon as it finishes, so an interrupted run
 * keeps it; {@link #collect()} waits for them all.
 */
final class StepWindow {
    /** A capture's work on the pool. */
    interface Task {
        Capturer.Result call() throws InterruptedException;
    }

    /** The step's captures in the manifest's order, and whether one of them lost the connection. */
    record Collected(Map<String, Manifest.Capture> captures, boolean connectionLost) {}

    private final int step;
    private final RampPlan plan;
    private final RampClock clock;
    private final TargetEndpoints target;
    private final Capturer capturer;
    private final ExecutorService pool;
    private final Duration deltaMargin;
    private final Duration deltaTimeout;
    private final Duration snapshotTimeout;
    private final Map<CaptureKind, Manifest.Capture> partial;
    private final BooleanSupplier stopped;
    /** Only the collector's thread launches and collects. */
    private final Map<CaptureKind, Future<Capturer.Result>> launched = new EnumMap<>(CaptureKind.class);

    StepWindow(
            int step,
            RampPlan plan,
            RampClock clock,
            TargetEndpoints target,
            Capturer capturer,
            ExecutorService pool,
            RampCollector.Timeouts timeouts,
            Map<CaptureKind, Manifest.Capture> partial,
            BooleanSupplier stopped) {
        this.step = step;
        this.plan = plan;
        this.clock = clock;
        this.target = target;
        this.capturer = capturer;
        this.pool = pool;
        this.deltaMargin = timeouts.deltaMargin();
        this.deltaTimeout = plan.window().plus(deltaMargin);
        this.snapshotTimeout = timeouts.snapshotTimeout();
        this.partial = partial;
        this.stopped = stopped;
    }

    TargetEndpoints target() {
        return target;
    }

    /** The window's length in whole seconds (a delta profile's {@code ?seconds=}). */
    int seconds() {
        return plan.windowSeconds();
    }

    /** How long a delta profile may take: the window plus the margin. */
    Duration deltaTimeout() {
        return deltaTimeout;
    }

    Duration deltaMargin() {
        return deltaMargin;
    }

    /** How long a snapshot (goroutines, metrics) may take. */
    Duration snapshotTimeout() {
        return snapshotTimeout;
    }

    /** The {@link System#nanoTime()} at {@code intoWindow} after the window's start, on the ramp's clock. */
    long nanoTimeAt(Duration intoWindow) {
        return clock.nanoTimeAt(plan.windowStartOffset(step).plus(intoWindow));
    }

    /** Sleeps until {@code nanoTime} or until the run stops. */
    void sleepUntil(long nanoTime) throws InterruptedException {
        Sleep.until(nanoTime, stopped);
    }

    /** True once the run has ended (interrupted, target died, failed). */
    boolean stopped() {
        return stopped.getAsBoolean();
    }

    /** Launches {@code task} on the pool as the step's {@code kind} capture. */
    void launch(CaptureKind kind, Task task) {
        launched.put(kind, pool.submit(() -> {
            Capturer.Result r = task.call();
            partial.put(kind, r.capture());
            return r;
        }));
    }

    /** Launches a GET of {@code url} into the step's file for {@code kind}. */
    void fetch(CaptureKind kind, String url, Duration timeout) {
        launch(kind, () -> capture(kind, url, timeout));
    }

    /** GETs {@code url} into the step's file for {@code kind} now, on the calling thread (inside a task). */
    Capturer.Result capture(CaptureKind kind, String url, Duration timeout) {
        return capturer.capture(url, RunDirectory.stepFolder(step) + "/" + kind.fileName(), timeout);
    }

    /** Waits for every capture launched, each at most the delta timeout plus the margin. */
    Collected collect() throws InterruptedException {
        Map<String, Manifest.Capture> captures = new LinkedHashMap<>();
        boolean connectionLost = false;
        for (Map.Entry<CaptureKind, Future<Capturer.Result>> e : launched.entrySet()) {
            Capturer.Result r = await(e.getValue(), e.getKey());
            captures.put(e.getKey().key(), r.capture());
            connectionLost |= r.connectionLost();
        }
        return new Collected(captures, connectionLost);
    }

    private Capturer.Result await(Future<Capturer.Result> f, CaptureKind kind) throws InterruptedException {
        try {
            return f.get(deltaTimeout.plus(deltaMargin).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            f.cancel(true);
            return Capturer.failed(kind.key() + " capture did not finish: " + e);
        }
    }

    /** The captures of a step cut short, keyed and ordered as in the manifest. */
    static Map<String, Manifest.Capture> inManifestOrder(Map<CaptureKind, Manifest.Capture> captures) {
        Map<CaptureKind, Manifest.Capture> byKind = new EnumMap<>(CaptureKind.class);
        byKind.putAll(captures);
        Map<String, Manifest.Capture> ordered = new LinkedHashMap<>();
        byKind.forEach((kind, c) -> ordered.put(kind.key(), c));
        return ordered;
    }
}
