package io.schedgate.collect;

/**
 * One capture the collector takes from the target, as a plug-in (JMH's {@code InternalProfiler} is
 * the model: hooks before and after each measured iteration). The collector calls every registered
 * capture ({@link CaptureRegistry}) at each step window's start and end, and at the idle snapshots
 * before the ramp and after the cool-down; a capture hands what it takes to the window or snapshot
 * it is given, under its {@link io.schedgate.run.CaptureKind}, which names its manifest key and file.
 * A hook it does not need stays the default, doing nothing.
 *
 * <p>The hooks run on the collector's thread and must return at once: anything that waits (a delta
 * profile's {@code ?seconds=window}, a trace slice later in the window) is launched with {@link
 * StepWindow#launch} and runs on the capture pool, concurrently with the others.
 */
interface WindowCapture {
    /** At the window's start, once the step's warm-up is over. */
    default void windowStart(StepWindow window) {}

    /** At the window's end, before the collector waits for everything launched in the window. */
    default void windowEnd(StepWindow window) {}

    /** The idle snapshot before the ramp ({@code baseline/}) or after the cool-down ({@code final/}). */
    default void idleSnapshot(IdleSnapshot snapshot) {}
}
