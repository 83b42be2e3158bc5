package io.schedgate.pprof;

/** The file is a human-readable ({@code debug=1} or {@code debug=2}) profile, not protobuf. */
public final class TextProfileException extends ProfileException {
    public TextProfileException(String source, String firstLine) {
        super(source + ": this is a text profile (\"" + firstLine + "\"), not protobuf (debug=1/2 output or a"
                + " legacy text format); fetch the /debug/pprof endpoint without debug=1/debug=2, or convert it with"
                + " go tool pprof -proto " + source + " > profile.pb.gz");
    }
}
