package io.schedgate.plan;

import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * A set of CPUs in Linux's list syntax, {@code 0-3,5,7-8}: docker's {@code --cpuset-cpus}, taskset's
 * {@code -c}, {@code Cpus_allowed_list} in {@code /proc/self/status}, {@code /sys/devices/system/cpu/online}.
 * The one reader and writer of that syntax in schedgate. Immutable; its text is canonical (ascending,
 * neighbours joined into ranges: {@code 2,0-1} reads back as {@code 0-2}).
 */
public final class CpuList {
    /**
     * CPU numbers from here on are refused: no Linux kernel numbers that many (NR_CPUS is at most 8192),
     * and a typo such as {@code 0-99999999} must not allocate a bit per CPU it names.
     */
    public static final int LIMIT = 1 << 16;

    private static final Pattern SYNTAX = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    private final BitSet cpus;

    private CpuList(BitSet cpus) {
        this.cpus = cpus;
    }

    /**
     * Reads a list such as {@code 0}, {@code 0-1} or {@code 0,2-3} (no spaces, as the kernel writes it).
     *
     * @throws Malformed one line naming the list and what is wrong with it
     */
    public static CpuList parse(String list) {
        if (list == null || !SYNTAX.matcher(list).matches()) {
            throw notAList(list);
        }
        BitSet cpus = new BitSet();
        for (String part : list.split(",")) {
            int dash = part.indexOf('-');
            int from = number(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : number(part.substring(dash + 1));
            if (from >= LIMIT || to >= LIMIT) {
                throw notAList(list);
            }
            if (to < from) {
                throw new Malformed(quoted(list) + " has the range " + part + " running backwards", true);
            }
            cpus.set(from, to + 1);
        }
        return new CpuList(cpus);
    }

    /** The CPUs {@code from} to {@code to}, both included. */
    public static CpuList range(int from, int to) {
        if (from < 0 || to < from || to >= LIMIT) {
            throw new IllegalArgumentException("no CPU range " + from + "-" + to);
        }
        BitSet cpus = new BitSet();
        cpus.set(from, to + 1);
        return new CpuList(cpus);
    }

    /** How many CPUs: what a Go process pinned to them reports as NumCPU. */
    public int count() {
        return cpus.cardinality();
    }

    public boolean isEmpty() {
        return cpus.isEmpty();
    }

    /** The CPUs 0 to {@code hostCpus - 1} not in this list: what is left of the machine. */
    public CpuList complement(int hostCpus) {
        BitSet rest = new BitSet();
        rest.set(0, Math.max(hostCpus, 0));
        rest.andNot(cpus);
        return new CpuList(rest);
    }

    /** The CPUs in this list that a machine of {@code hostCpus} CPUs does not have. */
    public CpuList beyond(int hostCpus) {
        BitSet past = (BitSet) cpus.clone();
        past.clear(0, Math.max(hostCpus, 0));
        return new CpuList(past);
    }

    /** The canonical list, e.g. {@code 0-1,3}; empty for no CPU. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int from = cpus.nextSetBit(0); from >= 0; from = cpus.nextSetBit(from)) {
            int to = cpus.nextClearBit(from) - 1;
            out.append(out.length() > 0 ? "," : "").append(from);
            if (to > from) {
                out.append('-').append(to);
            }
            from = to + 1;
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuList other && cpus.equals(other.cpus);
    }

    @Override
    public int hashCode() {
        return cpus.hashCode();
    }

    /** One CPU number of a list that matched the syntax; {@link #LIMIT} for any too long for an int. */
    private static int number(String digits) {
        return digits.length() > 9 ? LIMIT : Integer.parseInt(digits);
    }

    private static Malformed notAList(String list) {
        return new Malformed(quoted(list) + " is not a CPU list such as 0, 0-1 or 0,2-3", false);
    }

    private static String quoted(String list) {
        return "CPU set \"" + list + "\"";
    }

    /** A list that cannot be read; {@link #backwards()} tells a range written high-low from anything else. */
    public static final class Malformed extends IllegalArgumentException {
        private final boolean backwards;

        Malformed(String message, boolean backwards) {
            super(message);
            this.backwards = backwards;
        }

        /** True when what is wrong is a range written high-low, such as {@code 3-1}; false for a list that is none. */
        public boolean backwards() {
            return backwards;
        }
    }
}
