package io.schedgate.collect;

import io.schedgate.load.HarnessAffinity;
import io.schedgate.load.HarnessCpu;
import io.schedgate.load.InjectorClient;
import io.schedgate.load.InjectorCoordinator;
import io.schedgate.load.InjectorProtocol;
import io.schedgate.load.StepLoadCounters;
import io.schedgate.metrics.GoRuntimeInfo;
import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import io.schedgate.run.CaptureKind;
import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.run.Timestamps;
import io.schedgate.text.Numbers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The side collector, a scheduler of captures. Before the ramp: checks the target answers and takes
 * the baseline. During it, on its own thread, for each step: calls every registered {@link
 * WindowCapture} ({@link CaptureRegistry}) at the window's start (the CPU profile, the mutex and
 * block deltas, all {@code ?seconds=window} and concurrent; a goroutine snapshot and a metrics
 * scrape; the trace slice when the run traces) and at its end (a second goroutine snapshot and
 * scrape), then waits for them all. After the cool-down: the final snapshots. A step's times in the
 * manifest are the schedule's (the load counters count on the same clock); each capture records
 * when it really started and finished. The manifest ({@link RunManifest}) is rewritten after every
 * step and snapshot, and a step cut short keeps the captures it finished, so whatever stops the run
 * (Ctrl-C, a dying target) leaves everything collected so far on disk with a status that says why.
 */
