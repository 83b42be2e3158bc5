package io.schedgate.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * What the Go process says about its runtime, and the one reader of it: the lab's {@code /info}
 * JSON, else a Prometheus {@code /metrics} page (read with {@link PrometheusText}), else nothing.
 * A service that serves neither is still a target: the fields are then unknown (null), and the
 * run goes on with what the profiles show.
 *
 * @param goVersion  runtime.Version(), e.g. {@code go1.26.8}; null when not reported
 * @param gomaxprocs runtime.GOMAXPROCS(0); null when not reported
 * @param numCpu     runtime.NumCPU() (CPUs in the process's affinity mask); null when not reported
 *                   (Prometheus' Go collector has no NumCPU metric)
 * @param source     where the numbers came from: {@link #FROM_INFO}, {@link #FROM_METRICS} or {@link #UNKNOWN}
 */
public record GoRuntimeInfo(String goVersion, Integer gomaxprocs, Integer numCpu, String source) {

    public static final String FROM_INFO = "/info";
    public static final String FROM_METRICS = "/metrics";
    public static final String UNKNOWN = "none";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP GET of a path on the pprof port: the body of a 200 answer, else empty. */
    public interface Endpoint {
        Optional<String> get(String path);
    }

    /** The first source that answers: {@code /info}, then {@code /metrics}; unknown when neither does. */
    public static GoRuntimeInfo read(Endpoint pprofPort) {
        Optional<String> info = pprofPort.get(FROM_INFO);
        if (info.isPresent()) {
            try {
                return fromInfoJson(info.get());
            } catch (IllegalArgumentException notTheLabs) {
                // another service's /info: fall back to the metrics page
            }
        }
        Optional<String> metrics = pprofPort.get(FROM_METRICS);
        if (metrics.isPresent()) {
            try {
                return fromMetrics(metrics.get());
            } catch (IllegalArgumentException | PrometheusTextFormatException noGoInfo) {
                // a metrics page without the Go collector
            }
        }
        return new GoRuntimeInfo(null, null, null, UNKNOWN);
    }

    /** The minor version (26 for go1.26.8), for version-dependent runtime behaviour; 0 if unknown. */
    public int goMinorVersion() {
        return GoRelease.minor(goVersion).orElse(0);
    }

    public boolean numCpuKnown() {
        return numCpu != null;
    }

    /** Parses the lab's {@code /info}: {@code {"goVersion":"go1.26.8","gomaxprocs":2,"numCpu":2,...}}. */
    public static GoRuntimeInfo fromInfoJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("/info is not JSON: " + e.getMessage(), e);
        }
        if (node == null
                || !node.hasNonNull("goVersion")
                || !node.path("gomaxprocs").isInt()
                || !node.path("numCpu").isInt()) {
            throw new IllegalArgumentException("/info lacks goVersion, gomaxprocs or numCpu: " + json.strip());
        }
        return new GoRuntimeInfo(
                node.get("goVersion").asText(),
                node.get("gomaxprocs").asInt(),
                node.get("numCpu").asInt(),
                FROM_INFO);
    }

    /**
     * Parses a /metrics page in any dialect {@link RuntimeMetrics} reads: the Go version from
     * client_golang's {@code go_info{version="..."}} (OpenTelemetry's runtime instrumentation serves
     * none: then null), GOMAXPROCS from {@code go_sched_gomaxprocs_threads} (client_golang, default
     * and runtime/metrics alike) or OpenTelemetry's {@code go_processor_limit}. A page with neither is
     * not a Go runtime's.
     */
    public static GoRuntimeInfo fromMetrics(String text) {
        RuntimeMetrics page = RuntimeMetrics.parse(text, FROM_METRICS);
        String version = page.goVersion().orElse(null);
        RuntimeMetricsValue procs = page.get(RuntimeMetricsName.SCHED_GOMAXPROCS);
        Integer gomaxprocs = procs.present() ? (int) procs.value() : null;
        if (version == null && gomaxprocs == null) {
            throw new IllegalArgumentException("/metrics has neither go_info{version=...} nor GOMAXPROCS ("
                    + RuntimeMetricsName.SCHED_GOMAXPROCS.expositions().stream()
                            .map(RuntimeMetricsExposition::name)
                            .toList()
                    + ")");
        }
        return new GoRuntimeInfo(version, gomaxprocs, null, FROM_METRICS);
    }
}
