package io.schedgate.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link RampPlan} from {@link PlanSources} and validates it before anything starts. */
public final class RampPlans {

    private RampPlans() {}

    /** The plan the current JVM's properties and environment describe. */
    public static RampPlan fromEnvironment() {
        return from(PlanSources.current());
    }

    public static RampPlan from(PlanSources sources) {
        String preset = sources.userValue(PlanSources.PRESET)
                .map(PlanSources.Value::text)
                .orElse(Presets.DEFAULT);
        Map<String, String> presetValues = Presets.values(preset);
        Resolver r = new Resolver(sources, presetValues, preset);

        List<Double> steps = steps(sources, r);
        int warmup = r.integer(PlanSources.WARMUP_SECONDS, 0);
        int window = r.integer(PlanSources.WINDOW_SECONDS, 1);
        int cooldown = r.integer(PlanSources.COOLDOWN_SECONDS, 0);
        int tail;
        Optional<PlanSources.Value> stepSeconds = sources.userValue(PlanSources.STEP_SECONDS);
        if (stepSeconds.isPresent()) {
            int step = r.integer(PlanSources.STEP_SECONDS, 1);
            tail = step - warmup - window;
            if (tail < 0) {
                throw new InvalidPlanException(
                        PlanSources.WINDOW_SECONDS,
                        "window " + window + " s after warm-up "
                                + warmup + " s is longer than the step ("
                                + stepSeconds.get().origin() + " = " + step
                                + " s); shorten the window or warm-up, or lengthen the step");
            }
        } else {
            tail = r.integer(PlanSources.TAIL_SECONDS, 0);
        }
        EndpointMix mix;
        PlanSources.Value mixValue = r.value(PlanSources.MIX);
        try {
            mix = EndpointMix.parse(mixValue.text());
        } catch (IllegalArgumentException e) {
            throw new InvalidPlanException(
                    PlanSources.MIX,
                    e.getMessage() + " (from " + mixValue.origin() + "); write it as /path?query@weight,/other@weight");
        }
        return new RampPlan(
                preset,
                steps,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(window),
                Duration.ofSeconds(tail),
                Duration.ofSeconds(cooldown),
                mix);
    }

