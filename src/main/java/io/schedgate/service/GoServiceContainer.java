package io.schedgate.service;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.schedgate.metrics.GoRuntimeInfo;
import io.schedgate.plan.CpuList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Go service in a container, with an application port and a pprof port: the bundled contention
 * lab built from {@code targets/lab} with a chosen Go toolchain, or any user image.
 *
 * <pre>{@code
 * try (GoServiceContainer lab = GoServiceContainer.lab()
 *         .withGo("/usr/lib/go-1.23/bin/go")
 *         .withCpuset("0")                 // GOMAXPROCS follows the cpuset
 *         .withGodebug("asyncpreemptoff=1")) {
 *     lab.start();
 *     GoRuntimeInfo seen = lab.runtimeInfo(); // what the Go process sees: version, GOMAXPROCS, NumCPU
 *     String hot = lab.appUrl() + "/hotlock?us=20";
 *     String cpu = lab.pprofUrl() + "/debug/pprof/profile?seconds=30";
 * }
 * }</pre>
 *
 * <p>Configure with the {@code with...} methods (each returns this container, Testcontainers-style)
 * before {@link #start()}; afterwards they refuse. The lab is compiled on the host as a static binary
 * ({@code CGO_ENABLED=0}) and packed into a {@code FROM scratch} image from
 * {@code docker/lab/Dockerfile}, so nothing is pulled; that image is removed when the container stops.
 * Every failure is a {@link GoServiceException} with a one-line message naming the fix.
 */
public final class GoServiceContainer extends GenericContainer<GoServiceContainer> {

    public static final int LAB_APP_PORT = 8080;
    public static final int LAB_PPROF_PORT = 6060;
    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);
    /** Starts tried when Docker cannot bind the host port it picked (see {@link HostPortCollision}). */
    static final int PORT_COLLISION_ATTEMPTS = 3;

    /** What the container runs. */
    public enum Kind {
        /** The bundled contention lab, built from targets/lab. */
        LAB,
        /** A user image, used as is. */
        IMAGE
    }

    private final Kind kind;
    private final ProjectLayout layout;
    private final String userImage;
    private GoToolchain toolchain;
    private String goExperiment;
    private int appPort;
    private int pprofPort;
    private String cpuset;
    private Double cpuQuota;
    private String healthPath;
    private String appHealthPath;
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private BuiltImage builtImage;
    private String exitedEarly;
    /** While Testcontainers starts the container: its own clean-up of a failed start must keep the image for a retry. */
    private boolean starting;

    private GoServiceContainer(Kind kind, String image, ProjectLayout layout) {
        super(DockerImageName.parse(image));
        this.kind = kind;
        this.userImage = kind == Kind.IMAGE ? image : null;
        this.layout = layout;
        withCreateContainerCmdModifier(cmd -> {
            if (cpuset != null) {
                cmd.getHostConfig().withCpusetCpus(cpuset);
            }
            if (cpuQuota != null) {
                cmd.getHostConfig().withNanoCPUs(Math.round(cpuQuota * 1e9));
            }
        });
    }

    /**
     * The bundled lab ({@code targets/lab}), built at {@link #start()} with the go of
     * {@code target/go-binary} (written by scripts/setup) or else the {@code go} on PATH.
     * Health: {@code /healthz} on the pprof port and {@code /ping} on the application port.
     */
    public static GoServiceContainer lab() {
        ProjectLayout layout = ProjectLayout.find();
        GoServiceContainer lab = new GoServiceContainer(Kind.LAB, "schedgate/lab:unbuilt", layout);
        lab.toolchain = GoToolchain.defaultFor(layout);
        lab.appPort = LAB_APP_PORT;
        lab.pprofPort = LAB_PPROF_PORT;
        lab.healthPath = "/healthz";
        lab.appHealthPath = "/ping";
        return lab;
    }

    /**
     * A user image: used as is when the Docker engine has it, else pulled once (a failed pull is a
     * one-line error, not minutes of retries). Default ports are the lab's
     * (8080 application, 6060 pprof); health: {@code /debug/pprof/} on the pprof port.
     */
    public static GoServiceContainer fromImage(String image) {
        GoServiceContainer service = new GoServiceContainer(Kind.IMAGE, image, null);
        service.appPort = LAB_APP_PORT;
        service.pprofPort = LAB_PPROF_PORT;
        service.healthPath = "/debug/pprof/";
        return service;
    }

    // ---- configuration ------------------------------------------------------------------------

    /** Builds the lab with this go binary, e.g. {@code /usr/lib/go-1.23/bin/go} (GOTOOLCHAIN=local). */
    public GoServiceContainer withGo(String goCommand) {
        requireLab("withGo");
        toolchain = GoToolchain.at(goCommand);
        return this;
    }

    /** Builds the lab with the named Go toolchain (e.g. {@code go1.27.3}), fetched by the go command via GOTOOLCHAIN. */
    public GoServiceContainer withGoToolchain(String name) {
        requireLab("withGoToolchain");
        toolchain = toolchain.switchedTo(name);
        return this;
    }

    /**
     * Builds the lab with {@code GOEXPERIMENT} set, e.g. {@code goroutineleakprofile}: Go 1.26 serves
     * {@code /debug/pprof/goroutineleak} only when built with it (1.27 has it on by default, 1.25 and
     * older do not know it: their go build fails, naming the experiment).
     */
    public GoServiceContainer withGoExperiment(String experiments) {
        requireLab("withGoExperiment");
        requireNotStarted();
        if (experiments == null || !experiments.matches("[a-z0-9]+(,[a-z0-9]+)*")) {
            throw new IllegalArgumentException(
                    "GOEXPERIMENT must look like goroutineleakprofile or a,b: got '" + experiments + "'");
        }
        goExperiment = experiments;
        return this;
    }

    public GoServiceContainer withAppPort(int containerPort) {
        appPort = requirePort(containerPort);
        return this;
    }

    public GoServiceContainer withPprofPort(int containerPort) {
        pprofPort = requirePort(containerPort);
        return this;
    }

    /** Pins the container to these CPUs ({@code docker run --cpuset-cpus}), e.g. {@code "0"} or {@code "0-1"}. */
    public GoServiceContainer withCpuset(String cpus) {
        requireNotStarted();
        try {
            CpuList.parse(cpus);
        } catch (CpuList.Malformed e) {
            if (!e.backwards()) {
                throw new IllegalArgumentException("cpuset must look like 0, 0-1 or 0,2: got '" + cpus + "'", e);
            }
            // a range written high-low passes: start() names it beside this machine's CPUs (CpusetFit)
        }
        cpuset = cpus;
        return this;
    }

    /** Caps CPU time at this many CPUs ({@code docker run --cpus}, NanoCPUs), e.g. 1.5. */
    public GoServiceContainer withCpuQuota(double cpus) {
        requireNotStarted();
        if (!(cpus > 0) || cpus > 1024) {
            throw new IllegalArgumentException("CPU quota must be a positive number of CPUs: got " + cpus);
        }
        cpuQuota = cpus;
        return this;
    }

    public GoServiceContainer withGomaxprocs(int procs) {
        if (procs < 1) {
            throw new IllegalArgumentException("GOMAXPROCS must be >= 1: got " + procs);
        }
        return withEnv("GOMAXPROCS", Integer.toString(procs));
    }

    /** Sets GODEBUG, e.g. {@code "asyncpreemptoff=1"}. */
    public GoServiceContainer withGodebug(String godebug) {
        return withEnv("GODEBUG", godebug);
    }

    /** Sets GOGC: a percentage or {@code "off"}. */
    public GoServiceContainer withGogc(String gogc) {
        if (!gogc.equals("off") && !gogc.matches("\\d+")) {
            throw new IllegalArgumentException("GOGC must be a percentage or 'off': got '" + gogc + "'");
        }
        return withEnv("GOGC", gogc);
    }

    public GoServiceContainer withGogc(int percent) {
        return withGogc(Integer.toString(percent));
    }

    @Override
    public GoServiceContainer withEnv(String key, String value) {
        requireNotStarted();
        return super.withEnv(key, value);
    }

    /** The path that must answer 200 on the pprof port before the service counts as started. */
    public GoServiceContainer withHealthPath(String path) {
        requireNotStarted();
        healthPath = requirePath(path);
        return this;
    }

    /** A path that must also answer 200 on the application port; {@code null} for none. */
    public GoServiceContainer withAppHealthPath(String path) {
        requireNotStarted();
        appHealthPath = path == null ? null : requirePath(path);
        return this;
    }

    /** How long {@link #start()} waits for health. */
    @Override
    public GoServiceContainer withStartupTimeout(Duration timeout) {
        requireNotStarted();
        startupTimeout = timeout;
        return this;
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /**
     * Checks that a Docker engine answers, builds the lab image if this is the lab, starts the
     * container and waits for health. On failure nothing is left behind (container and image removed).
     */
    @Override
    public void start() {
        if (getContainerId() != null) {
            return;
        }
        DockerEngine.requireAnswer();
        if (cpuset != null) {
            CpusetFit.require(cpuset); // before the lab's build: Docker would refuse it only at container start
        }
        exitedEarly = null;
        try {
            if (kind == Kind.LAB) {
                builtImage = buildLabImage();
                setDockerImageName(builtImage.tag());
                if (appPort != LAB_APP_PORT) {
                    super.withEnv("LAB_APP_ADDR", ":" + appPort);
                }
                if (pprofPort != LAB_PPROF_PORT) {
                    super.withEnv("LAB_PPROF_ADDR", ":" + pprofPort);
                }
            } else if (!DockerEngine.hasImage(userImage)) {
                // Before Testcontainers resolves the image, which would retry a failing pull for minutes.
                DockerEngine.pullOnce(userImage, PULL_TIMEOUT);
            }
            setExposedPorts(List.of(appPort, pprofPort));
            List<HealthWait.Endpoint> health = new ArrayList<>();
            health.add(new HealthWait.Endpoint(pprofPort, healthPath));
            if (appHealthPath != null) {
                health.add(new HealthWait.Endpoint(appPort, appHealthPath));
            }
            waitingFor(new HealthWait(health, startupTimeout));
            startRetryingPortCollisions();
        } catch (RuntimeException e) {
            RuntimeException failure = oneLine(e);
            stop();
            throw failure;
        }
    }

    /**
     * Starts the container; a start that fails because Docker's host port is taken by another socket is
     * retried with a new container (Docker picks the next free port) and the same image, each retry
     * printed in one line; after {@link #PORT_COLLISION_ATTEMPTS} such failures, one line names the cause.
     */
    private void startRetryingPortCollisions() {
        for (int attempt = 1; ; attempt++) {
            starting = true;
            try {
                super.start();
                return;
            } catch (RuntimeException e) {
                Optional<String> collision = HostPortCollision.in(e);
                if (collision.isEmpty()) {
                    throw e;
                }
                super.stop(); // the container only: the image stays for the next attempt
                exitedEarly = null; // "exited (code 128)" is Docker's failed start, not the service's
                if (attempt == PORT_COLLISION_ATTEMPTS) {
                    throw new GoServiceException(
                            "could not start " + describe() + ": Docker could not bind a host port in "
                                    + attempt + " tries (" + collision.get()
                                    + "): it takes host ports from the ephemeral range"
                                    + " client sockets also use; start again when fewer connections are open (ss -tan)",
                            e);
                }
                System.err.println("[schedgate] start " + attempt + "/" + PORT_COLLISION_ATTEMPTS + " of " + describe()
                        + ": Docker's host port is taken (" + collision.get() + "); trying again");
            } finally {
                starting = false;
            }
        }
    }

    /**
     * Before the container is removed (also by Testcontainers itself when a start fails): if the
     * process already exited, keep its exit code and last log lines for the error message.
     */
    @Override
    protected void containerIsStopping(InspectContainerResponse containerInfo) {
        try {
            InspectContainerResponse.ContainerState state =
                    dockerClient.inspectContainerCmd(getContainerId()).exec().getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                exitedEarly = "container exited (code " + state.getExitCodeLong() + ") before " + healthPath
                        + " on port " + pprofPort + " answered; last log lines: " + HealthWait.lastLogLines(this);
            }
        } catch (RuntimeException e) {
            exitedEarly = null; // the container is gone already: nothing more to say
        }
        super.containerIsStopping(containerInfo);
    }

    /**
     * Stops and removes the container, then removes the image schedgate built for it; on an interrupted
     * thread too (a JUnit timeout): docker-java answers one with a CancellationException, so the interrupt
     * is held back until both are gone, then set again.
     */
    @Override
    public void stop() {
        InterruptHeldBack.run(() -> {
            try {
                super.stop();
            } finally {
                if (builtImage != null && !starting) {
                    builtImage.remove();
                    builtImage = null;
                }
            }
        });
    }

    // ---- what experiments read ----------------------------------------------------------------

    /** e.g. {@code http://localhost:32768}: the application port as mapped on the host. */
    public String appUrl() {
        return "http://" + getHost() + ":" + getMappedPort(appPort);
    }

    /** e.g. {@code http://localhost:32769}: base of {@code /debug/pprof/*} and {@code /metrics}. */
    public String pprofUrl() {
        return "http://" + getHost() + ":" + getMappedPort(pprofPort);
    }

    /**
     * What the Go process sees now (Go version, GOMAXPROCS, NumCPU), read over HTTP from {@code /info}
     * or {@code /metrics} on the pprof port; for a service that reports no GOMAXPROCS (pprof only), the
     * value the runtime picks from this container's settings ({@link ContainerGomaxprocs}), its source
     * saying so. Fields nothing decides stay null.
     */
    public GoRuntimeInfo runtimeInfo() {
        String base = pprofUrl();
        GoRuntimeInfo reported = GoRuntimeInfo.read(path -> {
            try {
                PlainHttp.Answer a = PlainHttp.get(base + path);
                return a.code() == 200 ? java.util.Optional.of(a.body()) : java.util.Optional.empty();
            } catch (java.io.IOException e) {
                return java.util.Optional.empty();
            }
        });
        if (reported.gomaxprocs() != null) {
            return reported;
        }
        int known = reported.goMinorVersion();
        java.util.OptionalInt minor = known > 0 ? java.util.OptionalInt.of(known) : java.util.OptionalInt.empty();
        return gomaxprocsFromSettings(minor)
                .map(g -> new GoRuntimeInfo(
                        reported.goVersion(),
                        g.gomaxprocs(),
                        reported.numCpu(),
                        (GoRuntimeInfo.UNKNOWN.equals(reported.source()) ? "" : reported.source() + "; ")
                                + "GOMAXPROCS from the container's settings: " + g.reason()))
                .orElse(reported);
    }

    /** The GOMAXPROCS Go's default rule gives in this container (started), empty when its settings do not decide it. */
    public Optional<ContainerGomaxprocs> gomaxprocsFromSettings(java.util.OptionalInt goMinor) {
        int hostCpus =
                org.testcontainers.DockerClientFactory.instance().getInfo().getNCPU();
        return ContainerGomaxprocs.of(getEnvMap(), cpuset, cpuQuota, hostCpus, goMinor);
    }

    public Kind kind() {
        return kind;
    }

    /** The cpuset the container is pinned to, if any. */
    public Optional<String> cpuset() {
        return Optional.ofNullable(cpuset);
    }

    /** The CPU quota in CPUs, if any. */
    public Optional<Double> cpuQuota() {
        return Optional.ofNullable(cpuQuota);
    }

    /** The toolchain the lab is built with; empty for user images. */
    public Optional<GoToolchain> toolchain() {
        return Optional.ofNullable(toolchain);
    }

    /** The GOEXPERIMENT the lab is built with, if any. */
    public Optional<String> goExperiment() {
        return Optional.ofNullable(goExperiment);
    }

    // ---- internals ----------------------------------------------------------------------------

    private BuiltImage buildLabImage() {
        Path dockerfile = layout.labDockerfile();
        if (!Files.isRegularFile(dockerfile)) {
            throw new GoServiceException(
                    "no lab Dockerfile at " + dockerfile + ": is this a complete schedgate checkout?");
        }
        Path workDir;
        try {
            Files.createDirectories(layout.buildDir());
            workDir = Files.createTempDirectory(layout.buildDir(), "lab-build-");
        } catch (IOException e) {
            throw new GoServiceException(
                    "cannot create a build folder under " + layout.buildDir() + ": " + e.getMessage(), e);
        }
        try {
            Path binary = LabBinaryBuild.build(toolchain, goExperiment, layout.labSources(), workDir);
            return BuiltImage.build("lab", dockerfile, binary, "lab");
        } finally {
            deleteTree(workDir);
        }
    }

    /**
     * The most specific GoServiceException in the chain; else, when the container had already exited
     * (Testcontainers noticed before the health wait ran), its exit code and last words; else one
     * line from the root cause.
     */
    private RuntimeException oneLine(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GoServiceException g) {
                return g;
            }
        }
        if (exitedEarly != null) {
            return new GoServiceException(exitedEarly, e);
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new GoServiceException("could not start " + describe() + ": " + root, e);
    }

    private String describe() {
        return kind == Kind.IMAGE ? userImage : builtImage != null ? builtImage.tag() : "the lab";
    }

    private void requireLab(String method) {
        requireNotStarted();
        if (kind != Kind.LAB) {
            throw new IllegalStateException(
                    method + " applies to GoServiceContainer.lab() only: a user image is already built");
        }
    }

    private void requireNotStarted() {
        if (getContainerId() != null) {
            throw new IllegalStateException("configure a GoServiceContainer before start()");
        }
    }

    private static int requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return port;
    }

    private static String requirePath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a health path starts with '/': got '" + path + "'");
        }
        return path;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder under target/ is harmless; mvn clean removes it
        }
    }
}
