package io.schedgate.target;

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
 * gave) and itself tries 10 times before it gives up; a failed start used 10 ports here (20 with docker
 * run publishing two ports), so after a lab got ports up to P, sockets listening on the ports after P
 * make the following start fail with "bind: address already in use". Nothing else may start containers
 * meanwhile (surefire runs test classes one at a time).
 */
@ExtendWith(DockerRequired.class)
class PortCollisionLabTest {

    /** The most a failed start used here; one used 10. */
    private static final int DOCKER_PORTS_PER_FAILED_START = 20;

    @Test
    void aTakenHostPortIsRetriedAndWhenEveryTryCollidesTheErrorNamesTheCause() throws IOException {
        try (GoServiceContainer probe = GoServiceContainer.lab()) {
            probe.start();
            int last = lastHostPort(probe);

            // the ports one (or two) failed starts use and a few more: the first start collides, a later one gets ports beyond
            try (Held held = Held.ports(last + 1, DOCKER_PORTS_PER_FAILED_START + 5);
                    GoServiceContainer lab = GoServiceContainer.lab()) {
                String err = capturingStderr(lab::start);
                assertTrue(err.contains("[schedgate] start 1/" + GoServiceContainer.PORT_COLLISION_ATTEMPTS), err);
                assertTrue(err.contains("bind: address already in use"), err);
                assertTrue(URI.create(lab.appUrl()).getPort() > last + DOCKER_PORTS_PER_FAILED_START, lab.appUrl());
                last = lastHostPort(lab);
            }

            // every port a try could get is taken: one line naming the cause, no retry beyond the bound
            try (Held held = Held.ports(last + 1,
                    (DOCKER_PORTS_PER_FAILED_START + 10) * GoServiceContainer.PORT_COLLISION_ATTEMPTS);
                    GoServiceContainer lab = GoServiceContainer.lab()) {
                GoServiceException e = assertThrows(GoServiceException.class, lab::start);
                assertTrue(e.getMessage().contains("Docker could not bind a host port in "
                        + GoServiceContainer.PORT_COLLISION_ATTEMPTS + " tries"), e.getMessage());
                assertTrue(e.getMessage().contains("bind: address already in use"), e.getMessage());
                assertTrue(e.getMessage().endsWith("(ss -tan)"), e.getMessage());
                assertTrue(!e.getMessage().contains("exited (code"), e.getMessage());
            }
        }
    }

    private static int lastHostPort(GoServiceContainer lab) {
        return Math.max(URI.create(lab.appUrl()).getPort(), URI.create(lab.pprofUrl()).getPort());
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
