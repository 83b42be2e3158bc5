package io.schedgate.load;

/**
 * Which of a ramp's arrivals one injector sends when {@code of} injectors share it: arrival {@code k}
 * (numbered across steps, {@link ArrivalSchedule}) is injector {@code k mod of}'s, so every step's
 * arrivals are dealt round-robin and the injectors' streams merged are the single injector's stream.
 *
 * @param index this injector, 0-based (0 is the collector's own load)
 * @param of how many injectors share the ramp, at least 1
 */
public record ArrivalShare(int index, int of) {

    /** A single injector: every arrival. */
    public static final ArrivalShare ALL = new ArrivalShare(0, 1);

    public ArrivalShare {
        if (of < 1 || index < 0 || index >= of) {
            throw new IllegalArgumentException("injector " + index + " of " + of + ": need 0 <= index < of");
        }
    }

    /** Whether arrival {@code k} is this injector's. */
    public boolean owns(long k) {
        return Math.floorMod(k, of) == index;
    }

    /** The first arrival at or after {@code k} that is this injector's. */
    public long firstAtOrAfter(long k) {
        return k + Math.floorMod(index - k, of);
    }

    /** How many of the arrivals {@code [from, to)} are this injector's. */
    public long countIn(long from, long to) {
        return to <= from ? 0 : (firstAtOrAfter(to) - firstAtOrAfter(from)) / of;
    }

    /** {@code injector 2 of 3} (1-based, as people count). */
    public String describe() {
        return "injector " + (index + 1) + " of " + of;
    }
}
