package io.schedgate.verdict;

import io.schedgate.run.CaptureKind;
import io.schedgate.signals.TraceStatReader;
import io.schedgate.signals.TraceStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps' execution traces ({@code trace.out}, {@link CaptureKind#TRACE}) read by tools/tracestat:
 * exact wake-up counts. A run without traces (older runs, tracing off) reads nothing and runs no
 * process: {@link #any()} is false.
 */
final class TraceCounts {

    /** One step's trace: its counts, or why there are none. */
    record Step(TraceStats stats, String problem) {
        boolean ok() {
            return stats != null;
        }
    }

    /**
     * Wait reasons of the runtime's own goroutines and of GC-driven parking (Go's waitReason strings):
     * their wake-ups come from GC cycles and the tracer, not from requests, so they are not counted per
     * request.
     */
    static final Set<String> RUNTIME_REASONS = Set.of(
            "finalizer wait",
            "wait until GC ends",
            "system goroutine wait",
            "trace reader (blocked)",
            "preempted",
            "stopping the world",
            "flushing proc caches",
            "cleanup wait",
            "trace goroutine status",
            "debug call");

    private final Map<Integer, Step> steps;

    private TraceCounts(Map<Integer, Step> steps) {
        this.steps = steps;
    }

    static boolean runtimeReason(String reason) {
        return reason.startsWith("GC ") || reason.startsWith("force gc") || RUNTIME_REASONS.contains(reason);
    }

    /** Read once per run (tracestat is a process per step), however many checks ask. */
    private static final Map<RunProfiles, TraceCounts> READ =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    static TraceCounts of(RunData run) {
        return READ.computeIfAbsent(run.profiles(), p -> read(run));
    }

    private static TraceCounts read(RunData run) {
        Map<Integer, Step> steps = new LinkedHashMap<>();
        Optional<TraceStatReader> reader = Optional.empty();
        boolean looked = false;
        for (RunStep step : run.steps()) {
            Capture c = step.capture(CaptureKind.TRACE.key());
            if (!c.ok()) {
                if (step.captures().containsKey(CaptureKind.TRACE.key())) {
                    steps.put(step.index(), new Step(null, c.problem()));
                }
                continue;
            }
            if (!looked) {
                reader = TraceStatReader.find();
                looked = true;
            }
            if (reader.isEmpty()) {
                steps.put(
                        step.index(),
                        new Step(
                                null,
                                Evidence.step(step.index()) + ": cannot read trace.out: "
                                        + TraceStatReader.whyMissing()));
                continue;
            }
            try {
                steps.put(step.index(), new Step(reader.get().read(c.file()), null));
            } catch (TraceStatReader.TraceStatException e) {
                steps.put(step.index(), new Step(null, Evidence.step(step.index()) + ": " + e.getMessage()));
            }
        }
        return new TraceCounts(steps);
    }

    /** True when at least one step's trace was read. */
    boolean any() {
        return steps.values().stream().anyMatch(Step::ok);
    }

    /** The step's trace, or a problem saying there is none. */
    Step step(RunStep step) {
        Step s = steps.get(step.index());
        return s != null
                ? s
                : new Step(null, Evidence.step(step.index()) + ": no execution trace (trace.out) for the step");
    }

    /** The first problem, for a message when no trace could be read. */
    Optional<String> firstProblem() {
        return steps.values().stream().filter(s -> !s.ok()).map(Step::problem).findFirst();
    }

    /** Wake-ups of request-driven goroutines: all but those from runtime wait reasons. */
    static long requestWakeUps(TraceStats s) {
        return s.wakeUps().total() - runtimeWakeUps(s);
    }

    static long runtimeWakeUps(TraceStats s) {
        return s.wakeUps().byReason().entrySet().stream()
                .filter(e -> runtimeReason(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Waker sites over every traced step, largest first. */
    Map<String, Long> wakers() {
        Map<String, Long> all = new LinkedHashMap<>();
        for (Step s : steps.values()) {
            if (s.ok()) {
                s.stats().wakeUps().topWakers().forEach(w -> all.merge(w.site(), w.count(), Long::sum));
            }
        }
        return all.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
