package io.schedgate.verdict;

import io.schedgate.run.CaptureKind;
import io.schedgate.signals.BlockReport;
import io.schedgate.signals.GoreadyCallers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who wakes goroutines up, over all steps of a run: callers of {@code runtime.goready} /
 * {@code runtime.ready} in the CPU profiles (the first user frame toward the root: the code that
 * sent, unlocked or broadcast), and the wait sites goroutines were woken from, counted by the
 * block profile (each blocking event ends in one wake-up). CPU samples of goready are few
 * (FINDINGS §6 (b): 3–23 per profile), so the block counts usually carry the ranking.
 *
 * @param wakers goready callers → CPU samples, largest first
 * @param wokenAt wait sites → blocking events (contentions), largest first
 * @param traced true when {@code wakers} are exact wake-up counts from execution traces (waker site →
 *     wake-ups), not goready CPU samples
 */
public record WakeUpSources(Map<String, Long> wakers, Map<String, Long> wokenAt, boolean traced) {

    public WakeUpSources(Map<String, Long> wakers, Map<String, Long> wokenAt) {
        this(wakers, wokenAt, false);
    }

    static WakeUpSources of(RunData run) {
        Map<String, Long> wakers = new LinkedHashMap<>();
        Map<String, Long> woken = new LinkedHashMap<>();
        for (RunStep step : run.steps()) {
            RunProfiles.Loaded cpu = run.profiles().load(step.capture(CaptureKind.CPU));
            if (cpu.ok()) {
                GoreadyCallers.of(cpu.profile()).samples().forEach((caller, n) -> wakers.merge(caller, n, Long::sum));
            }
            RunProfiles.Loaded block = run.profiles().load(step.capture(CaptureKind.BLOCK));
            if (block.ok() && block.signals().block() != null) {
                for (BlockReport.Site s : block.signals().block().sites()) {
                    woken.merge(s.function() + " " + s.site() + " (" + s.state() + ")", s.contentions(), Long::sum);
                }
            }
        }
        return new WakeUpSources(sorted(wakers), sorted(woken));
    }

    /** From the execution traces: waker sites by exact count (where the waking goroutine was). */
    static WakeUpSources fromTraces(TraceCounts traces) {
        return new WakeUpSources(traces.wakers(), Map.of(), true);
    }

    private static Map<String, Long> sorted(Map<String, Long> m) {
        return m.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    boolean isEmpty() {
        return wakers.isEmpty() && wokenAt.isEmpty();
    }

    /** "goready callers (CPU samples): X 3, Y 1; woken at (block events): Z 17370, ...". */
    String describe(int top) {
        StringBuilder b = new StringBuilder();
        if (!wokenAt.isEmpty()) {
            b.append("woken at (block-profile events): ").append(top(wokenAt, top));
        }
        if (!wakers.isEmpty()) {
            b.append(b.length() > 0 ? "; " : "")
                    .append(traced ? "wakers (execution-trace wake-ups): " : "goready callers (CPU samples): ")
                    .append(top(wakers, top));
        }
        return b.length() == 0 ? "no wake-up sources in the profiles" : b.toString();
    }

    private static String top(Map<String, Long> m, int n) {
        return m.entrySet().stream()
                .limit(n)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
