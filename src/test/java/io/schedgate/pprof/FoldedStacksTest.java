package io.schedgate.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldedStacksTest {

    @Test
    void foldedStacksAddUpToTheProfileAndEndAtTheLeaf() {
        Profile p = Fixtures.profile("go126-fanout-cpu.pb.gz");
        List<String> folded = Aggregator.folded(p, 1, SampleFilter.NONE);
        long sum = 0;
        for (String line : folded) {
            sum += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        }
        long withStack = p.samples().stream()
                .filter(x -> !x.stack().isEmpty())
                .mapToLong(x -> x.values()[1])
                .sum();
        assertEquals(withStack, sum, "folded lines add up to every sample that has a stack");
        assertEquals(5_480_000_000L, sum, "pprof -top: 'Showing nodes accounting for 5480000000ns'");
        // pprof -top's flat for a leaf equals the sum of folded lines ending in it.
        FunctionStat lock2 = Aggregator.byFunction(p, 1).get("runtime.lock2");
        long leafSum = folded.stream()
                .filter(l -> l.substring(0, l.lastIndexOf(' ')).endsWith(";runtime.lock2"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        assertEquals(lock2.flat(), leafSum);
        Sample deep = p.samples().stream()
                .filter(x -> x.stack().size() > 3)
                .findFirst()
                .orElseThrow();
        List<String> names = new java.util.ArrayList<>(
                deep.stack().stream().map(Frame::function).toList());
        java.util.Collections.reverse(names);
        String key = String.join(";", names) + " ";
        assertTrue(folded.stream().anyMatch(l -> l.startsWith(key)), "root first, leaf last: " + key);
    }

    @Test
    void goroutineProfilesSkipEmptyStacks() {
        Profile p = Fixtures.profile("go126-leak-goroutine.pb.gz");
        long withStack = p.samples().stream()
                .filter(s -> !s.stack().isEmpty())
                .mapToLong(s -> s.values()[0])
                .sum();
        long sum = Aggregator.folded(p, 0, SampleFilter.NONE).stream()
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        assertEquals(withStack, sum);
        assertTrue(withStack < p.total(0), "the fixture has not-started goroutines");
    }
}
