package io.schedgate.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;
import io.schedgate.load.HarnessCpu;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/load-headroom.sh's third figure: Gatling itself as a closed loop, the shape of
 * {@code wrk -c64} (64 users each sending the next request when the last one answered, one shared
 * keep-alive pool), no schedule, no collector. It is the most this machine's Gatling can send, so
 * it bounds what any open-model setup on top of it can reach. Settings: {@code -Dceiling.url},
 * {@code -Dceiling.users} (64), {@code -Dceiling.seconds} (30; the first half warms the JIT up,
 * the second half is measured).
 */
public class GatlingCeilingSimulation extends Simulation {
    private static final AtomicLong completed = new AtomicLong();
    private final int seconds = Integer.getInteger("ceiling.seconds", 30);
    private volatile long startNanos = System.nanoTime();
    private volatile long markNanos;
    private volatile long markCount;
    private volatile long markJvmCpu;
    private volatile long markTargetCpu;

    {
        String url = System.getProperty("ceiling.url", "http://127.0.0.1:8080");
        int users = Integer.getInteger("ceiling.users", 64);
        setUp(scenario("ceiling")
                        .forever()
                        .on(exec(http("ping").get("/ping")).exec(s -> {
                            completed.incrementAndGet();
                            if (markNanos == 0 && System.nanoTime() - startNanos >= seconds * 500_000_000L) {
                                synchronized (this) {
                                    if (markNanos == 0) {
                                        markCount = completed.get();
                                        markJvmCpu = HarnessCpu.processNanos();
                                        markTargetCpu = targetCpuNanos();
                                        markNanos = System.nanoTime();
                                    }
                                }
                            }
                            return s;
                        }))
                        .injectClosed(constantConcurrentUsers(users).during(Duration.ofSeconds(seconds))))
                .protocols(http.baseUrl(url).shareConnections().disableWarmUp())
                .maxDuration(Duration.ofSeconds(seconds));
    }

    @Override
    public void before() {
        startNanos = System.nanoTime();
    }

    @Override
    public void after() {
        long end = System.nanoTime();
        long jvmCpu = HarnessCpu.processNanos();
        long targetCpu = targetCpuNanos();
        long requests = completed.get() - markCount;
        double qps = markNanos == 0 ? 0 : requests / ((end - markNanos) / 1e9);
        System.out.println(String.format(Locale.ROOT, "[schedgate-bench] gatling closed loop: %.0f req/s", qps));
        if (markNanos != 0 && requests > 0) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "[schedgate-bench] closed loop cpu per request: jvm %.1f us, target %s",
                    (jvmCpu - markJvmCpu) / 1e3 / requests,
                    targetCpu < 0 || markTargetCpu < 0
                            ? "unknown"
                            : String.format(Locale.ROOT, "%.1f us", (targetCpu - markTargetCpu) / 1e3 / requests)));
        }
    }

    /** The target's user + system CPU time from /proc (clock ticks of 10 ms), -1 without -Dceiling.targetPid. */
    private static long targetCpuNanos() {
        String pid = System.getProperty("ceiling.targetPid");
        if (pid == null) {
            return -1;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            // fields after the command's closing parenthesis: utime is the 12th, stime the 13th
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
