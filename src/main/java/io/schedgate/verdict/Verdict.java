package io.schedgate.verdict;

import java.util.List;
import java.util.Map;

/**
 * Everything the verdict stage decided about one run; serialised as {@code verdict.json} (schema
 * {@value #SCHEMA}, see docs/verdict-json.md).
 */
public record Verdict(
        String schema,
        String runDir,
        String simulation,
        String runStatus,
        String goVersion,
        String createdAt,
        Map<String, Object> thresholds,
        List<CheckResult> results,
        Capacity capacity,
        Gate gate,
        List<String> notes) {

    public static final String SCHEMA = "schedgate.verdict/1";

    public Verdict {
        thresholds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(thresholds));
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    /** The result of one check at one step ({@link CheckResult#RAMP} for ramp-wide), if any. */
    public java.util.Optional<CheckResult> result(String checkId, int stepIndex) {
        return results.stream()
                .filter(r -> r.checkId().equals(checkId) && r.stepIndex() == stepIndex)
                .findFirst();
    }

    /**
     * The check's most serious result at the step (a check may judge several sites there, e.g. one
     * per lock): PASS < WARN < NO_DATA < FAIL, the first of equals; null when it has none.
     */
    public CheckResult worst(String checkId, int stepIndex) {
        CheckResult worst = null;
        for (CheckResult r : results) {
            if (r.checkId().equals(checkId)
                    && r.stepIndex() == stepIndex
                    && (worst == null || r.status().compareTo(worst.status()) > 0)) {
                worst = r;
            }
        }
        return worst;
    }
}
