package io.schedgate.verdict;

/** A check's outcome. NO_DATA and FAIL both fail the gate: a gate never passes on nothing. */
public enum Status {
    PASS,
    WARN,
    NO_DATA,
    FAIL;

    public boolean failsGate() {
        return this == FAIL || this == NO_DATA;
    }

    /** The more serious of two outcomes (PASS < WARN < NO_DATA < FAIL). */
    public Status worst(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
