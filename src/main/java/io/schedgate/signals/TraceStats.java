package io.schedgate.signals;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * What tools/tracestat counted in one Go execution trace (its JSON, schema {@value #SCHEMA}; the
 * fields are documented in tools/tracestat/stats.go). Times in nanoseconds on the trace's clock.
 * Unknown fields are ignored, so tracestat may add some.
 *
 * @param durationNs first event to last: the slice the counts are over
 * @param wakeUps goroutines Waiting→Runnable
 * @param goroutinesCreated NotExist→Runnable
 * @param schedulingLatency Runnable→Running
 * @param procUtilisation goroutine running time over durationNs × gomaxprocs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TraceStats(
        String schema,
        long durationNs,
        long events,
        long gomaxprocs,
        WakeUps wakeUps,
        long goroutinesCreated,
        Latency schedulingLatency,
        Ranges stopTheWorld,
        Ranges gc,
        long runningNs,
        double procUtilisation) {

    public static final String SCHEMA = "schedgate.tracestat/1";

    /**
     * @param byReason by the wait reason the woken goroutine had blocked with
     * @param topWakers the waker sites ("main.herd main.go:70"), largest first
     * @param wakerSites how many distinct sites there were
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WakeUps(long total, Map<String, Long> byReason, List<Site> topWakers, int wakerSites) {
        public WakeUps {
            byReason = byReason == null ? Map.of() : Map.copyOf(byReason);
            topWakers = topWakers == null ? List.of() : List.copyOf(topWakers);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Site(String site, long count) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Latency(long count, long p50Ns, long p99Ns, long maxNs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ranges(long count, long totalNs) {}

    /** The slice's length in seconds. */
    public double seconds() {
        return durationNs / 1e9;
    }

    /** The most frequent waker site, null when the trace saw no wake-up. */
    public Site topWaker() {
        return wakeUps == null || wakeUps.topWakers().isEmpty()
                ? null
                : wakeUps.topWakers().get(0);
    }
}
