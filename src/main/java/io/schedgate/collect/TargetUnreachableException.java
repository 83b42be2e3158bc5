package io.schedgate.collect;

/** The target does not answer before the ramp starts: nothing to load, nothing to profile. */
public final class TargetUnreachableException extends RuntimeException {
    public TargetUnreachableException(String message) {
        super(message);
    }
}
