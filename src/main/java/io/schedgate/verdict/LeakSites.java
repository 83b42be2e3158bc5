package io.schedgate.verdict;

import io.schedgate.run.CaptureKind;
import io.schedgate.signals.GoroutineGroups;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where leaked goroutines wait: the wait sites (first user frame and state) whose goroutine count
 * grew from the pre-ramp goroutine profile to the post-cool-down one, and, when the target serves
 * it (Go 1.26 with GOEXPERIMENT=goroutineleakprofile, 1.27+; FINDINGS §5), the goroutineleak
 * profile's sites: goroutines blocked on objects no live goroutine can reach.
 *
 * @param grew site → goroutines gained, largest first
 * @param leakProfile site → goroutines the goroutineleak profile reports, largest first; empty without it
 * @param problems why a profile could not be used
 */
public record LeakSites(Map<String, Long> grew, Map<String, Long> leakProfile, java.util.List<String> problems) {

    static LeakSites of(RunData run) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        GoroutineGroups before = groups(run, run.baselineCapture(CaptureKind.GOROUTINE), "baseline", problems);
        GoroutineGroups after = groups(run, run.finalCapture(CaptureKind.GOROUTINE), "final", problems);
        Map<String, Long> grew = new LinkedHashMap<>();
        if (before != null && after != null) {
            Map<String, Long> counts = new LinkedHashMap<>();
            after.groups().forEach(g -> counts.merge(key(g), g.goroutines(), Long::sum));
            before.groups().forEach(g -> counts.merge(key(g), -g.goroutines(), Long::sum));
            grew = sorted(counts);
        }
        Map<String, Long> leaked = new LinkedHashMap<>();
        Capture leak = run.finalCapture(CaptureKind.GOROUTINE_LEAK);
        if (leak != null && leak.ok()) {
            GoroutineGroups g = groups(run, leak, "final goroutineleak", problems);
            if (g != null) {
                Map<String, Long> counts = new LinkedHashMap<>();
                g.groups().forEach(x -> counts.merge(key(x), x.goroutines(), Long::sum));
                leaked = sorted(counts);
            }
        }
        return new LeakSites(grew, leaked, problems);
    }

    private static GoroutineGroups groups(RunData run, Capture c, String label, java.util.List<String> problems) {
        if (c == null) {
            problems.add(label + ": no goroutine profile in the manifest");
            return null;
        }
        RunProfiles.Loaded l = run.profiles().load(c);
        if (!l.ok() || l.signals().goroutines() == null) {
            problems.add(l.ok() ? label + ": not a goroutine profile" : l.problem());
            return null;
        }
        return l.signals().goroutines();
    }

    private static String key(GoroutineGroups.Group g) {
        return g.site() + " (" + g.state() + ")";
    }

    private static Map<String, Long> sorted(Map<String, Long> m) {
        return m.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** "grew: main.leakForever leak.go:19 (chan receive) +2400; goroutineleak profile: ... 2402". */
    String describe(int top) {
        StringBuilder b = new StringBuilder();
        if (!grew.isEmpty()) {
            b.append("wait sites that grew: ")
                    .append(grew.entrySet().stream()
                            .limit(top)
                            .map(e -> e.getKey() + " +" + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        if (!leakProfile.isEmpty()) {
            b.append(b.length() > 0 ? "; " : "")
                    .append("goroutineleak profile: ")
                    .append(leakProfile.entrySet().stream()
                            .limit(top)
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        return b.toString();
    }
}
