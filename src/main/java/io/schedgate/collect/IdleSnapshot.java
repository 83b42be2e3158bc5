package io.schedgate.collect;

import io.schedgate.run.CaptureKind;
import io.schedgate.run.Manifest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The idle snapshot before the ramp ({@code baseline/}) or after the cool-down ({@code final/}) as
 * the {@link WindowCapture}s see it: each capture is taken at once, one after the other.
 */
final class IdleSnapshot {
    private final String folder;
    private final TargetEndpoints target;
    private final Capturer capturer;
    private final Duration timeout;
    private final Map<CaptureKind, Manifest.Capture> taken = new EnumMap<>(CaptureKind.class);

    IdleSnapshot(String folder, TargetEndpoints target, Capturer capturer, Duration timeout) {
        this.folder = folder;
        this.target = target;
        this.capturer = capturer;
        this.timeout = timeout;
    }

    TargetEndpoints target() {
        return target;
    }

    /** GETs {@code url} into the snapshot's file for {@code kind}, within the snapshot timeout. */
    void take(CaptureKind kind, String url) {
        taken.put(
                kind,
                capturer.capture(url, folder + "/" + kind.fileName(), timeout).capture());
    }

    /** What was taken, keyed and ordered as in the manifest. */
    Map<String, Manifest.Capture> captures() {
        Map<String, Manifest.Capture> ordered = new LinkedHashMap<>();
        taken.forEach((kind, c) -> ordered.put(kind.key(), c));
        return ordered;
    }
}
