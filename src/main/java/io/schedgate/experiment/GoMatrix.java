package io.schedgate.experiment;

import io.schedgate.metrics.GoRelease;
import io.schedgate.service.GoServiceException;
import io.schedgate.service.GoToolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One experiment on a Go module built with several Go toolchains, and the comparison of every check
 * across them ({@link GoMatrixResult#render()}):
 *
 * <pre>{@code
 * GoMatrixResult m = GoMatrix.of(Experiment.goModule(Path.of("service")).steps(100, 200, 400))
 *         .go("/usr/lib/go-1.23/bin/go")     // a go binary
 *         .go("go")                          // the one on PATH
 *         .toolchain("go1.27.3")             // fetched by the go command through GOTOOLCHAIN
 *         .run(Path.of("target/go-matrix"));
 * System.out.print(m.render());   // and m.report(): target/go-matrix/go-matrix.html
 * }</pre>
 *
 * Every toolchain is asked for its version before the first ramp: one that cannot run or be fetched
 * stops the matrix with one line naming it.
 */
public final class GoMatrix {

    private final Experiment experiment;
    private final List<UnaryOperator<Experiment>> builds;

    private GoMatrix(Experiment experiment, List<UnaryOperator<Experiment>> builds) {
        this.experiment = experiment;
        this.builds = List.copyOf(builds);
    }

    /** The experiment to repeat per Go; it must name a {@link Experiment#goModule(Path) Go module}. */
    public static GoMatrix of(Experiment experiment) {
        Objects.requireNonNull(experiment, "experiment");
        experiment.go("go"); // refuses an image or URL, naming why
        return new GoMatrix(experiment, List.of());
    }

    /** One more column: built with this go binary (GOTOOLCHAIN=local). */
    public GoMatrix go(String command) {
        return plus(e -> e.go(command));
    }

    /** One more column: built with this toolchain through GOTOOLCHAIN (the default go fetches it). */
    public GoMatrix toolchain(String name) {
        return plus(e -> e.goToolchain(name));
    }

    private GoMatrix plus(UnaryOperator<Experiment> build) {
        build.apply(experiment); // a bad argument fails here, not at run()
        List<UnaryOperator<Experiment>> more = new ArrayList<>(builds);
        more.add(build);
        return new GoMatrix(experiment, more);
    }

    /**
     * Runs the experiment once per Go, in the order given, under {@code outDir/go<version>/}, and writes
     * the comparison into {@code outDir/go-matrix.html} ({@link GoMatrixResult#report()}).
     */
    public GoMatrixResult run(Path outDir) {
        if (builds.size() < 2) {
            throw new IllegalStateException("a Go matrix compares: name at least two Go toolchains");
        }
        List<Experiment> each = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (UnaryOperator<Experiment> build : builds) {
            Experiment e = build.apply(experiment);
            GoToolchain go = e.toolchain();
            String version;
            try {
                version = go.version();
            } catch (GoServiceException x) {
                throw new ExperimentException("Go matrix of " + experiment.name() + ": " + x.getMessage(), x);
            }
            if (versions.contains(version)) {
                throw new ExperimentException("Go matrix of " + experiment.name() + ": " + go.describe() + " is "
                        + version + " again: name different Go versions");
            }
            versions.add(version);
            each.add(e.named(experiment.name() + "-" + version.toLowerCase(Locale.ROOT)));
        }
        List<GoMatrixResult.Column> columns = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
            columns.add(new GoMatrixResult.Column(versions.get(i), each.get(i).run(outDir)));
        }
        return new GoMatrixResult(experiment.name(), columns).withReport(outDir);
    }

    /** The Go minor version ({@code go1.23.5} → 23), -1 when unreadable. */
    static int minor(String version) {
        return GoRelease.minor(version).orElse(-1);
    }
}
