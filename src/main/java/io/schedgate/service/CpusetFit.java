package io.schedgate.service;

import io.schedgate.plan.CpuList;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a CPU set ({@code --cpuset-cpus}) names only CPUs this machine has: checked before any image
 * is built or container started, since Docker itself refuses such a set only at container start, after
 * the build. The Docker engine's NCPU decides (it runs the container and may see other CPUs than the
 * JVM); the JVM's availableProcessors() is named beside it and stands in when the engine gives no count.
 */
public final class CpusetFit {

    private CpusetFit() {}

    /** Throws {@link GoServiceException} with one line naming the fix unless {@code cpuset} fits. */
    public static void require(String cpuset) {
        int jvm = Runtime.getRuntime().availableProcessors();
        Integer ncpu = DockerClientFactory.instance().getInfo().getNCPU();
        problem(cpuset, ncpu == null ? 0 : ncpu, jvm).ifPresent(line -> {
            throw new GoServiceException(line);
        });
    }

    /**
     * The one line saying what is wrong with {@code cpuset} on a machine whose Docker engine has
     * {@code dockerCpus} CPUs (0 when unknown) and whose JVM sees {@code jvmCpus}; empty when it fits.
     */
    static Optional<String> problem(String cpuset, int dockerCpus, int jvmCpus) {
        int cpus = dockerCpus > 0 ? dockerCpus : jvmCpus;
        String within = CpuList.range(0, cpus - 1).toString();
        String machine = "this machine has CPUs " + within + " (Runtime.availableProcessors()=" + jvmCpus
                + " / docker info NCPU=" + (dockerCpus > 0 ? Integer.toString(dockerCpus) : "unknown") + ")";
        CpuList set;
        try {
            set = CpuList.parse(cpuset);
        } catch (CpuList.Malformed e) {
            return Optional.of(e.getMessage() + ", and " + machine
                    + (e.backwards() ? ": write it low-high, within " : ": pick a set within ") + within);
        }
        CpuList beyond = set.beyond(cpus);
        if (beyond.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("CPU set \"" + cpuset + "\" names CPUs " + beyond + ", but " + machine
                + ": pick a set within " + within);
    }
}
