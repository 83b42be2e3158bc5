package io.schedgate.collect;

import io.schedgate.run.CaptureKind;
import java.time.Duration;

/**
 * {@code seconds} of Go execution trace ({@code /debug/pprof/trace?seconds=S}) centred in the window,
 * so the trace sees the step's steady state, not its edges; none when {@code seconds} is 0.
 *
 * <p>The trace runs while the CPU, mutex and block profiles do: Go keeps them apart (the CPU
 * profile's one-at-a-time rule is its own; a trace refuses only a second trace), so they do not
 * fail each other. The trace does cost the target a little CPU over its slice, which the CPU
 * profile then sees; a short slice keeps that small.
 */
final class TraceSlice implements WindowCapture {
    private final int seconds;

    TraceSlice(int seconds) {
        this.seconds = seconds;
    }

    @Override
    public void windowStart(StepWindow window) {
        if (seconds == 0) {
            return;
        }
        long startNanos = window.nanoTimeAt(Duration.ofMillis((window.seconds() - seconds) * 1000L / 2));
        String url = window.target().pprof("trace?seconds=" + seconds);
        window.launch(CaptureKind.TRACE, () -> {
            window.sleepUntil(startNanos);
            if (window.stopped()) {
                return Capturer.failed("run stopped before the trace slice began");
            }
            return window.capture(
                    CaptureKind.TRACE, url, Duration.ofSeconds(seconds).plus(window.deltaMargin()));
        });
    }
}
