package io.schedgate.collect;

import io.schedgate.run.CaptureKind;

/** The target's {@code /metrics} page at the window's start and end, and idle. */
final class MetricsScrapes implements WindowCapture {
    @Override
    public void windowStart(StepWindow window) {
        window.fetch(CaptureKind.METRICS_START, window.target().metrics(), window.snapshotTimeout());
    }

    @Override
    public void windowEnd(StepWindow window) {
        window.fetch(CaptureKind.METRICS_END, window.target().metrics(), window.snapshotTimeout());
    }

    @Override
    public void idleSnapshot(IdleSnapshot snapshot) {
        snapshot.take(CaptureKind.METRICS, snapshot.target().metrics());
    }
}
