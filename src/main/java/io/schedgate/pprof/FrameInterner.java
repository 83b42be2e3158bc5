package io.schedgate.pprof;

import java.util.Arrays;

/**
 * Numbers the distinct frames of a profile: one {@link Frame} per (function, line, inlined), so
 * locations at different addresses of the same source line share a frame id, which keeps large
 * profiles small. An open-addressing table keyed by a packed long, to avoid boxing a key per line.
 * Each frame also records its function-name id (see {@link Profile#functionOf}).
 */
final class FrameInterner {

    private long[] keys = new long[1024];
    private int[] slots = new int[1024]; // frame id + 1, 0 = empty
    private Frame[] frames = new Frame[256];
    private int[] functions = new int[256];
    private int size;

    /** The id of the frame of function {@code functionIndex} (position in the file) at {@code line}. */
    int id(int functionIndex, int functionNameId, String function, String file, long line, boolean inlined) {
        if (line < 0 || line > Integer.MAX_VALUE) {
            return add(new Frame(function, file, line, inlined), functionNameId); // never seen from Go: not worth a key
        }
        long key = ((long) functionIndex << 33) | (line << 1) | (inlined ? 1 : 0);
        int mask = keys.length - 1;
        int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (slots[slot] != 0) {
            if (keys[slot] == key) {
                return slots[slot] - 1;
            }
            slot = (slot + 1) & mask;
        }
        int id = add(new Frame(function, file, line, inlined), functionNameId);
        keys[slot] = key;
        slots[slot] = id + 1;
        if (size * 2 > keys.length) {
            grow();
        }
        return id;
    }

    /** Adds a frame that is not interned (an unsymbolized address). */
    int add(Frame f, int functionNameId) {
        if (size == frames.length) {
            frames = Arrays.copyOf(frames, size * 2);
            functions = Arrays.copyOf(functions, size * 2);
        }
        frames[size] = f;
        functions[size] = functionNameId;
        return size++;
    }

    Frame[] frames() {
        return Arrays.copyOf(frames, size);
    }

    int[] functions() {
        return Arrays.copyOf(functions, size);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldSlots[i] != 0) {
                int slot = Long.hashCode(oldKeys[i] * 0x9E3779B97F4A7C15L) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                slots[slot] = oldSlots[i];
            }
        }
    }
}
