package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.pprof.Fixtures;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import io.schedgate.pprof.SampleType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoroutineAndBlockTest {

    @ParameterizedTest
    @ValueSource(strings = {"go126-leak-goroutine", "go123-leak-goroutine"})
    void leakedGoroutinesGroupAtLeakForever(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        GoroutineGroups g = GoroutineGroups.of(p);
        assertEquals(p.total(0), g.total());
        GoroutineGroups.Group top = g.groups().get(0);
        assertTrue(top.site().startsWith("main.leakForever leak.go:"), top.toString());
        assertEquals("chan receive", top.state());
        assertEquals(5000, top.goroutines(), "LAB_LEAK_MAX=5000 in capture.sh");
    }

    /**
     * The goroutineleak profile of a Go 1.26 lab built with GOEXPERIMENT=goroutineleakprofile
     * after 40 x /leak?n=5 (capture.sh): its own sample type, exactly the 200 leaked goroutines
     * (the debug=1 text saved beside it says "total 200"), all at main.leakForever; the goroutine
     * profile taken right after holds the same 200 among the lab's other goroutines.
     */
    @Test
    void goroutineleakProfileHoldsExactlyTheLeakedGoroutines() throws IOException {
        Profile leak = Fixtures.profile("go126-leakexp-leak-goroutineleak.pb.gz");
        assertEquals("goroutineleak", leak.kind());
        assertEquals(List.of(new SampleType("goroutineleak", "count")), leak.sampleTypes());
        assertEquals(new SampleType("goroutineleak", "count"), leak.periodType());
        String debug1 = Files.readAllLines(Fixtures.file("go126-leakexp-leak-goroutineleak-debug1.txt"))
                .get(0);
        assertEquals("goroutineleak profile: total " + leak.total(0), debug1);
        assertEquals(200, leak.total(0), "40 requests x /leak?n=5");

        ProfileSignals s = ProfileSignals.of(leak, "goroutineleak.pb.gz", null);
        assertEquals("goroutineleak", s.kind());
        GoroutineGroups g = s.goroutines();
        assertEquals(200, g.total());
        assertEquals(1, g.groups().size(), g.groups().toString());
        assertEquals(
                new GoroutineGroups.Group("main.leakForever leak.go:18", "chan receive", 200),
                g.groups().get(0));
        assertEquals(0, g.notStarted());

        GoroutineGroups all = GoroutineGroups.of(Fixtures.profile("go126-leakexp-leak-goroutine.pb.gz"));
        assertTrue(all.total() > 200, "the lab's own goroutines too: " + all.total());
        assertEquals(g.groups().get(0), all.groups().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go126-leak-goroutine", "go123-fanout-goroutine", "go126-fanout-goroutine"})
    void emptyStacksAreNotStartedYet(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        long empty = p.samples().stream()
                .filter(s -> s.stack().isEmpty())
                .mapToLong(s -> s.values()[0])
                .sum();
        assertTrue(empty > 0, "the fixture has goroutines with empty stacks");
        assertEquals(empty, GoroutineGroups.of(p).notStarted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"go126-fanout-block", "go123-fanout-block", "go126-hotlock-block"})
    void blockProfileLeavesOutPprofsOwnWait(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        assertEquals(ContentionKind.BLOCK, ContentionKind.of(p, null), "recognised from its leaves");
        BlockReport b = BlockReport.of(p);
        long pprofWait = p.samples().stream()
                .filter(s -> BlockReport.isPprofHandler(s.stack()))
                .mapToLong(s -> s.values()[1])
                .sum();
        assertTrue(pprofWait >= 9_000_000_000L, "the 10 s ?seconds=10 handler wait is in the raw profile");
        assertEquals(pprofWait, b.excludedDelayNanos());
        assertEquals(p.total(1) - pprofWait, b.delayNanos());
        assertFalse(b.sites().stream().anyMatch(s -> s.function().startsWith("net/http/pprof")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"go126-fanout-block", "go123-fanout-block"})
    void fanoutBlocksOnItsChannels(String fixture) {
        BlockReport b = BlockReport.of(Fixtures.profile(fixture + ".pb.gz"));
        BlockReport.Site top = b.sites().get(0);
        assertEquals("chan send", top.state());
        assertEquals("main.(*fanout).run.func1", top.function());
        for (Sample s :
                Fixtures.profile(fixture.replace("block", "mutex") + ".pb.gz").samples()) {
            assertFalse(s.stack().isEmpty() && s.values()[1] != 0, "mutex samples have stacks");
        }
        assertEquals(
                ContentionKind.MUTEX,
                ContentionKind.of(Fixtures.profile(fixture.replace("block", "mutex") + ".pb.gz"), null));
    }
}
