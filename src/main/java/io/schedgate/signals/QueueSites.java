package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where requests queue, read off a goroutine profile taken under load: the goroutines serving an
 * HTTP request (a {@code net/http} handler frame on the stack) that are parked on a synchronisation
 * primitive, grouped by wait site and state, largest first. A saturated target's largest group is
 * its bottleneck: a lock, a channel or semaphore send, a pool.
 *
 * @param handlers goroutines inside a handler, parked or not
 * @param sites the parked ones by site, largest first
 * @param serving goroutines serving a request: the handlers and the connection readers net/http starts
 *     beside each running handler ({@code (*connReader).backgroundRead})
 */
public record QueueSites(long handlers, List<GoroutineGroups.Group> sites, long serving) {

    /** States that are a queue: waiting for another goroutine to let this one go on. */
    private static final Set<String> QUEUEING =
            Set.of("chan send", "chan receive", "select", "sync.Mutex", "sync.RWMutex", "sync.Cond.Wait", "semacquire");

    public static QueueSites of(Profile goroutines) {
        long handlers = 0;
        long readers = 0;
        long profiling = 0;
        Map<String, GoroutineGroups.Group> bySite = new LinkedHashMap<>();
        for (Sample s : goroutines.samples()) {
            if (!s.stack().isEmpty()
                    && s.stack().stream().anyMatch(f -> f.function().equals("net/http.(*connReader).backgroundRead"))) {
                readers += s.values()[0];
                continue;
            }
            if (s.stack().stream().anyMatch(f -> f.function().startsWith("net/http/pprof."))) {
                profiling += s.values()[0]; // the collector's own capture, with its connection reader
                continue;
            }
            if (!inHandler(s.stack())) {
                continue;
            }
            long n = s.values()[0];
            handlers += n;
            String state = WaitSites.state(s.stack());
            if (!QUEUEING.contains(state)) {
                continue;
            }
            String site = WaitSites.describe(s.stack());
            bySite.merge(
                    site + "\u0000" + state,
                    new GoroutineGroups.Group(site, state, n),
                    (a, b) -> new GoroutineGroups.Group(a.site(), a.state(), a.goroutines() + b.goroutines()));
        }
        List<GoroutineGroups.Group> sites = bySite.values().stream()
                .sorted(Comparator.comparingLong((GoroutineGroups.Group g) -> -g.goroutines())
                        .thenComparing(GoroutineGroups.Group::site))
                .toList();
        return new QueueSites(handlers, sites, handlers + Math.max(0, readers - profiling));
    }

    /** The largest queue, if any handler goroutine waits on one. */
    public Optional<GoroutineGroups.Group> largest() {
        return sites.stream().findFirst();
    }

    /** A request handler's goroutine; net/http/pprof's own handlers (the collector's captures) are not requests. */
    private static boolean inHandler(List<Frame> stack) {
        for (Frame f : stack) {
            if (f.function().startsWith("net/http/pprof.")) {
                return false;
            }
        }
        for (Frame f : stack) {
            String fn = f.function();
            if (fn.startsWith("net/http.HandlerFunc.")
                    || fn.startsWith("net/http.serverHandler.")
                    || fn.startsWith("net/http.(*ServeMux).ServeHTTP")) {
                return true;
            }
        }
        return false;
    }
}
