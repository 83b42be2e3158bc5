package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * withCpuset takes what reads as a CPU list and refuses anything else at once; a range written high-low
 * passes, for start() to name beside this machine's CPUs ({@link CpusetFit}). No Docker engine needed.
 */
class GoServiceContainerCpusetTest {

    @Test
    void aCpuListIsKeptAsGiven() {
        assertEquals(
                Optional.of("0,2-3"),
                GoServiceContainer.fromImage("x/y:1").withCpuset("0,2-3").cpuset());
        assertEquals(
                Optional.of("3-1"),
                GoServiceContainer.fromImage("x/y:1").withCpuset("3-1").cpuset());
    }

    @Test
    void anythingElseIsRefusedInOneLine() {
        for (String bad : new String[] {"zero", "0,", " 0", "0-99999"}) {
            assertEquals(
                    "cpuset must look like 0, 0-1 or 0,2: got '" + bad + "'",
                    assertThrows(IllegalArgumentException.class, () -> GoServiceContainer.fromImage("x/y:1")
                                    .withCpuset(bad))
                            .getMessage());
        }
    }
}
