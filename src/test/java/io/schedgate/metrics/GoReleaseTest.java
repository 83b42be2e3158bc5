package io.schedgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GoReleaseTest {

    @Test
    void readsTheMinorOfEveryFormGoPrints() {
        assertEquals(OptionalInt.of(26), GoRelease.minor("go1.26.8"));
        assertEquals(OptionalInt.of(22), GoRelease.minor("go1.22"));
        assertEquals(OptionalInt.of(27), GoRelease.minor("go1.27rc1"));
        assertEquals(OptionalInt.of(25), GoRelease.minor(" go1.25.0 X:nocoverageredesign"));
    }

    @Test
    void anythingElseIsUnknownNotZero() {
        assertEquals(OptionalInt.empty(), GoRelease.minor(null));
        assertEquals(OptionalInt.empty(), GoRelease.minor("devel go1.27-abcdef"));
        assertEquals(OptionalInt.empty(), GoRelease.minor("go2.0"));
        assertEquals(OptionalInt.empty(), GoRelease.minor(""));
    }
}
