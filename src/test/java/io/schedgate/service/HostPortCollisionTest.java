package io.schedgate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Docker's messages as the engine here (20.10) gave them to {@code docker run -p PORT:8080} on a FROM scratch image. */
class HostPortCollisionTest {

    /** A host process listened on 39931. */
    private static final String SOCKET_TAKEN =
            "Status 500: {\"message\":\"driver failed programming external connectivity"
                    + " on endpoint vigorous_nash (d1a263e093ba4655a8da3dec9029934a662d7149f396018097e698cedf749da7): Error starting"
                    + " userland proxy: listen tcp4 0.0.0.0:39931: bind: address already in use\"}";
    /** Another container had published 45999. */
    private static final String ALLOCATED = "Status 500: {\"message\":\"driver failed programming external connectivity"
            + " on endpoint infallible_kirch (c0ff011247570734580e43a8423276cbfce42519bd95c95e08456d2571d96815): Bind for"
            + " 0.0.0.0:45999 failed: port is already allocated\"}";

    @Test
    void aHostSocketOnThePortIsRecognisedDeepInTheChain() {
        RuntimeException e = new RuntimeException(
                "Container startup failed for image schedgate/lab:x",
                new IllegalStateException("Could not create/start container", new RuntimeException(SOCKET_TAKEN)));
        assertEquals(Optional.of("listen tcp4 0.0.0.0:39931: bind: address already in use"), HostPortCollision.in(e));
    }

    @Test
    void aPortAnotherContainerPublishedIsRecognised() {
        assertEquals(
                Optional.of("Bind for 0.0.0.0:45999 failed: port is already allocated"),
                HostPortCollision.in(new RuntimeException(ALLOCATED)));
    }

    @Test
    void otherStartFailuresAreNotCollisions() {
        assertTrue(HostPortCollision.in(new RuntimeException(
                        "failed to create shim task: OCI runtime create failed:"
                                + " runc create failed: unable to start container process: exec: \"/dummy\": permission denied: unknown",
                        new RuntimeException((String) null)))
                .isEmpty());
    }
}
