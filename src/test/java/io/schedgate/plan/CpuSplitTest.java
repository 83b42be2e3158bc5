package io.schedgate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuSplitTest {

    @Test
    void autoSplitsFourCpusOrMoreIntoHalves() {
        CpuSplit s = CpuSplit.decide(null, 8, null, true);
        assertEquals("4-7", s.targetCpus());
        assertEquals("0-3", s.harnessCpus());
        assertEquals("target on CPUs 4-7, harness on 0-3", s.note());
        CpuSplit odd = CpuSplit.decide("auto", 5, null, true);
        assertEquals("2-4", odd.targetCpus());
        assertEquals("0-1", odd.harnessCpus());
    }

    @Test
    void autoLeavesTwoCpusAloneAndSaysWhy() {
        CpuSplit s = CpuSplit.decide("auto", 2, null, true);
        assertNull(s.targetCpus());
        assertNull(s.harnessCpus());
        assertTrue(s.note().contains("would leave the target GOMAXPROCS 1"), s.note());
        assertTrue(s.note().contains("-Dschedgate.target.pin=on"), s.note());
    }

    @Test
    void onSplitsTwoCpus() {
        CpuSplit s = CpuSplit.decide("ON", 2, null, true);
        assertEquals("1", s.targetCpus());
        assertEquals("0", s.harnessCpus());
        assertNull(CpuSplit.decide("on", 1, null, true).targetCpus());
    }

    @Test
    void aUserCpusetStandsAndTheHarnessGetsTheRest() {
        CpuSplit s = CpuSplit.decide("auto", 6, "1,3-4", true);
        assertEquals("1,3-4", s.targetCpus());
        assertEquals("0,2,5", s.harnessCpus());
        CpuSplit all = CpuSplit.decide("auto", 2, "0-1", true);
        assertEquals("0-1", all.targetCpus());
        assertNull(all.harnessCpus());
        assertTrue(all.note().contains("no CPU left for the harness"), all.note());
    }

    @Test
    void offAndTargetsElsewhereAreNeverPinned() {
        assertNull(CpuSplit.decide("off", 8, null, true).targetCpus());
        assertEquals(
                "not pinned (schedgate.target.pin=off)",
                CpuSplit.decide("off", 8, null, true).note());
        CpuSplit url = CpuSplit.decide("on", 8, null, false);
        assertNull(url.harnessCpus());
        assertTrue(url.note().contains("does not run in a container on this machine"), url.note());
    }

    @Test
    void badValuesNameTheSetting() {
        assertEquals(
                "target.pin",
                assertThrows(InvalidPlanException.class, () -> CpuSplit.mode("maybe"))
                        .property());
        assertEquals(
                "target.cpuset",
                assertThrows(InvalidPlanException.class, () -> CpuSplit.decide("auto", 4, "a-b", true))
                        .property());
        assertEquals(
                "schedgate.target.cpuset: CPU set \"3-1\" has the range 3-1 running backwards",
                assertThrows(InvalidPlanException.class, () -> CpuSplit.decide("auto", 4, "3-1", true))
                        .getMessage());
    }
}
