package io.schedgate.experiment;

import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Experiment} found: one {@link Repetition} per run (its verdict, run directory and
 * HTML report) and, across them, the {@link #agreement() agreement} of every check.
 *
 * @param name the experiment's name
 * @param repetitions in the order they ran, at least one
 */
public record ExperimentResult(String name, List<Repetition> repetitions) {

    /**
     * One run of the experiment.
     *
     * @param index 1-based
     * @param verdict the verdict engine's judgement of the run directory
     * @param runDirectory the collector's run directory (manifest.json, steps, verdict.json)
     * @param report the run's report.html
     */
    public record Repetition(int index, Verdict verdict, Path runDirectory, Path report) {
        public Repetition {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(runDirectory, "runDirectory");
        }
    }

    public ExperimentResult {
        repetitions = List.copyOf(repetitions);
        if (repetitions.isEmpty()) {
            throw new IllegalArgumentException("an experiment result has at least one repetition");
        }
    }

    /** The first repetition's verdict (the only one without {@code repeat(n)}). */
    public Verdict verdict() {
        return repetitions.get(0).verdict();
    }

    /** The first repetition's run directory. */
    public Path runDirectory() {
        return repetitions.get(0).runDirectory();
    }

    /** The first repetition's report.html. */
    public Path report() {
        return repetitions.get(0).report();
    }

    /** Every repetition's verdict, in order. */
    public List<Verdict> verdicts() {
        return repetitions.stream().map(Repetition::verdict).toList();
    }

    /** Per check and step, whether all repetitions agreed on its status, and the spread of its value. */
    public RepeatAgreement agreement() {
        return RepeatAgreement.of(verdicts());
    }

    /**
     * Hands each repetition's run directory and report, and the agreement, to {@code entry} as key
     * and value: with JUnit 5, {@code result.publish(testReporter::publishEntry)} puts them in the
     * test's report (keys {@code <name>.<n>.runDirectory}, {@code <name>.<n>.report},
     * {@code <name>.agreement}).
     */
    public void publish(java.util.function.BiConsumer<String, String> entry) {
        for (Repetition r : repetitions) {
            entry.accept(
                    name + "." + r.index() + ".runDirectory", r.runDirectory().toString());
            if (r.report() != null) {
                entry.accept(
                        name + "." + r.index() + ".report", r.report().toUri().toString());
            }
        }
        entry.accept(name + ".agreement", agreement().render());
    }

    /** One line per repetition: gate, capacity and every non-passing result. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (Repetition r : repetitions) {
            Verdict v = r.verdict();
            out.append(name)
                    .append(" rep ")
                    .append(r.index())
                    .append('/')
                    .append(repetitions.size())
                    .append(": gate ")
                    .append(
                            v.gate().passed()
                                    ? "PASS"
                                    : "FAIL (exit " + v.gate().exitCode() + ")")
                    .append(", capacity ")
                    .append(
                            v.capacity().qps() == null
                                    ? "none"
                                    : String.format(
                                            java.util.Locale.ROOT,
                                            "%.0f qps",
                                            v.capacity().qps()));
            for (CheckResult c : v.results()) {
                if (c.status() != io.schedgate.verdict.Status.PASS) {
                    out.append("; ").append(describe(c));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String describe(CheckResult c) {
        return c.checkId() + (c.rampWide() ? " (ramp)" : " step " + c.stepIndex()) + " " + c.status() + ": "
                + c.evidence();
    }
}
