package io.schedgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph reads as the data flow (docs/architecture.md): each stage imports only the
 * stages it is built on, never one above it, and no two packages depend on each other.
 */
class ArchitectureTest {

    /**
     * Every stage with the stages it may use, bottom to top. Data flows plan → service → load →
     * collect, which writes the run; pprof / metrics → signals → verdict → report read it; the
     * composition (gatling, cli, experiment) sits on top.
     */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        allow("stats");
        allow("pprof");
        allow("plan");
        allow("metrics");
        allow("run");
        allow("signals", "pprof", "metrics", "stats");
        allow("service", "metrics");
        allow("load", "plan", "run");
        allow("collect", "plan", "service", "load", "run", "metrics");
        allow("verdict", "run", "signals", "pprof", "metrics", "stats");
        allow("report", "verdict", "run", "signals", "pprof", "metrics", "stats");
        allow("gatling", "plan", "service", "load", "collect", "run", "metrics", "verdict", "report");
        allow("cli", "pprof", "signals", "stats", "run", "metrics", "verdict", "report");
        // experiments (issue 13): an API over a whole Gatling run, on top of the gatling stage
        allow("experiment", "gatling", "plan", "service", "load", "collect", "run", "metrics", "verdict", "report");
    }

    private static void allow(String stage, String... below) {
        MAY_USE.put(stage, Set.of(below));
    }

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.schedgate");
    }

    @Test
    void everyPackageIsAStageWithItsPlaceInTheOrder() {
        Set<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(
                c.getPackageName().replaceFirst("^io\\.schedgate\\.?", "").split("\\.")[0]));
        assertEquals(
                new TreeSet<>(MAY_USE.keySet()),
                packages,
                "a new package needs its place in ArchitectureTest.MAY_USE and docs/architecture.md");
    }

    @Test
    void eachStageUsesOnlyTheStagesBelowIt() {
        for (Map.Entry<String, Set<String>> e : MAY_USE.entrySet()) {
            List<String> forbidden = MAY_USE.keySet().stream()
                    .filter(other -> !other.equals(e.getKey()) && !e.getValue().contains(other))
                    .map(other -> "io.schedgate." + other + "..")
                    .toList();
            noClasses()
                    .that()
                    .resideInAPackage("io.schedgate." + e.getKey() + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because(e.getKey() + " may use only " + e.getValue())
                    .check(classes);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.schedgate.(*)..").should().beFreeOfCycles().check(classes);
    }
}
