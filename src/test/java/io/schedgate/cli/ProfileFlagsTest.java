package io.schedgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schedgate.pprof.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The profile command's flags run end to end through {@code Schedgate.run}, each against an
 * independent expectation: {@code --folded} (with and without {@code --focus}/{@code --ignore})
 * against {@code go tool pprof -traces -unit=ns} of the same file (saved beside the fixture, see
 * capture.sh), {@code --go-version} against the declared version.
 */
class ProfileFlagsTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void foldedCpuStacksEqualPprofTraces() {
        assertFoldedEqualsTraces("go126-fanout-cpu.pb.gz", "go126-fanout-cpu.traces.txt.gz");
    }

    @Test
    void foldedMutexStacksEqualPprofTraces() {
        assertFoldedEqualsTraces("go126-hotlock-mutex.pb.gz", "go126-hotlock-mutex.traces.txt.gz");
    }

    @Test
    void focusAndIgnoreFlagsFilterAsPprofDoes() {
        assertFoldedEqualsTraces(
                "go126-fanout-cpu.pb.gz",
                "go126-fanout-cpu.traces.focus-wakep-ignore-findRunnable.txt.gz",
                "--focus",
                "wakep",
                "--ignore",
                "findRunnable");
    }

    @Test
    void declaredGoVersionIsUsedInsteadOfDetection() throws IOException {
        String file = Fixtures.file("go126-fanout-cpu.pb.gz").toString();
        JsonNode detected = new ObjectMapper()
                .readTree(run("profile", "--json", "--top", "0", file).out());
        assertEquals("1.26", detected.at("/profiles/0/goVersion/label").asText());
        CliRun declared = run("profile", "--json", "--top", "0", "--go-version", "go1.23.5", file);
        assertEquals(0, declared.code(), declared.err());
        JsonNode v = new ObjectMapper().readTree(declared.out()).at("/profiles/0/goVersion");
        assertEquals("1.23", v.path("label").asText(), v.toString());
        CliRun bad = run("profile", "--go-version", "2.x", file);
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--go-version needs a Go version like 1.23"), bad.err());
    }

    private static void assertFoldedEqualsTraces(String profile, String traces, String... flags) {
        List<String> args = new ArrayList<>(List.of("profile", "--folded", "--top", "0"));
        args.addAll(List.of(flags));
        args.add(Fixtures.file(profile).toString());
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Map<String, Long> ours = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            // the folded lines: "root;...;leaf value"; the summary lines around them start with == or spaces
            int space = line.lastIndexOf(' ');
            if (line.isEmpty() || line.startsWith("==") || line.startsWith(" ") || line.startsWith("--") || space < 0) {
                continue;
            }
            ours.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
        }
        Map<String, Long> pprof = tracesAsFolded(Fixtures.gzipLines(Fixtures.file(traces)));
        assertTrue(pprof.size() > 3, "pprof listed stacks");
        assertEquals(pprof, ours, "folded stacks (root first) and their summed values, as pprof -traces lists them");
    }

    private static String rootFirst(List<String> leafFirst) {
        List<String> copy = new ArrayList<>(leafFirst);
        java.util.Collections.reverse(copy);
        return String.join(";", copy);
    }

    /** pprof -traces: blocks between dashed lines, the first line "VALUEns   leaf", then callers, innermost first. */
    static Map<String, Long> tracesAsFolded(List<String> lines) {
        Map<String, Long> folded = new TreeMap<>();
        List<String> frames = new ArrayList<>();
        long value = 0;
        boolean inBlocks = false;
        for (String line : lines) {
            if (line.startsWith("-----------+")) {
                if (!frames.isEmpty()) {
                    folded.merge(rootFirst(frames), value, Long::sum);
                }
                frames.clear();
                inBlocks = true;
                continue;
            }
            if (!inBlocks || line.isBlank()) {
                continue;
            }
            String frame = line.strip();
            if (frames.isEmpty()) {
                String[] parts = frame.split("\\s+", 2);
                value = Long.parseLong(parts[0].replace("ns", ""));
                frame = parts.length > 1 ? parts[1] : "";
            }
            frames.add(frame.replace(" (inline)", ""));
        }
        if (!frames.isEmpty()) {
            folded.merge(rootFirst(frames), value, Long::sum);
        }
        return folded;
    }
}
