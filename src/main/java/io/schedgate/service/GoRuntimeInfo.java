package io.schedgate.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Go process inside the container actually sees, as it reports it.
 *
 * @param goVersion  runtime.Version(), e.g. {@code go1.26.8}
 * @param gomaxprocs runtime.GOMAXPROCS(0); 0 when the service does not report it
 * @param numCpu     runtime.NumCPU() (CPUs in the process's affinity mask); 0 when not reported
 *                   (Prometheus' Go collector has no NumCPU metric)
 * @param source     the endpoint read: {@link #FROM_INFO} or {@link #FROM_METRICS}
 */
public record GoRuntimeInfo(String goVersion, int gomaxprocs, int numCpu, String source) {

    public static final String FROM_INFO = "/info";
    public static final String FROM_METRICS = "/metrics";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GO_INFO = Pattern.compile("(?m)^go_info\\{[^}]*version=\"([^\"]+)\"[^}]*}\\s");
    private static final Pattern GOMAXPROCS = Pattern.compile("(?m)^go_sched_gomaxprocs_threads\\s+([0-9.eE+]+)\\s*$");

    private static final Pattern GO_MINOR = Pattern.compile("go1\\.(\\d+)");

    /** The minor version (26 for go1.26.8), for version-dependent runtime behaviour; 0 if unparseable. */
    public int goMinorVersion() {
        Matcher m = GO_MINOR.matcher(goVersion);
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
    }

    public boolean numCpuKnown() {
        return numCpu > 0;
    }

    /**
     * Reads the service behind {@code pprofBaseUrl} (e.g. {@code http://localhost:32771}): the lab's
     * {@code /info} JSON, else Prometheus' {@code /metrics} for services that only serve that.
     */
    public static GoRuntimeInfo read(String pprofBaseUrl) {
        String infoUrl = pprofBaseUrl + FROM_INFO;
        String infoProblem;
        try {
            PlainHttp.Answer info = PlainHttp.get(infoUrl);
            if (info.code() == 200) {
                return fromInfoJson(info.body());
            }
            infoProblem = "HTTP " + info.code();
        } catch (IOException | GoServiceException e) {
            infoProblem = e.getMessage();
        }
        String metricsUrl = pprofBaseUrl + FROM_METRICS;
        try {
            PlainHttp.Answer metrics = PlainHttp.get(metricsUrl);
            if (metrics.code() != 200) {
                throw new GoServiceException("HTTP " + metrics.code());
            }
            return fromMetrics(metrics.body());
        } catch (IOException | GoServiceException e) {
            throw new GoServiceException("cannot read the Go runtime from " + infoUrl + " (" + infoProblem
                    + ") nor " + metricsUrl + " (" + e.getMessage()
                    + "): serve /info like targets/lab or Prometheus' Go collector on the pprof port", e);
        }
    }

    /** Parses the lab's {@code /info}: {@code {"goVersion":"go1.26.8","gomaxprocs":2,"numCpu":2,...}}. */
    public static GoRuntimeInfo fromInfoJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new GoServiceException("/info is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.hasNonNull("goVersion") || !node.path("gomaxprocs").isInt()
                || !node.path("numCpu").isInt()) {
            throw new GoServiceException("/info lacks goVersion, gomaxprocs or numCpu: " + json.strip());
        }
        return new GoRuntimeInfo(node.get("goVersion").asText(), node.get("gomaxprocs").asInt(),
                node.get("numCpu").asInt(), FROM_INFO);
    }

    /**
     * Parses Prometheus text from client_golang's Go collector: {@code go_info{version="..."}} and,
     * when runtime/metrics are exported, {@code go_sched_gomaxprocs_threads} (/sched/gomaxprocs:threads).
     */
    public static GoRuntimeInfo fromMetrics(String text) {
        Matcher version = GO_INFO.matcher(text);
        if (!version.find()) {
            throw new GoServiceException("/metrics has no go_info{version=...} line");
        }
        Matcher procs = GOMAXPROCS.matcher(text);
        int gomaxprocs = procs.find() ? (int) Double.parseDouble(procs.group(1)) : 0;
        return new GoRuntimeInfo(version.group(1), gomaxprocs, 0, FROM_METRICS);
    }
}
