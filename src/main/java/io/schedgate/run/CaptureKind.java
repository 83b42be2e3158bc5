package io.schedgate.run;

import java.util.List;

/**
 * Every kind of file the collector takes from a target: its key in {@code manifest.json}'s
 * {@code captures} maps and its file name in the step, {@code baseline/} or {@code final/} folder.
 * The keys are the manifest's schema ({@value Manifest#SCHEMA}): they never change.
 */
public enum CaptureKind {
    CPU("cpu", "cpu.pb.gz"),
    MUTEX("mutex", "mutex.pb.gz"),
    BLOCK("block", "block.pb.gz"),
    GOROUTINE_START("goroutineStart", "goroutine-start.pb.gz"),
    GOROUTINE_END("goroutineEnd", "goroutine-end.pb.gz"),
    METRICS_START("metricsStart", "metrics-start.txt"),
    METRICS_END("metricsEnd", "metrics-end.txt"),
    /**
     * The Go execution trace ({@code /debug/pprof/trace?seconds=S}) over a slice of the window, when
     * the run traces ({@code schedgate.trace.seconds} > 0). Added after schema 1's first runs: a step
     * without it is an older run or one with tracing off, never an error.
     */
    TRACE("trace", "trace.out"),
    /** Baseline and final snapshots. */
    GOROUTINE("goroutine", "goroutine.pb.gz"),
    METRICS("metrics", "metrics.txt"),
    GOROUTINE_LEAK("goroutineleak", "goroutineleak.pb.gz");

    /** A step's captures, in the manifest's order; {@link #TRACE} follows them when the run traces. */
    public static final List<CaptureKind> STEP =
            List.of(CPU, MUTEX, BLOCK, GOROUTINE_START, GOROUTINE_END, METRICS_START, METRICS_END);
    /** The idle snapshots before the ramp and after the cool-down, in the manifest's order. */
    public static final List<CaptureKind> SNAPSHOT = List.of(GOROUTINE, METRICS, GOROUTINE_LEAK);

    private final String key;
    private final String fileName;

    CaptureKind(String key, String fileName) {
        this.key = key;
        this.fileName = fileName;
    }

    /** The manifest key, e.g. {@code goroutineEnd}. */
    public String key() {
        return key;
    }

    /** The file name inside its folder, e.g. {@code goroutine-end.pb.gz}. */
    public String fileName() {
        return fileName;
    }

    /** The kind with manifest key {@code key}; an unknown key is an error naming it. */
    public static CaptureKind ofKey(String key) {
        for (CaptureKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown capture '" + key + "' in " + RunDirectory.MANIFEST);
    }
}
