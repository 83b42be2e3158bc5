package io.schedgate.pprof;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Flat and cum per function for one sample type, in {@code go tool pprof -top} order (flat
 * descending by magnitude, then name, then cum). Functions whose flat and cum are both zero are
 * left out, as pprof does.
 *
 * @param sampleType the value column aggregated
 * @param total      pprof's total: the sum of |value| over all samples, before any filter (the % base)
 * @param rows       every function with a non-zero flat or cum
 */
public record FunctionTable(SampleType sampleType, long total, List<FunctionStat> rows) {

    public List<FunctionStat> top(int n) {
        return rows.subList(0, Math.min(n, rows.size()));
    }

    public Map<String, FunctionStat> byName() {
        return rows.stream().collect(Collectors.toMap(FunctionStat::function, Function.identity()));
    }

    /** The row for a function, or a zero row when it never appears. */
    public FunctionStat get(String function) {
        for (FunctionStat r : rows) {
            if (r.function().equals(function)) {
                return r;
            }
        }
        return new FunctionStat(function, 0, 0);
    }
}
