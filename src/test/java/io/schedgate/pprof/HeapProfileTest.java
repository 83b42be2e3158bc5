package io.schedgate.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.signals.ProfileSignals;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allocs profile of the lab under /alloc load (capture.sh, scenario alloc; every function's
 * flat/cum is checked against pprof by PprofTopGoldenTest): read as a heap profile with its four
 * sample types, alloc_space as the default (the proto's default_sample_type, which Go's /allocs
 * sets), per-sample "bytes" labels, and the lab's allocation site on top.
 */
class HeapProfileTest {

    @ParameterizedTest
    @ValueSource(strings = {"go126-alloc-allocs.pb.gz", "go123-alloc-allocs.pb.gz"})
    void allocsProfile(String fixture) {
        Profile p = Fixtures.profile(fixture);
        assertEquals("heap", p.kind());
        assertEquals(
                List.of(
                        new SampleType("alloc_objects", "count"),
                        new SampleType("alloc_space", "bytes"),
                        new SampleType("inuse_objects", "count"),
                        new SampleType("inuse_space", "bytes")),
                p.sampleTypes());
        assertEquals(new SampleType("space", "bytes"), p.periodType());
        assertEquals("alloc_space", p.defaultSampleType());
        assertEquals(1, p.sampleIndex(null), "the default is alloc_space, not the last type");
        assertTrue(
                p.samples().stream().allMatch(s -> s.numLabels().containsKey("bytes")),
                "Go labels heap samples by size");

        FunctionTable space = Aggregator.byFunction(p, p.sampleIndex(null));
        FunctionStat top = space.rows().get(0);
        assertEquals("main.(*alloc).run", top.function());
        assertTrue(top.flat() > space.total() / 2, "the /alloc handler allocates most bytes: " + top);

        ProfileSignals s = ProfileSignals.of(p.requireSamples(fixture), fixture, null);
        assertEquals("heap", s.kind());
        assertNull(s.cpuLocks());
        assertNull(s.goroutines());
    }
}
