package io.schedgate.pprof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates samples per function exactly as pprof's graph builder does at its default
 * "functions" granularity (github.com/google/pprof internal/graph.newGraph): every logical frame,
 * inlined ones included, is a node keyed by function name; cum is added once per sample to each
 * distinct function on the stack; flat goes to the leaf frame; samples whose value is zero are
 * skipped; the total is the sum of |value| over all samples, filtered or not, as pprof computes
 * it before applying -focus/-ignore (report.computeTotal).
 */
public final class Aggregator {

    private Aggregator() {}

    public static FunctionTable byFunction(Profile profile, int sampleIndex) {
        return byFunction(profile, sampleIndex, SampleFilter.NONE);
    }

    public static FunctionTable byFunction(Profile profile, int sampleIndex, SampleFilter filter) {
        // Per distinct stack, not per sample: flat and cum depend only on the stack, so summing the
        // values of each stack first gives the same sums (zero-valued samples add nothing either way).
        long[] perStack = profile.stackTotals(sampleIndex);
        int functions = profile.functionCount();
        long[] flat = new long[functions];
        long[] cum = new long[functions];
        int[] lastSeen = new int[functions];
        Arrays.fill(lastSeen, -1);
        for (int st = 0; st < perStack.length; st++) {
            long v = perStack[st];
            int depth = profile.stackDepth(st);
            if (v == 0 || depth == 0 || !filter.accepts(profile, st)) {
                continue;
            }
            flat[profile.functionOf(profile.frameId(st, 0))] += v;
            for (int i = 0; i < depth; i++) {
                int f = profile.functionOf(profile.frameId(st, i));
                if (lastSeen[f] != st) { // once per stack, even when recursive: pprof counts cum once per sample
                    lastSeen[f] = st;
                    cum[f] += v;
                }
            }
        }
        List<FunctionStat> rows = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            if (flat[f] != 0 || cum[f] != 0) {
                rows.add(new FunctionStat(profile.functionName(f), flat[f], cum[f]));
            }
        }
        rows.sort(TOP_ORDER);
        // Before filtering: pprof's percentages are of the whole profile.
        return new FunctionTable(
                profile.sampleTypes().get(sampleIndex), profile.absoluteTotal(sampleIndex), List.copyOf(rows));
    }

    /** pprof's FlatNameOrder: |flat| descending, then name, then |cum| descending. */
    static final Comparator<FunctionStat> TOP_ORDER = new TopOrder();

    private static final class TopOrder implements Comparator<FunctionStat> {
        @Override
        public int compare(FunctionStat a, FunctionStat b) {
            int c = Long.compare(Math.abs(b.flat()), Math.abs(a.flat()));
            if (c == 0) {
                c = a.function().compareTo(b.function());
            }
            return c != 0 ? c : Long.compare(Math.abs(b.cum()), Math.abs(a.cum()));
        }
    }

    /**
     * Folded stacks (Brendan Gregg's flame-graph input): one line per distinct root-to-leaf
     * sequence of function names, {@code root;...;leaf value}, sorted; empty stacks are skipped.
     */
    public static List<String> folded(Profile profile, int sampleIndex, SampleFilter filter) {
        Map<String, Long> sums = new TreeMap<>();
        String[] keys = new String[profile.stackCount()];
        for (int i = 0; i < profile.sampleCount(); i++) {
            long v = profile.value(i, sampleIndex);
            int st = profile.stackId(i);
            if (v == 0 || profile.stackDepth(st) == 0 || !filter.accepts(profile, st)) {
                continue;
            }
            String key = keys[st];
            if (key == null) {
                key = foldedKey(profile.stack(st));
                keys[st] = key;
            }
            Long sum = sums.get(key);
            sums.put(key, sum == null ? v : sum + v);
        }
        List<String> out = new ArrayList<>(sums.size());
        for (Map.Entry<String, Long> e : sums.entrySet()) {
            out.add(e.getKey() + " " + e.getValue());
        }
        return out;
    }

    private static String foldedKey(List<Frame> stack) {
        StringBuilder b = new StringBuilder();
        for (int i = stack.size() - 1; i >= 0; i--) {
            b.append(stack.get(i).function().replace(';', ':'));
            if (i > 0) {
                b.append(';');
            }
        }
        return b.toString();
    }
}
