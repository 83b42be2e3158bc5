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
 * @param details supporting numbers, the check's own {@link CheckDetails} record ({@link MapDetails} where
 *     a check has none yet)
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
        CheckDetails details) {

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
        if (details == null) {
            details = MapDetails.EMPTY;
        }
    }

    /** The details as verdict.json shows them. */
    public Map<String, Object> detailsMap() {
        return details.asMap();
    }

    public static CheckResult noData(String checkId, int stepIndex, String unit, String why) {
        return new CheckResult(
                checkId, stepIndex, Status.NO_DATA, null, null, unit, Confidence.HIGH, why, MapDetails.EMPTY);
    }

    public boolean rampWide() {
        return stepIndex == RAMP;
    }
}
