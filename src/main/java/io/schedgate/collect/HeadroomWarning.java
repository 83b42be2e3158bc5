package io.schedgate.collect;

import io.schedgate.plan.RampPlan;
import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.run.RunDirectory;
import io.schedgate.text.Numbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * At the start of a ramp: does a step ask more than the injectors this run has can send? The
 * reference is the load headroom the most recent earlier run in the same runs folder measured
 * ({@link Headroom}, recorded in its manifest's harness), per injector it had, times the injectors
 * this run has. Without such a run there is no warning: a figure from another target says little.
 */
final class HeadroomWarning {

    private HeadroomWarning() {}

    /**
     * The warning for {@code plan} run by {@code injectors} processes (this one included), from the latest
     * run under {@code runs} other than {@code current} that measured a headroom; empty when none did or
     * the plan stays under it.
     */
    static Optional<String> of(RampPlan plan, int injectors, Path runs, Path current) {
        Optional<Reference> ref = latest(runs, current);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        Reference r = ref.get();
        double perInjector = r.headroomQps() / r.injectors();
        double canSend = perInjector * injectors;
        List<Double> steps = plan.stepsQps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) > canSend) {
                return Optional.of("step " + (i + 1) + " asks " + Numbers.num(steps.get(i))
                        + " req/s, above what " + Numbers.count(injectors, "injector") + " can send: the last run that"
                        + " measured it (" + r.dir().getFileName() + ") reached " + Numbers.num(r.headroomQps())
                        + " req/s with " + Numbers.count(r.injectors(), "injector") + ", about "
                        + Numbers.num(canSend) + " req/s for this run; steps above it will be 'harness behind':"
                        + " add injectors (-Dschedgate.injectors) or lower the steps");
            }
        }
        return Optional.empty();
    }

    /** An earlier run's measured headroom and how many injectors sent it. */
    record Reference(Path dir, double headroomQps, int injectors) {}

    static Optional<Reference> latest(Path runs, Path current) {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(d -> !d.toAbsolutePath().equals(current.toAbsolutePath()) && RunDirectory.isRun(d))
                    .sorted(Comparator.comparing(HeadroomWarning::modified).reversed())
                    .map(HeadroomWarning::reference)
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty(); // only a warning: an unreadable folder gives none
        }
    }

    private static FileTime modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(RunDirectory.MANIFEST));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Optional<Reference> reference(Path dir) {
        Manifest m;
        try {
            m = RunDirectory.read(dir);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        if (m.harness() == null || m.harness().headroomQps() == null) {
            return Optional.empty();
        }
        int injectors = 1;
        for (Manifest.Step s : m.steps()) {
            LoadNumbers l = s.load();
            if (l != null && l.injectors() != null) {
                injectors = Math.max(injectors, l.injectors().size());
            }
        }
        return Optional.of(new Reference(dir, m.harness().headroomQps(), injectors));
    }
}
