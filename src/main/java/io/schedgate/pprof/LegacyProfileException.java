package io.schedgate.pprof;

/**
 * A legacy (pre-protobuf) binary CPU profile: the gperftools format Go wrote before 1.9, a header of
 * machine words 0, 3, 0, period, 0 (google/pprof profile/legacy_profile.go, parseCPU). go tool pprof
 * still reads it with the binary beside it; schedgate reads profile.proto only, so it says how to convert.
 */
public final class LegacyProfileException extends ProfileException {
    public LegacyProfileException(String source) {
        super(source + ": a legacy (pre-protobuf) binary CPU profile; convert it with "
                + "go tool pprof -proto <binary> " + source
                + " > profile.pb.gz, or capture a new one from /debug/pprof/profile");
    }
}
