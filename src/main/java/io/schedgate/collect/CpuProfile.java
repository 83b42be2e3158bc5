package io.schedgate.collect;

import io.schedgate.run.CaptureKind;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The CPU profile over the window ({@code /debug/pprof/profile?seconds=window}), launched at its
 * start. Go allows one CPU profile at a time and refuses a second with HTTP 500: when the previous
 * step's profile still runs, this one waits 5 s for it, then records why it has none.
 */
final class CpuProfile implements WindowCapture {
    private final Semaphore oneAtATime = new Semaphore(1);

    @Override
    public void windowStart(StepWindow window) {
        String url = window.target().pprof("profile?seconds=" + window.seconds());
        window.launch(CaptureKind.CPU, () -> {
            if (!oneAtATime.tryAcquire(5, TimeUnit.SECONDS)) {
                return Capturer.failed("previous CPU profile still running (Go allows one at a time)");
            }
            try {
                return window.capture(CaptureKind.CPU, url, window.deltaTimeout());
            } finally {
                oneAtATime.release();
            }
        });
    }
}
