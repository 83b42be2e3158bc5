package io.schedgate.signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every {@code lock}/{@code unlock} call site in package runtime for one Go minor version,
 * keyed by {@code file:line}, loaded from the bundled
 * {@code all-runtime-lock-unlock-sites-1.NN.tsv} (columns: lock expression, enclosing function,
 * file:line, called function). Lines are for linux/amd64 of the patch release the table was
 * generated from (FINDINGS.md "Sources and toolchains").
 */
public final class LockSiteTable {

    /** Minor versions with a bundled table. */
    public static final List<Integer> KNOWN_MINORS = List.of(22, 23, 24, 25, 26, 27);

    private static final Map<Integer, LockSiteTable> CACHE = new ConcurrentHashMap<>();

    private final int minor;
    private final Map<String, LockSite> bySite;
    private final Map<String, Set<String>> locksByFunction;

    private LockSiteTable(int minor, Map<String, LockSite> bySite) {
        this.minor = minor;
        this.bySite = bySite;
        Map<String, Set<String>> byFunction = new HashMap<>();
        for (LockSite s : bySite.values()) {
            if (s.call().equals("lock") || s.call().equals("unlock")) {
                Set<String> locks = byFunction.get(s.function());
                if (locks == null) {
                    locks = new LinkedHashSet<>();
                    byFunction.put(s.function(), locks);
                }
                locks.add(s.lockExpr());
            }
        }
        this.locksByFunction = byFunction;
    }

    /**
     * Loads every bundled table in the background: the CLI calls this while it reads the
     * profile, so the tables (and the classes that read them) are ready when attribution starts.
     */
    public static void preloadInBackground() {
        Thread t = new Thread(
                new Runnable() { // not a lambda: its bootstrap would cost more than it saves
                    @Override
                    public void run() {
                        for (int minor : KNOWN_MINORS) {
                            forMinor(minor);
                        }
                    }
                },
                "schedgate-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The table for Go 1.{@code minor}, or null when none is bundled. */
    public static LockSiteTable forMinor(int minor) {
        if (!KNOWN_MINORS.contains(minor)) {
            return null;
        }
        LockSiteTable t = CACHE.get(minor);
        if (t == null) {
            synchronized (CACHE) {
                t = CACHE.get(minor);
                if (t == null) {
                    t = load(minor);
                    CACHE.put(minor, t);
                }
            }
        }
        return t;
    }

    public int minor() {
        return minor;
    }

    /** The call at {@code fileBase:line}, or null. */
    public LockSite at(String site) {
        return bySite.get(site);
    }

    /** The distinct lock expressions a runtime function (short name, e.g. {@code wakep}) locks. */
    public Set<String> locksOf(String function) {
        return locksByFunction.getOrDefault(function, Collections.emptySet());
    }

    private static LockSiteTable load(int minor) {
        String name = "all-runtime-lock-unlock-sites-1." + minor + ".tsv";
        Map<String, LockSite> sites = new HashMap<>();
        try (InputStream in = LockSiteTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] f = new String[4];
            int at = 0;
            while (at < text.length()) {
                int end = text.indexOf('\n', at);
                end = end < 0 ? text.length() : end;
                int fields = 0;
                for (int from = at; fields < 4 && from <= end; fields++) {
                    int tab = text.indexOf('\t', from);
                    int stop = tab < 0 || tab > end ? end : tab;
                    f[fields] = text.substring(from, stop);
                    from = stop + 1;
                }
                if (fields == 4) {
                    sites.putIfAbsent(f[2], new LockSite(f[0], f[1], f[2], f[3]));
                }
                at = end + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LockSiteTable(minor, sites);
    }
}
