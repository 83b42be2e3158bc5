package io.schedgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.schedgate.gatling.SchedgateSimulation;

/**
 * How to ramp your own scenario: extend {@link SchedgateSimulation} and say what one user does.
 * Run it with {@code ./mvnw gatling:test -Dgatling.simulationClass=io.schedgate.simulations.ExampleCustomSimulation}
 * (plus {@code -Dschedgate.target.url=... -Dschedgate.target.pprof=...} for your own service).
 */
public class ExampleCustomSimulation extends SchedgateSimulation {
    {
        ramp(exec(http("hot lock").get("/hotlock?us=30").check(status().is(200)))
                .exec(http("fan-out").get("/fanout?n=32")));
    }
}
