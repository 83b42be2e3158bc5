package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Go versions need GOEXPERIMENT=goroutineleakprofile for /debug/pprof/goroutineleak. */
class GoroutineLeakProfileTest {

    @Test
    void onlyGo126NeedsTheExperiment() {
        Optional<String> needed = Optional.of("goroutineleakprofile");
        assertEquals(needed, GoroutineLeakProfile.experimentFor("go1.26.8"));
        assertEquals(needed, GoroutineLeakProfile.experimentFor("go1.26"));
        assertEquals(needed, GoroutineLeakProfile.experimentFor("go1.26rc2"));
        assertEquals(Optional.empty(), GoroutineLeakProfile.experimentFor("go1.27.3")); // on by default
        assertEquals(Optional.empty(), GoroutineLeakProfile.experimentFor("go1.25.4")); // does not exist
        assertEquals(Optional.empty(), GoroutineLeakProfile.experimentFor("go1.23.5"));
        assertEquals(Optional.empty(), GoroutineLeakProfile.experimentFor("go1.260"));
        assertEquals(Optional.empty(), GoroutineLeakProfile.experimentFor(null));
    }
}
