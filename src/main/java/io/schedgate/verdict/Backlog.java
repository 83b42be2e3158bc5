package io.schedgate.verdict;

import io.schedgate.signals.QueueSites;

/** Goroutines still serving requests in a snapshot ({@link QueueSites#serving()}), and where they queue. */
final class Backlog {

    private Backlog() {}

    /** Goroutines serving a request in a capture's goroutine profile, -1 when it cannot be read. */
    static long serving(RunData run, Capture capture) {
        return sites(run, capture).map(QueueSites::serving).orElse(-1L);
    }

    /** Goroutines inside a request handler in a capture's goroutine profile, -1 when it cannot be read. */
    static long handlers(RunData run, Capture capture) {
        return sites(run, capture).map(QueueSites::handlers).orElse(-1L);
    }

    /** " (queued at SITE (STATE))" for the largest queue in the snapshot, else "". */
    static String where(RunData run, Capture capture) {
        return sites(run, capture)
                .flatMap(QueueSites::largest)
                .map(g -> " (" + g.goroutines() + " queued at " + g.site() + ", " + g.state() + ")")
                .orElse("");
    }

    /** "; the handlers wait at SITE (STATE) in the window's last goroutine profile" for its largest queue, else "". */
    static String waitingAt(RunData run, Capture capture) {
        return sites(run, capture)
                .flatMap(QueueSites::largest)
                .map(g -> "; the handlers wait at " + g.site() + " (" + g.state()
                        + ") in the window's last goroutine profile")
                .orElse("");
    }

    /** Where the snapshot's request goroutines queue, empty when the capture is no readable goroutine profile. */
    static java.util.Optional<QueueSites> sites(RunData run, Capture capture) {
        return run.profiles().goroutines(capture).map(QueueSites::of);
    }
}
