package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.pprof.Profile;
import io.schedgate.pprof.ProfileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A CPU profile with only the {@code cpu/nanoseconds} column is read, as {@code go tool pprof} reads
 * it, not refused for lacking {@code samples}. The fixture is the fan-out CPU profile with its
 * samples column dropped by github.com/google/pprof/profile (fixtures/cpu-only/README.md); its
 * signals must equal the original's, and its total equals go tool pprof's (the committed -top).
 */
class CpuNanosOnlyProfileTest {

    private static final Path ORIGINAL = Path.of("src/test/resources/fixtures/pprof/go126-fanout-cpu.pb.gz");
    private static final Path NANOS_ONLY =
            Path.of("src/test/resources/fixtures/cpu-only/go126-fanout-cpu-nanos-only.pb.gz");

    @Test
    void readAsTheSameSignals() throws Exception {
        Profile original = new ProfileReader().read(ORIGINAL);
        Profile nanosOnly = new ProfileReader().read(NANOS_ONLY);
        assertEquals(1, nanosOnly.sampleTypes().size(), "the fixture really lacks the samples column");
        ProfileSignals a = ProfileSignals.of(original, "original", null);
        ProfileSignals b = ProfileSignals.of(nanosOnly, "nanos-only", null);
        assertEquals(a.cpuLocks(), b.cpuLocks());
        assertEquals(a.goready(), b.goready());
        assertEquals(a.gc(), b.gc());
        String top = Files.readString(NANOS_ONLY.resolveSibling("go126-fanout-cpu-nanos-only.top.txt"));
        assertTrue(top.contains("Total samples = 5.51s"), top);
        assertEquals(5_510_000_000L, nanosOnly.total(nanosOnly.sampleIndex("cpu")));
    }
}
