package io.schedgate.collect;

import io.schedgate.run.LoadNumbers;
import io.schedgate.run.Manifest;
import io.schedgate.text.Numbers;
import java.util.List;

/**
 * The load headroom this run measured against its own target: the rate the harness really sent at the
 * first step where it could not keep to the plan (late with pooled users free, or arrivals dropped at
 * the step's end with a user free, {@link LoadNumbers#harnessBehind()}) above every rate it kept to. A figure from another target or another day
 * (bench/load-headroom.sh against the lab's /ping) says little about this one.
 *
 * @param qps what the harness sent at that step, null when it kept to the plan at every step
 * @param sentence the same for people and the manifest
 */
record Headroom(Double qps, String sentence) {

    static Headroom of(List<Manifest.Step> steps) {
        double highestKept = 0;
        for (Manifest.Step s : steps) {
            LoadNumbers l = s.load();
            if (l != null && !l.harnessBehind()) {
                highestKept = Math.max(highestKept, l.offeredQps());
            }
        }
        for (Manifest.Step s : steps) {
            LoadNumbers l = s.load();
            if (l == null) {
                continue;
            }
            // a step that fell behind below a rate another step kept to was a passing stall (JIT, connection
            // set-up, a busy machine), not the harness's limit
            if (l.harnessBehind() && l.offeredQps() > highestKept) {
                long dropped = l.unsent() - l.unsentUsersBusy();
                String why = dropped > 0
                        ? Numbers.count(dropped, "arrival") + " never sent with a user free"
                        : Numbers.percent(l.lateRate()) + " of requests late with pooled users free";
                return new Headroom(
                        l.offeredQps(),
                        "about " + Numbers.num(l.offeredQps()) + " req/s against this target: step "
                                + s.index() + " planned " + Numbers.num(s.targetQps()) + " (" + why
                                + "); a step above it measures the harness, not the target");
            }
        }
        return new Headroom(null, "kept to the plan at every step (up to " + Numbers.num(highestKept) + " req/s sent)");
    }
}
