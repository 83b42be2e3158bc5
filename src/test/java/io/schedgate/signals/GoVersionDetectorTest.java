package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.schedgate.pprof.Fixtures;
import io.schedgate.pprof.ProfileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class GoVersionDetectorTest {

    /** The lab's own /info goVersion saved beside the fixtures, e.g. go1.26.8 gives 26. */
    private static int trueMinor(Path profile) throws IOException {
        String prefix =
                profile.getFileName().toString().replaceFirst("-(fanout|hotlock|healthy|leak|idle|alloc)-.*", "");
        String v = new ObjectMapper()
                .readTree(Fixtures.file(prefix + "-info.json").toFile())
                .get("goVersion")
                .asText();
        return Integer.parseInt(v.split("\\.")[1]);
    }

    @TestFactory
    List<DynamicTest> theTrueVersionIsAlwaysInTheDetectedRange() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : Fixtures.profiles()) {
            tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                GoVersion v = GoVersionDetector.detect(new ProfileReader().read(p));
                int minor = trueMinor(p);
                assertTrue(v.lowest() <= minor && minor <= v.highest(), "1." + minor + " in " + v + " " + v.evidence());
                assertTrue(v.warnings().isEmpty(), v.warnings().toString());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> cpuProfilesGiveTheExactVersion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : Fixtures.profiles()) {
            if (p.getFileName().toString().endsWith("-cpu.pb.gz")) {
                tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    GoVersion v = GoVersionDetector.detect(new ProfileReader().read(p));
                    assertEquals(trueMinor(p), v.minor(), v + " " + v.evidence());
                }));
            }
        }
        return tests;
    }

    @Test
    void lostOnlyMutexProfileIsBoundedTo124() {
        GoVersion v = GoVersionDetector.detect(Fixtures.profile("go123-fanout-mutex.pb.gz"));
        assertEquals(22, v.lowest());
        assertEquals(24, v.highest());
        assertEquals("1.22-1.24", v.label());
    }

    @Test
    void declaredVersionWithoutTableWarns() {
        GoVersion v = GoVersion.declared(28, "test");
        assertFalse(v.warnings().isEmpty());
        assertTrue(GoVersion.declared(26, "test").warnings().isEmpty());
    }
}
