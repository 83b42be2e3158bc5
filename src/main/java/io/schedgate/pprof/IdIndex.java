package io.schedgate.pprof;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps the ids of a profile's locations or functions to their position in the file. Go numbers
 * them densely from 1, so a plain array does; sparse ids (other producers) fall back to a map.
 */
final class IdIndex {

    private final int[] dense;
    private final Map<Long, Integer> sparse;

    IdIndex(long[] ids, int count) {
        long max = 0;
        boolean positive = true;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, ids[i]);
            positive &= ids[i] > 0;
        }
        if (positive && max <= 4L * count + 1024) {
            dense = new int[(int) max + 1];
            java.util.Arrays.fill(dense, -1);
            for (int i = 0; i < count; i++) {
                if (dense[(int) ids[i]] < 0) {
                    dense[(int) ids[i]] = i;
                }
            }
            sparse = null;
        } else {
            dense = null;
            sparse = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                sparse.putIfAbsent(ids[i], i);
            }
        }
    }

    /** The position of {@code id}, or -1 when no entry has it. */
    int indexOf(long id) {
        if (dense != null) {
            return id > 0 && id < dense.length ? dense[(int) id] : -1;
        }
        Integer i = sparse.get(id);
        return i == null ? -1 : i;
    }
}
