package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.service.ProjectLayout;
import io.schedgate.service.TraceStatBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader on the committed traces of tools/tracestat/testdata (Go 1.26 and 1.23) against the counts
 * testdata/dumpcounts.sh took with awk from {@code go tool trace -d=parsed} of the same files.
 */
class TraceStatReaderTest {

    static final Path TESTDATA = Path.of("tools/tracestat/testdata");
    static TraceStatReader reader;

    @BeforeAll
    static void build() {
        reader = new TraceStatReader(TraceStatBuild.ensure(ProjectLayout.find()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.26", "1.23"})
    void countsEqualTheGoToolTraceDump(String go) throws IOException {
        TraceStats s = reader.read(TESTDATA.resolve("go" + go + ".trace"));
        Map<String, List<Long>> dump = new HashMap<>();
        Map<String, Long> reasons = new HashMap<>();
        Map<String, Long> wakers = new HashMap<>();
        for (String line :
                Files.readAllLines(TESTDATA.resolve("go" + go + ".dump-counts.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] tab = line.split("\t");
            if (tab.length == 3) {
                (tab[0].equals("reason") ? reasons : wakers).put(tab[1], Long.parseLong(tab[2]));
                continue;
            }
            String[] f = line.split(" ");
            dump.put(
                    f[0],
                    java.util.Arrays.stream(f).skip(1).map(Long::parseLong).toList());
        }
        assertEquals(TraceStats.SCHEMA, s.schema());
        assertEquals(dump.get("events").get(0), s.events());
        assertEquals(dump.get("durationNs").get(0), s.durationNs());
        assertEquals(dump.get("wakeUps").get(0), s.wakeUps().total());
        assertEquals(dump.get("goroutinesCreated").get(0), s.goroutinesCreated());
        assertEquals(
                dump.get("stopTheWorld"),
                List.of(s.stopTheWorld().count(), s.stopTheWorld().totalNs()));
        assertEquals(dump.get("gc"), List.of(s.gc().count(), s.gc().totalNs()));
        TraceStats.Latency l = s.schedulingLatency();
        assertEquals(dump.get("schedulingLatency"), List.of(l.count(), l.p50Ns(), l.p99Ns(), l.maxNs()));
        assertEquals(reasons, s.wakeUps().byReason());
        assertEquals(wakers.size(), s.wakeUps().wakerSites());
        assertEquals(10, s.wakeUps().topWakers().size(), "the reader asks for the top 10");
        for (TraceStats.Site w : s.wakeUps().topWakers()) {
            assertEquals(wakers.get(w.site()), w.count(), w.site());
        }
        assertEquals("main.herd main.go:70", s.topWaker().site());
        assertEquals(2, s.gomaxprocs());
        assertTrue(s.procUtilisation() > 0 && s.procUtilisation() <= 1, "utilisation " + s.procUtilisation());
    }

    @Test
    void notATraceIsOneLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("trace.out"), "404 page not found\n");
        TraceStatReader.TraceStatException e =
                assertThrows(TraceStatReader.TraceStatException.class, () -> reader.read(bad));
        assertTrue(e.getMessage().startsWith("tracestat: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void locatesTheBuiltBinary() {
        assertEquals(
                reader.binary().toAbsolutePath().normalize(),
                TraceStatReader.locate().orElseThrow().toAbsolutePath().normalize());
    }
}
