package io.schedgate.pprof;

/**
 * A profile that cannot be used. The message is one line that names the file, what is wrong
 * and what to do about it, fit to print as-is to a terminal.
 */
public abstract class ProfileException extends RuntimeException {
    protected ProfileException(String message, Throwable cause) {
        super(message, cause);
    }

    protected ProfileException(String message) {
        super(message);
    }
}
