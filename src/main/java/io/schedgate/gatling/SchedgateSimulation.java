package io.schedgate.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.flushCookieJar;
import static io.gatling.javaapi.http.HttpDsl.flushHttpCache;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.schedgate.collect.RampCollector;
import io.schedgate.load.ArrivalPacer;
import io.schedgate.load.ArrivalSchedule;
import io.schedgate.load.ArrivalShare;
import io.schedgate.load.InjectorClient;
import io.schedgate.load.InjectorCoordinator;
import io.schedgate.load.InjectorProtocol;
import io.schedgate.load.StepLoadCounters;
import io.schedgate.plan.EndpointMix;
import io.schedgate.plan.PlanSources;
import io.schedgate.plan.RampClock;
import io.schedgate.plan.RampPlan;
import io.schedgate.plan.RampPlans;
import io.schedgate.plan.ScaleOut;
import io.schedgate.run.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Base class of schedgate simulations: reads the ramp plan, starts the target, opens the run
 * directory, and runs the side collector alongside Gatling's stair-step load. A subclass only
 * says what one user does, in its initializer:
 *
 * <pre>{@code
 * public class MySimulation extends SchedgateSimulation {
 *     { ramp(exec(http("hot").get("/hotlock?us=50"))); }
 * }
 * }</pre>
 *
 * Each arrival runs the chain once (open model: arrivals are due at the step's rate whatever the
 * responses do; a pool of looping virtual users serves them, each run starting from a fresh session);
 * the harness counts it as one request for the per-step numbers. Settings: {@code -Dschedgate.*}, see {@link RampPlans} and
 * {@link TargetSelection}. The run directory is {@code target/schedgate/<Simulation>-<time>/}.
 */
public abstract class SchedgateSimulation extends Simulation {
    /** The session attribute holding a pooled user's {@link Slot}. */
    private static final String SLOT = "schedgate.arrival";

    private static final Duration WATCHDOG_PERIOD = Duration.ofMillis(250);
    private static final String EXIT_CODE_PROPERTY = "schedgate.failOnError";
    /** Between the collector setting the ramp's origin and the origin itself, with injectors. */
    private static final Duration START_LEAD = Duration.ofSeconds(1);
    /** How long a cancelled run's collector may take to stop (its sleeps wake within 200 ms). */
    private static final Duration CANCEL_DEADLINE = Duration.ofSeconds(30);

    protected final RampPlan plan;
    /** The target this run started or named; null in an injector, which only sends load. */
    protected final TargetSelection target;

    protected final StepLoadCounters counters;
    /** The side collector; null in an injector (the collector's process profiles and judges). */
    protected final RampCollector collector;

    protected final ArrivalPacer pacer;
    /** Pooled virtual users serving the arrivals ({@code schedgate.users}, per injector process). */
    protected final int users;

    private final ScaleOut scaleOut;
    /** This process's link to the collector when it is an injector, else null. */
    private final InjectorClient injector;
    /** The collector's endpoint for its injectors when it has some, else null. */
    private final InjectorCoordinator coordinator;

    private final String appUrl;
    private final String headerName;
    private final String headerValue;
    private final AtomicBoolean targetClosed = new AtomicBoolean();
    private final AtomicBoolean coordinatorClosed = new AtomicBoolean();

