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
            String rest = complement(userCpuset, hostCpus);
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
        String harness = range(0, half - 1);
        String target = range(half, hostCpus - 1);
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

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    /** The CPUs 0..hostCpus-1 not in {@code cpuset} ({@code 0-1,3}), as a list such as {@code 2,4-5}. */
    static String complement(String cpuset, int hostCpus) {
        boolean[] taken = new boolean[Math.max(hostCpus, 0)];
        for (String part : cpuset.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int from;
            int to;
            try {
                from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
            } catch (NumberFormatException e) {
                throw new InvalidPlanException(
                        "target.cpuset", "must be a CPU list such as 0 or 0-1,3, got '" + cpuset + "'");
            }
            for (int c = from; c <= to && c < taken.length; c++) {
                if (c >= 0) {
                    taken[c] = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < taken.length; c++) {
            if (taken[c]) {
                continue;
            }
            int end = c;
            while (end + 1 < taken.length && !taken[end + 1]) {
                end++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(range(c, end));
            c = end;
        }
        return out.toString();
    }
}
