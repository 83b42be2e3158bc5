package io.schedgate.service;

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
        String within = range(0, cpus - 1);
        String machine = "this machine has CPUs " + within + " (Runtime.availableProcessors()=" + jvmCpus
                + " / docker info NCPU=" + (dockerCpus > 0 ? Integer.toString(dockerCpus) : "unknown") + ")";
        String quoted = "CPU set \"" + cpuset + "\"";
        if (cpuset == null || !cpuset.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
            return Optional.of(quoted + " is not a CPU list such as 0, 0-1 or 0,2-3, and " + machine
                    + ": pick a set within " + within);
        }
        boolean[] beyond = new boolean[0];
        int highest = -1;
        for (String part : cpuset.split(",")) {
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            if (to < from) {
                return Optional.of(quoted + " has the range " + part + " running backwards, and " + machine
                        + ": write it low-high, within " + within);
            }
            if (to >= cpus) {
                highest = Math.max(highest, to);
                if (highest >= beyond.length) {
                    beyond = java.util.Arrays.copyOf(beyond, Math.min(highest + 1, 1 << 16));
                }
                for (int c = Math.max(from, cpus); c <= to && c < beyond.length; c++) {
                    beyond[c] = true;
                }
            }
        }
        if (highest < 0) {
            return Optional.empty();
        }
        return Optional.of(
                quoted + " names CPUs " + list(beyond) + ", but " + machine + ": pick a set within " + within);
    }

    /** The marked CPUs as a list such as {@code 2-7} or {@code 5,9}. */
    private static String list(boolean[] marked) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < marked.length; c++) {
            if (!marked[c]) {
                continue;
            }
            int end = c;
            while (end + 1 < marked.length && marked[end + 1]) {
                end++;
            }
            out.append(out.length() > 0 ? "," : "").append(range(c, end));
            c = end;
        }
        return out.toString();
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
