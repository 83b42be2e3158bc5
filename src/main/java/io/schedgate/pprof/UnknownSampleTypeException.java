package io.schedgate.pprof;

import java.util.List;

/** A {@code --sample-index} that names no sample type of the profile. */
public final class UnknownSampleTypeException extends ProfileException {
    public UnknownSampleTypeException(String selector, List<SampleType> available) {
        super("sample type '" + selector + "' is not in the profile; use one of "
                + available.stream().map(SampleType::type).toList() + " or an index 0.." + (available.size() - 1));
    }
}
