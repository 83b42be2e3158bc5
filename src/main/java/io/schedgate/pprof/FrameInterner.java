package io.schedgate.pprof;

import java.util.Arrays;

/**
 * One shared {@link Frame} per (function, line, inlined): locations at different addresses of
 * the same source line resolve to the same object, which keeps large profiles small. An
 * open-addressing table keyed by a packed long, to avoid boxing a key per line.
 */
final class FrameInterner {

    private long[] keys = new long[1024];
    private Frame[] frames = new Frame[1024];
    private int size;

    Frame get(int functionIndex, String function, String file, long line, boolean inlined) {
        if (line < 0 || line > Integer.MAX_VALUE) {
            return new Frame(function, file, line, inlined); // never seen from Go: not worth a key
        }
        long key = ((long) functionIndex << 33) | (line << 1) | (inlined ? 1 : 0);
        int mask = keys.length - 1;
        int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (frames[slot] != null) {
            if (keys[slot] == key) {
                return frames[slot];
            }
            slot = (slot + 1) & mask;
        }
        Frame f = new Frame(function, file, line, inlined);
        keys[slot] = key;
        frames[slot] = f;
        if (++size * 2 > keys.length) {
            grow();
        }
        return f;
    }

    private void grow() {
        long[] oldKeys = keys;
        Frame[] oldFrames = frames;
        keys = new long[oldKeys.length * 2];
        frames = new Frame[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldFrames[i] != null) {
                int slot = Long.hashCode(oldKeys[i] * 0x9E3779B97F4A7C15L) & mask;
                while (frames[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                frames[slot] = oldFrames[i];
            }
        }
        Arrays.fill(oldFrames, null);
    }
}
