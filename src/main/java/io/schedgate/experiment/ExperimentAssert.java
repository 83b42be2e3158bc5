package io.schedgate.experiment;

import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Status;
import io.schedgate.verdict.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Assertions on an experiment's verdict that read as the expectation and fail with the verdict's
 * evidence. Every assertion holds for every repetition.
 *
 * <pre>{@code
 * import static io.schedgate.experiment.ExperimentAssert.assertThat;
 *
 * assertThat(result).gatePasses().hasCapacity();
 * assertThat(result).check("lock.contention").atStep(3).fails().naming("main.go:38");
 * assertThat(result).check("wakeup.linearity").anyStep().fails();
 * assertThat(result).isStable();
 * }</pre>
 */
public final class ExperimentAssert {

    private final ExperimentResult result;

    private ExperimentAssert(ExperimentResult result) {
        this.result = Objects.requireNonNull(result, "result");
    }

    public static ExperimentAssert assertThat(ExperimentResult result) {
        return new ExperimentAssert(result);
    }

    /** The release gate passed in every repetition. */
    public ExperimentAssert gatePasses() {
        for (ExperimentResult.Repetition r : result.repetitions()) {
            if (!r.verdict().gate().passed()) {
                throw failure(
                        "expected the gate to pass",
                        r,
                        String.join("; ", r.verdict().gate().reasons()));
            }
        }
        return this;
    }

    /** The release gate failed in every repetition. */
    public ExperimentAssert gateFails() {
        for (ExperimentResult.Repetition r : result.repetitions()) {
            if (r.verdict().gate().passed()) {
                throw failure("expected the gate to fail", r, null);
            }
        }
        return this;
    }

    /** Every repetition stated a capacity (a step at which every check passed). */
    public ExperimentAssert hasCapacity() {
        for (ExperimentResult.Repetition r : result.repetitions()) {
            if (r.verdict().capacity().qps() == null) {
                throw failure("expected a capacity", r, null);
            }
        }
        return this;
    }

    /** Every check at every step got the same status in every repetition. */
    public ExperimentAssert isStable() {
        RepeatAgreement a = result.agreement();
        if (!a.fullAgreement()) {
            throw new AssertionError("expected every repetition of " + result.name() + " to agree\n" + a.render());
        }
        return this;
    }

    /** Assertions on one check, by id (e.g. {@code lock.contention}, {@code wakeup.linearity}). */
    public CheckAssert check(String checkId) {
        boolean known = result.verdicts().stream()
                .flatMap(v -> v.results().stream())
                .anyMatch(c -> c.checkId().equals(checkId));
        if (!known) {
            throw new AssertionError("no check '" + checkId + "' in the verdict of " + result.name() + "; it has "
                    + result.verdict().results().stream()
                            .map(CheckResult::checkId)
                            .distinct()
                            .toList());
        }
        return new CheckAssert(this, checkId, null, c -> true, "");
    }

    /**
     * A check's results, narrowed step by step: to a step ({@link #atStep(int)}, {@link #rampWide()};
     * {@link #anyStep()} is every step) and then by each expectation ({@link #fails()},
     * {@link #naming(String)}, ...). An expectation holds when, in every repetition, at least one result
     * matches it and every expectation before it: a check that judged several sites at a step (one per
     * lock) passes {@code atStep(3).fails().naming("main.go:24")} when the failing one names that line.
     */
    public static final class CheckAssert {
        private final ExperimentAssert parent;
        private final String checkId;
        private final Integer step;
        private final Predicate<CheckResult> matching;
        private final String expected;

        private CheckAssert(
                ExperimentAssert parent,
                String checkId,
                Integer step,
                Predicate<CheckResult> matching,
                String expected) {
            this.parent = parent;
            this.checkId = checkId;
            this.step = step;
            this.matching = matching;
            this.expected = expected;
        }

        /** The result at this step (1-based, as in the run directory). */
        public CheckAssert atStep(int stepIndex) {
            return new CheckAssert(parent, checkId, stepIndex, c -> true, "");
        }

        /** The ramp-wide result. */
        public CheckAssert rampWide() {
            return new CheckAssert(parent, checkId, CheckResult.RAMP, c -> true, "");
        }

        /** Any of the check's results. */
        public CheckAssert anyStep() {
            return new CheckAssert(parent, checkId, null, c -> true, "");
        }

        public CheckAssert passes() {
            return hasStatus(Status.PASS);
        }

        public CheckAssert warns() {
            return hasStatus(Status.WARN);
        }

        public CheckAssert fails() {
            return hasStatus(Status.FAIL);
        }

        /** Judged a problem, of either severity: how far above the warn threshold can vary from run to run. */
        public CheckAssert warnsOrFails() {
            return matches(c -> c.status() == Status.WARN || c.status() == Status.FAIL, "status WARN or FAIL");
        }

        public CheckAssert hasNoData() {
            return hasStatus(Status.NO_DATA);
        }

        public CheckAssert hasStatus(Status status) {
            return matches(c -> c.status() == status, "status " + status);
        }

        /** The evidence names this, e.g. a source line ({@code main.go:38}) or a function. */
        public CheckAssert naming(String text) {
            return matches(c -> c.evidence().contains(text), "evidence naming '" + text + "'");
        }

        /** A detail of the result equals this value (compared as text). */
        public CheckAssert hasDetail(String key, Object value) {
            return matches(
                    c -> c.detailsMap().containsKey(key)
                            && String.valueOf(c.detailsMap().get(key)).equals(String.valueOf(value)),
                    "detail " + key + " = " + value);
        }

        /** Back to the whole result, for the next check. */
        public ExperimentAssert and() {
            return parent;
        }

        private CheckAssert matches(Predicate<CheckResult> test, String what) {
            Predicate<CheckResult> all = matching.and(test);
            String expectation = expected.isEmpty() ? what : expected + ", " + what;
            for (ExperimentResult.Repetition r : parent.result.repetitions()) {
                List<CheckResult> mine = selected(r.verdict());
                if (mine.isEmpty()) {
                    throw parent.failure(
                            "expected " + checkId + " " + where() + " with " + expectation
                                    + ", but it has no result there",
                            r,
                            null);
                }
                if (mine.stream().noneMatch(all)) {
                    StringBuilder got = new StringBuilder();
                    mine.forEach(c -> got.append("\n    ").append(ExperimentResult.describe(c)));
                    throw parent.failure(
                            "expected " + checkId + " " + where() + " with " + expectation + "; got:" + got, r, null);
                }
            }
            return new CheckAssert(parent, checkId, step, all, expectation);
        }

        private List<CheckResult> selected(Verdict v) {
            return v.results().stream()
                    .filter(c -> c.checkId().equals(checkId))
                    .filter(c -> step == null || c.stepIndex() == step)
                    .toList();
        }

        private String where() {
            if (step == null) {
                return "at any step";
            }
            return step == CheckResult.RAMP ? "ramp-wide" : "at step " + step;
        }
    }

    private AssertionError failure(String expectation, ExperimentResult.Repetition r, String detail) {
        return new AssertionError(expectation + " (" + result.name() + " repetition " + r.index() + " of "
                + result.repetitions().size() + ")" + (detail == null || detail.isEmpty() ? "" : ": " + detail)
                + "\nverdict: "
                + result.summary().lines().skip(r.index() - 1L).findFirst().orElse("")
                + "\nrun directory: " + r.runDirectory() + "\nreport: " + r.report());
    }
}
