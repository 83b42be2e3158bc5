package io.schedgate.signals;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A block profile grouped by where and on what goroutines blocked. Samples with a
 * {@code net/http/pprof} frame are left out: that is the profile handler itself sleeping for
 * {@code ?seconds=N} (FINDINGS.md §3, block profile notes), not the service's blocking.
 *
 * @param contentions       blocking events, pprof's own waits excluded
 * @param delayNanos        blocked time, pprof's own waits excluded
 * @param excludedDelayNanos the net/http/pprof waits left out
 * @param sites             largest first
 */
public record BlockReport(long contentions, long delayNanos, long excludedDelayNanos, List<Site> sites) {

    /** Blocking at one user site on one kind of primitive. */
    public record Site(String state, String function, String site, long contentions, long delayNanos) {}

    public static BlockReport of(Profile profile) {
        int cIdx = profile.sampleIndex("contentions");
        int dIdx = profile.sampleIndex("delay");
        long contentions = 0;
        long delay = 0;
        long excluded = 0;
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, Site> keys = new LinkedHashMap<>();
        for (Sample s : profile.samples()) {
            long c = s.value(cIdx);
            long d = s.value(dIdx);
            if (isPprofHandler(s.stack())) {
                excluded += d;
                continue;
            }
            contentions += c;
            delay += d;
            if (s.stack().isEmpty()) {
                continue;
            }
            Frame user = WaitSites.firstUserFrame(s.stack());
            String fn = user == null ? s.stack().get(0).function() : user.function();
            String site = user == null ? s.stack().get(0).site() : user.site();
            String state = WaitSites.state(s.stack());
            String key = state + "\u0000" + fn + "\u0000" + site;
            keys.putIfAbsent(key, new Site(state, fn, site, 0, 0));
            long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
            sum[0] += c;
            sum[1] += d;
        }
        List<Site> sites = new ArrayList<>();
        keys.forEach((k, v) -> sites.add(new Site(v.state(), v.function(), v.site(), sums.get(k)[0], sums.get(k)[1])));
        sites.sort(Comparator.comparingLong((Site x) -> -x.delayNanos()).thenComparing(Site::site));
        return new BlockReport(contentions, delay, excluded, List.copyOf(sites));
    }

    static boolean isPprofHandler(List<Frame> stack) {
        for (Frame f : stack) {
            if (f.function().startsWith("net/http/pprof.")) {
                return true;
            }
        }
        return false;
    }
}
