package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who wakes goroutines up in one CPU profile: callers of {@code runtime.goready} / {@code runtime.ready}
 * (the first user frame toward the root: the code that sent, unlocked or broadcast), or, for wake-ups
 * the runtime makes itself (netpoll, timers), {@code runtime (caller)} with the first runtime caller
 * outside goready/ready.
 *
 * @param samples caller → CPU samples, in the order the profile first names them
 */
public record GoreadyCallers(Map<String, Long> samples) {

    public GoreadyCallers {
        samples = Collections.unmodifiableMap(new LinkedHashMap<>(samples));
    }

    public static GoreadyCallers of(Profile cpu) {
        int idx = cpu.sampleIndex("samples");
        Map<String, Long> out = new LinkedHashMap<>();
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
        return new GoreadyCallers(out);
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
}
