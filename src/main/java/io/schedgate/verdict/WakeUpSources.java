package io.schedgate.verdict;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import io.schedgate.signals.BlockReport;
import io.schedgate.signals.CpuStackShares;
import io.schedgate.signals.WaitSites;
import java.util.LinkedHashMap;
import java.util.List;
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
            RunProfiles.Loaded cpu = run.profiles().load(step.capture("cpu"));
            if (cpu.ok()) {
                goreadyCallers(cpu.profile(), wakers);
            }
            RunProfiles.Loaded block = run.profiles().load(step.capture("block"));
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

    private static void goreadyCallers(Profile cpu, Map<String, Long> out) {
        int idx = cpu.sampleIndex("samples");
        for (Sample s : cpu.samples()) {
            List<Frame> stack = s.stack();
            for (int i = 0; i < stack.size(); i++) {
                if (CpuStackShares.GOREADY.contains(stack.get(i).function())) {
                    Frame user = WaitSites.firstUserFrame(stack.subList(i, stack.size()));
                    String key = user == null
                            ? "runtime (" + rootwardRuntimeCaller(stack, i) + ")"
                            : user.function() + " " + user.site();
                    out.merge(key, s.value(idx), Long::sum);
                    break;
                }
            }
        }
    }

    /** For wake-ups made by the runtime itself (netpoll, timers): the first caller outside goready/ready. */
    private static String rootwardRuntimeCaller(List<Frame> stack, int from) {
        for (int j = from + 1; j < stack.size(); j++) {
            String f = stack.get(j).function();
            if (!CpuStackShares.GOREADY.contains(f) && !f.contains("goready") && !f.equals("runtime.systemstack")) {
                return f;
            }
        }
        return "?";
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
