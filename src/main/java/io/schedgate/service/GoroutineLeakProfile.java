package io.schedgate.service;

import io.schedgate.metrics.GoRelease;
import java.util.Optional;

/**
 * Go's goroutine-leak profile ({@code /debug/pprof/goroutineleak}): goroutines blocked on something
 * no running goroutine can reach. Go 1.26 registers it only when built with
 * {@code GOEXPERIMENT=goroutineleakprofile}; 1.27 has it on by default; 1.25 and older lack it
 * (FINDINGS.md, "goroutineleak" per version).
 */
public final class GoroutineLeakProfile {
    public static final String EXPERIMENT = "goroutineleakprofile";

    private GoroutineLeakProfile() {}

    /** The GOEXPERIMENT a build with this Go version ({@code go env GOVERSION}) needs for the profile. */
    public static Optional<String> experimentFor(String goVersion) {
        return GoRelease.minor(goVersion).orElse(0) == 26 ? Optional.of(EXPERIMENT) : Optional.empty();
    }
}
