package io.schedgate.verdict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Details not (yet) typed: a plain key/value map, non-finite doubles turned into null. The fallback for
 * checks without their own {@link CheckDetails} record.
 */
public record MapDetails(Map<String, Object> values) implements CheckDetails {

    public static final MapDetails EMPTY = new MapDetails(Map.of());

    public MapDetails {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> copy.put(k, CheckDetails.plain(v)));
        }
        values = Collections.unmodifiableMap(copy);
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }
}
