package io.schedgate.cli;

/** A wrong flag or argument: the message says which and what is expected. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
