package io.schedgate.plan;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where plan settings come from, highest priority first: {@code -Dschedgate.*} system properties,
 * {@code SCHEDGATE_*} environment variables ({@code schedgate.window.seconds} is
 * {@code SCHEDGATE_WINDOW_SECONDS}), the plan file named by {@code schedgate.plan.file}
 * (a properties file with the same {@code schedgate.*} keys), and finally the preset.
 */
public final class PlanSources {
    public static final String PREFIX = "schedgate.";

    public static final String PRESET = "preset";
    public static final String PLAN_FILE = "plan.file";
    public static final String STEPS = "steps";
    public static final String STEPS_START = "steps.start";
    public static final String STEPS_INCREMENT = "steps.increment";
    public static final String STEPS_COUNT = "steps.count";
    public static final String WARMUP_SECONDS = "warmup.seconds";
    public static final String WINDOW_SECONDS = "window.seconds";
    public static final String TAIL_SECONDS = "tail.seconds";
    public static final String STEP_SECONDS = "step.seconds";
    public static final String COOLDOWN_SECONDS = "cooldown.seconds";
    public static final String MIX = "mix";
    public static final String USERS = "users";
    public static final String TRACE_SECONDS = "trace.seconds";

    /** Keys a plan file may hold besides {@code target.*} ones (those belong to the target). */
    static final Set<String> PLAN_KEYS = Set.of(
            PRESET,
            STEPS,
            STEPS_START,
            STEPS_INCREMENT,
            STEPS_COUNT,
            WARMUP_SECONDS,
            WINDOW_SECONDS,
            TAIL_SECONDS,
            STEP_SECONDS,
            COOLDOWN_SECONDS,
            MIX,
            USERS,
            TRACE_SECONDS);

    /** A value and a human description of where it came from, for error messages. */
    public record Value(String text, String origin) {}

    private final Properties system;
    private final Map<String, String> env;
    private final Map<String, String> file;
    private final Path filePath;

    private PlanSources(Properties system, Map<String, String> env, Map<String, String> file, Path filePath) {
        this.system = system;
        this.env = env;
        this.file = file;
        this.filePath = filePath;
    }

    /** The running JVM's system properties and environment. */
    public static PlanSources current() {
        return of(System.getProperties(), System.getenv());
    }

    /** Reads the plan file if {@code schedgate.plan.file} names one; rejects unknown keys in it. */
    public static PlanSources of(Properties system, Map<String, String> env) {
        PlanSources withoutFile = new PlanSources(system, env, Map.of(), null);
        Optional<Value> planFile = withoutFile.userValue(PLAN_FILE);
        if (planFile.isEmpty()) {
            return withoutFile;
        }
        Path path = Path.of(planFile.get().text());
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(path)) {
            props.load(r);
        } catch (IOException e) {
            throw new InvalidPlanException(
                    PLAN_FILE,
                    "cannot read plan file " + path.toAbsolutePath() + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); fix the path");
        }
        Map<String, String> values = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            String key = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
            if (!PLAN_KEYS.contains(key) && !key.startsWith("target.")) {
                throw new InvalidPlanException(
                        key,
                        "unknown key in plan file " + path + "; known keys: schedgate."
                                + String.join(", schedgate.", new java.util.TreeSet<>(PLAN_KEYS)));
            }
            values.put(key, props.getProperty(name).trim());
        }
        return new PlanSources(system, env, values, path);
    }

    /** The value the user set (property, environment or plan file), ignoring presets. */
    public Optional<Value> userValue(String key) {
        String sys = system.getProperty(PREFIX + key);
        if (sys != null && !sys.isBlank()) {
            return Optional.of(new Value(sys.trim(), "-D" + PREFIX + key));
        }
        String envName = envName(key);
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Value(fromEnv.trim(), "environment " + envName));
        }
        String fromFile = file.get(key);
        if (fromFile != null && !fromFile.isBlank()) {
            return Optional.of(new Value(fromFile, "plan file " + filePath));
        }
        return Optional.empty();
    }

    /** {@code window.seconds} becomes {@code SCHEDGATE_WINDOW_SECONDS}. */
    public static String envName(String key) {
        return (PREFIX + key).toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }
}
