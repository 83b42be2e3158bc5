package io.schedgate.verdict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A value for every threshold the checks judge against ({@link CheckRegistry#limits()}), each
 * overridable with {@code -Dschedgate.<key>=<value>}. The keys, defaults and rules are declared
 * once, as {@link Limit}s beside the checks that read them; a check reads its values through its
 * own {@code Limits} record ({@code SchedLockPressureCheck.Limits.of(thresholds)}).
 */
public final class Thresholds {

    public static final String PREFIX = "schedgate.";

    private final Map<Limit, Double> values;
    /** The limits {@link #get} answers for; null = all. A check is given only those it declares. */
    private final Set<Limit> readable;

    private final String reader;

    private Thresholds(Map<Limit, Double> values, Set<Limit> readable, String reader) {
        this.values = values;
        this.readable = readable;
        this.reader = reader;
    }

    private Thresholds(Map<Limit, Double> values) {
        this(Collections.unmodifiableMap(new LinkedHashMap<>(values)), null, null);
        for (Limit limit : CheckRegistry.limits()) {
            limit.check(get(limit));
        }
        for (Limit limit : CheckRegistry.limits()) {
            limit.checkOrder(this);
        }
    }

    public static Thresholds defaults() {
        return from(new Properties());
    }

    /** Defaults overridden by {@code schedgate.*} system properties. */
    public static Thresholds fromSystemProperties() {
        return from(System.getProperties());
    }

    /**
     * Defaults overridden by {@code schedgate.*} entries; a bad value names its property, a key a
     * limit replaced names its replacement. Other entries are left alone (system properties hold many).
     */
    public static Thresholds from(Properties p) {
        List<Limit> limits = CheckRegistry.limits();
        for (Limit limit : limits) {
            if (limit.replaces() != null && p.getProperty(PREFIX + limit.replaces()) != null) {
                throw new IllegalArgumentException("-D" + PREFIX + limit.replaces()
                        + " counted per window, so the verdict depended on the window's length: give -D" + PREFIX
                        + limit.key() + " (the same per second of window) instead");
            }
        }
        Map<Limit, Double> values = new LinkedHashMap<>();
        for (Limit limit : limits) {
            values.put(limit, limit.read(p));
        }
        return new Thresholds(values);
    }

    /** These thresholds with one value changed (validated like a given one). */
    public Thresholds with(Limit limit, double value) {
        Map<Limit, Double> changed = new LinkedHashMap<>(values);
        if (changed.replace(limit, value) == null) {
            throw new IllegalArgumentException(limit + " is not in CheckRegistry.limits()");
        }
        return new Thresholds(changed);
    }

    public double get(Limit limit) {
        Double v = values.get(limit);
        if (v == null) {
            throw new IllegalArgumentException(limit + " is not in CheckRegistry.limits()");
        }
        if (readable != null && !readable.contains(limit)) {
            throw new IllegalStateException(
                    reader + " read " + limit.key() + " without declaring it in its limits(): add it there");
        }
        return v;
    }

    /**
     * These values, readable only for {@code check}'s declared limits: what {@link VerdictEngine} gives
     * each check, so every threshold a check reads is one it declares, and one {@code --help} lists.
     */
    Thresholds readableBy(Check check) {
        return new Thresholds(
                values, Set.copyOf(check.limits()), check.getClass().getSimpleName());
    }

    /** True for a key (without the prefix) some check reads, or that a limit replaced and refuses by name. */
    public static boolean isKnown(String key) {
        return CheckRegistry.limits().stream().anyMatch(l -> l.key().equals(key) || key.equals(l.replaces()));
    }

    /** Every value keyed by its property name without the prefix, in registry order; "none" is null. */
    public Map<String, Object> byKey() {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((limit, v) -> m.put(limit.key(), limit.shown(v)));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Thresholds t && t.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Thresholds" + byKey();
    }
}
