package io.schedgate.plan;

import java.util.Map;

/**
 * Named starting points for a plan; every value can still be overridden property by property.
 * {@code default} stays under 6 minutes against the lab, {@code smoke} under 90 s for CI.
 */
public final class Presets {
    public static final String DEFAULT = "default";
    public static final String SMOKE = "smoke";

    /** A mix that exercises each lab behaviour: healthy CPU, wake-ups, a hot lock, a herd, leaks, GC. */
    public static final String LAB_MIX =
            "/healthy?us=50@4,/fanout?n=64@2,/hotlock?us=20@2,/herd?us=20@1,/leak?n=1@1,/alloc?kb=256@1";

    private static final Map<String, Map<String, String>> PRESETS = Map.of(
            // 6 steps (the USL fit needs 6) x (8 + 24 + 2) s = 204 s, + 20 s cool-down: about 4 min with
            // start-up, as the 5 steps of 42 s it replaced. Lock verdicts are rates, so the shorter window
            // gives the same class.
            DEFAULT,
                    Map.of(
                            PlanSources.STEPS, "100,200,400,800,1200,1600",
                            PlanSources.WARMUP_SECONDS, "8",
                            PlanSources.WINDOW_SECONDS, "24",
                            PlanSources.TAIL_SECONDS, "2",
                            PlanSources.COOLDOWN_SECONDS, "20",
                            PlanSources.MIX, LAB_MIX),
            // 3 steps x (3 + 5 + 1) s = 27 s, + 5 s cool-down.
            SMOKE,
                    Map.of(
                            PlanSources.STEPS, "50,100,200",
                            PlanSources.WARMUP_SECONDS, "3",
                            PlanSources.WINDOW_SECONDS, "5",
                            PlanSources.TAIL_SECONDS, "1",
                            PlanSources.COOLDOWN_SECONDS, "5",
                            PlanSources.MIX, LAB_MIX));

    private Presets() {}

    public static boolean exists(String name) {
        return PRESETS.containsKey(name);
    }

    public static java.util.Set<String> names() {
        return new java.util.TreeSet<>(PRESETS.keySet());
    }

    /** The preset's values keyed like the properties (without the {@code schedgate.} prefix). */
    static Map<String, String> values(String name) {
        Map<String, String> values = PRESETS.get(name);
        if (values == null) {
            throw new InvalidPlanException(PlanSources.PRESET, "unknown preset '" + name + "'; use one of " + names());
        }
        return values;
    }
}
