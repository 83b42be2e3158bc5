package io.schedgate.simulations;

import io.schedgate.gatling.SchedgateSimulation;

/**
 * The default ramp ({@code ./mvnw gatling:test}): the plan's endpoint mix (by default the lab's
 * healthy, fanout, hotlock, herd, leak and alloc endpoints) at stair-step arrival rates.
 */
public class LabRampSimulation extends SchedgateSimulation {
    {
        ramp(endpointMix());
    }
}
