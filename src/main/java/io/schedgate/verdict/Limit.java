package io.schedgate.verdict;

import java.util.Properties;
import java.util.function.DoublePredicate;

/**
 * One threshold, declared once beside the check that reads it: its key (set with
 * {@code -Dschedgate.<key>=<value>}, a plan or {@code --threshold KEY=VALUE}), its default, a line
 * of description for {@code --help}, how its text is read (fractions accept {@code 0.05} or
 * {@code 5%}) and what values it accepts. {@link Thresholds} holds a value for every limit of
 * {@link CheckRegistry#limits()}; a check reads its own through its {@code Limits} record.
 */
public final class Limit {

    private enum Kind {
        FRACTION,
        NUMBER,
        INTEGER
    }

    private final String key;
    private final Kind kind;
    private final double fallback;
    private final String description;
    private final DoublePredicate valid;
    /** The problem line's text between the property name and the rejected value; null = a fraction's. */
    private final String rule;

    private final Limit notAbove;
    private final String replaces;

    private Limit(
            String key,
            Kind kind,
            double fallback,
            String description,
            DoublePredicate valid,
            String rule,
            Limit notAbove,
            String replaces) {
        this.key = key;
        this.kind = kind;
        this.fallback = fallback;
        this.description = description;
        this.valid = valid;
        this.rule = rule;
        this.notAbove = notAbove;
        this.replaces = replaces;
    }

    /** A share between 0 and 1, given as {@code 0.05} or {@code 5%}. */
    static Limit fraction(String key, double fallback, String description) {
        return new Limit(key, Kind.FRACTION, fallback, description, v -> v >= 0 && v <= 1, null, null, null);
    }

    /**
     * A number accepted when {@code valid}; else the problem reads {@code schedgate.<key> <rule><value>},
     * e.g. rule {@code "must be >= 0, got "}.
     */
    static Limit number(String key, double fallback, String description, DoublePredicate valid, String rule) {
        return new Limit(key, Kind.NUMBER, fallback, description, valid, rule, null, null);
    }

    /** A number of at least 0. */
    static Limit nonNegative(String key, double fallback, String description) {
        return number(key, fallback, description, v -> v >= 0, "must be >= 0, got ");
    }

    /** A whole number (a given value is rounded), shown without a fraction part. */
    static Limit integer(String key, int fallback, String description, DoublePredicate valid, String rule) {
        return new Limit(key, Kind.INTEGER, fallback, description, valid, rule, null, null);
    }

    /** This limit accepting what {@code valid} accepts instead of 0..1, e.g. a fraction with a narrower range. */
    Limit accepting(DoublePredicate valid, String rule) {
        return new Limit(key, kind, fallback, description, valid, rule, notAbove, replaces);
    }

    /** A value above {@code other}'s is refused, e.g. a WARN level above its FAIL level. */
    Limit notAbove(Limit other) {
        return new Limit(key, kind, fallback, description, valid, rule, other, replaces);
    }

    /** This limit replaces an old key, which is refused naming this one. */
    Limit replacing(String oldKey) {
        return new Limit(key, kind, fallback, description, valid, rule, notAbove, oldKey);
    }

    /** The key without the {@code schedgate.} prefix, e.g. {@code schedlock.warn}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The default as verdict.json and {@code --help} show it. */
    public Object defaultShown() {
        return shown(fallback);
    }

    /** The old key this one replaced, or null. */
    String replaces() {
        return replaces;
    }

    double fallback() {
        return fallback;
    }

    /** A value as verdict.json shows it: "none" (NaN) is null, a whole-number limit an int. */
    Object shown(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        return kind == Kind.INTEGER ? (Object) (int) v : (Object) v;
    }

    /** The value of {@code schedgate.<key>} in {@code p}, or the default when unset or blank. */
    double read(Properties p) {
        String raw = p.getProperty(Thresholds.PREFIX + key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String s = raw.strip();
        if (kind != Kind.FRACTION) {
            double v = parse(s, "a number");
            return kind == Kind.INTEGER ? Math.round(v) : v;
        }
        boolean percent = s.endsWith("%");
        double v = parse(
                percent ? s.substring(0, s.length() - 1).strip() : s, "a fraction like 0.05 or a percentage like 5%");
        return percent ? v / 100.0 : v;
    }

    private double parse(String text, String expected) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + Thresholds.PREFIX + key + "=" + text + " is not " + expected);
        }
    }

    /** Throws, naming the property, when {@code v} is not accepted. */
    void check(double v) {
        if (valid.test(v)) {
            return;
        }
        if (rule == null) {
            throw new IllegalArgumentException(
                    "-D" + Thresholds.PREFIX + key + " must be between 0 and 1 (or 0% and 100%), got " + shown(v));
        }
        throw new IllegalArgumentException(Thresholds.PREFIX + key + " " + rule + shown(v));
    }

    /** Throws when this value is above the one of the limit it must not exceed. */
    void checkOrder(Thresholds t) {
        if (notAbove == null || !(t.get(this) > t.get(notAbove))) {
            return;
        }
        throw new IllegalArgumentException(Thresholds.PREFIX + key + " (" + t.get(this) + ") is above "
                + Thresholds.PREFIX + notAbove.key + " (" + t.get(notAbove) + "): " + last(key) + " must be <= "
                + last(notAbove.key));
    }

    private static String last(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return key;
    }
}