    protected SchedgateSimulation() {
        PlanSources sources = PlanSources.current();
        TargetSelection selected = null;
        InjectorCoordinator listening = null;
        try {
            scaleOut = ScaleOut.from(sources);
            if (scaleOut.isInjector()) {
                injector = InjectorClient.join(scaleOut.coordinator(), scaleOut.joinTimeout());
                InjectorProtocol.Assignment a = injector.assignment();
                java.util.Properties settings = new java.util.Properties();
                a.settings().forEach((k, v) -> settings.setProperty(PlanSources.PREFIX + k, v));
                plan = RampPlans.from(PlanSources.of(settings, java.util.Map.of()));
                say(a.arrivals().describe() + " for the collector at " + scaleOut.coordinator() + ": every " + a.of()
                        + "th arrival of its plan");
                describe(plan).lines().forEach(SchedgateSimulation::say);
                users = a.users();
                counters = new StepLoadCounters(plan.stepCount());
                pacer = new ArrivalPacer(ArrivalSchedule.of(plan), System::nanoTime, counters::unsent, a.arrivals());
                appUrl = a.appUrl();
                headerName = a.headerName();
                headerValue = a.headerValue();
                collector = null;
                coordinator = null;
                target = null;
                say("target app " + appUrl + " (the collector's)");
                say("load: " + users + " pooled virtual users serve this injector's arrivals");
                return;
            }
            injector = null;
            plan = RampPlans.from(sources);
            describe(plan).lines().forEach(SchedgateSimulation::say);
            ArrivalShare share = new ArrivalShare(0, scaleOut.injectors() + 1);
            users = perShare(RampPlans.users(sources, plan), sources, share);
            selected = TargetSelection.start(sources);
            counters = new StepLoadCounters(plan.stepCount());
            pacer = new ArrivalPacer(ArrivalSchedule.of(plan), System::nanoTime, counters::unsent, share);
            collector = RampCollector.open(
                    plan,
                    getClass().getSimpleName(),
                    selected.endpoints(),
                    selected.info(),
                    harness(selected),
                    Path.of(System.getProperty("schedgate.runs.dir", "target/schedgate")),
                    counters,
                    SchedgateSimulation::say,
                    RampCollector.Timeouts.DEFAULT);
            collector.traceSeconds(RampPlans.traceSeconds(sources, plan));
            collector.headroomWarning(share.of()).ifPresent(w -> say("warning: " + w));
            appUrl = selected.endpoints().appUrl();
            headerName = selected.endpoints().hasHeader() ? selected.endpoints().headerName() : null;
            headerValue =
                    selected.endpoints().hasHeader() ? selected.endpoints().headerValue() : null;
            if (scaleOut.coordinates()) {
                listening = InjectorCoordinator.open(
                        scaleOut.port(),
                        scaleOut.injectors(),
                        new InjectorProtocol.Assignment(
                                0, share.of(), RampPlans.settings(plan), users, appUrl, headerName, headerValue),
                        counters);
                collector.injectors(listening, scaleOut.reportTimeout());
                say("waiting up to " + scaleOut.joinTimeout().toSeconds() + " s for " + scaleOut.injectors()
                        + " injector(s): start each with -Dschedgate.coordinator=http://<this host>:"
                        + listening.port() + " (target app " + appUrl + ")");
                try {
                    listening.awaitJoined(scaleOut.joinTimeout());
                } catch (IllegalStateException notAll) {
                    collector.failed(notAll.getMessage());
                    throw notAll;
                }
                say("all " + share.of() + " injectors in: this process sends " + share.describe() + "'s arrivals");
            }
            coordinator = listening;
        } catch (RuntimeException | InterruptedException e) {
            if (listening != null) {
                listening.close();
            }
            if (selected != null) {
                selected.close();
            }
            // one line, no stack trace: the message names the setting to fix
            System.err.println("[schedgate] error: " + e.getMessage());
            System.err.flush();
            if (ownsTheJvm()) {
                System.exit(RunExit.NOT_STARTED.code());
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        target = selected;
        Manifest.Target t = collector.manifest().target();
        say("target " + t.kind() + (t.image() != null ? " " + t.image() : "") + ": app " + t.appUrl() + ", pprof "
                + t.pprofUrl());
        say("target runtime: " + (t.goVersion() == null ? "Go version not reported" : t.goVersion()) + ", GOMAXPROCS "
                + (t.gomaxprocs() == null ? "not reported" : t.gomaxprocs())
                + (t.runtimeSource() == null || "none".equals(t.runtimeSource())
                        ? ""
                        : t.runtimeSource().startsWith("/")
                                ? " (from " + t.runtimeSource() + ")"
                                : " (" + t.runtimeSource() + ")"));
        say("cpus: " + selected.pinning());
        say("run directory " + collector.directory().root().toAbsolutePath());
        say("load: " + users + " pooled virtual users serve the arrivals (schedgate.users)");
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeTarget, "schedgate-target-stop"));
        LiveRun.began(this);
    }

    /**
     * The pool of one share: {@code schedgate.users} as set (it is per process), else the default pool
     * (Little's law on the whole plan) scaled to this share's rate.
     */
    private static int perShare(int users, PlanSources sources, ArrivalShare share) {
        if (share.of() == 1 || sources.userValue(PlanSources.USERS).isPresent()) {
            return users;
        }
        int spare = 16;
        return (int) Math.ceil(Math.max(0, users - spare) / (double) share.of()) + spare;
    }

    /**
     * Whether this JVM is Gatling's own (the gatling-maven-plugin's fork): only then may a failed
     * start end the process; embedded (a JUnit experiment, an IDE) the exception reaches the caller.
     */
    private static boolean ownsTheJvm() {
        // the plugin forks "<booter jar> io.gatling.app.Gatling"; surefire and IDEs run their own mains
        return System.getProperty("sun.java.command", "").contains("io.gatling.app.Gatling");
    }

    /** Ramps {@code perArrival} (what one arriving user does) through the plan's steps. */
    protected void ramp(ChainBuilder perArrival) {
        ramp(perArrival, http.disableWarmUp());
    }

