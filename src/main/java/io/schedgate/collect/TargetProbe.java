package io.schedgate.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before the ramp, that the target answers on both ports (fail fast, one line), and asks
 * it which Go version and GOMAXPROCS it runs: the lab's {@code /info}, else {@code /metrics}.
 */
public final class TargetProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern GO_INFO = Pattern.compile("^go_info\\{[^}]*version=\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern GOMAXPROCS =
            Pattern.compile("^go_sched_gomaxprocs_threads(?:\\{[^}]*\\})? ([0-9.eE+]+)", Pattern.MULTILINE);

    /** What the target says about its runtime; fields null where it did not say. */
    public record RuntimeInfo(String goVersion, Integer gomaxprocs, Integer numCpu) {
    }

    private final Fetcher fetcher;
    private final TargetEndpoints target;

    public TargetProbe(Fetcher fetcher, TargetEndpoints target) {
        this.fetcher = fetcher;
        this.target = target;
    }

    /** Throws {@link TargetUnreachableException} unless both ports answer HTTP (any status). */
    public void requireAnswering() {
        requireAnswering(target.pprofUrl() + "/debug/pprof/", "pprof", "schedgate.target.pprof");
        requireAnswering(target.appUrl() + "/", "application", "schedgate.target.url");
    }

    private void requireAnswering(String url, String what, String property) {
        Fetcher.Outcome o = fetcher.get(url, TIMEOUT);
        if (o.httpStatus() == 0) {
            throw new TargetUnreachableException("target " + what + " port does not answer at " + url + " ("
                    + o.failure() + "): start the service or fix -D" + property);
        }
    }

    /** True while something still answers HTTP on the pprof port. */
    public boolean alive() {
        return fetcher.get(target.pprofUrl() + "/debug/pprof/", TIMEOUT).httpStatus() != 0;
    }

    public RuntimeInfo runtimeInfo() {
        Fetcher.Outcome info = fetcher.get(target.pprofUrl() + "/info", TIMEOUT);
        if (info.ok()) {
            try {
                JsonNode n = new ObjectMapper().readTree(info.body());
                return new RuntimeInfo(text(n, "goVersion"), integer(n, "gomaxprocs"), integer(n, "numCpu"));
            } catch (IOException notJson) {
                // not the lab's /info: fall back to the metrics page
            }
        }
        Fetcher.Outcome metrics = fetcher.get(target.pprofUrl() + "/metrics", TIMEOUT);
        if (!metrics.ok()) {
            return new RuntimeInfo(null, null, null);
        }
        String text = new String(metrics.body(), StandardCharsets.UTF_8);
        Matcher v = GO_INFO.matcher(text);
        Matcher p = GOMAXPROCS.matcher(text);
        return new RuntimeInfo(v.find() ? v.group(1) : null, p.find() ? (int) Double.parseDouble(p.group(1)) : null,
                null);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Integer integer(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asInt() : null;
    }
}
