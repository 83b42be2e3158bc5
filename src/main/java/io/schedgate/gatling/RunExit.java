package io.schedgate.gatling;

import io.schedgate.verdict.Gate;

/**
 * The one exit-code story of a ramp, the same numbers {@code schedgate analyze} uses for the gate.
 * Gatling's JVM ends with the code; under {@code mvn gatling:test} Maven then reports BUILD FAILURE
 * for any code but 0 and the shell gets Maven's 1, so the last console line says both.
 */
public enum RunExit {
    PASS(Gate.PASSED, "gate PASS"),
    CHECK_FAILED(Gate.FAILED, "a check failed"),
    NO_DATA(Gate.NO_DATA, "no data to judge"),
    RUN_INCOMPLETE(3, "the run did not complete"),
    NOT_STARTED(4, "the run could not start"),
    INTERRUPTED(130, "interrupted (Ctrl-C)");

    private final int code;
    private final String meaning;

    RunExit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The value for a gate's exit code ({@link Gate#exitCode()}). */
    public static RunExit ofGate(Gate gate) {
        return gate.passed() ? PASS : gate.checkFailed() ? CHECK_FAILED : NO_DATA;
    }

    /** The value with {@code code}, or {@link #CHECK_FAILED} for a listener's own code. */
    public static RunExit of(int code) {
        for (RunExit e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return CHECK_FAILED;
    }
}
