package io.schedgate.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Docker's refusal to publish a container port because the host port it picked is taken.
 * Docker takes host ports from the same ephemeral range ({@code net.ipv4.ip_local_port_range}) that
 * client sockets use, so under load a start can collide with a load-test connection. The two forms,
 * as Docker 20.10 words them: {@code Bind for 0.0.0.0:45999 failed: port is already allocated} (Docker's
 * own allocator) and {@code Error starting userland proxy: listen tcp4 0.0.0.0:39931: bind: address
 * already in use} (another socket on the host).
 */
final class HostPortCollision {

    private static final Pattern WHAT = Pattern.compile(
            "Bind for \\S+ failed: port is already allocated|listen tcp\\d? \\S+: bind: address already in use");

    private HostPortCollision() {}

    /** Docker's words for the collision anywhere in the cause chain, e.g. {@code listen tcp4 0.0.0.0:39931: bind: address already in use}. */
    static Optional<String> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = WHAT.matcher(t.getMessage());
                if (m.find()) {
                    return Optional.of(m.group());
                }
            }
        }
        return Optional.empty();
    }
}
