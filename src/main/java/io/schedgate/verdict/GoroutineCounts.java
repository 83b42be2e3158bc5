package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetrics;
import io.schedgate.metrics.RuntimeMetricsName;
import io.schedgate.metrics.RuntimeMetricsReading;
import io.schedgate.metrics.RuntimeMetricsValue;
import io.schedgate.run.CaptureKind;

/**
 * The goroutine counts the goroutine checks compare, all from one source per run so both sides of
 * every comparison count the same goroutines: runtime/metrics {@code /sched/goroutines} when the
 * pre-ramp scrape has it, else the goroutine profiles (the sum of their count column), which every
 * service with {@code net/http/pprof} serves. The two differ by the runtime's system goroutines
 * (Go 1.26+ counts them in /sched/goroutines, the profile never lists them; FINDINGS §4), which is
 * why a run never mixes them.
 */
final class GoroutineCounts {

    enum Source {
        METRICS("runtime/metrics /sched/goroutines"),
        PROFILES("goroutine profiles (no /sched/goroutines in /metrics)");

        final String describe;

        Source(String describe) {
            this.describe = describe;
        }
    }

    private final RunData run;
    private final Source source;

    private GoroutineCounts(RunData run, Source source) {
        this.run = run;
        this.source = source;
    }

    static GoroutineCounts of(RunData run) {
        boolean metrics = run.baseline() != null
                && run.baseline().get(RuntimeMetricsName.SCHED_GOROUTINES).present();
        if (!metrics
                && profileCount(run, run.baselineCapture(CaptureKind.GOROUTINE), "baseline")
                        .present()) {
            return new GoroutineCounts(run, Source.PROFILES);
        }
        return new GoroutineCounts(run, Source.METRICS);
    }

    Source source() {
        return source;
    }

    /**
     * "; goroutines from go_goroutines (client_golang default)" when the counts are runtime/metrics read
     * under another dialect's name than client_golang's runtime/metrics one, else empty.
     */
    String from() {
        if (source != Source.METRICS || run.baseline() == null) {
            return "";
        }
        RuntimeMetricsReading r = run.baseline().lookup(RuntimeMetricsName.SCHED_GOROUTINES);
        return !r.present() || r.exposedName().equals(RuntimeMetricsName.SCHED_GOROUTINES.prometheusName())
                ? ""
                : "; goroutines from " + r.describe();
    }

    /** " (counted in the goroutine profiles)" when not from runtime/metrics, else empty. */
    String suffix() {
        return source == Source.METRICS ? "" : " (counted in the " + source.describe + ")";
    }

    /** Names the source in a check's details when it is not the default (runtime/metrics), so older verdicts read the same. */
    String sourceInDetails() {
        return source == Source.METRICS ? null : source.describe;
    }

    /** Before the ramp (baseline/). */
    RuntimeMetricsValue baseline() {
        return source == Source.PROFILES
                ? profileCount(run, run.baselineCapture(CaptureKind.GOROUTINE), "baseline")
                : scrape(
                        run.baseline(),
                        "no baseline/metrics.txt (the idle pre-ramp scrape) and no baseline/goroutine.pb.gz");
    }

    /** After the cool-down (final/). */
    RuntimeMetricsValue afterCooldown() {
        return source == Source.PROFILES
                ? profileCount(run, run.finalCapture(CaptureKind.GOROUTINE), "final")
                : scrape(run.afterCooldown(), "no final/metrics.txt (the post-cool-down scrape)");
    }

    /** At the end of a step's window. */
    RuntimeMetricsValue atWindowEnd(RunStep step) {
        if (source == Source.PROFILES) {
            return profileCount(run, step.capture(CaptureKind.GOROUTINE_END), Evidence.step(step.index()));
        }
        if (step.metrics() == null) {
            return RuntimeMetricsValue.absent(Evidence.step(step.index()) + ": needs the window's metrics ("
                    + (step.metricsProblem() == null ? "no scrape" : step.metricsProblem()) + ")");
        }
        return step.metrics().goroutinesAtEnd();
    }

    private static RuntimeMetricsValue scrape(RuntimeMetrics m, String missing) {
        return m == null ? RuntimeMetricsValue.absent(missing) : m.get(RuntimeMetricsName.SCHED_GOROUTINES);
    }

    private static RuntimeMetricsValue profileCount(RunData run, Capture capture, String label) {
        if (capture == null) {
            return RuntimeMetricsValue.absent(label + ": no goroutine profile in the manifest");
        }
        RunProfiles.Loaded l = run.profiles().load(capture);
        if (!l.ok()) {
            return RuntimeMetricsValue.absent(l.problem());
        }
        if (!"goroutine".equals(l.profile().kind())) {
            return RuntimeMetricsValue.absent(label + ": " + capture.file().getFileName() + " is a "
                    + l.profile().kind() + " profile, not a goroutine profile");
        }
        return RuntimeMetricsValue.of(l.signals().goroutines().total());
    }
}
