package io.schedgate.pprof;

/** The file cannot be opened or read at all (missing, a directory, no permission). */
public final class UnreadableProfileException extends ProfileException {
    public UnreadableProfileException(String source, String why, Throwable cause) {
        super(source + ": cannot read the file (" + why + "); check the path", cause);
    }
}
