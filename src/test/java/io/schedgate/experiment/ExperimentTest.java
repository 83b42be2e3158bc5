package io.schedgate.experiment;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.ChainBuilder;
import io.schedgate.verdict.Capacity;
import io.schedgate.verdict.CheckResult;
import io.schedgate.verdict.Confidence;
import io.schedgate.verdict.Gate;
import io.schedgate.verdict.MapDetails;
import io.schedgate.verdict.Status;
import io.schedgate.verdict.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The experiment builder's settings, the repeat agreement and the assertions, on made-up verdicts (no Docker). */
class ExperimentTest {

    @Test
    void theBuilderIsImmutableAndSpellsTheSchedgateSettings() {
        Experiment base = Experiment.image("registry.example/team/counter:1.2")
                .steps(100, 200, 400)
                .mix("/work@1");
        Experiment tuned = base.window(Duration.ofSeconds(5))
                .mix("/work@3,/slow@1")
                .env("A", "1")
                .env("B", "2")
                .gomaxprocs(2)
                .gogc("off")
                .set("schedgate.contention.fail", "0.1")
                .repeat(3);
        assertNotSame(base, tuned);
        assertEquals("3", base.settings().get("window.seconds"), "the base is unchanged");
        Map<String, String> s = tuned.settings();
        assertEquals("100,200,400", s.get("steps"));
        assertEquals("1", s.get("warmup.seconds"));
        assertEquals("5", s.get("window.seconds"));
        assertEquals("1", s.get("tail.seconds"));
        assertEquals("2", s.get("cooldown.seconds"));
        assertEquals("/work@3,/slow@1", s.get("mix"));
        assertEquals("registry.example/team/counter:1.2", s.get("target.image"));
        assertEquals("A=1,B=2", s.get("target.env"));
        assertEquals("2", s.get("target.gomaxprocs"));
        assertEquals("off", s.get("target.gogc"));
        assertEquals("0.1", s.get("contention.fail"));
        assertEquals("false", s.get("failOnError"), "an experiment never halts the JVM");
        assertEquals(Duration.ofSeconds(3 * (1 + 5 + 1) + 2), tuned.rampDuration());
    }

    @Test
    void aUrlTargetNamesBothEndpoints() {
        Map<String, String> s = Experiment.url("http://localhost:8080", "http://localhost:6060")
                .steps(50.5)
                .mix("/")
                .settings();
        assertEquals("http://localhost:8080", s.get("target.url"));
        assertEquals("http://localhost:6060", s.get("target.pprof"));
        assertEquals("50.5", s.get("steps"));
        assertFalse(s.containsKey("target.image"));
    }

    @Test
    void badSettingsFailAtOnceNamingTheFix() {
        Experiment e = Experiment.image("x:1");
        assertEquals(
                "window: PT1.5S must be whole seconds, at least 1",
                assertThrows(IllegalArgumentException.class, () -> e.window(Duration.ofMillis(1500)))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.steps());
        assertThrows(IllegalArgumentException.class, () -> e.steps(100, -1));
        assertThrows(IllegalArgumentException.class, () -> e.repeat(0));
        assertThrows(IllegalArgumentException.class, () -> e.env("K", "a,b"));
        assertThrows(IllegalArgumentException.class, () -> e.named("no spaces"));
        assertTrue(assertThrows(IllegalStateException.class, e::settings)
                .getMessage()
                .contains("call steps(100, 200, 400)"));
        assertTrue(assertThrows(IllegalStateException.class, () -> e.steps(100).settings())
                .getMessage()
                .contains("has no scenario: call mix(\"/path@1\")"));
    }

    @Test
    void repetitionsThatAgreeAndOneThatFlips() {
        ExperimentResult agreeing = result(
                verdict(Status.FAIL, Status.PASS, "true contention at main.go:25"),
                verdict(Status.FAIL, Status.PASS, "true contention at main.go:25"));
        assertTrue(agreeing.agreement().fullAgreement(), agreeing.agreement().render());
        ExperimentAssert.assertThat(agreeing).isStable().gateFails();

        ExperimentResult flipping = result(
                verdict(Status.FAIL, Status.PASS, "true contention at main.go:25"),
                verdict(Status.FAIL, Status.WARN, "true contention at main.go:25"));
        RepeatAgreement a = flipping.agreement();
        assertEquals(1, a.unstable().size(), a.render());
        RepeatAgreement.Row row = a.unstable().get(0);
        assertEquals("lock.contention", row.checkId());
        assertEquals(2, row.stepIndex());
        assertEquals(List.of(Status.PASS, Status.WARN), row.statuses());
        assertEquals(0.5, row.agreementRate());
        assertTrue(a.render().contains("UNSTABLE"), a.render());
        AssertionError e = assertThrows(AssertionError.class, () -> ExperimentAssert.assertThat(flipping)
                .isStable());
        assertTrue(e.getMessage().contains("lock.contention        step 2"), e.getMessage());
    }

    @Test
    void publishesEachRunDirectoryReportAndTheAgreement() {
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        result(verdict(Status.FAIL, Status.PASS, "x"), verdict(Status.FAIL, Status.PASS, "x"))
                .publish(entries::put);
        assertEquals(
                List.of(
                        "counter.1.runDirectory",
                        "counter.1.report",
                        "counter.2.runDirectory",
                        "counter.2.report",
                        "counter.agreement"),
                List.copyOf(entries.keySet()));
        assertEquals("file:///runs/1/report.html", entries.get("counter.2.report"));
    }