    /** As {@link #ramp(ChainBuilder)} with your own protocol settings (base URL and header are added). */
    protected void ramp(ChainBuilder perArrival, HttpProtocolBuilder protocol) {
        // one keep-alive pool for all users: an open model with a connection per user would measure TCP set-up
        HttpProtocolBuilder p = protocol.baseUrl(appUrl).shareConnections();
        if (headerName != null) {
            p = p.header(headerName, headerValue);
        }
        // A pool of looping users serves the arrivals (ArrivalPacer): each claims the next arrival, waits
        // until it is due, runs the chain as a fresh user would (attributes, status, cookies, cache reset)
        // and claims again. One Gatling user per arrival topped out at about half the rate on the same
        // machine (simulations/README.md, "Load headroom").
        // The user's instants live in one mutable Slot, one session attribute: a lookup per action
        // instead of one per instant, and no session copy per instant (a JFR profile put 7% of the
        // event loops' samples in these lookups at 55k req/s).
        ChainBuilder arrival = pause(s -> untilDue(slot(s).due))
                .exec(s -> {
                    Slot a = slot(s);
                    a.start = counters.requestStarted(a.due, a.claimed);
                    return s.reset().markAsSucceeded().set(SLOT, a);
                })
                .exec(flushCookieJar(), flushHttpCache())
                .exec(perArrival)
                .exec(s -> {
                    Slot a = slot(s);
                    counters.requestFinished(a.start, !s.isFailed());
                    a.claim(pacer);
                    return s;
                });
        setUp(
                        scenario(getClass().getSimpleName())
                                .exec(s -> s.set(SLOT, new Slot().claim(pacer)))
                                .asLongAs(s -> slot(s).due != ArrivalPacer.DONE)
                                .on(arrival)
                                .injectOpen(atOnceUsers(users)),
                        watchdog())
                .protocols(p);
    }

    /**
     * A pooled user's arrival: when it is due, when the user claimed it (to tell a busy pool from a slow
     * harness) and when it was sent. Each user has its own and runs one action at a time, so plain fields.
     */
    private static final class Slot {
        long due;
        long claimed;
        long start;

        /** The next arrival for this user. */
        Slot claim(ArrivalPacer pacer) {
            due = pacer.claim();
            claimed = System.nanoTime();
            return this;
        }
    }

    private static Slot slot(Session s) {
        return s.get(SLOT);
    }

    /** Time left until {@code dueNanos} (Gatling pauses in whole milliseconds); zero when late. */
    private static Duration untilDue(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
    }

    /**
     * One user that stops the load once the collector ended the run early (target died,
     * interrupted), instead of a check in every arriving user; it leaves when the ramp is over.
     */
    private PopulationBuilder watchdog() {
        return scenario("schedgate-watchdog")
                .asLongAsDuring(s -> running(), plan.totalDuration())
                .on(pause(WATCHDOG_PERIOD))
                .exec(stopLoadGeneratorIf(s -> "schedgate: " + endReason(), s -> endedEarly()))
                .injectOpen(atOnceUsers(1));
    }

    /** The run goes on: this collector's, or for an injector the collector's it reported to. */
    private boolean running() {
        return injector != null ? injector.status().running() : !collector.isDone();
    }

    /** The run ended before the ramp did (target died, interrupted, an injector lost). */
    private boolean endedEarly() {
        String status = injector != null
                ? injector.status().status()
                : collector.manifest().status();
        return !running() && !Manifest.COMPLETE.equals(status);
    }

    private String endReason() {
        return injector != null
                ? injector.status().reason()
                : collector.manifest().statusReason();
    }

    /** One GET per user, picked from the plan's endpoint mix by weight. */
    protected ChainBuilder endpointMix() {
        EndpointMix mix = plan.mix();
        double total = mix.totalWeight();
        if (mix.entries().size() == 1) {
            String path = mix.entries().get(0).path();
            return exec(http(requestName(path)).get(path));
        }
        List<Choice.WithWeight> choices = new ArrayList<>();
        for (EndpointMix.Entry e : mix.entries()) {
            choices.add(new Choice.WithWeight(
                    100.0 * e.weight() / total, exec(http(requestName(e.path())).get(e.path()))));
        }
        return randomSwitch().on(choices);
    }

    /** {@code /healthy?us=50} is reported as {@code healthy}. */
    private static String requestName(String path) {
        String p = path.substring(1);
        int q = p.indexOf('?');
        p = q < 0 ? p : p.substring(0, q);
        return p.isEmpty() ? "root" : p;
    }

