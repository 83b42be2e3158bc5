package io.schedgate.load;

import io.schedgate.plan.CpuList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this JVM (the load generator and the collector) on a set of CPUs. Linux only: {@code taskset -a -p}
 * sets the affinity of every thread the JVM has now, and a thread started later inherits its creator's.
 * Read back from {@code /proc/self/status}, so what the manifest records is what the kernel applies.
 */
public final class HarnessAffinity {
    private static final Path STATUS = Path.of("/proc/self/status");

    private HarnessAffinity() {}

    /** The CPUs this process may run on ({@code Cpus_allowed_list}, e.g. {@code 0-1}); empty off Linux. */
    public static Optional<String> current() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return Optional.of(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: affinity unknown
        }
        return Optional.empty();
    }

    /**
     * The machine's online CPUs ({@code /sys/devices/system/cpu/online}), which a pinned JVM's
     * {@code availableProcessors()} no longer reports; that count when the file cannot be read.
     */
    public static int machineCpus() {
        try {
            String online =
                    Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
            return CpuList.parse(online).count();
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * Pins every thread of this JVM to {@code cpus}. Returns null when done, else the one line saying why
     * not and what to do (no taskset, refused), so the run goes on unpinned and says so.
     */
    public static String pin(String cpus) {
        long pid = ProcessHandle.current().pid();
        List<String> cmd = List.of("taskset", "-a", "-p", "-c", cpus, Long.toString(pid));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "taskset did not finish in 10 s";
            }
            if (p.exitValue() != 0) {
                return "taskset failed (" + out.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue()) + ")";
            }
        } catch (IOException e) {
            return "no taskset on this machine (Debian: apt-get install util-linux)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while pinning";
        }
        Optional<String> now = current();
        return now.isPresent() && now.get().equals(cpus)
                ? null
                : "taskset ran but the kernel reports CPUs " + now.orElse("unknown");
    }
}
