package io.schedgate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Linux's CPU list syntax read and written back, and the one-line refusals. */
class CpuListTest {

    @Test
    void aCanonicalListReadsBackAsWritten() {
        for (String list : new String[] {"0", "5", "0-1", "0-1,3", "1,3-4", "0,2,5", "0-3,5,7-8", "0-65535"}) {
            assertEquals(list, CpuList.parse(list).toString());
        }
    }

    @Test
    void anyOtherSpellingIsWrittenCanonically() {
        assertEquals("0-2", CpuList.parse("0,1,2").toString());
        assertEquals("0-3", CpuList.parse("3,0-1,2").toString());
        assertEquals("0-5", CpuList.parse("0-3,2-5").toString());
        assertEquals("4", CpuList.parse("4-4").toString());
        assertEquals(CpuList.parse("0-1"), CpuList.parse("1,0"));
        assertEquals(CpuList.parse("0-1").hashCode(), CpuList.parse("1,0").hashCode());
    }

    @Test
    void countIsTheCpusNamed() {
        assertEquals(1, CpuList.parse("0").count());
        assertEquals(3, CpuList.parse("0,2-3").count());
        assertEquals(8, CpuList.parse("0-7").count());
        assertEquals(4, CpuList.parse("0-3,1-2").count(), "a CPU named twice counts once");
    }

    @Test
    void rangesAreInclusive() {
        assertEquals("0", CpuList.range(0, 0).toString());
        assertEquals("2-4", CpuList.range(2, 4).toString());
        assertThrows(IllegalArgumentException.class, () -> CpuList.range(3, 1));
        assertThrows(IllegalArgumentException.class, () -> CpuList.range(-1, 1));
    }

    @Test
    void theComplementIsWhatIsLeftOfTheMachine() {
        assertEquals("0,2,5", CpuList.parse("1,3-4").complement(6).toString());
        assertEquals("2-7", CpuList.parse("0-1").complement(8).toString());
        assertTrue(CpuList.parse("0-1").complement(2).isEmpty());
        assertEquals("", CpuList.parse("0-7").complement(2).toString(), "CPUs past the machine take nothing");
        assertEquals("0-1", CpuList.parse("5").complement(2).toString());
    }

    @Test
    void beyondIsWhatTheMachineDoesNotHave() {
        assertEquals("3,5-6", CpuList.parse("1,3,5-6").beyond(2).toString());
        assertEquals("2-7", CpuList.parse("0-7").beyond(2).toString());
        assertTrue(CpuList.parse("0-1").beyond(2).isEmpty());
    }

    @Test
    void aListIsNotChangedByWhatIsDerivedFromIt() {
        CpuList list = CpuList.parse("1,3-4");
        list.complement(6);
        list.beyond(2);
        assertEquals("1,3-4", list.toString());
    }

    @Test
    void aBackwardsRangeIsNamed() {
        CpuList.Malformed e = assertThrows(CpuList.Malformed.class, () -> CpuList.parse("3-1"));
        assertEquals("CPU set \"3-1\" has the range 3-1 running backwards", e.getMessage());
        assertTrue(e.backwards());
        assertEquals(
                "CPU set \"0,5-2\" has the range 5-2 running backwards",
                assertThrows(IllegalArgumentException.class, () -> CpuList.parse("0,5-2"))
                        .getMessage());
    }

    @Test
    void anythingElseIsNotACpuList() {
        for (String bad : new String[] {"a-b", "", " 0", "0,", ",0", "0,,1", "0-", "1-2-3", "0 - 1", "0:2", "-1"}) {
            CpuList.Malformed e = assertThrows(CpuList.Malformed.class, () -> CpuList.parse(bad), bad);
            assertEquals("CPU set \"" + bad + "\" is not a CPU list such as 0, 0-1 or 0,2-3", e.getMessage());
            assertFalse(e.backwards(), bad);
        }
        assertEquals(
                "CPU set \"null\" is not a CPU list such as 0, 0-1 or 0,2-3",
                assertThrows(CpuList.Malformed.class, () -> CpuList.parse(null)).getMessage());
    }

    @Test
    void cpuNumbersPastTheLimitAreRefusedNotAllocated() {
        for (String big : new String[] {"65536", "0-65536", "0-99999999999", "99999999999-1"}) {
            CpuList.Malformed e = assertThrows(CpuList.Malformed.class, () -> CpuList.parse(big), big);
            assertEquals("CPU set \"" + big + "\" is not a CPU list such as 0, 0-1 or 0,2-3", e.getMessage());
        }
    }
}
