package io.schedgate.pprof;

/** The data ends in the middle of the gzip stream or of a protobuf field. */
public final class TruncatedProfileException extends ProfileException {
    public TruncatedProfileException(String source, Throwable cause) {
        super(
                source + ": the profile is truncated (it ends in the middle of the data); "
                        + "the download was cut short, capture or copy it again",
                cause);
    }
}
