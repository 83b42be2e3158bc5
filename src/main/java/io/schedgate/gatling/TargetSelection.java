package io.schedgate.gatling;

import io.schedgate.collect.TargetEndpoints;
import io.schedgate.load.HarnessAffinity;
import io.schedgate.metrics.GoRuntimeInfo;
import io.schedgate.plan.CpuSplit;
import io.schedgate.plan.InvalidPlanException;
import io.schedgate.plan.PlanSources;
import io.schedgate.run.Manifest;
import io.schedgate.service.GoServiceContainer;
import io.schedgate.service.GoToolchain;
import io.schedgate.service.GoroutineLeakProfile;
import java.util.Optional;

/**
 * Which Go service the ramp runs against, from {@code schedgate.target.*} settings (system
 * properties, {@code SCHEDGATE_TARGET_*} environment, plan file):
 * <ul>
 *   <li>{@code target.url} + {@code target.pprof}: an already running service
 *       (optional {@code target.header=Name: value}, sent with every request, never printed);</li>
 *   <li>{@code target.image} (+ {@code target.appPort}, {@code target.pprofPort}): any image, started here;</li>
 *   <li>otherwise the bundled lab, built and started through {@link GoServiceContainer#lab()}.</li>
 * </ul>
 * For containers started here, {@code target.pin} ({@link CpuSplit}: auto, on, off) keeps the target and the
 * harness on disjoint CPUs. Optional for containers: {@code target.cpuset} (e.g. {@code 0}), {@code target.cpus} (quota, e.g. {@code 1.5}),
 * {@code target.gomaxprocs}, {@code target.godebug}, {@code target.gogc}, {@code target.env} (more
 * environment, {@code KEY=VALUE,KEY2=VALUE2}, as {@code docker run -e}); for the lab {@code target.go}
 * (the go binary that builds it) and {@code target.goexperiment} (its GOEXPERIMENT; by default
 * {@code goroutineleakprofile} when that go is 1.26).
 */
public final class TargetSelection implements AutoCloseable {
    public static final String URL = "target.url";
    public static final String PPROF = "target.pprof";
    public static final String HEADER = "target.header";
    public static final String IMAGE = "target.image";
    public static final String APP_PORT = "target.appPort";
    public static final String PPROF_PORT = "target.pprofPort";
    public static final String CPUSET = "target.cpuset";
    public static final String CPUS = "target.cpus";
    public static final String GOMAXPROCS = "target.gomaxprocs";
    public static final String GODEBUG = "target.godebug";
    public static final String ENV = "target.env";
    public static final String GOGC = "target.gogc";
    /** Lab only: the go binary to build it with, e.g. /usr/lib/go-1.23/bin/go. */
    public static final String GO = "target.go";
    /**
     * Lab only: GOEXPERIMENT for its build ({@code none} for none). By default the lab built with Go
     * 1.26 gets {@code goroutineleakprofile}, so the run captures the goroutine-leak profile.
     */
    public static final String GOEXPERIMENT = "target.goexperiment";

    private final TargetEndpoints endpoints;
    private final Manifest.Target info;
    private final GoServiceContainer container;
    private final String harnessCpus;
    private final String pinning;
    /** The JVM's CPUs before the harness was pinned, restored on close (an embedded run must not pin its host JVM); null: not pinned. */
    private final String unpinTo;

    private TargetSelection(
            TargetEndpoints endpoints,
            Manifest.Target info,
            GoServiceContainer container,
            String harnessCpus,
            String pinning,
            String unpinTo) {
        this.endpoints = endpoints;
        this.info = info;
        this.container = container;
        this.harnessCpus = harnessCpus;
        this.pinning = pinning;
        this.unpinTo = unpinTo;
    }

