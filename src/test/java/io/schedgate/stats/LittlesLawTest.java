package io.schedgate.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LittlesLawTest {

  /**
   * Worked example from J. D. C. Little and S. C. Graves, "Little's Law", in Building Intuition
   * (Springer 2008), §5.2: a wine cellar buys 150 cases a year and keeps each case 10 years on
   * average, so it holds 1500 cases.
   */
  @Test
  void wineCellarHoldsFifteenHundredCases() {
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
