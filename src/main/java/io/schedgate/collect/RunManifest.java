package io.schedgate.collect;

import io.schedgate.load.StepLoadCounters;
import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.run.Timestamps;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The run's manifest as it grows: rewritten to disk after every change, so whatever stops the run
 * leaves what was collected so far; and ended exactly once, with the status that says why. After
 * the end no change lands.
 */
final class RunManifest {
    private final RunDirectory dir;
    private Manifest manifest;
    private volatile boolean ended;

    RunManifest(RunDirectory dir, Manifest initial) {
        this.dir = dir;
        this.manifest = initial;
    }

    synchronized Manifest current() {
        return manifest;
    }

    /** True once {@link #end} ran. */
    boolean ended() {
        return ended;
    }

    void baseline(Manifest.Snapshot baseline) {
        update(m -> with(m, baseline, m.steps(), m.finalSnapshot()));
    }

    void addStep(Manifest.Step step) {
        update(m -> {
            List<Manifest.Step> steps = new ArrayList<>(m.steps());
            steps.add(step);
            return with(m, m.baseline(), steps, m.finalSnapshot());
        });
    }

    /**
     * The final snapshot, and each step's arrivals the pacer dropped: an arrival is dropped when a
     * user reaches it after its step ended, known only now; with them the load headroom ({@link Headroom}),
     * recorded in the harness and said on {@code console}.
     */
    void finalSnapshot(Manifest.Snapshot last, StepLoadCounters counters, Consumer<String> console) {
        update(m -> {
            List<Manifest.Step> steps = withUnsent(m.steps(), counters);
            Headroom headroom = Headroom.of(steps);
            console.accept("load headroom: " + headroom.sentence());
            Manifest.Harness h =
                    m.harness() == null ? null : m.harness().withHeadroom(headroom.qps(), headroom.sentence());
            return with(m, h, m.baseline(), steps, last);
        });
    }

    /**
     * Ends the run once: status, reason, finishedAt, and the steps as {@code lastSteps} makes them
     * (the step in progress, as far as it got). False when the run had ended already. A manifest
     * that cannot be written (out of descriptors) is said on {@code console}; the run ends anyway.
     */
    synchronized boolean end(
            String status, String reason, UnaryOperator<List<Manifest.Step>> lastSteps, Consumer<String> console) {
        if (ended) {
            return false;
        }
        ended = true;
        Manifest m = manifest;
        manifest = new Manifest(
                m.schema(),
                m.simulation(),
                m.startedAt(),
                Timestamps.format(Instant.now()),
                status,
                reason,
                m.plan(),
                m.target(),
                m.harness(),
                m.baseline(),
                lastSteps.apply(m.steps()),
                m.finalSnapshot());
        try {
            dir.writeManifest(manifest);
        } catch (UncheckedIOException e) {
            // e.g. out of file descriptors: the last manifest written stays; say so, finish anyway
            console.accept("cannot write the final manifest ("
                    + FileDescriptors.exhaustion(e).orElse(String.valueOf(e.getCause()))
                    + "): the one on disk is from the last completed capture");
        }
        return true;
    }

    private synchronized void update(UnaryOperator<Manifest> change) {
        if (ended) {
            return;
        }
        manifest = change.apply(manifest);
        dir.writeManifest(manifest);
    }

    /** With several injectors, each one's numbers of the step with its dropped arrivals; else null. */
    private static List<LoadNumbers> eachWithUnsent(Manifest.Step st, StepLoadCounters counters) {
        List<LoadNumbers> each = st.load().injectors();
        if (each == null) {
            return null;
        }
        List<LoadNumbers> out = new ArrayList<>();
        for (int share = 0; share < each.size(); share++) {
            long[] u = counters.unsentOfShare(share, st.index() - 1);
            out.add(each.get(share).withUnsent(u[0], u[1]));
        }
        return out;
    }

    private static List<Manifest.Step> withUnsent(List<Manifest.Step> steps, StepLoadCounters counters) {
        List<Manifest.Step> out = new ArrayList<>();
        for (Manifest.Step st : steps) {
            LoadNumbers load = st.load() == null
                    ? null
                    : st.load()
                            .withUnsent(counters.unsentOf(st.index() - 1), counters.unsentUsersBusyOf(st.index() - 1))
                            .withInjectors(eachWithUnsent(st, counters));
            out.add(new Manifest.Step(
                    st.index(),
                    st.targetQps(),
                    st.stepStart(),
                    st.windowStart(),
                    st.windowEnd(),
                    st.stepEnd(),
                    load,
                    st.captures()));
        }
        return out;
    }

    private static Manifest with(
            Manifest m, Manifest.Snapshot baseline, List<Manifest.Step> steps, Manifest.Snapshot last) {
        return with(m, m.harness(), baseline, steps, last);
    }

    private static Manifest with(
            Manifest m,
            Manifest.Harness harness,
            Manifest.Snapshot baseline,
            List<Manifest.Step> steps,
            Manifest.Snapshot last) {
        return new Manifest(
                m.schema(),
                m.simulation(),
                m.startedAt(),
                m.finishedAt(),
                m.status(),
                m.statusReason(),
                m.plan(),
                m.target(),
                harness,
                baseline,
                steps,
                last);
    }
}
