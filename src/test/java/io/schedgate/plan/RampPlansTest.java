package io.schedgate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RampPlansTest {

    private static RampPlan plan(Map<String, String> sys, Map<String, String> env) {
        Properties p = new Properties();
        sys.forEach((k, v) -> p.setProperty("schedgate." + k, v));
        return RampPlans.from(PlanSources.of(p, env));
    }

    private static InvalidPlanException rejected(Map<String, String> sys) {
        return assertThrows(InvalidPlanException.class, () -> plan(sys, Map.of()));
    }

    @Test
    void defaultPresetFitsInSixMinutes() {
        RampPlan plan = plan(Map.of(), Map.of());
        assertEquals("default", plan.preset());
        assertEquals(6, plan.stepCount());
        assertEquals(Duration.ofSeconds(8), plan.warmup());
        assertEquals(Duration.ofSeconds(24), plan.window());
        assertEquals(Duration.ofSeconds(20), plan.cooldown());
        assertTrue(
                plan.totalDuration().compareTo(Duration.ofMinutes(5)) <= 0,
                plan.totalDuration().toString());
    }

    @Test
    void smokePresetFitsInNinetySeconds() {
        RampPlan plan = plan(Map.of("preset", "smoke"), Map.of());
        assertEquals(3, plan.stepCount());
        assertTrue(
                plan.totalDuration().compareTo(Duration.ofSeconds(60)) <= 0,
                plan.totalDuration().toString());
    }

    @Test
    void windowLiesInsideEveryStepsSteadyPart() {
        RampPlan plan = plan(Map.of("steps", "10,20,30,40"), Map.of());
        for (int i = 0; i < plan.stepCount(); i++) {
            Duration stepStart = plan.stepStartOffset(i);
            Duration stepEnd = plan.stepStartOffset(i + 1);
            assertEquals(stepStart.plus(plan.warmup()), plan.windowStartOffset(i));
            assertTrue(plan.windowEndOffset(i).compareTo(stepEnd) <= 0);
        }
    }

    @Test
    void stepsFromStartIncrementCount() {
        RampPlan plan = plan(Map.of("steps.start", "100", "steps.increment", "50", "steps.count", "4"), Map.of());
        assertEquals(List.of(100.0, 150.0, 200.0, 250.0), plan.stepsQps());
    }

    @Test
    void systemPropertyBeatsEnvironmentWhichBeatsPreset() {
        RampPlan envOnly = plan(Map.of(), Map.of("SCHEDGATE_WINDOW_SECONDS", "12"));
        assertEquals(Duration.ofSeconds(12), envOnly.window());
        RampPlan both = plan(Map.of("window.seconds", "7"), Map.of("SCHEDGATE_WINDOW_SECONDS", "12"));
        assertEquals(Duration.ofSeconds(7), both.window());
    }

    @Test
    void planFileIsReadAndOverriddenByProperties(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plan.properties");
        Files.writeString(file, "schedgate.preset=smoke\nschedgate.steps=5, 10\nschedgate.cooldown.seconds=3\n");
        RampPlan plan = plan(Map.of("plan.file", file.toString(), "cooldown.seconds", "4"), Map.of());
        assertEquals("smoke", plan.preset());
        assertEquals(List.of(5.0, 10.0), plan.stepsQps());
        assertEquals(Duration.ofSeconds(4), plan.cooldown());
    }

    @Test
    void unknownKeyInPlanFileIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plan.properties");
        Files.writeString(file, "schedgate.windw.seconds=3\n");
        InvalidPlanException e =
                assertThrows(InvalidPlanException.class, () -> plan(Map.of("plan.file", file.toString()), Map.of()));
        assertTrue(e.getMessage().startsWith("schedgate.windw.seconds:"), e.getMessage());
    }

    @Test
    void missingPlanFileIsNamed() {
        InvalidPlanException e = rejected(Map.of("plan.file", "/nonexistent/plan.properties"));
        assertEquals("plan.file", e.property());
    }

    @Test
    void zeroOrNegativeQpsIsRejected() {
        assertEquals("steps", rejected(Map.of("steps", "10,0,20")).property());
        assertEquals("steps", rejected(Map.of("steps", "-5")).property());
        assertEquals(
                "steps.start",
                rejected(Map.of("steps.start", "0", "steps.count", "2")).property());
        assertEquals(
                "steps.increment",
                rejected(Map.of("steps.start", "10", "steps.increment", "-10", "steps.count", "3"))
                        .property());
    }

    @Test
    void windowLongerThanTheStepIsRejected() {
        InvalidPlanException e = rejected(Map.of("step.seconds", "20", "warmup.seconds", "5", "window.seconds", "30"));
        assertEquals("window.seconds", e.property());
        assertTrue(e.getMessage().contains("-Dschedgate.step.seconds"), e.getMessage());
    }

    @Test
    void explicitStepLengthLeavesTheRestAsTail() {
        RampPlan plan = plan(Map.of("step.seconds", "50", "warmup.seconds", "10", "window.seconds", "30"), Map.of());
        assertEquals(Duration.ofSeconds(10), plan.tail());
        assertEquals(Duration.ofSeconds(50), plan.stepLength());
    }

    @Test
    void unknownPresetIsRejected() {
        InvalidPlanException e = rejected(Map.of("preset", "turbo"));
        assertEquals("preset", e.property());
        assertTrue(e.getMessage().contains("default") && e.getMessage().contains("smoke"), e.getMessage());
    }

    private static int users(Map<String, String> sys) {
        Properties p = new Properties();
        sys.forEach((k, v) -> p.setProperty("schedgate." + k, v));
        PlanSources sources = PlanSources.of(p, Map.of());
        return RampPlans.users(sources, RampPlans.from(sources));
    }

    @Test
    void userPoolFollowsLittlesLawAtTheTopStepUpToItsCap() {
        // L = lambda * W: 1600 qps * 1 s + 16 spare would be 1616, above the cap
        assertEquals(RampPlans.MAX_DEFAULT_USERS, users(Map.of()));
        assertEquals(200 + 16, users(Map.of("steps", "50,100,200")));
        assertEquals(33 + 16, users(Map.of("steps", "32.5")));
        assertEquals(7, users(Map.of("users", "7")));
    }

    private static int traceSeconds(Map<String, String> sys) {
        Properties p = new Properties();
        sys.forEach((k, v) -> p.setProperty("schedgate." + k, v));
        PlanSources sources = PlanSources.of(p, Map.of());
        return RampPlans.traceSeconds(sources, RampPlans.from(sources));
    }

    @Test
    void traceSecondsDefaultToOneAndStayInsideTheWindow() {
        assertEquals(1, traceSeconds(Map.of()));
        assertEquals(0, traceSeconds(Map.of("trace.seconds", "0")));
        assertEquals(5, traceSeconds(Map.of("preset", "smoke", "trace.seconds", "5")));
        for (String bad : List.of("-1", "6", "1.5", "lots")) {
            InvalidPlanException e = assertThrows(
                    InvalidPlanException.class, () -> traceSeconds(Map.of("preset", "smoke", "trace.seconds", bad)));
            assertEquals("trace.seconds", e.property());
            assertTrue(e.getMessage().startsWith("schedgate.trace.seconds: '" + bad + "' (from "), e.getMessage());
            assertTrue(e.getMessage().contains("to the window (5 s)"), e.getMessage());
        }
    }

    @Test
    void badUserCountsAreNamed() {
        for (String bad : List.of("0", "-3", "many", "1.5")) {
            Properties p = new Properties();
            p.setProperty("schedgate.users", bad);
            PlanSources sources = PlanSources.of(p, Map.of());
            InvalidPlanException e =
                    assertThrows(InvalidPlanException.class, () -> RampPlans.users(sources, RampPlans.from(sources)));
            assertEquals("users", e.property());
            assertTrue(e.getMessage().startsWith("schedgate.users: '" + bad + "' (from "), e.getMessage());
        }
    }

    @Test
    void badNumbersAreRejectedWithTheirSource() {
        InvalidPlanException e = assertThrows(
                InvalidPlanException.class, () -> plan(Map.of(), Map.of("SCHEDGATE_WARMUP_SECONDS", "ten")));
        assertEquals(
                "schedgate.warmup.seconds: 'ten' (from environment SCHEDGATE_WARMUP_SECONDS) is not a whole number",
                e.getMessage());
        assertEquals("window.seconds", rejected(Map.of("window.seconds", "0")).property());
        assertEquals("steps", rejected(Map.of("steps", "10,abc")).property());
    }

    @Test
    void listAndArithmeticStepsTogetherAreRejected() {
        assertEquals(
                "steps", rejected(Map.of("steps", "10", "steps.count", "3")).property());
    }

    @Test
    void mixIsParsedAndBadWeightsAreNamed() {
        RampPlan plan = plan(Map.of("mix", "/a?x=1@3,/b"), Map.of());
        assertEquals(
                List.of(new EndpointMix.Entry("/a?x=1", 3), new EndpointMix.Entry("/b", 1)),
                plan.mix().entries());
        assertEquals("mix", rejected(Map.of("mix", "/a@x")).property());
        assertEquals("mix", rejected(Map.of("mix", "nopath")).property());
    }
}