public final class RampCollector {
    /**
     * How long to wait for answers: a delta profile gets the window plus {@code deltaMargin},
     * a snapshot (goroutines, metrics) {@code snapshotTimeout}.
     */
    public record Timeouts(Duration deltaMargin, Duration snapshotTimeout) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(15));
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RampPlan plan;
    private final TargetEndpoints target;
    private final RunDirectory dir;
    private final StepLoadCounters counters;
    /** Other injectors' numbers come through it; null with this process the only one. */
    private volatile InjectorCoordinator coordinator;

    private volatile Duration reportTimeout;
    private final RunProgress progress;
    private final DescriptorWarning descriptors;
    private final Fetcher fetcher;
    private final Capturer capturer;
    private final TargetProbe probe;
    private final ExecutorService pool;
    /** The pool's threads, joined by {@link #cancel} (a terminated pool's last workers may still be exiting). */
    private final List<Thread> captureThreads = new CopyOnWriteArrayList<>();

    private final Timeouts timeouts;

    private final CountDownLatch finished = new CountDownLatch(1);

    /** What is taken at each window and idle snapshot ({@link CaptureRegistry}); set before {@link #start}. */
    private volatile List<WindowCapture> registered = CaptureRegistry.captures(0);

    private final RunManifest record;
    /** Captures of the step in progress, so an interrupted run keeps them. */
    private final Map<CaptureKind, Manifest.Capture> partial = new ConcurrentHashMap<>();

    private volatile int stepInProgress = -1;
    private volatile RampClock clock;
    private Thread runner;
    private ShutdownHook shutdownHook;

    private RampCollector(
            RampPlan plan,
            TargetEndpoints target,
            RunDirectory dir,
            StepLoadCounters counters,
            Consumer<String> console,
            Manifest initial,
            Timeouts timeouts) {
        this.plan = plan;
        this.target = target;
        this.dir = dir;
        this.counters = counters;
        this.progress = new RunProgress(plan, counters, console);
        this.descriptors = new DescriptorWarning(console);
        this.fetcher = new Fetcher(target);
        this.capturer = new Capturer(fetcher, dir);
        this.probe = new TargetProbe(fetcher, target);
        this.pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "schedgate-capture-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            captureThreads.add(t);
            return t;
        });
        this.timeouts = timeouts;
        this.record = new RunManifest(dir, initial);
    }

    /**
     * Creates the run directory under {@code parent}, checks the target answers (one-line
     * {@link TargetUnreachableException} otherwise) and records what it runs.
     * {@code targetInfo} carries what the caller knows (kind, image, limits); the rest is asked.
     */
    public static RampCollector open(
            RampPlan plan,
            String simulation,
            TargetEndpoints target,
            Manifest.Target targetInfo,
            Manifest.Harness harness,
            Path parent,
            StepLoadCounters counters,
            Consumer<String> console,
            Timeouts timeouts) {
        Fetcher preflight = new Fetcher(target);
        GoRuntimeInfo runtime;
        try {
            TargetProbe probe = new TargetProbe(preflight, target);
            probe.requireAnswering();
            runtime = probe.runtimeInfo();
        } finally {
            preflight.close();
        }
        Instant now = Instant.now();
        RunDirectory dir = RunDirectory.create(parent, simulation, now);
        Manifest.Target t = new Manifest.Target(
                targetInfo.kind(),
                targetInfo.image(),
                target.appUrl(),
                target.pprofUrl(),
                firstNonNull(targetInfo.goVersion(), runtime.goVersion()),
                firstNonNull(targetInfo.gomaxprocs(), runtime.gomaxprocs()),
                firstNonNull(targetInfo.numCpu(), runtime.numCpu()),
                targetInfo.cpuset(),
                targetInfo.cpuQuota(),
                targetInfo.gomaxprocs() != null || targetInfo.goVersion() != null
                        ? targetInfo.runtimeSource()
                        : runtime.source());
        Manifest.Plan p = new Manifest.Plan(
                plan.preset(),
                plan.stepsQps(),
                plan.warmup().toSeconds(),
                plan.window().toSeconds(),
                plan.tail().toSeconds(),
                plan.cooldown().toSeconds(),
                plan.mix().spec());
        Manifest initial = new Manifest(
                Manifest.SCHEMA,
                simulation,
                Timestamps.format(now),
                null,
                Manifest.RUNNING,
                null,
                p,
                t,
                harness,
                null,
                List.of(),
                null);
        RampCollector collector = new RampCollector(plan, target, dir, counters, console, initial, timeouts);
        dir.writeManifest(initial);
        return collector;
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }

    /**
     * Takes {@code seconds} of Go execution trace per step ({@code /debug/pprof/trace}), a slice in the
     * middle of the window ({@link TraceSlice}); 0 (the default) takes none. At most the window. Set
     * before {@link #start}.
     */
    /**
     * The ramp is spread over this process and the injectors {@code coordinator} deals with: each step's
     * numbers are merged once every injector reported its window, waiting up to {@code reportTimeout}
     * after the window's end; one that does not ends the run there, the steps before it kept.
     */
    public RampCollector injectors(InjectorCoordinator coordinator, Duration reportTimeout) {
        this.coordinator = coordinator;
        this.reportTimeout = reportTimeout;
        coordinator.status(() -> {
            Manifest m = manifest();
            return new InjectorProtocol.Status(!record.ended(), m.status(), m.statusReason());
        });
        return this;
    }

    /**
     * A sentence when a step asks more than {@code injectors} processes can send, by the load headroom the
     * latest earlier run beside this one measured ({@link HeadroomWarning}); empty otherwise.
     */
    public Optional<String> headroomWarning(int injectors) {
        Path root = directory().root().toAbsolutePath();
        return HeadroomWarning.of(plan, injectors, root.getParent(), root);
    }

    public RampCollector traceSeconds(int seconds) {
        if (seconds < 0 || seconds > plan.windowSeconds()) {
            throw new IllegalArgumentException("trace seconds " + seconds + " outside 0.." + plan.windowSeconds());
        }
        this.registered = CaptureRegistry.captures(seconds);
        return this;
    }

    public RunDirectory directory() {
        return dir;
    }

    public Manifest manifest() {
        return record.current();
    }

    /**
     * The step in progress as an interruption now would keep it (what it has captured so far); empty
     * between steps and before its first capture lands.
     */
    Optional<Manifest.Step> stepSoFar() {
        List<Manifest.Step> steps = manifest().steps();
        List<Manifest.Step> with = withStepInProgress(steps);
        return with.size() > steps.size() ? Optional.of(with.get(with.size() - 1)) : Optional.empty();
    }

    /** Idle snapshots before the ramp: goroutines, metrics, and the goroutine-leak profile if served. */
    public void baseline() {
        Instant at = Instant.now();
        Map<String, Manifest.Capture> captures = snapshots(RunDirectory.BASELINE);
        record.baseline(new Manifest.Snapshot(Timestamps.format(at), captures));
        progress.snapshot("baseline", captures);
    }

    /**
     * Starts the collector thread on the ramp's clock (origin = load start) and installs a shutdown
     * hook that marks the run interrupted if the JVM goes down first.
     */
    public synchronized void start(RampClock rampClock) {
        if (runner != null) {
            throw new IllegalStateException("collector already started");
        }
        this.clock = rampClock;
        counters.start(rampClock);
        descriptors.check(); // also loads what reports running out of descriptors, while it still can
        shutdownHook = ShutdownHook.install(() -> interrupted("JVM shut down (Ctrl-C or kill)"));
        runner = new Thread(this::run, "schedgate-collector");
        runner.setDaemon(true);
        runner.start();
    }

    /** Waits for the final snapshot (or the stop); returns the manifest as written. */
    public Manifest awaitCompletion(Duration timeout) throws InterruptedException {
        if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(Manifest.FAILED, "collector did not finish within " + timeout.toSeconds() + " s");
        }
        return manifest();
    }

    /** True once the run ended because the target stopped answering. */
    public boolean targetDied() {
        return Manifest.TARGET_DIED.equals(manifest().status());
    }

    public boolean isDone() {
        return record.ended();
    }

    /** Ends the run as failed before it started (e.g. its injectors did not join), saying why. */
    public void failed(String reason) {
        stop(Manifest.FAILED, reason);
    }

    /** Marks the run interrupted, keeping the step in progress as far as it got. Idempotent. */
    public void interrupted(String reason) {
        int step = stepInProgress;
        String where = step >= 0 ? " during step " + (step + 1) + " of " + plan.stepCount() : "";
        stop(Manifest.INTERRUPTED, reason + where);
    }

    /**
     * Ends the run as interrupted from outside (the thread that embeds Gatling was interrupted, e.g. by a
     * JUnit timeout) and waits up to {@code deadline} for the collector's thread and its captures to end,
     * so nothing is captured after this returns; false when one of them still runs then. Idempotent.
     */
    public boolean cancel(String reason, Duration deadline) {
        interrupted(reason);
        Thread collecting;
        synchronized (this) {
            collecting = runner;
        }
        long until = System.nanoTime() + deadline.toNanos();
        try {
            pool.shutdownNow(); // already, unless another thread is ending the run this moment
            List<Thread> threads = new ArrayList<>(captureThreads);
            if (collecting != null) {
                // it wakes from its sleeps within 200 ms once the run ended; a capture it waits for, at once
                collecting.interrupt();
                threads.add(collecting);
            }
            for (Thread t : threads) {
                t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
            return pool.isTerminated() && threads.stream().noneMatch(Thread::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Where the ramp is, as a cancellation names it: {@code step 2 of 6} (the step in progress or in its
     * tail), {@code the cool-down after step 6 of 6}, or {@code its baseline, before step 1 of 6}.
     */
    public String position() {
        int steps = plan.stepCount();
        int inProgress = stepInProgress;
        long done =
                manifest().steps().stream().filter(st -> st.windowEnd() != null).count();
        if (inProgress >= 0) {
            return "step " + (inProgress + 1) + " of " + steps;
        }
        if (clock == null) {
            return "its baseline, before step 1 of " + steps;
        }
        if (done >= steps) {
            return "the cool-down after step " + steps + " of " + steps;
        }
        return "step " + Math.max(1, done) + " of " + steps;
    }

    private void run() {
        try {
            for (int i = 0; i < plan.stepCount(); i++) {
                if (!runStep(i)) {
                    return;
                }
            }
            Duration coolEnd = plan.totalDuration();
            progress.coolDown();
            sleepUntil(clock.nanoTimeAt(coolEnd));
            InjectorCoordinator injectors = coordinator;
            if (injectors != null) {
                // their dropped arrivals come InjectorClient.REPORT_DELAY after the last step (a cool-down may be 0)
                long sent = clock.nanoTimeAt(plan.loadDuration().plus(InjectorClient.REPORT_DELAY));
                injectors
                        .awaitFinal(Math.max(sent, System.nanoTime()) + reportTimeout.toNanos())
                        .ifPresent(progress::say);
            }
            Instant at = Instant.now();
            Map<String, Manifest.Capture> captures = snapshots(RunDirectory.FINAL);
            if (record.ended()) {
                return;
            }
            record.finalSnapshot(new Manifest.Snapshot(Timestamps.format(at), captures), counters, progress::say);
            progress.snapshot("final", captures);
            progress.unsent(
                    manifest().steps().stream()
                            .mapToLong(st -> st.load() == null ? 0 : st.load().unsent())
                            .sum(),
                    manifest().steps().stream()
                            .mapToLong(st -> st.load() == null ? 0 : st.load().unsentUsersBusy())
                            .sum());
            if (captures.values().stream().allMatch(c -> !c.ok()) && !probe.alive()) {
                stop(
                        Manifest.TARGET_DIED,
                        "target stopped answering during the cool-down, after all " + plan.stepCount() + " steps");
            } else if (noStepProfile()) {
                stop(
                        Manifest.FAILED,
                        "no step captured a single profile (" + firstStepFailure()
                                + "): check -Dschedgate.target.pprof points at the net/http/pprof server");
            } else {
                stop(Manifest.COMPLETE, null);
            }
        } catch (InterruptedException e) {
            interrupted("collector interrupted");
        } catch (RuntimeException | Error e) {
            // an Error too: a collector thread that dies silently leaves the run waiting for it. Out of
            // descriptors, even loading a class fails (NoClassDefFoundError): the probe tells.
            stop(
                    Manifest.FAILED,
                    FileDescriptors.exhaustion(e).or(FileDescriptors::probe).orElse("collector error: " + e));
        }
    }

    /** Runs step {@code i}; false when the run must stop. */
    private boolean runStep(int i) throws InterruptedException {
        double qps = plan.stepsQps().get(i);
        String name = progress.stepName(i);
        sleepUntil(clock.nanoTimeAt(plan.stepStartOffset(i)));
        if (record.ended()) {
            return false;
        }
        stepInProgress = i;
        partial.clear();
        progress.warmUp(name);
        sleepUntil(clock.nanoTimeAt(plan.windowStartOffset(i)));
        StepWindow window = new StepWindow(i, plan, clock, target, capturer, pool, timeouts, partial, record::ended);
        for (WindowCapture c : registered) {
            c.windowStart(window);
        }
        int w = plan.windowSeconds();
        long windowEndNanos = clock.nanoTimeAt(plan.windowEndOffset(i));
        long progressEvery = Math.max(5, w / 3) * 1_000_000_000L;
        long windowStartNanos = clock.nanoTimeAt(plan.windowStartOffset(i));
        sleepUntil(windowStartNanos);
        long harnessCpuAtStart = HarnessCpu.processNanos();
        for (long t = windowStartNanos; t < windowEndNanos && !record.ended(); t += progressEvery) {
            sleepUntil(t);
            progress.capturing(i, name, t, windowStartNanos);
            descriptors.check();
        }
        sleepUntil(windowEndNanos);
        Double harnessCpus =
                HarnessCpu.cores(harnessCpuAtStart, HarnessCpu.processNanos(), windowEndNanos - windowStartNanos);
        for (WindowCapture c : registered) {
            c.windowEnd(window);
        }
        StepWindow.Collected collected = window.collect();
        Map<String, Manifest.Capture> captures = collected.captures();
        boolean connectionLost = collected.connectionLost();
        if (record.ended()) {
            return false;
        }
        InjectorCoordinator injectors = coordinator;
        if (injectors != null) {
            Optional<String> lost = injectors.awaitWindow(i, windowEndNanos + reportTimeout.toNanos());
            if (lost.isPresent()) {
                stop(
                        Manifest.FAILED,
                        lost.get() + ": step " + (i + 1) + " of " + plan.stepCount() + " (" + Numbers.num(qps)
                                + " qps) is not measured; " + stepsBefore(i));
                return false;
            }
        }
        LoadNumbers load = counters.numbers(i, plan.window().toSeconds())
                .withHarnessCpu(harnessCpus, HarnessAffinity.machineCpus());
        Manifest.Step step = new Manifest.Step(
                i + 1,
                qps,
                Timestamps.format(clock.at(plan.stepStartOffset(i))),
                Timestamps.format(clock.at(plan.windowStartOffset(i))),
                Timestamps.format(clock.at(plan.windowEndOffset(i))),
                Timestamps.format(clock.at(plan.stepStartOffset(i + 1))),
                load,
                captures);
        record.addStep(step);
        stepInProgress = -1;
        progress.stepDone(name, load, captures);
        Optional<String> outOfDescriptors = captures.values().stream()
                .map(c -> FileDescriptors.exhaustion(c.reason()))
                .flatMap(Optional::stream)
                .findFirst();
        if (outOfDescriptors.isPresent()) {
            stop(
                    Manifest.FAILED,
                    outOfDescriptors.get() + " (step " + (i + 1) + " of " + plan.stepCount() + ", " + Numbers.num(qps)
                            + " qps; " + stepsBefore(i) + ")");
            return false;
        }
        if (connectionLost && !probe.alive()) {
            stop(
                    Manifest.TARGET_DIED,
                    "target stopped answering during step " + (i + 1) + " of " + plan.stepCount() + " ("
                            + Numbers.num(qps) + " qps): " + firstFailure(captures)
                            + "; " + stepsBefore(i));
            return false;
        }
        return true;
    }

    /** What an early end leaves of the steps before step {@code i} (0-based). */
    private static String stepsBefore(int i) {
        return i == 0
                ? "no step was complete before it"
                : i == 1 ? "step 1 before it is complete" : "steps 1-" + i + " before it are complete";
    }

    /** The idle snapshots into {@code folder} (baseline or final), one capture after the other. */
    private Map<String, Manifest.Capture> snapshots(String folder) {
        IdleSnapshot snapshot = new IdleSnapshot(folder, target, capturer, timeouts.snapshotTimeout());
        for (WindowCapture c : registered) {
            c.idleSnapshot(snapshot);
        }
        return snapshot.captures();
    }

    /** Ends the run once: status, reason, the partial step if any, finishedAt; then releases waiters. */
    private void stop(String status, String reason) {
        if (!record.end(status, reason, this::withStepInProgress, progress::say)) {
            return;
        }
        progress.stopped(status, reason);
        pool.shutdownNow();
        fetcher.close();
        if (shutdownHook != null) {
            shutdownHook.remove();
        }
        finished.countDown();
    }

    /** {@code steps} and the step in progress as far as it got, if it got any capture. */
    private List<Manifest.Step> withStepInProgress(List<Manifest.Step> steps) {
        int step = stepInProgress;
        if (step < 0 || partial.isEmpty() || steps.size() != step) {
            return steps;
        }
        List<Manifest.Step> out = new ArrayList<>(steps);
        out.add(new Manifest.Step(
                step + 1,
                plan.stepsQps().get(step),
                Timestamps.format(clock.at(plan.stepStartOffset(step))),
                null,
                null,
                null,
                counters.numbers(step, plan.window().toSeconds()),
                StepWindow.inManifestOrder(partial)));
        return out;
    }

    private void sleepUntil(long nanoTime) throws InterruptedException {
        Sleep.until(nanoTime, record::ended);
    }

    private boolean noStepProfile() {
        return manifest().steps().stream()
                .flatMap(st -> st.captures().values().stream())
                .noneMatch(Manifest.Capture::ok);
    }

    private String firstStepFailure() {
        return manifest().steps().stream()
                .map(st -> firstFailure(st.captures()))
                .findFirst()
                .orElse("no steps");
    }

    private static String firstFailure(Map<String, Manifest.Capture> captures) {
        return captures.values().stream()
                .filter(c -> !c.ok())
                .map(Manifest.Capture::reason)
                .findFirst()
                .orElse("no answer");
    }
}
