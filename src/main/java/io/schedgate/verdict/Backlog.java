package io.schedgate.verdict;

import io.schedgate.signals.QueueSites;

/** Goroutines still serving requests in a snapshot ({@link QueueSites#serving()}), and where they queue. */
final class Backlog {

    private Backlog() {}

    /** Goroutines serving a request in a capture's goroutine profile, -1 when it cannot be read. */
    static long serving(RunData run, Capture capture) {
        QueueSites q = sites(run, capture);
        return q == null ? -1 : q.serving();
    }

    /** " (queued at SITE (STATE))" for the largest queue in the snapshot, else "". */
    static String where(RunData run, Capture capture) {
        QueueSites q = sites(run, capture);
        return q == null
                ? ""
                : q.largest()
                        .map(g -> " (" + g.goroutines() + " queued at " + g.site() + ", " + g.state() + ")")
                        .orElse("");
    }

    private static QueueSites sites(RunData run, Capture capture) {
        if (capture == null) {
            return null;
        }
        RunProfiles.Loaded l = run.profiles().load(capture);
        return l.ok() && "goroutine".equals(l.profile().kind()) ? QueueSites.of(l.profile()) : null;
    }
}
