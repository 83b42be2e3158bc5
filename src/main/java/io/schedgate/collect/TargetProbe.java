package io.schedgate.collect;

import io.schedgate.metrics.GoRuntimeInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks, before the ramp, that the target answers on both ports (fail fast, one line), and asks
 * it which Go version and GOMAXPROCS it runs: the lab's {@code /info}, else {@code /metrics}.
 */
public final class TargetProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

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

    /** What the target says about its runtime: the one reader in {@link GoRuntimeInfo}, over this probe's HTTP client. */
    public GoRuntimeInfo runtimeInfo() {
        return GoRuntimeInfo.read(path -> {
            Fetcher.Outcome o = fetcher.get(target.pprofUrl() + path, TIMEOUT);
            return o.ok() ? Optional.of(new String(o.body(), StandardCharsets.UTF_8)) : Optional.empty();
        });
    }
}
