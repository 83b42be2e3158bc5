package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A CPU set beyond the machine is one line naming the CPUs it may use. */
class CpusetFitTest {

    private static final String TWO =
            "this machine has CPUs 0-1 (Runtime.availableProcessors()=2 / docker info NCPU=2)";

    @Test
    void aSetWithinTheMachineFits() {
        assertEquals(Optional.empty(), CpusetFit.problem("0-1", 2, 2));
        assertEquals(Optional.empty(), CpusetFit.problem("1", 2, 2));
        assertEquals(Optional.empty(), CpusetFit.problem("0,1", 2, 2));
    }

    @Test
    void cpusBeyondTheMachineAreNamed() {
        assertEquals(
                Optional.of("CPU set \"0-7\" names CPUs 2-7, but " + TWO + ": pick a set within 0-1"),
                CpusetFit.problem("0-7", 2, 2));
        assertEquals(
                Optional.of("CPU set \"5\" names CPUs 5, but " + TWO + ": pick a set within 0-1"),
                CpusetFit.problem("5", 2, 2));
        assertEquals(
                Optional.of("CPU set \"1,3,5-6\" names CPUs 3,5-6, but " + TWO + ": pick a set within 0-1"),
                CpusetFit.problem("1,3,5-6", 2, 2));
    }

    @Test
    void malformedSetsAreNamed() {
        assertEquals(
                Optional.of("CPU set \"a-b\" is not a CPU list such as 0, 0-1 or 0,2-3, and " + TWO
                        + ": pick a set within 0-1"),
                CpusetFit.problem("a-b", 2, 2));
        assertEquals(
                Optional.of("CPU set \"0-99999\" is not a CPU list such as 0, 0-1 or 0,2-3, and " + TWO
                        + ": pick a set within 0-1"),
                CpusetFit.problem("0-99999", 2, 2),
                "past any CPU Linux numbers (CpuList.LIMIT)");
        assertEquals(
                Optional.of("CPU set \"3-1\" has the range 3-1 running backwards, and " + TWO
                        + ": write it low-high, within 0-1"),
                CpusetFit.problem("3-1", 2, 2));
    }

    @Test
    void theDockerEngineDecidesAndTheJvmStandsInWhenItGivesNoCount() {
        assertEquals(
                Optional.of("CPU set \"2\" names CPUs 2, but this machine has CPUs 0-1"
                        + " (Runtime.availableProcessors()=4 / docker info NCPU=2): pick a set within 0-1"),
                CpusetFit.problem("2", 2, 4));
        assertEquals(
                Optional.of("CPU set \"2\" names CPUs 2, but this machine has CPUs 0-1"
                        + " (Runtime.availableProcessors()=2 / docker info NCPU=unknown): pick a set within 0-1"),
                CpusetFit.problem("2", 0, 2));
    }
}
