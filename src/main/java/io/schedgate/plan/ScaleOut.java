package io.schedgate.plan;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How this process takes part in a ramp spread over several injector processes. The collector (the
 * run that starts or names the target, profiles it and judges) sets {@code schedgate.injectors=N}: it
 * sends its own share and waits for N more injectors, listening on {@code schedgate.coordinator.port}.
 * An injector sets {@code schedgate.coordinator=http://collector:port} instead: it takes the plan, the
 * target's URL and the start instant from the collector and only sends load.
 *
 * @param injectors other injectors a collector waits for (0: it sends all the load alone)
 * @param port where a collector listens for them
 * @param coordinator the collector an injector joins, null when this process is the collector
 * @param joinTimeout how long a collector waits for its injectors to join, and an injector for the collector
 * @param reportTimeout how long after a window's end the collector waits for every injector's numbers
 */
public record ScaleOut(int injectors, int port, URI coordinator, Duration joinTimeout, Duration reportTimeout) {

    public static final String INJECTORS = "injectors";
    public static final String PORT = "coordinator.port";
    public static final String COORDINATOR = "coordinator";
    public static final String JOIN_SECONDS = "injectors.join.seconds";
    public static final String REPORT_SECONDS = "injectors.report.seconds";

    public static final int DEFAULT_PORT = 7480;

    public static ScaleOut from(PlanSources sources) {
        int injectors = whole(sources, INJECTORS, 0, 0);
        int port = whole(sources, PORT, DEFAULT_PORT, 0);
        Duration join = Duration.ofSeconds(whole(sources, JOIN_SECONDS, 120, 1));
        Duration report = Duration.ofSeconds(whole(sources, REPORT_SECONDS, 10, 1));
        Optional<PlanSources.Value> c = sources.userValue(COORDINATOR);
        URI coordinator = null;
        if (c.isPresent()) {
            try {
                coordinator = URI.create(c.get().text());
            } catch (IllegalArgumentException e) {
                coordinator = null;
            }
            if (coordinator == null || coordinator.getHost() == null || !"http".equals(coordinator.getScheme())) {
                throw new InvalidPlanException(
                        COORDINATOR,
                        "'" + c.get().text() + "' (from " + c.get().origin()
                                + ") is not the collector's address: write it as http://host:port");
            }
            if (injectors > 0) {
                throw new InvalidPlanException(
                        INJECTORS,
                        "set schedgate.injectors on the collector and schedgate.coordinator on each injector,"
                                + " not both on one process");
            }
        }
        return new ScaleOut(injectors, port, coordinator, join, report);
    }

    /** This process only sends load, for the collector at {@link #coordinator()}. */
    public boolean isInjector() {
        return coordinator != null;
    }

    /** This process is the collector of a ramp other injectors share. */
    public boolean coordinates() {
        return injectors > 0;
    }

    private static int whole(PlanSources sources, String key, int fallback, int min) {
        Optional<PlanSources.Value> v = sources.userValue(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get().text().trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidPlanException(
                key,
                "'" + v.get().text() + "' (from " + v.get().origin() + ") must be a whole number, at least " + min);
    }
}