    @Override
    public void before() {
        if (injector != null) {
            RampClock clock;
            try {
                clock = injector.awaitStart(plan, scaleOut.joinTimeout());
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException("injector: no start from the collector: " + e.getMessage(), e);
            }
            pacer.start(clock.originNanos());
            counters.start(clock);
            injector.startReporting(clock, counters, SchedgateSimulation::say);
            say("ramp starts at " + clock.origin() + " (the collector's clock)");
            return;
        }
        collector.baseline();
        RampClock clock;
        if (coordinator != null) {
            // the injectors learn the origin by polling: give them a moment before the first arrival
            clock = new RampClock(
                    plan,
                    System.nanoTime() + START_LEAD.toNanos(),
                    java.time.Instant.now().plus(START_LEAD));
            coordinator.start(clock.origin());
        } else {
            // the load starts right after before() returns: that instant is the ramp's origin
            clock = RampClock.startingNow(plan);
        }
        pacer.start(clock.originNanos());
        collector.start(clock);
    }

    @Override
    public void after() {
        if (injector != null) {
            try {
                if (!injector.awaitReported(Duration.ofSeconds(30))) {
                    say("injector: the last numbers did not reach the collector within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            InjectorProtocol.Status st = injector.status();
            say("injector done; the collector's run " + (st.running() ? "goes on" : st.status())
                    + (st.reason() == null ? "" : ": " + st.reason()));
            return;
        }
        Manifest m;
        try {
            m = collector.awaitCompletion(plan.cooldown().plus(plan.window()).plus(Duration.ofMinutes(2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            collector.interrupted("interrupted while waiting for the final snapshot");
            m = collector.manifest();
        }
        closeTarget();
        closeCoordinator();
        Path dir = collector.directory().root().toAbsolutePath();
        say("run " + m.status() + ", run directory " + dir);
        boolean failOnError = !"false".equals(System.getProperty(EXIT_CODE_PROPERTY));
        if (!Manifest.COMPLETE.equals(m.status())) {
            if (failOnError) {
                ExitCodeOverride.exitWith(RunExit.RUN_INCOMPLETE, "run " + m.status() + ": " + m.statusReason());
            }
            return;
        }
        for (RunListener listener : RunListener.discovered(System.getProperty("schedgate.listeners"))) {
            Optional<RunListener.Failure> failure = listener.runFinished(dir, m);
            if (failure.isPresent()) {
                if (failOnError) {
                    ExitCodeOverride.exitWith(
                            failure.get().exit(), failure.get().reason());
                } else {
                    say(failure.get().exit().meaning() + ": " + failure.get().reason());
                }
            }
        }
    }

    /**
     * Ends this run from outside ({@link LiveRun#cancel}), as Ctrl-C would: the collector marks it
     * interrupted where it was and stops, then the injectors' endpoint and the target go.
     */
    LiveRun.Cancelled cancel(String reason) {
        String position = collector.position();
        boolean stopped = collector.cancel(reason, CANCEL_DEADLINE);
        closeCoordinator();
        closeTarget();
        return new LiveRun.Cancelled(
                collector.directory().root().toAbsolutePath(),
                position,
                collector.manifest().status(),
                stopped);
    }

    private void closeCoordinator() {
        if (coordinator != null && coordinatorClosed.compareAndSet(false, true)) {
            coordinator.close();
        }
    }

    private void closeTarget() {
        if (target != null && targetClosed.compareAndSet(false, true)) {
            target.close();
        }
    }

    private static Manifest.Harness harness(TargetSelection target) {
        return new Manifest.Harness(
                version(SchedgateSimulation.class, "0.1.0-SNAPSHOT"),
                System.getProperty("java.version"),
                version(Simulation.class, "3.15.1"),
                target.harnessCpus(),
                target.pinning());
    }

    private static String version(Class<?> c, String fallback) {
        String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return v != null ? v : fallback;
    }

    private static String describe(RampPlan plan) {
        return String.format(
                Locale.ROOT,
                "ramp %s: %d steps %s req/s%nstep %d s (warm-up %d, window %d, tail %d), cool-down %d s: %d s in all",
                plan.preset(),
                plan.stepCount(),
                plan.stepsQps().stream()
                        .map(q -> q == Math.rint(q) ? String.valueOf(q.longValue()) : q.toString())
                        .collect(java.util.stream.Collectors.joining(", ")),
                plan.stepLength().toSeconds(),
                plan.warmup().toSeconds(),
                plan.window().toSeconds(),
                plan.tail().toSeconds(),
                plan.cooldown().toSeconds(),
                plan.totalDuration().toSeconds());
    }

    /** Progress goes to stdout, one line each, next to Gatling's own console output. */
    protected static void say(String line) {
        System.out.println("[schedgate] " + line);
        System.out.flush();
    }
}
