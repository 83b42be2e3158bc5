package io.schedgate.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A check's supporting numbers, typed: each check returns its own record of them (the model is Hyperfoil's
 * SLA.validate, whose failure carries a typed result). verdict.json shows them as the JSON object
 * {@link #asMap()} returns: one key per record component, the component's name as the key.
 *
 * <p>A component marked {@link Optional} is left out while it is null (a key only some steps have); any
 * other null is written as null. A non-finite double is "no number", i.e. null. A component that is itself
 * a {@code CheckDetails} nests as its own object, or, marked {@link Inline}, adds its keys to this one's.
 */
public interface CheckDetails {

    /** A key only some results have: absent from verdict.json while null, rather than written as null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Optional {}

    /** Details whose keys join the enclosing record's (e.g. a {@link GrowthTrend.Fit}); nothing while null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Inline {}

    /** The details as verdict.json shows them, in component order (verdict.json then sorts the keys). */
    @JsonValue
    default Map<String, Object> asMap() {
        if (!(this instanceof Record)) {
            throw new IllegalStateException(getClass().getName() + " is not a record: override asMap()");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : getClass().getRecordComponents()) {
            Object v;
            try {
                var accessor = c.getAccessor();
                accessor.setAccessible(true);
                v = accessor.invoke(this);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(
                        "cannot read " + c.getName() + " of " + getClass().getName(), e);
            }
            if (c.isAnnotationPresent(Inline.class)) {
                if (v != null) {
                    out.putAll(((CheckDetails) v).asMap());
                }
                continue;
            }
            if (v == null && c.isAnnotationPresent(Optional.class)) {
                continue;
            }
            out.put(c.getName(), plain(v));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A value as JSON shows it: non-finite doubles as null, nested details as their map. */
    static Object plain(Object v) {
        if (v instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        return v instanceof CheckDetails nested ? nested.asMap() : v;
    }
}
