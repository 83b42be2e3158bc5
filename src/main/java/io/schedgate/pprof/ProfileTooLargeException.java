package io.schedgate.pprof;

/** The decompressed profile exceeds the configured limit (a gzip bomb, or a huge profile). */
public final class ProfileTooLargeException extends ProfileException {
    public ProfileTooLargeException(String source, long limitBytes) {
        super(source + ": the profile decompresses to more than " + limitBytes
                + " bytes; if it is genuine, raise the limit with --max-decompressed BYTES");
    }
}
