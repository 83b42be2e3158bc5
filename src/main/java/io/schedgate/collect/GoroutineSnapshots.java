package io.schedgate.collect;

import io.schedgate.run.CaptureKind;

/** The goroutine profile ({@code /debug/pprof/goroutine}) at the window's start and end, and idle. */
final class GoroutineSnapshots implements WindowCapture {
    private static final String PROFILE = "goroutine";

    @Override
    public void windowStart(StepWindow window) {
        window.fetch(CaptureKind.GOROUTINE_START, window.target().pprof(PROFILE), window.snapshotTimeout());
    }

    @Override
    public void windowEnd(StepWindow window) {
        window.fetch(CaptureKind.GOROUTINE_END, window.target().pprof(PROFILE), window.snapshotTimeout());
    }

    @Override
    public void idleSnapshot(IdleSnapshot snapshot) {
        snapshot.take(CaptureKind.GOROUTINE, snapshot.target().pprof(PROFILE));
    }
}