    /** Resolves and, for images and the lab, starts the target. */
    public static TargetSelection start(PlanSources sources) {
        Optional<String> url = text(sources, URL);
        Optional<String> image = text(sources, IMAGE);
        Optional<String> header = text(sources, HEADER);
        String pin = CpuSplit.mode(text(sources, CpuSplit.SETTING).orElse(null));
        if (url.isPresent() && image.isPresent()) {
            throw new InvalidPlanException(
                    URL,
                    "set either schedgate.target.url (a running service) or " + "schedgate.target.image, not both");
        }
        if (url.isPresent()) {
            String pprof = text(sources, PPROF)
                    .orElseThrow(
                            () -> new InvalidPlanException(
                                    PPROF,
                                    "schedgate.target.url is set but not the pprof base URL: add -Dschedgate.target.pprof=http://host:port"));
            TargetEndpoints endpoints = TargetEndpoints.of(TargetEndpoints.URL, null, url.get(), pprof);
            try {
                endpoints = endpoints.withHeader(header.orElse(null));
            } catch (IllegalArgumentException e) {
                throw new InvalidPlanException(HEADER, "must look like 'Name: value'");
            }
            CpuSplit none = CpuSplit.decide(pin, 0, null, false);
            return new TargetSelection(
                    endpoints,
                    info(TargetEndpoints.URL, null, null, null, null),
                    null,
                    HarnessAffinity.current().orElse(null),
                    none.note(),
                    null);
        }
        ContainerEnvironment.ensureDefaults();
        GoServiceContainer container = image.map(GoServiceContainer::fromImage).orElseGet(GoServiceContainer::lab);
        if (image.isPresent()) {
            integer(sources, APP_PORT).ifPresent(container::withAppPort);
            integer(sources, PPROF_PORT).ifPresent(container::withPprofPort);
        }
        Optional<String> userCpuset = text(sources, CPUSET);
        userCpuset.ifPresent(container::withCpuset);
        CpuSplit split = CpuSplit.decide(pin, dockerHostCpus(), userCpuset.orElse(null), dockerOnThisMachine());
        if (userCpuset.isEmpty() && split.targetCpus() != null) {
            container.withCpuset(split.targetCpus());
        }
        number(sources, CPUS).ifPresent(container::withCpuQuota);
        text(sources, GODEBUG).ifPresent(container::withGodebug);
        text(sources, ENV).ifPresent(env -> {
            for (String pair : env.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidPlanException(
                            ENV, "must look like KEY=VALUE,KEY2=VALUE2: got '" + pair.strip() + "'");
                }
                container.withEnv(
                        pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        });
        try {
            integer(sources, GOMAXPROCS).ifPresent(container::withGomaxprocs);
            text(sources, GOGC).ifPresent(container::withGogc);
        } catch (IllegalArgumentException e) {
            throw new InvalidPlanException(e.getMessage().startsWith("GOGC") ? GOGC : GOMAXPROCS, e.getMessage());
        }
        Optional<String> go = text(sources, GO);
        if (go.isPresent()) {
            if (image.isPresent()) {
                throw new InvalidPlanException(GO, "only the bundled lab is built here; an image is used as it is");
            }
            container.withGo(go.get());
        }
        Optional<String> experiment = text(sources, GOEXPERIMENT);
        if (image.isPresent() && experiment.isPresent()) {
            throw new InvalidPlanException(
                    GOEXPERIMENT, "only the bundled lab is built here; an image is used as it is");
        }
        if (image.isEmpty()) {
            labExperiment(container, experiment);
        }
        container.start();
        try {
            return started(container, image, header, split);
        } catch (RuntimeException e) {
            // e.g. an interrupt (a JUnit timeout) while asking the runtime: the container must not outlive it
            container.stop();
            throw e;
        }
    }

    private static TargetSelection started(
            GoServiceContainer container, Optional<String> image, Optional<String> header, CpuSplit split) {
        String kind = image.isPresent() ? TargetEndpoints.IMAGE : TargetEndpoints.LAB;
        TargetEndpoints endpoints = TargetEndpoints.of(
                        kind, image.orElse(null), container.appUrl(), container.pprofUrl())
                .withHeader(header.orElse(null));
        GoRuntimeInfo runtime = container.runtimeInfo();
        String pinning = split.note();
        String before = HarnessAffinity.current().orElse(null);
        if (split.pinsHarness()) {
            String failed = HarnessAffinity.pin(split.harnessCpus());
            if (failed != null) {
                pinning = split.note().replaceFirst(", harness on .*", "") + "; the harness is not pinned: " + failed;
            }
        }
        return new TargetSelection(
                endpoints,
                info(
                        kind,
                        image.orElse(null),
                        runtime,
                        container.cpuset().orElse(null),
                        container.cpuQuota().orElse(null)),
                container,
                HarnessAffinity.current().orElse(null),
                pinning,
                split.pinsHarness() ? before : null);
    }

    /** The Docker engine's CPUs (the host's, when it runs here). */
    private static int dockerHostCpus() {
        return org.testcontainers.DockerClientFactory.instance().getInfo().getNCPU();
    }

    /** A Docker engine on a unix socket runs on this machine; a tcp:// one may not, so its CPUs are not ours to split. */
    private static boolean dockerOnThisMachine() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() || host.startsWith("unix://");
    }

    /** The CPU list the harness runs on, null when unknown. */
    public String harnessCpus() {
        return harnessCpus;
    }

    /** What was pinned where, or why nothing was ({@link CpuSplit#note()}). */
    public String pinning() {
        return pinning;
    }

    private static Manifest.Target info(String kind, String image, GoRuntimeInfo runtime, String cpuset, Double quota) {
        return new Manifest.Target(
                kind,
                image,
                null,
                null,
                runtime == null ? null : runtime.goVersion(),
                runtime == null ? null : runtime.gomaxprocs(),
                runtime == null || !runtime.numCpuKnown() ? null : runtime.numCpu(),
                cpuset,
                quota,
                runtime == null ? null : runtime.source());
    }

    /** The setting if given ({@code none}: no GOEXPERIMENT), else what the lab's Go needs for the goroutine-leak profile. */
    private static void labExperiment(GoServiceContainer lab, Optional<String> setting) {
        if (setting.isPresent()) {
            if (!"none".equals(setting.get())) {
                try {
                    lab.withGoExperiment(setting.get());
                } catch (IllegalArgumentException e) {
                    throw new InvalidPlanException(GOEXPERIMENT, e.getMessage());
                }
            }
            return;
        }
        GoToolchain go = lab.toolchain().orElseThrow();
        GoroutineLeakProfile.experimentFor(go.version()).ifPresent(lab::withGoExperiment);
    }

    public TargetEndpoints endpoints() {
        return endpoints;
    }

    /** What is known about the target before the collector asks it (kind, image, limits, runtime). */
    public Manifest.Target info() {
        return info;
    }

    /** Stops the container schedgate started, if any (a running service is left alone). */
    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
        if (unpinTo != null) {
            HarnessAffinity.pin(unpinTo);
        }
    }

    private static Optional<String> text(PlanSources sources, String key) {
        return sources.userValue(key).map(PlanSources.Value::text);
    }

    private static Optional<Integer> integer(PlanSources sources, String key) {
        return text(sources, key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new InvalidPlanException(key, "'" + v + "' is not a whole number");
            }
        });
    }

    private static Optional<Double> number(PlanSources sources, String key) {
        return text(sources, key).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new InvalidPlanException(key, "'" + v + "' is not a number of CPUs");
            }
        });
    }
}
