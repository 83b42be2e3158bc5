package io.schedgate.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Weighted request paths the load picks from, e.g. {@code /healthy?us=50@4,/fanout?n=64@2}.
 * Weights are relative; a path without {@code @w} has weight 1.
 */
public record EndpointMix(List<Entry> entries) {

    public record Entry(String path, int weight) {
        public Entry {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
        }
    }

    public EndpointMix {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an endpoint mix needs at least one path");
        }
        entries = List.copyOf(entries);
    }

    public int totalWeight() {
        return entries.stream().mapToInt(Entry::weight).sum();
    }

    /** Parses {@code path@weight,...}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static EndpointMix parse(String spec) {
        List<Entry> entries = new ArrayList<>();
        for (String part : spec.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int at = item.lastIndexOf('@');
            String path = at < 0 ? item : item.substring(0, at).trim();
            int weight = 1;
            if (at >= 0) {
                String w = item.substring(at + 1).trim();
                try {
                    weight = Integer.parseInt(w);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("weight '" + w + "' of " + path + " is not a whole number");
                }
            }
            entries.add(new Entry(path, weight));
        }
        return new EndpointMix(entries);
    }

    /** The inverse of {@link #parse}. */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.path()).append('@').append(e.weight());
        }
        return sb.toString();
    }
}
