package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The runtime's default GOMAXPROCS rule as documented, case by case (the container test checks it against a real Go). */
class ContainerGomaxprocsTest {

    private static int of(Map<String, String> env, String cpuset, Double quota, int host, OptionalInt minor) {
        return ContainerGomaxprocs.of(env, cpuset, quota, host, minor)
                .orElseThrow()
                .gomaxprocs();
    }

    @Test
    void theEnvironmentWins() {
        assertEquals(3, of(Map.of("GOMAXPROCS", "3"), "0", 1.0, 8, OptionalInt.of(26)));
    }

    @Test
    void theCpusetElseTheHost() {
        assertEquals(3, of(Map.of(), "0,2-3", null, 8, OptionalInt.empty()));
        assertEquals(8, of(Map.of(), null, null, 8, OptionalInt.empty()));
    }

    @Test
    void aQuotaCapsFromGo125RoundedUpAtLeastTwo() {
        assertEquals(2, of(Map.of(), null, 0.5, 8, OptionalInt.of(25)));
        assertEquals(3, of(Map.of(), null, 2.5, 8, OptionalInt.of(26)));
        assertEquals(8, of(Map.of(), null, 2.5, 8, OptionalInt.of(24)));
        assertEquals(8, of(Map.of("GODEBUG", "x=1,containermaxprocs=0"), null, 2.5, 8, OptionalInt.of(26)));
        assertEquals(2, of(Map.of(), "0-1", 4.0, 8, OptionalInt.empty()), "a quota above the cpuset changes nothing");
        assertTrue(
                ContainerGomaxprocs.of(Map.of(), null, 2.5, 8, OptionalInt.empty())
                        .isEmpty(),
                "below the CPUs with the version unknown, the settings do not decide");
    }
}
