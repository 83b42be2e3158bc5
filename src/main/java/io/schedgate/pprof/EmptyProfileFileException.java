package io.schedgate.pprof;

/** The file has zero bytes: the capture wrote nothing. */
public final class EmptyProfileFileException extends ProfileException {
    public EmptyProfileFileException(String source) {
        super(source + ": the file is empty (0 bytes); the capture failed, capture the profile again");
    }
}
