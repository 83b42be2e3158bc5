package io.schedgate.metrics;

/**
 * What the Go runtime did between two scrapes (start and end of a measurement window), turned into
 * the per-request and per-second signals the verdict judges. Every result is either a number or an
 * explicit absence with its reason.
 *
 * @param start the scrape at the window start
 * @param end the scrape at the window end
 * @param windowSeconds wall time between the two scrapes
 * @param requests requests completed in the window (from the load generator)
 */
public record RuntimeMetricsWindow(RuntimeMetrics start, RuntimeMetrics end, double windowSeconds, long requests) {

    /**
     * /sched/latencies tracks 1 in gTrackingPeriod = 8 goroutine transitions to runnable
     * (runtime/runtime2.go, proc.go casgstatus; FINDINGS §4), so its count delta × 8 estimates
     * scheduling (wake-up) events.
     */
    public static final int SCHED_LATENCIES_SAMPLING = 8;

    /**
     * OpenTelemetry's Go runtime instrumentation reads runtime/metrics at most once per
     * MinimumReadMemStatsInterval, 15 s unless the service sets it (contrib runtime v0.72.0
     * DefaultMinimumReadMemStatsInterval; fixtures/metrics/dialects/README.md): within that a scrape
     * serves the previous read.
     */
    public static final double OTEL_DEFAULT_READ_INTERVAL_SECONDS = 15;

    public RuntimeMetricsWindow {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window must last > 0 s, got " + windowSeconds);
        }
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0, got " + requests);
        }
    }

    /** Δ of a cumulative metric, absent when missing in either scrape or when it went backwards. */
    public RuntimeMetricsValue delta(RuntimeMetricsName metric) {
        RuntimeMetricsValue a = start.get(metric);
        RuntimeMetricsReading endReading = end.lookup(metric);
        RuntimeMetricsValue b = endReading.value();
        if (!a.present()) {
            return a;
        }
        if (!b.present()) {
            return b;
        }
        double d = b.value() - a.value();
        if (d < 0) {
            return RuntimeMetricsValue.absent(endReading.exposedName() + " went down from " + a.value()
                    + " to " + b.value() + " between " + start.source() + " and " + end.source()
                    + ": the target restarted during the window");
        }
        if (d == 0
                && endReading.dialect() == MetricsDialect.OTEL
                && windowSeconds < OTEL_DEFAULT_READ_INTERVAL_SECONDS) {
            return RuntimeMetricsValue.absent(endReading.exposedName() + " did not change over the " + windowSeconds
                    + " s window (" + start.source() + " .. " + end.source() + "), shorter than OpenTelemetry's runtime"
                    + " instrumentation caches its reads (MinimumReadMemStatsInterval, 15 s by default): no change is no"
                    + " evidence of no events");
        }
        return RuntimeMetricsValue.of(d);
    }

    /** The window's /sched/latencies distribution (time runnable → running), empty when either scrape lacks it. */
    public java.util.Optional<HistogramWindow> schedLatencies() {
        var a = start.histogram(RuntimeMetricsName.SCHED_LATENCIES);
        var b = end.histogram(RuntimeMetricsName.SCHED_LATENCIES);
        return a.isPresent() && b.isPresent() ? HistogramWindow.between(a.get(), b.get()) : java.util.Optional.empty();
    }

    /** Scheduling events per second: Δcount(/sched/latencies) × 8 / window. */
    public RuntimeMetricsValue wakeUpEventsPerSecond() {
        return scale(delta(RuntimeMetricsName.SCHED_LATENCIES), SCHED_LATENCIES_SAMPLING / windowSeconds);
    }

    /** Scheduling events per request: Δcount(/sched/latencies) × 8 / requests. */
    public RuntimeMetricsValue wakeUpEventsPerRequest() {
        return perRequest(scale(delta(RuntimeMetricsName.SCHED_LATENCIES), SCHED_LATENCIES_SAMPLING));
    }

    /** Δ/sched/goroutines-created / requests (Go ≥ 1.26). */
    public RuntimeMetricsValue goroutinesCreatedPerRequest() {
        return perRequest(delta(RuntimeMetricsName.SCHED_GOROUTINES_CREATED));
    }

    /**
     * Δ/sync/mutex/wait/total seconds per second of window per GOMAXPROCS: the fraction of the
     * processors' time goroutines spent waiting on locks. Its meaning changes with the Go version
     * (1.22–1.24 include runtime-lock spinning, 1.25+ only sleeping; FINDINGS §4).
     */
    public RuntimeMetricsValue mutexWaitPerSecondPerProc() {
        RuntimeMetricsValue wait = delta(RuntimeMetricsName.SYNC_MUTEX_WAIT_TOTAL);
        RuntimeMetricsValue procs = end.get(RuntimeMetricsName.SCHED_GOMAXPROCS);
        if (!wait.present()) {
            return wait;
        }
        if (!procs.present()) {
            return procs;
        }
        if (procs.value() <= 0) {
            return RuntimeMetricsValue.absent("GOMAXPROCS reads " + procs.value() + " in " + end.source());
        }
        return RuntimeMetricsValue.of(wait.value() / windowSeconds / procs.value());
    }

    /**
     * GC CPU share = Δ/cpu/classes/gc/total ÷ Δ/cpu/classes/total. The runtime refreshes /cpu/classes
     * only at the end of a GC cycle (runtime/metrics.go cpuStatsAggregate.compute copies the
     * stop-the-world snapshot work.cpuStats), so a window in which no GC cycle ended has no share.
     */
    public RuntimeMetricsValue gcCpuShare() {
        RuntimeMetricsValue gc = delta(RuntimeMetricsName.CPU_CLASSES_GC_TOTAL);
        RuntimeMetricsValue total = delta(RuntimeMetricsName.CPU_CLASSES_TOTAL);
        if (!gc.present()) {
            return gc;
        }
        if (!total.present()) {
            return total;
        }
        if (total.value() == 0) {
            return RuntimeMetricsValue.absent("no GC cycle ended in the window (" + start.source() + " .. "
                    + end.source() + "): Go updates /cpu/classes only at GC end, so the GC share is unknown");
        }
        return RuntimeMetricsValue.of(gc.value() / total.value());
    }

    /** GC cycles completed in the window. */
    public RuntimeMetricsValue gcCycles() {
        return delta(RuntimeMetricsName.GC_CYCLES_TOTAL);
    }

    /** /sched/goroutines at the end of the window (includes system goroutines on Go ≥ 1.26). */
    public RuntimeMetricsValue goroutinesAtEnd() {
        return end.get(RuntimeMetricsName.SCHED_GOROUTINES);
    }

    private RuntimeMetricsValue perRequest(RuntimeMetricsValue total) {
        if (!total.present()) {
            return total;
        }
        if (requests == 0) {
            return RuntimeMetricsValue.absent("no requests completed in the window: nothing to divide by");
        }
        return RuntimeMetricsValue.of(total.value() / requests);
    }

    private static RuntimeMetricsValue scale(RuntimeMetricsValue v, double factor) {
        return v.present() ? RuntimeMetricsValue.of(v.value() * factor) : v;
    }
}
