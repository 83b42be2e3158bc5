package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.pprof.Profile;
import io.schedgate.pprof.ProfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The walks over samples the checks ask for, on the recorded runs: the numbers the lock contention
 * and wake-up checks print for them (goldens/analyze/fixtures-*.json) come from here.
 */
class ProfileWalksTest {

    static final Path RUNS = Path.of("src/test/resources/fixtures/runs");

    static Profile read(String file) {
        return new ProfileReader().read(RUNS.resolve(file));
    }

    /** hotlock step 3: the hot mutex's function holds most of the CPU, a few samples in lock frames. */
    @Test
    void cpuUnderTheHotLocksFunction() {
        Profile cpu = read("hotlock-go1.26/step-03/cpu.pb.gz");
        assertEquals(
                new CpuUnderFunction(206, 6, 227, 2_060_000_000L), CpuUnderFunction.of(cpu, "main.(*hotlock).run"));
        assertEquals(new CpuUnderFunction(0, 0, 227, 0), CpuUnderFunction.of(cpu, "main.nowhere"));
    }

    /** Callers of sync lock frames in profile order, each at the line where it calls them. */
    @Test
    void lockFrameCallersNameTheirCallSite() {
        assertEquals(
                new LockFrameCallers(
                        List.of(
                                new LockFrameCallers.Caller("main.(*hotlock).run", 6, "hotlock.go:33"),
                                new LockFrameCallers.Caller("net/http.(*conn).hijacked", 1, "server.go:313")),
                        227),
                LockFrameCallers.of(read("hotlock-go1.26/step-03/cpu.pb.gz")));
        // herd step 1: the mutex profile names no user site, the CPU in lock frames does (a "sync lock frames" site)
        assertEquals(
                new LockFrameCallers(
                        List.of(new LockFrameCallers.Caller("net/http.(*connReader).unlock", 1, "server.go:679")), 44),
                LockFrameCallers.of(read("herd-go1.26/step-01/cpu.pb.gz")));
        assertEquals(
                List.of(),
                LockFrameCallers.of(read("hotlock-go1.26/step-01/cpu.pb.gz")).callers());
    }

    /** The goready callers of hotlock's three steps, as the wake-up check sums them. */
    @Test
    void goreadyCallersPerCpuProfile() {
        Map<String, Long> run = new LinkedHashMap<>();
        for (int step = 1; step <= 3; step++) {
            GoreadyCallers.of(read("hotlock-go1.26/step-0" + step + "/cpu.pb.gz"))
                    .samples()
                    .forEach((caller, n) -> run.merge(caller, n, Long::sum));
        }
        assertEquals(
                Map.of("net.(*netFD).SetReadDeadline fd_posix.go:155", 3L, "main.(*hotlock).run hotlock.go:33", 5L),
                run);
        assertEquals(
                List.of("main.(*hotlock).run hotlock.go:33", "net.(*netFD).SetReadDeadline fd_posix.go:155"),
                List.copyOf(GoreadyCallers.of(read("hotlock-go1.26/step-02/cpu.pb.gz"))
                        .samples()
                        .keySet()),
                "in the order the profile first names them");
    }

    /**
     * Idle keep-alive connections (net/http conn.serve parked in IO wait, outside a handler) are
     * counted as `go tool pprof -traces` shows them (proofs/step-03-goroutine-end-idle-connections.txt).
     */
    @Test
    void idleKeepAliveConnectionsAreCountedAsPprofShowsThem() throws IOException {
        Path proof = RUNS.resolve("hotlock-go1.26/proofs/step-03-goroutine-end-idle-connections.txt");
        long expected = Long.parseLong(Files.readAllLines(proof)
                .get(1)
                .replace("idle connections:", "")
                .strip());
        assertEquals(expected, IdleConnections.count(read("hotlock-go1.26/step-03/goroutine-end.pb.gz")));
        assertTrue(expected > 100, "loadgen's pool at a saturated step");
    }
}
