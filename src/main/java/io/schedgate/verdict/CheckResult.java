package io.schedgate.verdict;

import java.util.Map;

/**
 * One check's judgement on one step (or on the whole ramp, {@code stepIndex = -1}).
 *
 * @param checkId stable id, e.g. {@code wakeup.linearity}
 * @param stepIndex the step (1-based as in the run directory), or {@link #RAMP} for ramp-wide
 * @param status outcome
 * @param value the measured number, null when there is none (NO_DATA)
 * @param threshold the number it was judged against, null when the check has none
 * @param unit unit of value and threshold
 * @param confidence how directly the value was measured
 * @param evidence one readable sentence a Go engineer can act on
 * @param details supporting numbers (JSON-friendly values only)
 */
public record CheckResult(
        String checkId,
        int stepIndex,
        Status status,
        Double value,
        Double threshold,
        String unit,
        Confidence confidence,
        String evidence,
        Map<String, Object> details) {

    public static final int RAMP = -1;

    public CheckResult {
        if (checkId == null || status == null || evidence == null) {
            throw new IllegalArgumentException("checkId, status and evidence are required");
        }
        if (value != null && !Double.isFinite(value)) {
            value = null;
        }
        if (threshold != null && !Double.isFinite(threshold)) {
            threshold = null;
        }
        java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
        if (details != null) {
            // NaN and infinities are not JSON: a non-finite number is "no number", i.e. null.
            details.forEach((k, v) -> copy.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
        }
        details = java.util.Collections.unmodifiableMap(copy);
    }

    public static CheckResult noData(String checkId, int stepIndex, String unit, String why) {
        return new CheckResult(checkId, stepIndex, Status.NO_DATA, null, null, unit, Confidence.HIGH, why, Map.of());
    }

    public boolean rampWide() {
        return stepIndex == RAMP;
    }
}
