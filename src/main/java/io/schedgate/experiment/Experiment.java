package io.schedgate.experiment;

import io.gatling.app.Gatling$;
import io.gatling.javaapi.core.ChainBuilder;
import io.schedgate.gatling.ChainSimulation;
import io.schedgate.gatling.ContainerEnvironment;
import io.schedgate.gatling.EndpointMixSimulation;
import io.schedgate.gatling.InjectorProcess;
import io.schedgate.gatling.LiveRun;
import io.schedgate.gatling.TargetSelection;
import io.schedgate.plan.CpuSplit;
import io.schedgate.plan.PlanSources;
import io.schedgate.plan.ScaleOut;
import io.schedgate.report.HtmlReport;
import io.schedgate.service.CpusetFit;
import io.schedgate.service.DockerEngine;
import io.schedgate.service.GoServiceContainer;
import io.schedgate.service.GoServiceImage;
import io.schedgate.service.GoToolchain;
import io.schedgate.service.ProjectLayout;
import io.schedgate.verdict.Thresholds;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A contention experiment: a Go service, a stair-step ramp and its knobs, run in this JVM by
 * Gatling with schedgate's side collector, judged by the verdict engine. Immutable, in the style of
 * Gatling's Java DSL: every method returns a new experiment.
 *
 * <pre>{@code
 * ExperimentResult result = Experiment.goModule(Path.of("service"))   // or image("tag"), url(app, pprof)
 *         .steps(100, 200, 400)
 *         .warmup(Duration.ofSeconds(1)).window(Duration.ofSeconds(3))
 *         .tail(Duration.ofSeconds(1)).cooldown(Duration.ofSeconds(2))
 *         .mix("/work@1")
 *         .gomaxprocs(2)
 *         .repeat(3)
 *         .run(Path.of("target/experiments/my-service"));
 * result.verdict().gate().passed();
 * result.agreement().unstable();   // checks whose status flipped between repetitions
 * }</pre>
 *
 * <p>{@link #run(Path)} sets the {@code schedgate.*} system properties for the ramp and restores the
 * previous ones afterwards; experiments therefore run one at a time (run() is synchronized on the
 * class). Each repetition starts a fresh target container; a {@link #goModule(Path) Go module} is built
 * into a {@code FROM scratch} image once per run() and the image removed at the end. The JVM needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (surefire's argLine) for Gatling and
 * Testcontainers, and {@code TESTCONTAINERS_RYUK_DISABLED=true} where nothing can be pulled.
 */
public final class Experiment {

    private enum Kind {
        IMAGE,
        GO_MODULE,
        URL,
        CONTAINER
    }

    private static final Object ONE_AT_A_TIME = new Object();

    // Immutable from the outside: a builder method changes only a fresh copy (with), never this.
    private Kind kind;
    /** Image tag, Go module directory or application URL. */
    private String target;

    private String pprofUrl;
    private String name;
    private List<Double> steps = List.of();
    private Duration warmup = Duration.ofSeconds(1);
    private Duration window = Duration.ofSeconds(3);
    private Duration tail = Duration.ofSeconds(1);
    private Duration cooldown = Duration.ofSeconds(2);
    private String mix;
    /** The scenario as a Gatling chain instead of a mix, built inside the simulation ({@link #scenario}). */
    private Supplier<ChainBuilder> chain;
    /** {@link #container}: a fresh, configured, not yet started container per repetition. */
    private Supplier<GoServiceContainer> container;

    private Map<String, String> env = Map.of();
    /** Further schedgate.* settings (plan, target knobs, thresholds), keys without the prefix. */
    private Map<String, String> settings = Map.of();

    private int repeat = 1;
    /** The longest all repetitions may take, null for no limit. */
    private Duration timeout;
    /** Go module only: the go binary that builds it (null: the default) and a GOTOOLCHAIN to switch to (null: local). */
    private String goCommand;

    private String goToolchainName;
    /** Injector JVMs besides this one that share the load ({@link #injectors(int)}). */
    private int injectors;

    private Experiment() {}

    private static Experiment of(Kind kind, String target, String pprofUrl, String name) {
        Experiment e = new Experiment();
        e.kind = kind;
        e.target = target;
        e.pprofUrl = pprofUrl;
        e.name = name;
        return e;
    }

    /** A copy of this experiment with {@code change} applied to the copy. */
    private Experiment with(Consumer<Experiment> change) {
        Experiment e = of(kind, target, pprofUrl, name);
        e.steps = steps;
        e.warmup = warmup;
        e.window = window;
        e.tail = tail;
        e.cooldown = cooldown;
        e.mix = mix;
        e.chain = chain;
        e.env = env;
        e.settings = settings;
        e.repeat = repeat;
        e.timeout = timeout;
        e.goCommand = goCommand;
        e.goToolchainName = goToolchainName;
        e.injectors = injectors;
        e.container = container;
        change.accept(e);
        return e;
    }

    /** A copy of {@code map} with {@code key} set to {@code value}, unmodifiable. */
    private static Map<String, String> plus(Map<String, String> map, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(map);
        m.put(key, value);
        return Collections.unmodifiableMap(m);
    }

    /**
     * A service image the Docker engine has (or can pull), started per repetition; by default its
     * application listens on 8080 and net/http/pprof on 6060 ({@link #ports(int, int)}).
     */
    public static Experiment image(String tag) {
        requireText(tag, "image tag");
        return of(Kind.IMAGE, tag, null, simpleName(tag.replaceFirst(":[^:/]*$", "")));
    }

    /**
     * A Go module's main package (the directory holding its {@code go.mod}), built with the Go on PATH
     * into a static binary and a {@code FROM scratch} image ({@link GoServiceImage}) when the
     * experiment runs; the image is removed afterwards.
     */
    public static Experiment goModule(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path dir = directory.toAbsolutePath().normalize();
        return of(Kind.GO_MODULE, dir.toString(), null, dir.getFileName().toString());
    }

    /**
     * Your own {@link GoServiceContainer}, configured as you need it (image, ports, environment, CPU set,
     * network): {@code fresh} gives a new, not yet started one per repetition, which the experiment
     * starts before the ramp, ramps through its mapped URLs and stops after it, however the repetition
     * ended. Its knobs are set on the container, so the experiment's own (gomaxprocs, env, cpuset, ...)
     * are refused.
     */
    public static Experiment container(Supplier<GoServiceContainer> fresh) {
        Objects.requireNonNull(fresh, "fresh");
        Experiment e = of(Kind.CONTAINER, "container", null, "container");
        e.container = fresh;
        return e;
    }

    /** An already running service: its application URL and its net/http/pprof base URL. */
    public static Experiment url(String appUrl, String pprofUrl) {
        requireText(appUrl, "application URL");
        requireText(pprofUrl, "pprof URL");
        return of(Kind.URL, appUrl, pprofUrl, "url");
    }

    /** The experiment's name: its run directories are {@code <outDir>/<name>-<repetition>/}. */
    public Experiment named(String name) {
        requireText(name, "name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("experiment name '" + name + "': use letters, digits, '.', '_', '-'");
        }
        return with(e -> e.name = name);
    }

    /** The ramp's arrival rates, requests per second, one per step. */
    public Experiment steps(double... qps) {
        if (qps.length == 0) {
            throw new IllegalArgumentException("steps: name at least one rate");
        }
        List<Double> list = new ArrayList<>();
        for (double q : qps) {
            if (!(q > 0) || !Double.isFinite(q)) {
                throw new IllegalArgumentException("steps: " + q + " is not a positive rate");
            }
            list.add(q);
        }
        List<Double> rates = List.copyOf(list);
        return with(e -> e.steps = rates);
    }

    /** Seconds at each step's start before the capture window (whole seconds). */
    public Experiment warmup(Duration d) {
        return with(e -> e.warmup = seconds(d, "warmup", 0));
    }

    /** Each step's capture window: pprof profiles and /metrics are taken over it (whole seconds, at least 1). */
    public Experiment window(Duration d) {
        return with(e -> e.window = seconds(d, "window", 1));
    }

    /** Seconds after each step's window before the next step (whole seconds). */
    public Experiment tail(Duration d) {
        return with(e -> e.tail = seconds(d, "tail", 0));
    }

    /** Seconds without load after the last step (whole seconds). */
    public Experiment cooldown(Duration d) {
        return with(e -> e.cooldown = seconds(d, "cooldown", 0));
    }

    /** The scenario: one GET per arrival from this mix, {@code /path?query@weight,/other@weight}. */
    public Experiment mix(String endpointMix) {
        requireText(endpointMix, "mix");
        if (chain != null) {
            throw new IllegalArgumentException(BOTH);
        }
        return with(e -> e.mix = endpointMix);
    }

    private static final String BOTH =
            "an experiment's scenario is a mix or a chain, not both: drop mix() or scenario()";

    /**
     * The scenario as a Gatling chain run once per arrival instead of a {@link #mix}, e.g.
     * {@code scenario(() -> exec(http("order").post("/order").body(StringBody("{}"))))}. A supplier because
     * Gatling's HTTP DSL can only be touched inside a running simulation (outside it {@code HttpDsl} fails
     * to initialise, for the rest of the JVM): the chain is built when the simulation is, once per
     * repetition, in this JVM; so not with {@link #injectors(int)}.
     */
    public Experiment scenario(Supplier<ChainBuilder> perArrival) {
        Objects.requireNonNull(perArrival, "scenario");
        if (mix != null) {
            throw new IllegalArgumentException(BOTH);
        }
        if (injectors > 0) {
            throw new IllegalArgumentException(CHAIN_FORKED);
        }
        return with(e -> e.chain = perArrival);
    }

    private static final String CHAIN_FORKED = "a chain scenario cannot cross to forked injector JVMs: use mix() with"
            + " injectors(), or a SchedgateSimulation with -Dschedgate.injectors";

    /** One more environment variable of the target container, as {@code docker run -e}. */
    public Experiment env(String key, String value) {
        requireText(key, "environment variable name");
        Objects.requireNonNull(value, "value");
        if (key.contains("=") || key.contains(",") || value.contains(",")) {
            throw new IllegalArgumentException(
                    "env " + key + "=" + value + ": neither may contain ',' (nor the name '=')");
        }
        return with(e -> e.env = plus(env, key, value));
    }

    /** The target's GOMAXPROCS. */
    public Experiment gomaxprocs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("gomaxprocs: " + n + " is below 1");
        }
        return set(TargetSelection.GOMAXPROCS, Integer.toString(n));
    }

    /** The target's GODEBUG, e.g. {@code asyncpreemptoff=1}. */
    public Experiment godebug(String value) {
        return set(TargetSelection.GODEBUG, value);
    }

    /** The target's GOGC, e.g. {@code off} or {@code 200}. */
    public Experiment gogc(String value) {
        return set(TargetSelection.GOGC, value);
    }

    /** The CPUs the target container may run on, e.g. {@code 0} or {@code 0-1} (docker's cpuset). */
    public Experiment cpuset(String cpus) {
        return set(TargetSelection.CPUSET, cpus);
    }

    /** The target container's CPU quota, e.g. {@code 1.5}. */
    public Experiment cpus(double quota) {
        if (!(quota > 0)) {
            throw new IllegalArgumentException("cpus: " + quota + " is not a positive quota");
        }
        return set(TargetSelection.CPUS, Double.toString(quota));
    }

    /** Whether the target and the harness get disjoint CPUs: {@code auto}, {@code on} or {@code off}. */
    public Experiment pin(String mode) {
        return set(CpuSplit.SETTING, mode);
    }

    /** Ports of a started image: the application's and net/http/pprof's. */
    public Experiment ports(int app, int pprof) {
        return set(TargetSelection.APP_PORT, Integer.toString(app))
                .set(TargetSelection.PPROF_PORT, Integer.toString(pprof));
    }

    /**
     * Any other {@code schedgate.*} setting, key without the prefix: a threshold (e.g.
     * {@code wakeup.maxRatio}), {@code trace.seconds}, {@code users}; the same keys {@code -D} takes.
     */
    public Experiment set(String key, String value) {
        requireText(key, "setting");
        Objects.requireNonNull(value, "value of " + key);
        String k = key.startsWith(PlanSources.PREFIX) ? key.substring(PlanSources.PREFIX.length()) : key;
        return with(e -> e.settings = plus(settings, k, value));
    }

    /**
     * Spreads the load over this JVM and {@code n} more injector JVMs started on this machine per
     * repetition ({@link InjectorProcess}): arrival {@code k} of each step goes to injector {@code k mod (n+1)},
     * this JVM collects and judges, each step's numbers are the injectors' merged. 0: this JVM alone.
     */
    public Experiment injectors(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("injectors: " + n + " is below 0");
        }
        if (n > 0 && chain != null) {
            throw new IllegalArgumentException(CHAIN_FORKED);
        }
        return with(e -> e.injectors = n);
    }

    /** Runs the experiment {@code n} times, each on a fresh target; {@link ExperimentResult#agreement()} compares them. */
    public Experiment repeat(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("repeat: " + n + " is below 1");
        }
        return with(e -> e.repeat = n);
    }

    /**
     * The time the experiment has, e.g. its JUnit {@code @Timeout}: {@link #run(Path)} refuses at once,
     * naming both, when the repetitions' ramps (plus {@link #START_ALLOWANCE} each for the target's
     * start and the verdict) cannot fit, instead of being cut off part way.
     */
    public Experiment within(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        return with(e -> e.timeout = limit);
    }

    /** A Go module's build: with this go binary (GOTOOLCHAIN=local), e.g. {@code /usr/lib/go-1.23/bin/go}. */
    public Experiment go(String command) {
        requireGoModule("go(" + command + ")");
        requireText(command, "go command");
        return with(e -> e.goCommand = command);
    }

    /** A Go module's build: with this toolchain, fetched by the go command through GOTOOLCHAIN, e.g. {@code go1.27.3}. */
    public Experiment goToolchain(String name) {
        requireGoModule("goToolchain(" + name + ")");
        GoToolchain.at("go").switchedTo(name); // the name's syntax, checked now
        return with(e -> e.goToolchainName = name);
    }

    private void requireGoModule(String what) {
        if (kind != Kind.GO_MODULE) {
            throw new IllegalArgumentException(
                    what + ": only a Go module (Experiment.goModule) is built here; an image or URL is used as it is");
        }
    }

    /** The Go that builds a {@link #goModule(Path) Go module}: go(...), goToolchain(...), else the default. */
    GoToolchain toolchain() {
        GoToolchain base = goCommand != null
                ? GoToolchain.at(goCommand)
                : GoToolchain.defaultFor(ProjectLayout.findOrWorkingDirectory());
        return goToolchainName == null ? base : base.switchedTo(goToolchainName);
    }

    /** This experiment's name. */
    public String name() {
        return name;
    }

    /** What {@link #within(Duration)} allows each repetition beyond its ramp: start-up, final snapshots, verdict. */
    public static final Duration START_ALLOWANCE = Duration.ofSeconds(10);

    /** How long one repetition's ramp lasts (steps × (warm-up + window + tail) + cool-down). */
    public Duration rampDuration() {
        return warmup.plus(window).plus(tail).multipliedBy(steps.size()).plus(cooldown);
    }

    /** The {@code schedgate.*} settings of one repetition (keys without the prefix), in the order they are set. */
    public Map<String, String> settings() {
        if (steps.isEmpty()) {
            throw new IllegalStateException("experiment " + name + " has no steps: call steps(100, 200, 400)");
        }
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put(PlanSources.PRESET, "smoke");
        plan.put(
                PlanSources.STEPS,
                steps.stream()
                        .map(q -> q == Math.rint(q) ? Long.toString(q.longValue()) : q.toString())
                        .collect(Collectors.joining(",")));
        plan.put(PlanSources.WARMUP_SECONDS, Long.toString(warmup.toSeconds()));
        plan.put(PlanSources.WINDOW_SECONDS, Long.toString(window.toSeconds()));
        plan.put(PlanSources.TAIL_SECONDS, Long.toString(tail.toSeconds()));
        plan.put(PlanSources.COOLDOWN_SECONDS, Long.toString(cooldown.toSeconds()));
        if (mix == null && chain == null) {
            // the presets' mix is the lab's endpoints: a user's service has its own
            throw new IllegalStateException("experiment " + name
                    + " has no scenario: call mix(\"/path@1\") or scenario(chain) with your service's endpoints");
        }
        if (mix != null) {
            plan.put(PlanSources.MIX, mix);
        }
        switch (kind) {
            case URL -> {
                plan.put(TargetSelection.URL, target);
                plan.put(TargetSelection.PPROF, pprofUrl);
            }
            case IMAGE -> plan.put(TargetSelection.IMAGE, target);
            case GO_MODULE -> {
                // the image tag is known once run() built it
            }
            case CONTAINER -> {
                // its URLs are known once run() started it
            }
        }
        if (!env.isEmpty()) {
            plan.put(
                    TargetSelection.ENV,
                    env.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(",")));
        }
        plan.putAll(settings);
        if (kind == Kind.CONTAINER) {
            List<String> knobs = new ArrayList<>(TARGET_KNOBS);
            knobs.retainAll(plan.keySet());
            if (!knobs.isEmpty()) {
                throw new IllegalStateException("experiment " + name + " ramps your own GoServiceContainer: set "
                        + String.join(", ", knobs) + " on the container (withEnv, withCpuset, ...), not on the"
                        + " experiment");
            }
        }
        // the test judges: never halt the JVM from the simulation's after()
        plan.put("failOnError", "false");
        return plan;
    }

    /**
     * Runs every repetition and returns their verdicts; {@code outDir} receives one folder per
     * repetition ({@code <name>-<n>/}) holding the run directory and Gatling's results. A ramp that
     * cannot start (no Docker engine, a bad setting, an image that does not exist) throws an
     * {@link ExperimentException} naming the cause.
     */
    public ExperimentResult run(Path outDir) {
        Objects.requireNonNull(outDir, "outDir");
        Map<String, String> plan = settings();
        if (timeout != null) {
            Duration needed = rampDuration().plus(START_ALLOWANCE).multipliedBy(repeat);
            if (needed.compareTo(timeout) > 0) {
                throw new ExperimentException(
                        "experiment " + name + " needs about " + needed.toSeconds() + " s (" + repeat
                                + " × (ramp " + rampDuration().toSeconds() + " s + " + START_ALLOWANCE.toSeconds()
                                + " s start-up)) but has " + timeout.toSeconds()
                                + " s: raise the timeout, or shorten the steps or repeat()");
            }
        }
        try {
            if (kind != Kind.URL) {
                requireEngine(plan);
            }
            return runOneAtATime(outDir, plan);
        } catch (ExperimentCancelledException cancelled) {
            // everything is stopped and removed by now: hand the interrupt back to whoever asked for it
            Thread.currentThread().interrupt();
            throw cancelled;
        }
    }

    /** Before building or starting anything: a missing engine (or a CPU set beyond it) is one line naming the fix. */
    private void requireEngine(Map<String, String> plan) {
        try {
            ContainerEnvironment.ensureDefaults();
            DockerEngine.requireAnswer();
            String cpuset = plan.get(TargetSelection.CPUSET);
            if (cpuset != null) {
                CpusetFit.require(cpuset);
            }
        } catch (RuntimeException e) {
            if (isInterrupt(e)) {
                // a first contact with Docker on an interrupted thread fails (Testcontainers caches the
                // answer after that): that is no missing engine
                throw cancelled(1, List.of(), e);
            }
            throw new ExperimentException("experiment " + name + ": " + e.getMessage(), e);
        }
    }

    private ExperimentResult runOneAtATime(Path outDir, Map<String, String> plan) {
        synchronized (ONE_AT_A_TIME) {
            if (kind == Kind.GO_MODULE) {
                GoServiceImage built;
                try {
                    GoToolchain go = toolchain();
                    go.version(); // a Go that cannot run or be fetched: one line before anything is built
                    built = GoServiceImage.build(Path.of(target), go);
                } catch (RuntimeException e) {
                    if (isInterrupt(e)) {
                        throw cancelled(1, List.of(), e);
                    }
                    throw new ExperimentException("experiment " + name + ": " + e.getMessage(), e);
                }
                try (GoServiceImage image = built) {
                    Map<String, String> withImage = new LinkedHashMap<>(plan);
                    withImage.put(TargetSelection.IMAGE, image.tag());
                    return runAll(outDir, withImage);
                }
            }
            return runAll(outDir, plan);
        }
    }

    private ExperimentResult runAll(Path outDir, Map<String, String> plan) {
        List<ExperimentResult.Repetition> reps = new ArrayList<>();
        for (int rep = 1; rep <= repeat; rep++) {
            Path out = outDir.resolve(name + "-" + rep).toAbsolutePath();
            reps.add(kind == Kind.CONTAINER ? runOnceOnContainer(out, plan, rep) : runOnce(out, plan, rep));
        }
        return new ExperimentResult(name, reps);
    }

    /** The target settings a {@link #container} carries itself. */
    private static final List<String> TARGET_KNOBS = List.of(
            TargetSelection.ENV,
            TargetSelection.GOMAXPROCS,
            TargetSelection.GODEBUG,
            TargetSelection.GOGC,
            TargetSelection.CPUSET,
            TargetSelection.CPUS,
            TargetSelection.APP_PORT,
            TargetSelection.PPROF_PORT);

    /** One repetition on a fresh container of the user's: started, ramped as a URL, stopped. */
    private ExperimentResult.Repetition runOnceOnContainer(Path out, Map<String, String> plan, int rep) {
        GoServiceContainer c = container.get();
        if (c == null) {
            throw new ExperimentException("experiment " + name + ": container() supplied null for repetition " + rep);
        }
        try {
            try {
                c.start();
            } catch (RuntimeException e) {
                if (isInterrupt(e)) {
                    throw cancelled(rep, List.of(), e);
                }
                throw new ExperimentException(
                        "experiment " + name + " repetition " + rep + ": the container did" + " not start: "
                                + e.getMessage(),
                        e);
            }
            Map<String, String> withUrls = new LinkedHashMap<>(plan);
            withUrls.put(TargetSelection.URL, c.appUrl());
            withUrls.put(TargetSelection.PPROF, c.pprofUrl());
            return runOnce(out, withUrls, rep);
        } finally {
            c.stop();
        }
    }

    private ExperimentResult.Repetition runOnce(Path out, Map<String, String> plan, int rep) {
        Properties saved = (Properties) System.getProperties().clone();
        try {
            Files.createDirectories(out);
            plan.forEach((k, v) -> System.setProperty(PlanSources.PREFIX + k, v));
            System.setProperty("schedgate.runs.dir", out.toString());
            System.setProperty("gatling.data.enableAnalytics", "false");
            Class<?> simulationClass = chain == null ? EndpointMixSimulation.class : ChainSimulation.class;
            String simulation = simulationClass.getName();
            ChainSimulation.handOff(chain);
            List<InjectorProcess> others = new ArrayList<>();
            if (injectors > 0) {
                int port = freePort();
                System.setProperty(PlanSources.PREFIX + ScaleOut.INJECTORS, Integer.toString(injectors));
                System.setProperty(PlanSources.PREFIX + ScaleOut.PORT, Integer.toString(port));
                for (int i = 1; i <= injectors; i++) {
                    others.add(InjectorProcess.start(
                            "http://127.0.0.1:" + port, EndpointMixSimulation.class, out.resolve("injector-" + i)));
                }
            }
            int exit;
            try {
                exit = Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation",
                    simulation,
                    "--results-folder",
                    out.resolve("gatling").toString(),
                    "--no-reports"
                });
            } catch (Exception e) {
                // an interrupt (a JUnit @Timeout) reaches Gatling's wait for the run's end: Gatling shuts its
                // load down and rethrows it, sneakily, without the simulation's after()
                if (isInterrupt(e)) {
                    throw cancelled(rep, others, e);
                }
                // Gatling rethrows the simulation's own failure (e.g. GoServiceException) inside
                // reflection wrappers, sneakily: say what schedgate said
                String why = reason(e);
                LiveRun.cancel("the Gatling run failed: " + why); // no collector or container outlives it
                throw new ExperimentException(
                        "experiment " + name + " repetition " + rep + " could not run: " + why, e);
            } finally {
                awaitInjectors(others);
            }
            if (Thread.currentThread().isInterrupted()) {
                // interrupted where Gatling does not throw (the simulation's after() took it)
                throw cancelled(rep, others, null);
            }
            LiveRun.forget();
            if (exit != 0) {
                throw new ExperimentException("experiment " + name + " repetition " + rep + ": Gatling exited " + exit
                        + " (its output above says why)");
            }
            Path dir = runDirectory(out, simulationClass.getSimpleName());
            Verdict verdict = new VerdictEngine(Thresholds.fromSystemProperties())
                    .evaluate(dir, VerdictEngine.baselineFromSystemProperties());
            Path report = dir.resolve(HtmlReport.FILE_NAME);
            if (!Files.isRegularFile(report)) {
                // an incomplete run gets no report from the simulation: write one for the reader
                report = HtmlReport.write(dir, verdict);
            }
            return new ExperimentResult.Repetition(rep, verdict, dir, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ChainSimulation.handOff(null);
            System.setProperties(saved);
        }
    }

    /**
     * This thread was interrupted during repetition {@code rep}: stops the run where it is (load,
     * collector, injectors, target) and says so in one line, with the partial run's directory.
     */
    private ExperimentCancelledException cancelled(int rep, List<InjectorProcess> others, Throwable cause) {
        // cleared while threads are joined and the container removed; run() sets it again at the end
        Thread.interrupted();
        others.forEach(InjectorProcess::close);
        String what = "experiment " + name + (repeat > 1 ? " repetition " + rep + " of " + repeat : "") + " cancelled";
        String why = " (its thread was interrupted, e.g. by a JUnit @Timeout)";
        Optional<LiveRun.Cancelled> run = LiveRun.cancel("cancelled: the experiment's thread was interrupted");
        if (run.isEmpty()) {
            return new ExperimentCancelledException(
                    what + " before its ramp began" + why + ": no load was sent", null, cause);
        }
        LiveRun.Cancelled c = run.get();
        return new ExperimentCancelledException(
                what + " at " + c.position() + why + ": load, collector and target container stopped"
                        + (c.stopped() ? "" : ", but a capture was still running after the deadline")
                        + "; the partial run (manifest status " + c.status() + ") is in " + c.directory(),
                c.directory(),
                cause);
    }

    /** Whether {@code e} is, or was caused by, this thread's interrupt. */
    private static boolean isInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // not InterruptedIOException's subclasses: a SocketTimeoutException is no interrupt
            if (t instanceof InterruptedException
                    || t.getClass() == java.io.InterruptedIOException.class
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** The injector JVMs end with the ramp; one that does not within a minute is killed. */
    private static void awaitInjectors(List<InjectorProcess> others) {
        for (InjectorProcess p : others) {
            try {
                p.awaitExit(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                p.close();
            }
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path runDirectory(Path out, String simulation) throws IOException {
        try (var s = Files.list(out)) {
            return s.filter(p ->
                            Files.isDirectory(p) && p.getFileName().toString().startsWith(simulation + "-"))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new ExperimentException("no run directory " + simulation + "-* under " + out));
        }
    }

    /** The message of the first schedgate exception in {@code e}'s causes, else of the innermost cause. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (true) {
            if (t.getClass().getName().startsWith("io.schedgate.") && t.getMessage() != null) {
                return t.getMessage();
            }
            if (t.getCause() == null || t.getCause() == t) {
                return t.getMessage() == null ? t.toString() : t.getMessage();
            }
            t = t.getCause();
        }
    }

    private static Duration seconds(Duration d, String what, long min) {
        Objects.requireNonNull(d, what);
        if (d.toNanos() % 1_000_000_000L != 0 || d.toSeconds() < min) {
            throw new IllegalArgumentException(
                    what + ": " + d + " must be whole seconds" + (min > 0 ? ", at least " + min : ""));
        }
        return d;
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static String simpleName(String tag) {
        String n = tag.substring(tag.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return n.isEmpty() ? "image" : n.replaceAll("[^a-z0-9._-]", "-");
    }

    @Override
    public String toString() {
        return "Experiment " + name + " " + kind.name().toLowerCase(Locale.ROOT) + " " + target + " steps "
                + Arrays.toString(steps.toArray()) + " ×" + repeat;
    }
}
