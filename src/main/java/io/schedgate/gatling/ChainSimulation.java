package io.schedgate.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The ramp over a chain handed in from this JVM: what an experiment with a Gatling {@link ChainBuilder}
 * scenario runs. Gatling instantiates its simulation class by name, and a chain is no text a system
 * property could carry, so the chain waits in a static handoff set just before Gatling starts (in
 * the same JVM, one run at a time) and is built here, inside the simulation's construction.
 */
public class ChainSimulation extends SchedgateSimulation {

    private static final AtomicReference<Supplier<ChainBuilder>> NEXT = new AtomicReference<>();

    /** The chain the next {@code ChainSimulation} in this JVM ramps; null clears it. */
    public static void handOff(Supplier<ChainBuilder> chain) {
        NEXT.set(chain);
    }

    {
        Supplier<ChainBuilder> chain = NEXT.get();
        if (chain == null) {
            throw new IllegalStateException(
                    "ChainSimulation has no chain: it runs from Experiment.scenario(chain), in the JVM that set it");
        }
        ramp(Objects.requireNonNull(chain.get(), "the scenario's supplier returned no chain"));
    }
}
