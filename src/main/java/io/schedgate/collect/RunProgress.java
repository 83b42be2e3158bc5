package io.schedgate.collect;

import io.schedgate.load.StepLoadCounters;
import io.schedgate.plan.RampPlan;
import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.text.Numbers;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** The collector's console lines: where the ramp is, what each step got, and why a run stopped. */
final class RunProgress {
    private final RampPlan plan;
    private final StepLoadCounters counters;
    private final Consumer<String> console;

    RunProgress(RampPlan plan, StepLoadCounters counters, Consumer<String> console) {
        this.plan = plan;
        this.counters = counters;
        this.console = console;
    }

    /** A line as it is, e.g. a warning worded elsewhere. */
    void say(String line) {
        console.accept(line);
    }

    /** {@code step 2/5 40 qps}: how every line about step {@code i} begins. */
    String stepName(int i) {
        return String.format(
                Locale.ROOT,
                "step %d/%d %s qps",
                i + 1,
                plan.stepCount(),
                Numbers.num(plan.stepsQps().get(i)));
    }

    void warmUp(String name) {
        console.accept(name + ": warm-up " + plan.warmup().toSeconds() + " s");
    }

    /** A tick of step {@code i}'s window at {@code tickNanos}, with the rates so far once a second has passed. */
    void capturing(int i, String name, long tickNanos, long windowStartNanos) {
        double secs = (System.nanoTime() - windowStartNanos) / 1e9;
        String rates = secs < 1
                ? ""
                : String.format(
                        Locale.ROOT,
                        ", offered %s achieved %s qps",
                        Numbers.num(counters.offeredSoFar(i) / secs),
                        Numbers.num(counters.succeededSoFar(i) / secs));
        console.accept(String.format(
                Locale.ROOT,
                "%s: capturing %d/%d s%s",
                name,
                Math.round((tickNanos - windowStartNanos) / 1e9),
                plan.windowSeconds(),
                rates));
    }

    /** A step's summary, and a warning when the harness sent more than 1 % of its requests late. */
    void stepDone(String name, LoadNumbers load, Map<String, Manifest.Capture> captures) {
        console.accept(String.format(
                Locale.ROOT,
                "%s: done, offered %s achieved %s qps, %d errors, p99 %s ms, %s",
                name,
                Numbers.num(load.offeredQps()),
                Numbers.num(load.achievedQps()),
                load.errors(),
                load.latencyMs() == null ? "-" : Numbers.num(load.latencyMs().p99()),
                summary(captures)));
        if (load.lateForTheTarget()) {
            // every pooled user was waiting on a response when arrivals fell due: the target set the pace
            console.accept(String.format(
                    Locale.ROOT,
                    "%s: %d of %d requests went out late with every pooled user waiting on a response:"
                            + " the target stopped keeping up",
                    name,
                    load.lateUsersBusy(),
                    load.requests()));
        } else if (load.requests() > 0 && load.late() * 100 > load.requests()) {
            // more than 1 % late with users free: offered and latency describe the harness as much as the target
            console.accept(String.format(
                    Locale.ROOT,
                    "%s: warning: %d of %d requests sent over %d ms late with pooled users free: the harness fell"
                            + " behind (-Dschedgate.users, -Dschedgate.target.pin)",
                    name,
                    load.late(),
                    load.requests(),
                    StepLoadCounters.LATE_NANOS / 1_000_000));
        }
    }

    void coolDown() {
        console.accept(String.format(
                Locale.ROOT,
                "cool-down: %d s without load, then final snapshots",
                plan.cooldown().toSeconds()));
    }

    /** {@code baseline: captures 3/3 ok} (or {@code final: ...}). */
    void snapshot(String label, Map<String, Manifest.Capture> captures) {
        console.accept(label + ": " + summary(captures));
    }

    /** What the pacer dropped, none when nothing: the harness's share warned about, the target's said. */
    void unsent(long unsent, long usersBusy) {
        if (unsent - usersBusy > 0) {
            console.accept(String.format(
                    Locale.ROOT,
                    "warning: %d arrivals were never sent with a pooled user free for them (dropped at their step's"
                            + " end): the plan is above what this harness can send; see each step's load.unsent",
                    unsent - usersBusy));
        }
        if (usersBusy > 0) {
            console.accept(String.format(
                    Locale.ROOT,
                    "%d arrivals were never sent because every pooled user was waiting on the target (its"
                            + " saturation; load.unsentUsersBusy)",
                    usersBusy));
        }
    }

    /** {@code run interrupted: ...}, for every end but {@code complete}. */
    void stopped(String status, String reason) {
        if (!Manifest.COMPLETE.equals(status)) {
            console.accept("run " + status + ": " + reason);
        }
    }

    static String summary(Map<String, Manifest.Capture> captures) {
        long ok = captures.values().stream().filter(Manifest.Capture::ok).count();
        StringBuilder sb = new StringBuilder("captures " + ok + "/" + captures.size() + " ok");
        captures.forEach((k, c) -> {
            if (!c.ok()) {
                sb.append("; ").append(k).append(' ').append(c.status());
            }
        });
        return sb.toString();
    }
}
