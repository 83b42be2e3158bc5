package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;

/**
 * Goroutines of idle keep-alive HTTP connections in a goroutine profile: {@code net/http.(*conn).serve}
 * parked in IO wait for the next request. Their number follows the load generator's connection
 * pool, not the requests in flight, and they stay after the load stops until the client closes
 * them, so the goroutine checks (Little's law, leak) leave them out rather than call them a
 * blow-up or a leak.
 */
public final class IdleConnections {

    private IdleConnections() {}

    /** Goroutines of idle server connections in a goroutine profile. */
    public static long count(Profile goroutines) {
        long n = 0;
        for (Sample s : goroutines.samples()) {
            if (isIdleServerConnection(s)) {
                n += s.values()[0];
            }
        }
        return n;
    }

    private static boolean isIdleServerConnection(Sample s) {
        boolean serving = false;
        for (Frame f : s.stack()) {
            if (f.function().equals("net/http.(*conn).serve")) {
                serving = true;
            }
            if (f.function().startsWith("net/http.serverHandler.")
                    || f.function().startsWith("net/http.HandlerFunc.")) {
                return false; // inside a handler: a request in flight, not an idle connection
            }
        }
        return serving && "IO wait".equals(WaitSites.state(s.stack()));
    }
}
