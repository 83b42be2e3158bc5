package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatling.app.Gatling$;
import io.schedgate.plan.PlanSources;
import io.schedgate.simulations.LabRampSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The experiments' ramp: Gatling runs LabRampSimulation in this JVM with short steps (warm-up 1 s,
 * window 3 s, tail 1 s, cool-down 2 s) and {@code failOnError=false} (the test judges; a halting exit
 * hook would end the test JVM), and the repetitions' one-line log in {@link #LOG}.
 */
final class ShortRamp {

    /** Every repetition's verdict, appended (bench/experiments-repeat.sh prints it). */
    static final Path LOG = Path.of("target/experiments-verdicts.txt");

    private ShortRamp() {}

    /**
     * Ramps {@code steps} with the plan's other settings ({@code mix}, {@code target.*}, thresholds:
     * keys without the {@code schedgate.} prefix) on top of {@code saved} system properties, and
     * returns the run directory under {@code out}.
     */
    static Path run(Properties saved, Path out, String steps, Map<String, String> settings) throws IOException {
        System.setProperties((Properties) saved.clone());
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put("preset", "smoke");
        plan.put("steps", steps);
        plan.put("warmup.seconds", "1");
        plan.put("window.seconds", "3");
        plan.put("tail.seconds", "1");
        plan.put("cooldown.seconds", "2");
        plan.put("failOnError", "false");
        plan.putAll(settings);
        plan.forEach((k, val) -> System.setProperty(PlanSources.PREFIX + k, val));
        System.setProperty("schedgate.runs.dir", out.toString());
        System.setProperty("gatling.data.enableAnalytics", "false");
        int exit = Gatling$.MODULE$.fromArgs(new String[] {
            "--simulation",
            LabRampSimulation.class.getName(),
            "--results-folder",
            out.resolve("gatling").toAbsolutePath().toString(),
            "--no-reports"
        });
        assertEquals(0, exit, "Gatling's exit code");
        try (var s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith("LabRampSimulation-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no run directory under " + out));
        }
    }

    /** Prints and appends one repetition's verdict to {@link #LOG}. */
    static void log(String name, int rep, int of, Verdict v) throws IOException {
        String line = String.format(
                "%s rep %d/%d: gate %s, capacity %s; %s%n",
                name,
                rep,
                of,
                v.gate().passed() ? "PASS" : "FAIL (exit " + v.gate().exitCode() + ")",
                v.capacity().qps(),
                VerdictExperimentsTest.summary(v));
        System.out.print("[experiment] " + line);
        Files.createDirectories(LOG.getParent());
        Files.writeString(LOG, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
