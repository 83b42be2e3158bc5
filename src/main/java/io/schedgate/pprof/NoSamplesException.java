package io.schedgate.pprof;

/** A well-formed profile with no non-zero sample: nothing was recorded, which is never a pass. */
public final class NoSamplesException extends ProfileException {
    public NoSamplesException(String source, Profile profile) {
        super(source + ": no samples (" + profile.samples().size() + " sample records, all values zero"
                + (profile.durationNanos() > 0 ? ", duration " + profile.durationNanos() / 1_000_000 + " ms" : "")
                + "); capture under load, for longer, or enable the profile "
                + "(runtime.SetMutexProfileFraction / SetBlockProfileRate)");
    }
}
