package io.schedgate.pprof;

/** The bytes are not a pprof protobuf profile (random data, another format, or a broken file). */
public final class NotAProfileException extends ProfileException {
    public NotAProfileException(String source, String why, Throwable cause) {
        super(
                source + ": not a pprof protobuf profile (" + why + "); "
                        + "pass a file saved from a /debug/pprof/<name> endpoint or written by go tool pprof -proto",
                cause);
    }
}
