package io.schedgate.stats;

/**
 * Little's law L = λ·W (J. D. C. Little, "A Proof for the Queuing Formula: L = λW", Operations
 * Research 9(3), 1961): the mean number in a stable system equals the arrival rate times the mean
 * time spent in it. It holds for any stationary system, whatever the distributions.
 */
public final class LittlesLaw {

    private LittlesLaw() {}

    /** L = λW: mean number in the system (e.g. requests in flight) from throughput and residence time. */
    public static double inSystem(double arrivalRatePerSecond, double residenceSeconds) {
        requireNonNegative(arrivalRatePerSecond, "arrival rate");
        requireNonNegative(residenceSeconds, "residence time");
        return arrivalRatePerSecond * residenceSeconds;
    }

    /** W = L/λ. */
    public static double residenceSeconds(double inSystem, double arrivalRatePerSecond) {
        requireNonNegative(inSystem, "number in system");
        requirePositive(arrivalRatePerSecond, "arrival rate");
        return inSystem / arrivalRatePerSecond;
    }

    /** λ = L/W. */
    public static double arrivalRate(double inSystem, double residenceSeconds) {
        requireNonNegative(inSystem, "number in system");
        requirePositive(residenceSeconds, "residence time");
        return inSystem / residenceSeconds;
    }

    private static void requireNonNegative(double value, String what) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value);
        }
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + value);
        }
    }
}