    /**
     * The {@code schedgate.*} settings (without the prefix) that give {@code plan} back through {@link #from}:
     * what the collector hands its injectors, so they ramp on the collector's plan and not on their own.
     */
    public static Map<String, String> settings(RampPlan plan) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (Presets.names().contains(plan.preset())) {
            out.put(PlanSources.PRESET, plan.preset()); // every value below is explicit: it is only the name
        }
        out.put(
                PlanSources.STEPS,
                plan.stepsQps().stream()
                        .map(q -> q == Math.rint(q) ? String.valueOf(q.longValue()) : q.toString())
                        .collect(java.util.stream.Collectors.joining(",")));
        out.put(PlanSources.WARMUP_SECONDS, String.valueOf(plan.warmup().toSeconds()));
        out.put(PlanSources.WINDOW_SECONDS, String.valueOf(plan.window().toSeconds()));
        out.put(PlanSources.TAIL_SECONDS, String.valueOf(plan.tail().toSeconds()));
        out.put(PlanSources.COOLDOWN_SECONDS, String.valueOf(plan.cooldown().toSeconds()));
        out.put(PlanSources.MIX, plan.mix().spec());
        return out;
    }

    /** Longest response the default user pool absorbs without delaying arrivals, in seconds. */
    public static final double POOL_LATENCY_SECONDS = 1.0;
    /**
     * Most users (so most connections in flight) the default pool has: when the harness or the target
     * falls behind, every pooled user is busy at once, and tens of thousands of sockets would cost
     * more than they measure (and exhaust file descriptors).
     */
    public static final int MAX_DEFAULT_USERS = 1024;

    /**
     * How many pooled virtual users serve the plan's arrivals: {@code schedgate.users}, or by
     * Little's law (L = lambda * W) enough for responses of up to {@link #POOL_LATENCY_SECONDS} at the
     * top step's rate plus 16 spare, at most {@link #MAX_DEFAULT_USERS}. Too few users only matter
     * when responses are slow: arrivals then go out late, and the step says so.
     */
    public static int users(PlanSources sources, RampPlan plan) {
        Optional<PlanSources.Value> given = sources.userValue(PlanSources.USERS);
        if (given.isEmpty()) {
            return (int) Math.min(Math.ceil(plan.maxQps() * POOL_LATENCY_SECONDS) + 16, MAX_DEFAULT_USERS);
        }
        PlanSources.Value v = given.get();
        try {
            int n = Integer.parseInt(v.text().trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidPlanException(
                PlanSources.USERS,
                "'" + v.text() + "' (from " + v.origin() + ") must be a whole number of virtual users, at least 1");
    }

    /** Seconds of execution trace per step when {@code schedgate.trace.seconds} is not set. */
    public static final int DEFAULT_TRACE_SECONDS = 1;

    /**
     * Seconds of Go execution trace the collector takes per step ({@code schedgate.trace.seconds},
     * default {@value #DEFAULT_TRACE_SECONDS}; 0 turns tracing off), at most the window: a slice in the
     * middle of it. The trace is what counts wake-ups exactly (the verdict's wake-up check).
     */
    public static int traceSeconds(PlanSources sources, RampPlan plan) {
        Optional<PlanSources.Value> given = sources.userValue(PlanSources.TRACE_SECONDS);
        if (given.isEmpty()) {
            return Math.min(DEFAULT_TRACE_SECONDS, plan.windowSeconds());
        }
        PlanSources.Value v = given.get();
        try {
            int n = Integer.parseInt(v.text().trim());
            if (n >= 0 && n <= plan.windowSeconds()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidPlanException(
                PlanSources.TRACE_SECONDS,
                "'" + v.text() + "' (from " + v.origin()
                        + ") must be a whole number of seconds from 0 (no trace) to the window (" + plan.windowSeconds()
                        + " s)");
    }

    /** A QPS list ({@code schedgate.steps}) or start/increment/count, never both. */
    private static List<Double> steps(PlanSources sources, Resolver r) {
        boolean list = sources.userValue(PlanSources.STEPS).isPresent();
        boolean arithmetic = sources.userValue(PlanSources.STEPS_START).isPresent()
                || sources.userValue(PlanSources.STEPS_INCREMENT).isPresent()
                || sources.userValue(PlanSources.STEPS_COUNT).isPresent();
        if (list && arithmetic) {
            throw new InvalidPlanException(
                    PlanSources.STEPS,
                    "set either schedgate.steps (a QPS list) or " + "schedgate.steps.start/increment/count, not both");
        }
        List<Double> steps = new ArrayList<>();
        if (arithmetic) {
            double start = r.qps(PlanSources.STEPS_START, r.value(PlanSources.STEPS_START));
            double increment = r.number(PlanSources.STEPS_INCREMENT, "0");
            int count = r.integer(PlanSources.STEPS_COUNT, 1);
            for (int i = 0; i < count; i++) {
                double q = start + i * increment;
                if (q <= 0) {
                    throw new InvalidPlanException(
                            PlanSources.STEPS_INCREMENT,
                            "step " + (i + 1) + " would run at " + q + " QPS; every step needs a positive rate");
                }
                steps.add(q);
            }
            return steps;
        }
        PlanSources.Value value = r.value(PlanSources.STEPS);
        for (String part : value.text().split(",")) {
            if (!part.isBlank()) {
                steps.add(r.qps(PlanSources.STEPS, new PlanSources.Value(part.trim(), value.origin())));
            }
        }
        if (steps.isEmpty()) {
            throw new InvalidPlanException(
                    PlanSources.STEPS, "no steps (from " + value.origin() + "); give a list like 50,100,200");
        }
        return steps;
    }

    /** Looks a key up in the user's sources, then the preset, and parses numbers with clear errors. */
    private record Resolver(PlanSources sources, Map<String, String> preset, String presetName) {

        PlanSources.Value value(String key) {
            return sources.userValue(key).orElseGet(() -> {
                String v = preset.get(key);
                if (v == null) {
                    throw new InvalidPlanException(key, "not set and preset '" + presetName + "' has no value for it");
                }
                return new PlanSources.Value(v, "preset " + presetName);
            });
        }

        int integer(String key, int min) {
            PlanSources.Value v = value(key);
            int n;
            try {
                n = Integer.parseInt(v.text());
            } catch (NumberFormatException e) {
                throw new InvalidPlanException(
                        key, "'" + v.text() + "' (from " + v.origin() + ") is not a whole number");
            }
            if (n < min) {
                throw new InvalidPlanException(key, n + " (from " + v.origin() + ") must be at least " + min);
            }
            return n;
        }

        double number(String key, String fallback) {
            PlanSources.Value v = sources.userValue(key).orElse(new PlanSources.Value(fallback, "default"));
            return parse(key, v);
        }

        double qps(String key, PlanSources.Value v) {
            double q = parse(key, v);
            if (q <= 0) {
                throw new InvalidPlanException(key, "QPS " + v.text() + " (from " + v.origin() + ") must be positive");
            }
            return q;
        }

        private static double parse(String key, PlanSources.Value v) {
            try {
                double d = Double.parseDouble(v.text());
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new InvalidPlanException(key, "'" + v.text() + "' (from " + v.origin() + ") is not a number");
            }
        }
    }
}
