package io.schedgate.service;

/**
 * A Go service could not be built, started or read. The message is one line that says what failed
 * and what to do about it; the cause, when there is one, keeps the details.
 */
public final class GoServiceException extends RuntimeException {

    public GoServiceException(String message) {
        super(message);
    }

    public GoServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
