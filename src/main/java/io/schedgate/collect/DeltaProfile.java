package io.schedgate.collect;

import io.schedgate.run.CaptureKind;

/**
 * A delta profile over the window ({@code /debug/pprof/<name>?seconds=window}: the server reads the
 * profile twice, the window apart, and answers the difference), launched at the window's start.
 * Mutex and block are two of these.
 */
final class DeltaProfile implements WindowCapture {
    private final CaptureKind kind;
    private final String name;

    DeltaProfile(CaptureKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    @Override
    public void windowStart(StepWindow window) {
        window.fetch(kind, window.target().pprof(name + "?seconds=" + window.seconds()), window.deltaTimeout());
    }
}
