package io.schedgate.signals;

import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A goroutine (or goroutineleak) profile grouped by wait site and state. Samples with an empty
 * stack are goroutines created but not yet run: runtime/pprof elides their only frame,
 * runtime.goexit (FINDINGS.md §6 (c)), so they form their own "not started yet" group.
 *
 * @param total  goroutines in the profile (sum of the count column)
 * @param groups largest first
 */
public record GoroutineGroups(long total, List<Group> groups) {

    public static final String NOT_STARTED = "not started yet";

    /** Goroutines waiting at {@code site} in {@code state}. */
    public record Group(String site, String state, long goroutines) {}

    public static GoroutineGroups of(Profile profile) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Group> keys = new LinkedHashMap<>();
        long total = 0;
        for (Sample s : profile.samples()) {
            long n = s.values()[0];
            total += n;
            String site = s.stack().isEmpty() ? NOT_STARTED : WaitSites.describe(s.stack());
            String state = s.stack().isEmpty() ? NOT_STARTED : WaitSites.state(s.stack());
            String key = site + "\u0000" + state;
            keys.putIfAbsent(key, new Group(site, state, 0));
            counts.computeIfAbsent(key, k -> new long[1])[0] += n;
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, Group> e : keys.entrySet()) {
            Group g = e.getValue();
            groups.add(new Group(g.site(), g.state(), counts.get(e.getKey())[0]));
        }
        groups.sort(Comparator.comparingLong((Group g) -> -g.goroutines()).thenComparing(Group::site));
        return new GoroutineGroups(total, List.copyOf(groups));
    }

    /** Goroutines in the "not started yet" group. */
    public long notStarted() {
        return groups.stream()
                .filter(g -> g.site().equals(NOT_STARTED))
                .mapToLong(Group::goroutines)
                .sum();
    }
}
