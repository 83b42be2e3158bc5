package io.schedgate.pprof;

import java.util.Arrays;

/**
 * Gives each distinct sequence of numbers an id, storing every sequence once in one flat pool
 * (no object per sequence). A 200,000-sample profile has few distinct value pairs and, merged,
 * few distinct stacks: interning them is most of what keeps the heap near the file size.
 * Values are stored as ints when {@code narrow} (location ids; see {@link #fitsNarrow}).
 */
final class ArrayInterner {

    private final boolean narrow;
    private int[] ints;
    private long[] longs;
    private int poolSize;
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private int count;
    private int[] table = new int[256]; // slot -> id + 1, 0 = empty

    ArrayInterner(boolean narrow) {
        this.narrow = narrow;
        if (narrow) {
            ints = new int[1024];
        } else {
            longs = new long[1024];
        }
    }

    static boolean fitsNarrow(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    /** The id of {@code buf[0..len)}, adding it if new. In narrow mode every value must fit an int. */
    int intern(long[] buf, int len) {
        int h = 1;
        for (int i = 0; i < len; i++) {
            h = 31 * h + Long.hashCode(buf[i]);
        }
        h ^= h >>> 16;
        int mask = table.length - 1;
        int slot = h & mask;
        while (table[slot] != 0) {
            int id = table[slot] - 1;
            if (equal(id, buf, len)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        int id = add(buf, len);
        table[slot] = id + 1;
        if (count * 2 > table.length) {
            rehash();
        }
        return id;
    }

    int size() {
        return count;
    }

    /** Total length of all sequences. */
    int poolSize() {
        return poolSize;
    }

    int length(int id) {
        return lengths[id];
    }

    long get(int id, int i) {
        int at = offsets[id] + i;
        return narrow ? ints[at] : longs[at];
    }

    long[] toArray(int id) {
        long[] out = new long[lengths[id]];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(id, i);
        }
        return out;
    }

    /** Drops the pool: call once every sequence has been read out. */
    void release() {
        ints = null;
        longs = null;
        table = null;
    }

    private boolean equal(int id, long[] buf, int len) {
        if (lengths[id] != len) {
            return false;
        }
        int at = offsets[id];
        for (int i = 0; i < len; i++) {
            if ((narrow ? ints[at + i] : longs[at + i]) != buf[i]) {
                return false;
            }
        }
        return true;
    }

    private int add(long[] buf, int len) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        int capacity = narrow ? ints.length : longs.length;
        if (poolSize + len > capacity) {
            int n = Math.max(poolSize + len, capacity + (capacity >> 1));
            if (narrow) {
                ints = Arrays.copyOf(ints, n);
            } else {
                longs = Arrays.copyOf(longs, n);
            }
        }
        for (int i = 0; i < len; i++) {
            if (narrow) {
                ints[poolSize + i] = (int) buf[i];
            } else {
                longs[poolSize + i] = buf[i];
            }
        }
        offsets[count] = poolSize;
        lengths[count] = len;
        poolSize += len;
        return count++;
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        long[] buf = new long[16];
        for (int id = 0; id < count; id++) {
            int len = lengths[id];
            if (buf.length < len) {
                buf = new long[len];
            }
            int h = 1;
            for (int i = 0; i < len; i++) {
                buf[i] = get(id, i);
                h = 31 * h + Long.hashCode(buf[i]);
            }
            h ^= h >>> 16;
            int slot = h & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id + 1;
        }
    }
}
