package io.schedgate.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * What the collector ({@link InjectorCoordinator}) and its injectors ({@link InjectorClient}) say to each
 * other, as JSON over HTTP: {@code POST /join} gives an injector its {@link Assignment}, {@code GET /start}
 * the ramp's origin once the collector set it, {@code POST /window} takes one step's {@link WindowReport},
 * {@code POST /final} the arrivals each step dropped, {@code GET /status} says whether the run goes on.
 */
public final class InjectorProtocol {

    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private InjectorProtocol() {}

    /**
     * An injector's part of the ramp.
     *
     * @param share which arrivals it sends ({@link ArrivalShare}: index 1..N-1, the collector is 0)
     * @param of how many injectors share the ramp, the collector included
     * @param settings the collector's plan as {@code schedgate.*} settings without the prefix
     * @param users pooled virtual users the injector runs
     * @param appUrl where to send the requests
     * @param headerName a header every request carries (null: none)
     * @param headerValue its value
     */
    public record Assignment(
            int share,
            int of,
            Map<String, String> settings,
            int users,
            String appUrl,
            String headerName,
            String headerValue) {

        public ArrivalShare arrivals() {
            return new ArrivalShare(share, of);
        }
    }

    /** The ramp's origin as microseconds since the epoch (wall clock), or null before the collector set it. */
    public record Start(Long originEpochMicros) {}

    /** One step's window (0-based {@code step}) as injector {@code share} counted it. */
    public record WindowReport(int share, int step, WindowCounts counts) {}

    /** Per step (0-based), the arrivals injector {@code share} dropped, and those for want of a free user. */
    public record FinalReport(int share, List<Long> unsent, List<Long> unsentUsersBusy) {}

    /** Whether the run still goes on; once not, its status and reason. */
    public record Status(boolean running, String status, String reason) {}
}
