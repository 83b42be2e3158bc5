package io.schedgate.plan;

/** A ramp plan that must not start; the message names the offending property and the fix. */
public final class InvalidPlanException extends RuntimeException {
    private final String property;

    public InvalidPlanException(String property, String problem) {
        super(PlanSources.PREFIX + property + ": " + problem);
        this.property = property;
    }

    /** The property name without the {@code schedgate.} prefix, e.g. {@code window.seconds}. */
    public String property() {
        return property;
    }
}
