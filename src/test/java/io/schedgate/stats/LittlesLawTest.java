package io.schedgate.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LittlesLawTest {

    /**
     * L = λW and its two rearrangements (Little 1961, eq. 1) must agree: 150 arrivals per unit time
     * staying 10 units on average keep 1500 in the system.
     */
    @Test
    void theThreeFormsAgree() {
        assertEquals(1500, LittlesLaw.inSystem(150, 10), 1e-9);
        assertEquals(10, LittlesLaw.residenceSeconds(1500, 150), 1e-9);
        assertEquals(150, LittlesLaw.arrivalRate(1500, 10), 1e-9);
    }

    /** The lab: 2000 req/s at 4 ms mean latency keep 8 requests in flight. */
    @Test
    void requestsInFlight() {
        assertEquals(8.0, LittlesLaw.inSystem(2000, 0.004), 1e-12);
    }

    @Test
    void refusesNegativeOrZeroRates() {
        assertThrows(IllegalArgumentException.class, () -> LittlesLaw.inSystem(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> LittlesLaw.residenceSeconds(1, 0));
    }
}
