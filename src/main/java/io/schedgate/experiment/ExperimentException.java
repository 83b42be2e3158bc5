package io.schedgate.experiment;

/** An experiment that could not run (not one whose verdict failed): the message names the cause. */
public class ExperimentException extends RuntimeException {
    public ExperimentException(String message) {
        super(message);
    }

    public ExperimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
