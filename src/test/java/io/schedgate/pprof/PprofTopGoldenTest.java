package io.schedgate.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function's flat and cum, for every sample type of every captured profile, equal what
 * {@code go tool pprof -top -nodecount=100000 -nodefraction=0 -edgefraction=0} printed (saved
 * beside the profile by capture.sh), in pprof's order; and the sample records and column sums
 * equal pprof's {@code -raw} dump.
 */
class PprofTopGoldenTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\S+)\\s+\\S+%\\s+\\S+%\\s+(\\S+)\\s+\\S+%\\s+(.+?)(?: \\((?:partial-)?inline\\))?$");
    private static final Pattern TOTAL = Pattern.compile("^Showing nodes accounting for .* of (\\S+) total$");

    @TestFactory
    List<DynamicTest> everyFunctionMatchesPprofTop() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path pb : Fixtures.profiles()) {
            String base = pb.getFileName().toString().replace(".pb.gz", "");
            Profile profile = new ProfileReader().read(pb);
            for (SampleType type : profile.sampleTypes()) {
                Path top = pb.resolveSibling(base + ".top-" + type.type() + ".txt.gz");
                tests.add(DynamicTest.dynamicTest(base + " " + type, () -> {
                    assertTrue(Files.exists(top), "pprof output " + top);
                    compare(profile, type, Fixtures.gzipLines(top));
                }));
            }
            Path raw = pb.resolveSibling(base + ".raw.txt.gz");
            tests.add(DynamicTest.dynamicTest(base + " -raw", () -> compareRaw(profile, Fixtures.gzipLines(raw))));
        }
        return tests;
    }

    /** pprof's -focus/-ignore, on saved outputs made by hand (commands at the end of capture.sh). */
    @TestFactory
    List<DynamicTest> focusAndIgnoreMatchPprof() {
        Profile profile = Fixtures.profile("go126-fanout-cpu.pb.gz");
        SampleType cpu = profile.sampleTypes().get(1);
        return List.of(
                DynamicTest.dynamicTest(
                        "focus lock2",
                        () -> compare(
                                profile,
                                cpu,
                                SampleFilter.of("runtime\\.lock2$", null),
                                Fixtures.gzipLines(Fixtures.file("go126-fanout-cpu.top-cpu.focus-lock2.txt.gz")))),
                DynamicTest.dynamicTest(
                        "ignore",
                        () -> compare(
                                profile,
                                cpu,
                                SampleFilter.of(null, "mallocgc|chan\\.go"),
                                Fixtures.gzipLines(
                                        Fixtures.file("go126-fanout-cpu.top-cpu.ignore-mallocgc-chan.txt.gz")))),
                DynamicTest.dynamicTest(
                        "focus and ignore",
                        () -> compare(
                                profile,
                                cpu,
                                SampleFilter.of("wakep", "findRunnable"),
                                Fixtures.gzipLines(Fixtures.file(
                                        "go126-fanout-cpu.top-cpu.focus-wakep-ignore-findRunnable.txt.gz")))));
    }

    private static void compare(Profile profile, SampleType type, List<String> top) {
        compare(profile, type, SampleFilter.NONE, top);
    }

    private static void compare(Profile profile, SampleType type, SampleFilter filter, List<String> top) {
        List<FunctionStat> expected = new ArrayList<>();
        Long expectedTotal = null;
        boolean inTable = false;
        for (String line : top) {
            Matcher t = TOTAL.matcher(line);
            if (t.matches()) {
                expectedTotal = value(t.group(1));
            }
            if (line.startsWith("Active filters:") || line.startsWith("   focus=") || line.startsWith("   ignore=")) {
                continue;
            }
            if (line.trim().startsWith("flat  flat%")) {
                inTable = true;
                continue;
            }
            if (inTable) {
                Matcher m = ROW.matcher(line);
                assertTrue(m.matches(), "unparsed pprof row: " + line);
                expected.add(new FunctionStat(m.group(3), value(m.group(1)), value(m.group(2))));
            }
        }
        assertTrue(inTable, "no table in pprof output");
        FunctionTable ours = Aggregator.byFunction(profile, profile.sampleIndex(type.type()), filter);
        assertFalse(expected.isEmpty() && ours.total() != 0, "pprof listed no function");
        assertEquals(expected, ours.rows(), "flat/cum per function in pprof -top order");
        if (expectedTotal != null) {
            assertEquals(expectedTotal.longValue(), ours.total(), "pprof total");
        }
    }

    private static long value(String s) {
        // Exact integers: capture.sh runs pprof with -unit=ns for nanoseconds, -unit=B for bytes.
        String digits = s.endsWith("ns")
                ? s.substring(0, s.length() - 2)
                : s.endsWith("B") ? s.substring(0, s.length() - 1) : s;
        return Long.parseLong(digits);
    }

    private static final Pattern SAMPLE_VALUES = Pattern.compile("[-\\d\\s]+");

    /** -raw lists one line per sample record: "v1 v2: loc loc ...", then its labels ("bytes:[208]") indented. */
    private static void compareRaw(Profile profile, List<String> raw) {
        int start = raw.indexOf("Samples:");
        assertTrue(start >= 0, "no Samples: section");
        long[] sums = new long[profile.sampleTypes().size()];
        int records = 0;
        for (int i = start + 2; i < raw.size(); i++) {
            String line = raw.get(i);
            if (!line.startsWith(" ")
                    || !line.contains(":")
                    || !SAMPLE_VALUES
                            .matcher(line.substring(0, line.indexOf(':')))
                            .matches()) {
                if (line.startsWith("Locations") || line.startsWith("Mappings")) {
                    break;
                }
                continue; // label lines
            }
            String[] values = line.substring(0, line.indexOf(':')).trim().split("\\s+");
            for (int k = 0; k < values.length; k++) {
                sums[k] += Long.parseLong(values[k]);
            }
            records++;
        }
        assertEquals(records, profile.samples().size(), "sample records");
        for (int k = 0; k < sums.length; k++) {
            assertEquals(
                    sums[k], profile.total(k), "sum of " + profile.sampleTypes().get(k));
        }
    }
}
