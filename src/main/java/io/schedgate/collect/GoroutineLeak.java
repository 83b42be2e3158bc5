package io.schedgate.collect;

import io.schedgate.run.CaptureKind;

/**
 * The goroutine-leak profile ({@code /debug/pprof/goroutineleak}, Go 1.26 with its GOEXPERIMENT),
 * idle only: before the ramp and after the cool-down. A target that does not serve it gets a
 * {@code missing} capture and the run goes on.
 */
final class GoroutineLeak implements WindowCapture {
    @Override
    public void idleSnapshot(IdleSnapshot snapshot) {
        snapshot.take(CaptureKind.GOROUTINE_LEAK, snapshot.target().pprof("goroutineleak"));
    }
}
