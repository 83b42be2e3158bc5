package io.schedgate.signals;

import io.schedgate.pprof.Fixtures;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @ParameterizedTest
    @ValueSource(strings = {"go126-leak-goroutine", "go123-fanout-goroutine", "go126-fanout-goroutine"})
    void emptyStacksAreNotStartedYet(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        long empty = p.samples().stream().filter(s -> s.stack().isEmpty()).mapToLong(s -> s.values()[0]).sum();
        assertTrue(empty > 0, "the fixture has goroutines with empty stacks");
        assertEquals(empty, GoroutineGroups.of(p).notStarted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"go126-fanout-block", "go123-fanout-block", "go126-hotlock-block"})
    void blockProfileLeavesOutPprofsOwnWait(String fixture) {
        Profile p = Fixtures.profile(fixture + ".pb.gz");
        assertEquals(ContentionKind.BLOCK, ContentionKind.of(p, null), "recognised from its leaves");
        BlockReport b = BlockReport.of(p);
        long pprofWait = p.samples().stream().filter(s -> BlockReport.isPprofHandler(s.stack()))
                .mapToLong(s -> s.values()[1]).sum();
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
        for (Sample s : Fixtures.profile(fixture.replace("block", "mutex") + ".pb.gz").samples()) {
            assertFalse(s.stack().isEmpty() && s.values()[1] != 0, "mutex samples have stacks");
        }
        assertEquals(ContentionKind.MUTEX, ContentionKind.of(Fixtures.profile(fixture.replace("block", "mutex") + ".pb.gz"), null));
    }
}
