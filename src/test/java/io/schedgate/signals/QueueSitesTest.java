package io.schedgate.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schedgate.pprof.Profile;
import io.schedgate.pprof.ProfileReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Where requests queue, on the lab's hot mutex at 2,000 req/s (fixture run hotlock-go1.26, step 3).
 * The numbers are read off {@code proofs/step-03-goroutine-end.traces.txt} ({@code go tool pprof -traces}
 * of the same file): 68 goroutines under a net/http handler that is not net/http/pprof's, 65 of them
 * parked in {@code main.(*hotlock).run} under {@code sync.(*Mutex).Lock}, 2 yielding in Unlock, 1 spinning.
 */
class QueueSitesTest {

    @Test
    void theHotMutexIsWhereRequestsQueue() throws Exception {
        Profile p = new ProfileReader()
                .read(Path.of("src/test/resources/fixtures/runs/hotlock-go1.26/step-03/goroutine-end.pb.gz"));
        QueueSites q = QueueSites.of(p);
        assertEquals(68, q.handlers());
        GoroutineGroups.Group top = q.largest().orElseThrow();
        assertEquals("main.(*hotlock).run hotlock.go:25", top.site());
        assertEquals("sync.Mutex", top.state());
        assertEquals(65, top.goroutines());
    }
}
