package io.schedgate.plan;

import java.util.Locale;

/**
 * Which CPUs the target container and the load generator get, so the harness never competes with the
 * service it measures for a core (the "measurement hygiene"). {@code schedgate.target.pin}:
 * <ul>
 *   <li>{@code auto} (default): on a Docker host of 4 or more CPUs, the target gets the upper half and
 *       the harness the lower half. Below 4 nothing is pinned: splitting 2 CPUs leaves the target one
 *       CPU, so GOMAXPROCS 1, and a Go service with one P has no scheduler contention left to judge;</li>
 *   <li>{@code on}: split from 2 CPUs up;</li>
 *   <li>{@code off}: nothing pinned.</li>
 * </ul>
 * A cpuset the user gave the target ({@code schedgate.target.cpuset}) stands, and the harness gets the
 * CPUs it leaves (none left: the harness is not pinned). Only a container started on this machine can
 * be split: a URL target, or a Docker engine on another machine, is never pinned.
 *
 * @param targetCpus the target's {@code --cpuset-cpus}, null when not pinned here
 * @param harnessCpus the harness's CPU list (e.g. {@code 0-1}), null when not pinned
 * @param note one line for the manifest and the console: what was pinned, or why not
 */
public record CpuSplit(String targetCpus, String harnessCpus, String note) {
    public static final String SETTING = "target.pin";
    /** Below this many CPUs {@code auto} does not split (see above). */
    public static final int AUTO_MIN_CPUS = 4;

    /**
     * @param mode {@code auto}, {@code on} or {@code off} (null = auto)
     * @param hostCpus CPUs of the Docker host, which is this machine
     * @param userCpuset the target cpuset the user set, null when none
     * @param containerHere false for a URL target or a Docker engine on another machine
     */
    public static CpuSplit decide(String mode, int hostCpus, String userCpuset, boolean containerHere) {
        String m = mode(mode);
        if (m.equals("off")) {
            return new CpuSplit(userCpuset, null, "not pinned (schedgate." + SETTING + "=off)");
        }
        if (!containerHere) {
            return new CpuSplit(userCpuset, null, "not pinned: the target does not run in a container on this machine");
        }
        if (userCpuset != null) {
            String rest = userCpus(userCpuset).complement(hostCpus).toString();
            return rest.isEmpty()
                    ? new CpuSplit(
                            userCpuset,
                            null,
                            "target on CPUs " + userCpuset + " (its cpuset); no CPU left"
                                    + " for the harness, which shares them")
                    : new CpuSplit(
                            userCpuset, rest, "target on CPUs " + userCpuset + " (its cpuset), harness on " + rest);
        }
        int min = m.equals("on") ? 2 : AUTO_MIN_CPUS;
        if (hostCpus < min) {
            return new CpuSplit(
                    null,
                    null,
                    m.equals("on")
                            ? "not pinned: " + hostCpus + " CPU cannot be split"
                            : "not pinned: a split of " + hostCpus + " would leave the target GOMAXPROCS "
                                    + Math.max(1, hostCpus / 2) + " (-Dschedgate." + SETTING + "=on splits)");
        }
        int half = hostCpus / 2;
        String harness = CpuList.range(0, half - 1).toString();
        String target = CpuList.range(half, hostCpus - 1).toString();
        return new CpuSplit(target, harness, "target on CPUs " + target + ", harness on " + harness);
    }

    /** {@code auto}, {@code on} or {@code off} (null: auto); anything else is refused naming the setting. */
    public static String mode(String mode) {
        String m = mode == null ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
        if (!m.equals("auto") && !m.equals("on") && !m.equals("off")) {
            throw new InvalidPlanException(SETTING, "must be auto, on or off, got '" + mode + "'");
        }
        return m;
    }

    public boolean pinsHarness() {
        return harnessCpus != null;
    }

    /** The user's cpuset; a range written high-low is named as such, anything else by the list syntax. */
    private static CpuList userCpus(String cpuset) {
        try {
            return CpuList.parse(cpuset);
        } catch (CpuList.Malformed e) {
            throw new InvalidPlanException(
                    "target.cpuset",
                    e.backwards() ? e.getMessage() : "must be a CPU list such as 0 or 0-1,3, got '" + cpuset + "'");
        }
    }
}
