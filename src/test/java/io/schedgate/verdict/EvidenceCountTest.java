package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Counts in console lines read as English: "1 step", never "1 steps". */
class EvidenceCountTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertEquals("1 step", Evidence.count(1, "step"));
        assertEquals("0 steps", Evidence.count(0, "step"));
        assertEquals("3 more reasons", Evidence.count(3, "more reason"));
        assertEquals("1 more reason", Evidence.count(1, "more reason"));
    }
}