    @Test
    void assertionsNarrowToTheMatchingSiteAndFailWithTheEvidence() {
        ExperimentResult r = result(verdict(Status.FAIL, Status.PASS, "true contention at main.go:25"));
        ExperimentAssert.assertThat(r)
                .check("lock.contention")
                .atStep(3)
                .fails()
                .naming("main.go:25")
                .and()
                .check("lock.contention")
                .anyStep()
                .passes();
        AssertionError e = assertThrows(AssertionError.class, () -> ExperimentAssert.assertThat(r)
                .check("lock.contention")
                .atStep(3)
                .fails()
                .naming("main.go:99"));
        assertTrue(e.getMessage().contains("status FAIL, evidence naming 'main.go:99'"), e.getMessage());
        assertTrue(e.getMessage().contains("true contention at main.go:25"), "shows what the verdict said");
        assertThrows(AssertionError.class, () -> ExperimentAssert.assertThat(r).gatePasses());
        assertThrows(AssertionError.class, () -> ExperimentAssert.assertThat(r).check("no.such"));
    }

    @Test
    void aGoMatrixTabulatesEveryCheckPerVersionAndWarnsWhereMeaningsChanged() {
        GoMatrixResult m = new GoMatrixResult(
                "counter",
                List.of(
                        new GoMatrixResult.Column("go1.23.5", result(verdict(Status.FAIL, Status.PASS, "x"))),
                        new GoMatrixResult.Column("go1.26.8", result(verdict(Status.FAIL, Status.WARN, "x"))),
                        new GoMatrixResult.Column("go1.27.3", result(verdict(Status.FAIL, Status.PASS, "x")))));
        String table = m.render();
        assertTrue(table.startsWith("Go version matrix of counter: go1.23.5 go1.26.8 go1.27.3\n"), table);
        assertTrue(
                table.matches("(?s).*lock\\.contention +02 +PASS 0\\.100 +WARN 0\\.100 +PASS 0\\.100 +differs\n.*"),
                table);
        assertTrue(table.matches("(?s).*lock\\.contention +03 +FAIL 0\\.100 +FAIL 0\\.100 +FAIL 0\\.100 *\n.*"), table);
        assertEquals(List.of("go1.26.8"), m.versionsDiffering("lock.contention", 2));
        assertEquals(3, m.meaningChanges().size(), table);
        assertTrue(table.contains("warning: runtime-lock delay"), table);
        assertTrue(table.contains("warning: goroutine counts: /sched/goroutines"), table);
        GoMatrixResult recent = new GoMatrixResult(
                "counter", List.of(m.columns().get(1), m.columns().get(2)));
        assertEquals(List.of(), recent.meaningChanges(), "1.26 and 1.27 read alike");
    }

    @Test
    void aGoMatrixNeedsAGoModule() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GoMatrix.of(Experiment.image("x:1")))
                .getMessage()
                .contains("only a Go module (Experiment.goModule) is built here"));
        assertThrows(IllegalArgumentException.class, () -> GoMatrix.of(Experiment.goModule(Path.of("svc")))
                .toolchain("1.27"));
    }

    /** A verdict with lock.contention at step 3 (a failing site and a passing one) and at step 2. */
    private static Verdict verdict(Status step3, Status step2, String evidence) {
        List<CheckResult> results = List.of(
                result("lock.contention", 2, step2, "no user lock site"),
                result("lock.contention", 3, step3, evidence),
                result("lock.contention", 3, Status.PASS, "pseudo-spike at context.go:556"));
        boolean passed = results.stream().noneMatch(c -> c.status().failsGate());
        return new Verdict(
                Verdict.SCHEMA,
                "/runs/x",
                "EndpointMixSimulation",
                "complete",
                "go1.26.8",
                "2026-12-02T00:00:00Z",
                Map.of(),
                results,
                new Capacity(passed ? 3 : 2, passed ? 400.0 : 200.0, null),
                new Gate(passed, !passed, passed ? List.of() : List.of("lock.contention step-03: FAIL")),
                List.of());
    }

    private static CheckResult result(String id, int step, Status status, String evidence) {
        return new CheckResult(id, step, status, 0.1, 0.05, "share", Confidence.HIGH, evidence, MapDetails.EMPTY);
    }

    private static ExperimentResult result(Verdict... verdicts) {
        List<ExperimentResult.Repetition> reps = new java.util.ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            reps.add(new ExperimentResult.Repetition(
                    i + 1, verdicts[i], Path.of("/runs/" + i), Path.of("/runs/" + i + "/report.html")));
        }
        return new ExperimentResult("counter", reps);
    }

    @Test
    void aMixAndAChainAreOneScenarioNotTwo() {
        // never called here: Gatling's HTTP DSL initialises only inside a running simulation
        Supplier<ChainBuilder> chain = () -> exec(http("order").post("/order").body(StringBody("{}")));
        Experiment e = Experiment.image("x:1").steps(100);
        String both = "an experiment's scenario is a mix or a chain, not both: drop mix() or scenario()";
        assertEquals(
                both,
                assertThrows(IllegalArgumentException.class, () -> e.mix("/a@1").scenario(chain))
                        .getMessage());
        assertEquals(
                both,
                assertThrows(IllegalArgumentException.class, () -> e.scenario(chain)
                                .mix("/a@1"))
                        .getMessage());
        String forked = "a chain scenario cannot cross to forked injector JVMs: use mix() with injectors(),"
                + " or a SchedgateSimulation with -Dschedgate.injectors";
        assertEquals(
                forked,
                assertThrows(IllegalArgumentException.class, () -> e.scenario(chain)
                                .injectors(1))
                        .getMessage());
        assertEquals(
                forked,
                assertThrows(IllegalArgumentException.class, () -> e.injectors(1)
                                .scenario(chain))
                        .getMessage());
        assertFalse(e.scenario(chain).settings().containsKey("mix"), "a chain names no mix");
    }
}
