package io.schedgate.gatling;

/**
 * The generic ramp: one GET per arrival from the plan's endpoint mix ({@code -Dschedgate.mix}, e.g.
 * {@code /work@3,/slow@1}) at the plan's stair-step rates, against whatever target the
 * {@code schedgate.target.*} settings name. Shipped in the library so an experiment
 * ({@code io.schedgate.experiment.Experiment}) or a user's build can ramp a service without writing a
 * simulation; {@code -Dgatling.simulationClass=io.schedgate.gatling.EndpointMixSimulation} picks it.
 */
public class EndpointMixSimulation extends SchedgateSimulation {
    {
        ramp(endpointMix());
    }
}
