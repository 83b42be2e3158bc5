package io.schedgate.pprof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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

    private Aggregator() {
    }

    public static FunctionTable byFunction(Profile profile, int sampleIndex) {
        return byFunction(profile, sampleIndex, SampleFilter.NONE);
    }

    public static FunctionTable byFunction(Profile profile, int sampleIndex, SampleFilter filter) {
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        // A stack is shared by all samples with the same locations: resolve it once.
        int[][] distinctFunctions = new int[profile.stackCount()][];
        long[] flat = new long[256];
        long[] cum = new long[256];
        int[] lastSeen = new int[256];
        Arrays.fill(lastSeen, -1);
        long total = 0;
        int sampleNo = 0;
        for (Sample s : profile.samples()) {
            sampleNo++;
            long v = s.values()[sampleIndex];
            total += Math.abs(v); // before filtering: pprof's percentages are of the whole profile
            if (v == 0 || s.stack().isEmpty() || !filter.accepts(s)) {
                continue;
            }
            int[] fns = distinctFunctions[s.stackId()];
            if (fns == null) {
                int[] ids = new int[s.stack().size()];
                int n = 0;
                for (Frame f : s.stack()) {
                    Integer id = index.get(f.function());
                    if (id == null) {
                        id = names.size();
                        index.put(f.function(), id);
                        names.add(f.function());
                        if (id >= flat.length) {
                            flat = Arrays.copyOf(flat, id * 2);
                            cum = Arrays.copyOf(cum, id * 2);
                            int old = lastSeen.length;
                            lastSeen = Arrays.copyOf(lastSeen, id * 2);
                            Arrays.fill(lastSeen, old, lastSeen.length, -1);
                        }
                    }
                    // Dedupe within the stack (recursion): pprof counts cum once per sample.
                    if (lastSeen[id] != -sampleNo - 1) {
                        lastSeen[id] = -sampleNo - 1;
                        ids[n++] = id;
                    }
                }
                // ids[0] is the leaf's function: the stack's first frame is always first in.
                fns = Arrays.copyOf(ids, n);
                distinctFunctions[s.stackId()] = fns;
            }
            flat[fns[0]] += v;
            for (int id : fns) {
                cum[id] += v;
            }
        }
        List<FunctionStat> rows = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            if (flat[i] != 0 || cum[i] != 0) {
                rows.add(new FunctionStat(names.get(i), flat[i], cum[i]));
            }
        }
        rows.sort(TOP_ORDER);
        return new FunctionTable(profile.sampleTypes().get(sampleIndex), total, List.copyOf(rows));
    }

    /** pprof's FlatNameOrder: |flat| descending, then name, then |cum| descending. */
    static final Comparator<FunctionStat> TOP_ORDER = Comparator
            .comparingLong((FunctionStat r) -> -Math.abs(r.flat()))
            .thenComparing(FunctionStat::function)
            .thenComparingLong(r -> -Math.abs(r.cum()));

    /**
     * Folded stacks (Brendan Gregg's flame-graph input): one line per distinct root-to-leaf
     * sequence of function names, {@code root;...;leaf value}, sorted; empty stacks are skipped.
     */
    public static List<String> folded(Profile profile, int sampleIndex, SampleFilter filter) {
        Map<String, Long> sums = new TreeMap<>();
        String[] keys = new String[profile.stackCount()];
        for (Sample s : profile.samples()) {
            long v = s.values()[sampleIndex];
            if (v == 0 || s.stack().isEmpty() || !filter.accepts(s)) {
                continue;
            }
            String key = keys[s.stackId()];
            if (key == null) {
                key = foldedKey(s.stack());
                keys[s.stackId()] = key;
            }
            sums.merge(key, v, Long::sum);
        }
        List<String> out = new ArrayList<>(sums.size());
        sums.forEach((k, v) -> out.add(k + " " + v));
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
