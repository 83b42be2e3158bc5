package io.schedgate.service;

import io.schedgate.plan.CpuList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The GOMAXPROCS the Go runtime picks in a container schedgate started, from the container's own
 * settings, for a service that does not report it (no {@code /info}, no {@code /metrics}). The rule
 * is the runtime's documented default ({@code runtime.GOMAXPROCS}'s doc comment, Go 1.25 release
 * notes): a positive {@code GOMAXPROCS} environment variable wins; else the CPUs the process may run
 * on (the cpuset, else every CPU of the Docker host); from Go 1.25 on Linux, capped by the CPU
 * bandwidth limit rounded up with a minimum of 2 ({@code docker run --cpus}), unless
 * {@code GODEBUG=containermaxprocs=0}.
 *
 * @param gomaxprocs the value the runtime picks
 * @param reason how it follows from the settings, for the manifest
 */
public record ContainerGomaxprocs(int gomaxprocs, String reason) {

    /**
     * @param env the container's environment
     * @param cpusetCpus the container's {@code --cpuset-cpus}, null when not pinned
     * @param cpuQuota the container's {@code --cpus}, null when not capped
     * @param hostCpus the Docker host's logical CPUs
     * @param goMinor the service's Go minor version when known (the quota rule starts at 25)
     * @return empty when the settings do not decide it (a quota below the CPUs and the Go version unknown)
     */
    public static Optional<ContainerGomaxprocs> of(
            Map<String, String> env, String cpusetCpus, Double cpuQuota, int hostCpus, OptionalInt goMinor) {
        String set = env.get("GOMAXPROCS");
        if (set != null && set.matches("\\d+") && Integer.parseInt(set) > 0) {
            return Optional.of(
                    new ContainerGomaxprocs(Integer.parseInt(set), "GOMAXPROCS=" + set + " in the environment"));
        }
        int cpus = cpusetCpus == null ? hostCpus : CpuList.parse(cpusetCpus).count();
        String cpuReason = cpusetCpus == null ? hostCpus + " CPUs on the Docker host" : "cpuset " + cpusetCpus;
        boolean quotaIgnored = env.getOrDefault("GODEBUG", "").matches("(.*,)?containermaxprocs=0(,.*)?");
        if (cpuQuota == null || quotaIgnored) {
            return Optional.of(new ContainerGomaxprocs(
                    cpus,
                    "NumCPU: " + cpuReason
                            + (cpuQuota != null ? " (GODEBUG=containermaxprocs=0 ignores --cpus)" : "")));
        }
        int limit = Math.max(2, (int) Math.ceil(cpuQuota));
        if (limit >= cpus) {
            return Optional.of(new ContainerGomaxprocs(
                    cpus, "NumCPU: " + cpuReason + " (--cpus " + cpuQuota + " does not lower it)"));
        }
        if (goMinor.isEmpty()) {
            return Optional.empty();
        }
        return goMinor.getAsInt() >= 25
                ? Optional.of(
                        new ContainerGomaxprocs(limit, "--cpus " + cpuQuota + " rounded up, at least 2 (Go >= 1.25)"))
                : Optional.of(new ContainerGomaxprocs(cpus, "NumCPU: " + cpuReason + " (Go < 1.25 ignores --cpus)"));
    }
}
