package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real collision: Docker 20.10 hands out host ports in order (the next free one after the last it
 * gave) and retries a failed bind itself before it gives up, so after a lab got ports up to P,
 * sockets listening on many ports after P make every following start fail with "bind: address
 * already in use". How many ports one failed start burns depends on the engine (IPv4 only or also
 * IPv6), so this holds far more than needed and asserts only the all-tries-fail outcome. Nothing
 * else may start containers meanwhile (surefire runs test classes one at a time).
 */
@ExtendWith(DockerRequired.class)
class PortCollisionLabTest {

    /**
     * Far more than every try can use: a failed start used 10-20 ports here, more when the engine
     * also binds IPv6 (a fresh dockerd does); how many exactly is the engine's business.
     */
    private static final int HELD_PORTS = 600;

    @Test
    void whenEveryTryCollidesTheErrorNamesTheCause() throws IOException {
        try (GoServiceContainer probe = GoServiceContainer.lab()) {
            probe.start();
            int last = lastHostPort(probe);

            // every port a try could get is taken: one line naming the cause, no retry beyond the bound
            try (Held held = Held.ports(last + 1, HELD_PORTS);
                    GoServiceContainer lab = GoServiceContainer.lab()) {
                GoServiceException[] thrown = new GoServiceException[1];
                String err = capturingStderr(() -> thrown[0] = assertThrows(GoServiceException.class, lab::start));
                assertTrue(err.contains("[schedgate] start 1/" + GoServiceContainer.PORT_COLLISION_ATTEMPTS), err);
                GoServiceException e = thrown[0];
                assertTrue(
                        e.getMessage()
                                .contains("Docker could not bind a host port in "
                                        + GoServiceContainer.PORT_COLLISION_ATTEMPTS + " tries"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("bind: address already in use"), e.getMessage());
                assertTrue(e.getMessage().endsWith("(ss -tan)"), e.getMessage());
                assertTrue(!e.getMessage().contains("exited (code"), e.getMessage());
            }
        }
    }

    private static int lastHostPort(GoServiceContainer lab) {
        return Math.max(
                URI.create(lab.appUrl()).getPort(), URI.create(lab.pprofUrl()).getPort());
    }

    private static String capturingStderr(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        saved.print(text);
        return text;
    }

    /** IPv4 listeners on consecutive host ports (one already in use counts as taken too). */
    private record Held(List<ServerSocket> sockets) implements AutoCloseable {
        static Held ports(int first, int count) throws IOException {
            List<ServerSocket> sockets = new ArrayList<>();
            for (int port = first; port < first + count; port++) {
                try {
                    sockets.add(new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0")));
                } catch (IOException taken) {
                    // something else holds it: Docker's bind fails there just the same
                }
            }
            return new Held(sockets);
        }

        @Override
        public void close() throws IOException {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
