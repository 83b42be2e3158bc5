package io.schedgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
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
        allow("text");
        allow("stats");
        allow("pprof");
        allow("plan");
        allow("metrics");
        allow("run");
        allow("signals", "pprof", "metrics", "stats", "text");
        allow("service", "plan", "metrics", "text");
        allow("load", "plan", "run", "text");
        allow("collect", "plan", "service", "load", "run", "metrics", "text");
        allow("verdict", "run", "signals", "pprof", "metrics", "stats", "text");
        allow("report", "verdict", "run", "signals", "pprof", "metrics", "stats", "text");
        allow("gatling", "plan", "service", "load", "collect", "run", "metrics", "verdict", "report", "text");
        allow("cli", "pprof", "signals", "stats", "run", "metrics", "verdict", "report", "text");
        // experiments (issue 13): an API over a whole Gatling run, on top of the gatling stage
        allow(
                "experiment",
                "gatling",
                "plan",
                "service",
                "load",
                "collect",
                "run",
                "metrics",
                "verdict",
                "report",
                "text");
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

    /**
     * What a check may ask a {@link Profile} itself: its kind, header and totals. Every walk over its
     * samples, stacks and frames is a signal's (docs/architecture.md, "A check").
     */
    static final Set<String> PROFILE_HEADER = Set.of(
            "kind",
            "isCpu",
            "periodType",
            "period",
            "durationNanos",
            "timeNanos",
            "sampleTypes",
            "defaultSampleType",
            "sampleIndex",
            "sampleCount",
            "total",
            "absoluteTotal",
            "mainBuildId",
            "requireSamples");

    @Test
    void checksConsumeSignalsAndNeverWalkProfileSamples() {
        DescribedPredicate<JavaMethodCall> walksAProfile = DescribedPredicate.describe(
                "a Profile method beyond its kind, header and totals",
                call -> call.getTargetOwner().isEquivalentTo(Profile.class)
                        && !PROFILE_HEADER.contains(call.getName()));
        noClasses()
                .that()
                .resideInAPackage("io.schedgate.verdict..")
                .should()
                .callMethodWhere(walksAProfile)
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(Sample.class, Frame.class)
                .because("signals own every walk over profiles; checks consume typed signals")
                .check(classes);
    }
}
