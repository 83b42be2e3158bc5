package io.schedgate.verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When several checks fail, which failure is the cause and which are its consequences. An overloaded
 * step fails five checks at once; reading them in table order would name a consequence (saturation,
 * a goroutine pile-up) as the reason. The order, cause first: a leak (goroutines that never end pile
 * up at every step), a wake-up blow-up (each request wakes ever more goroutines, which then queue on
 * the scheduler), sched.lock pressure (the scheduler's own lock, where those wake-ups serialise), lock
 * contention (requests serialise on an application lock), then the consequences: goroutines piling up
 * beyond Little's law, the USL fit, saturation and capacity.
 *
 * @param cause the failure to read first
 * @param consequences the other failures at the cause's step (or ramp-wide), cause-ordered
 */
public record CausalOrder(CheckResult cause, List<CheckResult> consequences) {

    /** Check ids, cause first; an id not listed ranks after all of them. */
    static final List<String> RANK = List.of(
            GoroutineCheck.LEAK_ID,
            WakeUpLinearityCheck.ID,
            SchedLockPressureCheck.ID,
            SchedLatencyCheck.ID,
            LockContentionCheck.ID,
            GoroutineCheck.BLOWUP_ID,
            GoroutineCheck.GROWTH_ID,
            UslCheck.ID,
            SaturationCheck.ID,
            SchedLockBaseline.ID,
            CapacityCheck.ID);

    /**
     * The cause among a verdict's FAILs: the earliest step that fails is where the trouble starts; at
     * it (together with the ramp-wide results) the highest-ranked failure is the cause. Empty without FAIL.
     */
    public static Optional<CausalOrder> of(Verdict v) {
        List<CheckResult> fails =
                v.results().stream().filter(r -> r.status() == Status.FAIL).toList();
        if (fails.isEmpty()) {
            return Optional.empty();
        }
        int onset = fails.stream()
                .filter(r -> !r.rampWide())
                .mapToInt(CheckResult::stepIndex)
                .min()
                .orElse(-1);
        List<CheckResult> atOnset = new ArrayList<>(fails.stream()
                .filter(r -> r.rampWide() || r.stepIndex() == onset)
                .toList());
        atOnset.sort(Comparator.comparingInt(CausalOrder::rank));
        return Optional.of(new CausalOrder(atOnset.get(0), List.copyOf(atOnset.subList(1, atOnset.size()))));
    }

    static int rank(CheckResult r) {
        int i = RANK.indexOf(r.checkId());
        return i < 0 ? RANK.size() : i;
    }
}
